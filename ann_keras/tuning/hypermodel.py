"""keras-tuner over the project's one model builder: the HyperModel, the tuners, progress lines.

`ConfigHyperModel.build(hp)` turns hp values into config overrides and calls
`models.build_model` + `training.compile_model`, exactly what a plain run does;
`fit(hp, model, ..., callbacks=...)` trains through `training.fit`, so the batch size and
every other train.* value come from the same config, and the tuner's own callbacks (its
best-epoch checkpoint and trial reporting) are forwarded into `model.fit`.
"""

from __future__ import annotations

import contextlib
import gc
import io
import math
import os
import resource
import socket
import sys
import time
from collections.abc import Callable
from pathlib import Path

import keras
import keras_tuner as kt
import numpy as np

from ann_keras import config as cfg
from ann_keras import evaluation, models, training
from ann_keras.data import Splits
from ann_keras.files import write_json
from ann_keras.tuning.space import Hyperparameter, SearchSpace
from ann_keras.tuning.trials import SIDECAR, describe

TUNER_CLASSES = {
    "random": kt.RandomSearch,
    "hyperband": kt.Hyperband,
    "bayesian": kt.BayesianOptimization,
    "grid": kt.GridSearch,
}
HYPERBAND_FACTOR = 3  # keras-tuner's default and 핸즈온 10.3's


def declare(hp: kt.HyperParameters, h: Hyperparameter):
    """Register `h` with keras-tuner (or read its value) and return the value."""
    given = h.explicit_default  # else keras-tuner's own default, as hp.Int(name, low, high) has
    if h.type == "int":
        step = None if h.step is None else int(h.step)
        default = int(h.default) if given else None
        return hp.Int(h.name, int(h.min), int(h.max), step=step, sampling=h.sampling, default=default)
    if h.type == "float":
        default = float(h.default) if given else None
        return hp.Float(h.name, h.min, h.max, step=h.step, sampling=h.sampling, default=default)
    if h.type == "choice":
        return hp.Choice(h.name, list(h.values), default=h.default if given else None)
    return hp.Boolean(h.name, default=bool(h.default))


def rss_mb() -> float:
    """Resident memory of this process now, in MB (Linux), else the peak so far."""
    try:
        with open("/proc/self/statm") as handle:
            return int(handle.read().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    except OSError:
        return peak_rss_mb()


def peak_rss_mb(children: bool = False) -> float:
    usage = resource.getrusage(resource.RUSAGE_CHILDREN if children else resource.RUSAGE_SELF)
    return usage.ru_maxrss / 1024 if sys.platform != "darwin" else usage.ru_maxrss / 2**20


# ---------------------------------------------------------------- the hypermodel


class ConfigHyperModel(kt.HyperModel):
    """hp values -> config overrides -> the project's model builder and trainer."""

    def __init__(
        self,
        space: SearchSpace,
        base: cfg.Config,
        splits_for: Callable[[cfg.DataConfig], Splits],
        epochs: int,
        objective: str,
        verbose: bool = True,
    ):
        super().__init__(name="ann_keras", tunable=True)
        self.space, self.base, self.splits_for = space, base, splits_for
        self.epochs, self.objective, self.verbose = epochs, objective, verbose
        self.trial_id: str | None = None
        self.tensorboard: Path | None = None  # the experiment's TensorBoard folder: a session per trial
        self.last: dict | None = None  # the last fit's curve and figures, for the trial's sidecar

    def declare_hyperparameters(self, hp):
        for h in self.space:
            declare(hp, h)

    def config_for(self, hp) -> cfg.Config:
        """The experiment's config with this trial's hyperparameter values set."""
        return self.space.apply(self.base, {h.name: declare(hp, h) for h in self.space})

    def build(self, hp):
        config = self.config_for(hp)
        training.seed_everything(config.seed, config.train.deterministic)
        splits = self.splits_for(config.data)
        model = models.build_model(config.model, splits.input_shape)
        return training.compile_model(model, config.train, len(splits.x_train), self.epochs)

    def fit(self, hp, model, *args, callbacks=(), epochs=None, initial_epoch=0, **kwargs):
        """Train one trial on train/validation; batch size and the rest come from the config.

        Args:
            callbacks: the tuner's callbacks (best-epoch checkpoint, trial reporting), forwarded.
            epochs, initial_epoch: set by Hyperband for its rounds; otherwise the search's epochs.
        Returns:
            The objective's best value with the epoch it was reached at, the epochs run and the
            wall time (keras-tuner records these for the trial).
        """
        if args or kwargs:
            raise TypeError(
                f"ConfigHyperModel.fit takes its data from the config; unexpected {list(kwargs) or args}"
            )
        config = self.config_for(hp)
        config.train.epochs = int(epochs or self.epochs)
        splits = self.splits_for(config.data)
        started = time.perf_counter()
        scalars = []
        if self.tensorboard is not None:
            from ann_keras.training.tensorboard import EpochScalars

            scalars = [EpochScalars(self.tensorboard, self.tensorboard / f"trial-{self.trial_id}", config)]
        history = training.fit(
            model,
            splits,
            config,
            None,
            callbacks=[keras.callbacks.TerminateOnNaN(), *callbacks, *scalars],
            label=f"trial {self.trial_id}",
            verbose=self.verbose,
            initial_epoch=int(initial_epoch),
        )
        for log in scalars:
            log.finish()
        wall = time.perf_counter() - started
        values = np.asarray(history.get(self.objective, []), dtype=float)
        best_index = max(evaluation.best_epoch(values, self.objective), 1) - 1
        # No number at all: NaN, and keras-tuner marks the trial failed.
        best = float(values[best_index]) if values.size and np.isfinite(values[best_index]) else float("nan")
        self.last = {
            "history": history,
            "first_epoch": int(initial_epoch) + 1,
            "best_epoch": int(initial_epoch) + best_index + 1,
            "epochs_run": int(values.size),
            "wall_time_s": round(wall, 3),
            "score": best,
        }
        return {
            self.objective: best,
            "best_epoch": float(self.last["best_epoch"]),
            "epochs_run": float(values.size),
            "wall_time_s": wall,
        }


# ---------------------------------------------------------------- progress


class Progress:
    """One line when a trial starts and one when it ends, with the best so far and time left."""

    def __init__(
        self,
        space: SearchSpace,
        objective: str,
        direction: str,
        max_trials: int | None,
        workers: int = 1,
        stream=None,
    ):
        self.space, self.objective, self.direction = space, objective, direction
        self.max_trials, self.workers, self.stream = max_trials, max(1, workers), stream
        self.started = time.perf_counter()
        self.best: tuple[float, str] | None = None
        self.finished_here: list[float] = []
        self.done = 0
        self.seen: dict[str, str] = {}

    def prime(self, trials: dict) -> None:
        """Count the trials a resumed search already finished."""
        for trial_id, trial in trials.items():
            if trial.status in ("COMPLETED", "FAILED", "INVALID"):
                self.seen[trial_id] = trial.status
                self.done += 1
                self._better(trial.score, trial_id)

    def _better(self, score, trial_id) -> None:
        if score is None or (isinstance(score, float) and math.isnan(score)):
            return
        if self.best is None or (score > self.best[0] if self.direction == "max" else score < self.best[0]):
            self.best = (float(score), trial_id)

    def _print(self, text: str) -> None:
        print(text, file=self.stream, flush=True)

    def started_trial(self, trial_id: str, values: dict, worker: str | None = None) -> None:
        number = f" [{int(trial_id) + 1}/{self.max_trials}]" if self.max_trials and trial_id.isdigit() else ""
        where = f" on {worker}" if worker else ""
        self._print(f"-- trial {trial_id}{number}{where}: {describe(values, self.space)}")

    def ended_trial(
        self,
        trial_id: str,
        status: str,
        score,
        best_epoch=None,
        wall=None,
        worker: str | None = None,
        memory_mb: float | None = None,
    ) -> None:
        self.done += 1
        self.seen[trial_id] = status
        self._better(score, trial_id)
        if wall is not None:
            self.finished_here.append(float(wall))
        where = f" on {worker}" if worker else ""
        if status == "COMPLETED" and score is not None:
            result = f"{self.objective} {score:.4f}" + (f" at epoch {int(best_epoch)}" if best_epoch else "")
        else:
            result = status
        best = f"best {self.best[0]:.4f} (trial {self.best[1]})" if self.best else "no score yet"
        elapsed = time.perf_counter() - self.started
        left = ""
        if self.max_trials and self.finished_here:
            remaining = max(0, self.max_trials - self.done)
            left = f", about {remaining * np.mean(self.finished_here) / self.workers / 60:.1f} min left"
        took = f" in {wall:.0f} s" if wall is not None else ""
        total = f"/{self.max_trials}" if self.max_trials else ""
        memory = f" | memory {memory_mb:.0f} MB" if memory_mb else ""
        self._print(
            f"   trial {trial_id}{where}: {result}{took} | {best} | {self.done}{total} done, "
            f"{elapsed / 60:.1f} min{left}{memory}"
        )


class TrackedTuner:
    """Mixin for keras-tuner's tuners: a sidecar file per trial and progress lines."""

    progress: Progress | None = None

    def on_trial_begin(self, trial):
        super().on_trial_begin(trial)
        self.hypermodel.trial_id, self.hypermodel.last = trial.trial_id, None
        if self.progress is not None:
            self.progress.started_trial(trial.trial_id, trial.hyperparameters.values)

    def on_trial_end(self, trial):
        last = self.hypermodel.last
        if last is not None:
            # Written before the oracle hears of the end, so a chief reading it finds it complete.
            write_json(
                Path(self.get_trial_dir(trial.trial_id)) / SIDECAR,
                {
                    "trial_id": trial.trial_id,
                    "worker": self.tuner_id,
                    "host": socket.gethostname(),
                    "pid": os.getpid(),
                    "rss_mb": round(rss_mb(), 1),
                    **last,
                },
            )
        super().on_trial_end(trial)
        # keras-tuner clears the Keras session before the next build; collecting here frees the
        # finished trial's model and traced functions before the memory figure is taken.
        gc.collect()
        if self.progress is not None:
            status, score = trial.status, last["score"] if last else None
            if hasattr(self.oracle, "trials"):  # in-process oracle: its final word on the trial
                record = self.oracle.trials[trial.trial_id]
                status, score = record.status, record.score
            self.progress.ended_trial(
                trial.trial_id,
                status,
                score,
                last and last["best_epoch"],
                last and last["wall_time_s"],
                memory_mb=rss_mb(),
            )


_CLASSES: dict[str, type] = {}


def tuner_class(kind: str) -> type:
    """keras-tuner's tuner of this kind with the TrackedTuner mixin."""
    if kind not in _CLASSES:
        base = TUNER_CLASSES[kind]
        _CLASSES[kind] = type(f"Tracked{base.__name__}", (TrackedTuner, base), {})
    return _CLASSES[kind]


def make_tuner(
    kind: str,
    hypermodel: ConfigHyperModel,
    project: Path,
    max_trials: int | None,
    seed: int,
    direction: str,
    options: dict | None = None,
):
    """A tuner whose state lives in `project` (reloaded when it is there)."""
    objective = kt.Objective(hypermodel.objective, direction=direction)
    common = dict(
        hypermodel=hypermodel,
        objective=objective,
        seed=seed,
        directory=str(project.parent),
        project_name=project.name,
        overwrite=False,
    )
    if kind == "hyperband":
        kwargs = dict(max_epochs=hypermodel.epochs, factor=HYPERBAND_FACTOR)
    elif kind == "bayesian":
        # Random points first, then the Gaussian process: half the budget, at most 3 per dimension.
        kwargs = dict(
            max_trials=max_trials, num_initial_points=max(2, min(3 * len(hypermodel.space), max_trials // 2))
        )
    else:
        kwargs = dict(max_trials=max_trials)
    kwargs.update(options or {})  # the experiment's own (핸즈온 10.3: hyperband_iterations=2; alpha, beta)
    with contextlib.redirect_stdout(io.StringIO()):  # "Reloading Tuner from ..." : the caller says it
        tuner = tuner_class(kind)(**common, **kwargs)
    if kind == "hyperband" and max_trials is not None:
        tuner.oracle.max_trials = max_trials  # an upper bound on top of Hyperband's own schedule
    tuner.oracle.verbose = 0  # progress is ours: one line per trial
    return tuner
