"""The one place the pipeline is wired: config -> data -> model -> fit -> evaluate -> result files.

`run_experiment` resolves an experiment's config (defaults, the experiment's own
changes, each variant's changes, then the user's `--set`), trains and evaluates
every (variant, seed) unit, and writes `results/<experiment>/` through a staging
folder so that only a complete run ever lands there.
"""

from __future__ import annotations

import dataclasses
import os
import shlex
import sys
import time
from importlib import metadata
from pathlib import Path
from typing import Any, Callable, Sequence

import numpy as np
import pandas as pd

from ann_keras import config as cfg
from ann_keras import data as data_mod
from ann_keras import plots, report_md, results
from ann_keras.metrics import classification_metrics, mean_std
from ann_keras.registry import Experiment

PACKAGES = ("keras", "tensorflow", "jax", "torch", "keras-tuner", "scikit-learn", "numpy", "pandas", "matplotlib")
MISCLASSIFIED_KEPT = 48  # images kept for the report's grid of mistakes


@dataclasses.dataclass
class RunOptions:
    """Where things go and how much is printed; none of it changes the numbers."""

    results_dir: Path = Path("results")
    data_dir: str | None = None
    work_dir: Path | None = None  # checkpoints, backups, logs: default <results>/../work
    command: str = ""
    quick: bool = False
    only: Sequence[str] | None = None  # run only these variants
    verbose: bool = True
    restart: bool = False  # discard what a stopped run of the same command left, instead of resuming it

    def work_root(self) -> Path:
        return Path(self.work_dir) if self.work_dir else Path(self.results_dir).resolve().parent / "work"


@dataclasses.dataclass
class Unit:
    """One trained and evaluated model: a (variant, seed) pair."""

    variant: str
    seed: int
    config: cfg.Config
    metrics: dict
    history: dict[str, list[float]]
    path: Path
    model: Any = None


def package_versions() -> dict[str, str]:
    versions = {"python": sys.version.split()[0]}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return versions


def resolve_variants(experiment: Experiment, overrides: dict[str, Any], quick: bool = False) -> dict[str, cfg.Config]:
    """Variant name -> fully resolved config; the user's overrides win over everything."""
    base = experiment.get_config()
    quick_overrides = {**cfg.QUICK_OVERRIDES, **experiment.quick} if quick else {}
    resolved = {}
    for name, variant_overrides in experiment.variants().items():
        config = cfg.apply_overrides(base, {**variant_overrides, **quick_overrides, **overrides})
        if quick and "train.epochs" not in overrides and "train.epochs" not in experiment.quick:
            config.train.epochs = min(config.train.epochs, cfg.QUICK_MAX_EPOCHS)
        resolved[name] = config
    return resolved


class RunContext:
    """What an experiment's `run(ctx)` works with; the default run trains every unit."""

    def __init__(self, experiment: Experiment, configs: dict[str, cfg.Config], out: Path, options: RunOptions):
        self.experiment = experiment
        self.configs = configs
        self.config = configs[experiment.primary] if experiment.primary in configs else next(iter(configs.values()))
        self.out = out
        self.options = options
        self.units: list[Unit] = []
        self.sections: list[dict] = []
        self.facts: dict[str, Any] = {}
        self.device: dict = {}
        self.run_info: dict = {}  # run.json as it will be written; a run may add keys
        self._splits: dict[str, data_mod.Splits] = {}
        self._test: dict[str, tuple] = {}
        self.resuming = False  # reopened a stopped run: finished units are kept, not retrained

    # ------------------------------------------------------------ data

    def log(self, message: str) -> None:
        if self.options.verbose:
            print(message, flush=True)

    def splits(self, data_config: cfg.DataConfig) -> data_mod.Splits:
        """Train/validation splits for `data_config`, loaded once per run."""
        key = cfg.dumps(data_config)
        if key not in self._splits:
            self._splits[key] = data_mod.load_splits(data_config, self.options.data_dir)
        return self._splits[key]

    def test_set(self, data_config: cfg.DataConfig, scaler: dict) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """The test split, scaled like training; read by evaluation only."""
        key = cfg.dumps(data_config)
        if key not in self._test:
            self._test[key] = data_mod.load_test(data_config, scaler, self.options.data_dir)
        return self._test[key]

    def seeds(self, config: cfg.Config) -> list[int]:
        return [config.seed + i for i in range(config.seeds)]

    def work_dir(self, variant: str, seed: int) -> Path:
        return self.options.work_root() / self.experiment.name / variant / f"seed-{seed}"

    def unit_dir(self, variant: str, seed: int) -> Path:
        return self.out / "runs" / variant / f"seed-{seed}"

    # ------------------------------------------------------------ training

    def train_and_evaluate(self, config: cfg.Config, variant: str = "main", seed: int | None = None, callbacks: Sequence = (), keep_model: bool = False) -> Unit:
        """Build, compile, fit on train/validation, evaluate once on test, write the unit's files."""
        import keras

        from ann_keras import models, training

        seed = config.seed if seed is None else seed
        label = variant if len(self.configs) > 1 or config.seeds > 1 else self.experiment.name
        if config.seeds > 1:
            label += f" seed {seed}"
        path = self.unit_dir(variant, seed)
        if self.resuming and not keep_model and (path / "metrics.json").is_file():
            unit = load_unit(path, variant, seed, config)
            self.log(f"  [{label}] finished before the stop: kept (test_accuracy {unit.metrics['test_accuracy']:.4f})")
            self.units.append(unit)
            return unit
        keras.backend.clear_session()
        training.seed_everything(seed, config.train.deterministic)
        splits = self.splits(config.data)
        model = models.build_model(config.model, splits.input_shape)
        training.compile_model(model, config.train)
        history = training.fit(
            model, splits, config, self.work_dir(variant, seed),
            callbacks=[keras.callbacks.TerminateOnNaN(), *callbacks], label=label, verbose=self.options.verbose,
            resumable=True,
        )
        x_test, y_test, raw_test = self.test_set(config.data, splits.scaler)
        metrics = evaluate(model, x_test, y_test, config, history)
        epoch_seconds = history.get("epoch_seconds", [])
        metrics.update(params=int(model.count_params()), train_time_s=float(sum(epoch_seconds)),
                       seconds_per_epoch=float(np.mean(epoch_seconds)) if epoch_seconds else None)
        metrics["learning_rate"] = float(keras.ops.convert_to_numpy(model.optimizer.learning_rate))
        write_unit(path, config, metrics, history, models.describe(model, splits.input_shape), model_probs=metrics.pop("_probabilities"), y_test=y_test, raw_test=raw_test)
        unit = Unit(variant, seed, config, metrics, history, path, model if keep_model else None)
        self.units.append(unit)
        return unit

    def each_unit(self):
        """Yield (variant, config, seed) for every unit, announcing each (loops in `run(ctx)` use it too)."""
        total = sum(c.seeds for c in self.configs.values())
        done = 0
        for variant, config in self.configs.items():
            for seed in self.seeds(config):
                done += 1
                if total > 1:
                    self.log(f"-- {self.experiment.name}: unit {done}/{total}: {variant}, seed {seed}")
                yield variant, config, seed

    def train_recording(self, make_recorder: Callable[[data_mod.Splits, cfg.Config], Any]) -> pd.DataFrame:
        """Train every unit with one recorder callback each; their tables in one, tagged by variant and seed.

        `make_recorder(splits, config)` returns a callback with a `frame()` method. Each
        unit's table is also kept in its folder, so a resumed run has the tables of the
        units it did not need to train again.
        """
        frames = []
        for variant, config, seed in self.each_unit():
            recorder = make_recorder(self.splits(config.data), config)
            unit = self.train_and_evaluate(config, variant, seed, callbacks=[recorder])
            kept = unit.path / "recorded.csv"
            frame = recorder.frame()
            if len(frame):
                results.write_csv(kept, frame)
            elif kept.is_file():  # finished before a stop: the recorder did not run this time
                frame = pd.read_csv(kept)
            frames.append(frame.assign(variant=variant, seed=seed))
        return pd.concat(frames, ignore_index=True)

    def run_units(self) -> list[Unit]:
        """Every (variant, seed) unit with the standard pipeline."""
        for variant, config, seed in self.each_unit():
            self.train_and_evaluate(config, variant, seed)
        return self.units

    # ------------------------------------------------------------ extra report material

    def add_table(self, name: str, frame: pd.DataFrame, title: str, caption: str = "", decimals: int | None = None) -> Path:
        """A table for the report, saved as tables/<name>.csv; `decimals`: how many the report shows (default 4)."""
        path = results.write_csv(self.out / "tables" / f"{name}.csv", frame)
        section = {"kind": "table", "title": title, "file": f"tables/{name}.csv", "caption": caption}
        if decimals is not None:
            section["decimals"] = decimals
        self.sections.append(section)
        return path

    def add_figure(self, name: str, fig, title: str, caption: str = "") -> Path:
        """A matplotlib figure for the report, saved as figures/<name>.png."""
        path = plots.save(fig, self.out / "figures" / f"{name}.png")
        self.sections.append({"kind": "figure", "title": title, "file": f"figures/{name}.png", "caption": caption})
        return path

    def add_text(self, title: str, text: str) -> None:
        self.sections.append({"kind": "text", "title": title, "text": text})

    def add_facts(self, **facts: Any) -> None:
        """Named numbers the experiment computed (kept in facts.json, shown in the report)."""
        self.facts.update(facts)


# ---------------------------------------------------------------- evaluation and unit files


def evaluate(model, x_test: np.ndarray, y_test: np.ndarray, config: cfg.Config, history: dict) -> dict:
    """Predict the test set once; scikit-learn metrics plus the training summary."""
    from ann_keras import training

    probabilities = training.predict(model, x_test)
    if not np.all(np.isfinite(probabilities)):
        probabilities = np.nan_to_num(probabilities, nan=1.0 / probabilities.shape[1])
    y_pred = probabilities.argmax(axis=1)
    metrics = classification_metrics(y_test, y_pred, data_mod.CLASS_NAMES, probabilities)
    metrics.update(training_summary(history, config.train))
    metrics["_probabilities"] = probabilities
    return metrics


def training_summary(history: dict[str, list[float]], train: cfg.TrainConfig) -> dict:
    """Epochs run, whether and where training stopped early, and the scores at the evaluated epoch."""
    from ann_keras.training import best_epoch

    epochs_run = len(history.get("loss", []))
    losses = np.asarray(history.get("loss", []), dtype=float)
    diverged = bool(losses.size and not np.all(np.isfinite(losses)))
    early = train.early_stopping_patience is not None
    monitor_best = best_epoch(history, train.monitor) if train.monitor in history else epochs_run
    evaluated = monitor_best if early and train.restore_best_weights and not diverged else epochs_run
    summary = {
        "epochs_run": epochs_run,
        "epochs_planned": train.epochs,
        "stopped_early": bool(early and epochs_run < train.epochs and not diverged),
        "best_epoch": monitor_best,
        "evaluated_epoch": evaluated,
        "monitor": train.monitor,
        "diverged": diverged,
    }
    if diverged:
        summary["diverged_at_epoch"] = int(np.argmax(~np.isfinite(losses))) + 1
    for key in ("loss", "accuracy", "val_loss", "val_accuracy"):
        if key in history and history[key]:
            summary[key] = history[key][evaluated - 1]
    if history.get("val_accuracy"):
        values = np.asarray(history["val_accuracy"], dtype=float)
        summary["best_val_accuracy"] = float(np.nanmax(values)) if np.any(np.isfinite(values)) else None
        summary["best_val_accuracy_epoch"] = int(np.nanargmax(values)) + 1 if np.any(np.isfinite(values)) else None
    return summary


def write_unit(path: Path, config: cfg.Config, metrics: dict, history: dict, model_info: dict, model_probs: np.ndarray, y_test: np.ndarray, raw_test: np.ndarray) -> None:
    """history.csv, config.json, model.json, predictions.csv, misclassified.npz, then metrics.json.

    metrics.json comes last: its presence marks the unit as finished.
    """
    frame = pd.DataFrame(history)
    frame.insert(0, "epoch", range(1, len(frame) + 1))
    results.write_csv(path / "history.csv", frame)
    results.write_json(path / "config.json", cfg.to_dict(config))
    results.write_json(path / "model.json", model_info)
    y_pred = model_probs.argmax(axis=1)
    confidence = model_probs.max(axis=1)
    results.write_csv(
        path / "predictions.csv",
        pd.DataFrame({"index": np.arange(len(y_test)), "true": y_test, "predicted": y_pred, "confidence": confidence.round(6)}),
    )
    wrong = np.flatnonzero(y_pred != y_test)[:MISCLASSIFIED_KEPT]
    buffer = _npz(indices=wrong, images=raw_test[wrong], true=y_test[wrong], predicted=y_pred[wrong], confidence=confidence[wrong])
    results.write_bytes(path / "misclassified.npz", buffer)
    results.write_json(path / "metrics.json", metrics)


def load_unit(path: Path, variant: str, seed: int, config: cfg.Config) -> Unit:
    """A unit finished by an earlier, stopped run of the same configuration."""
    metrics = results.read_json(path / "metrics.json")
    history = pd.read_csv(path / "history.csv").drop(columns="epoch").to_dict(orient="list")
    return Unit(variant, seed, config, metrics, history, path)


def _npz(**arrays) -> bytes:
    import io

    buffer = io.BytesIO()
    np.savez_compressed(buffer, **arrays)
    return buffer.getvalue()


# ---------------------------------------------------------------- the whole run


def run_experiment(experiment: Experiment, overrides: dict[str, Any] | None = None, options: RunOptions | None = None, body=None, kind: str = "run") -> Path:
    """Run one experiment end to end; returns results/<experiment>/.

    `body(ctx)` replaces the experiment's own `run(ctx)` (a tuner search does this), and
    `kind` is recorded in run.json ("run", "tune", "bench").
    """
    options = options or RunOptions()
    configs = resolve_variants(experiment, overrides or {}, options.quick)
    if options.only:
        unknown = [v for v in options.only if v not in configs]
        if unknown:
            from ann_keras.errors import UserError

            raise UserError(f"{experiment.name} has no variant {unknown[0]!r}; its variants are: {', '.join(configs)}")
        configs = {k: v for k, v in configs.items() if k in options.only}
    started, clock = results.now(), time.perf_counter()
    fingerprint = config_fingerprint(experiment.name, configs)
    with results.RunDir(options.results_dir, experiment.name) as run_dir:
        run_dir.start(fingerprint, restart=options.restart)
        ctx = RunContext(experiment, configs, run_dir.path, options)
        if run_dir.resumed is not None:
            ctx.resuming = True
            done = len(list(run_dir.path.glob("runs/*/*/metrics.json")))
            total = sum(c.seeds for c in configs.values())
            ctx.log(f"Resuming the stopped run {run_dir.run_id} ({run_dir.resumed.get('status')}, started {run_dir.resumed.get('started')}): "
                    f"{done} of {total} model(s) finished; --restart starts over")
        else:
            clear_backups(ctx)
        run_info = {
            "experiment": experiment.name,
            "title": experiment.title,
            "seed_section": experiment.seed,
            "book_section": experiment.book_section,
            "description": experiment.description,
            "kind": kind,
            "status": "running",
            "pid": os.getpid(),
            "run_id": run_dir.run_id,
            "fingerprint": fingerprint,
            "command": options.command or f"ann-keras run {experiment.name}",
            "seed": ctx.config.seed,
            "seeds": ctx.seeds(ctx.config),
            "quick": options.quick,
            "overrides": {k: str(v) for k, v in (overrides or {}).items()},
            "variants": {name: {k: str(v) for k, v in experiment.variants().get(name, {}).items()} for name in configs},
            "primary": experiment.primary if experiment.primary in configs else next(iter(configs)),
            "started": started,
            "versions": package_versions(),
        }
        ctx.run_info = run_info  # what a body may add to run.json
        results.write_json(run_dir.path / "run.json", run_info)
        results.write_json(run_dir.path / "config.json", cfg.to_dict(ctx.config))
        try:
            if experiment.kind == "train":
                from ann_keras.backend import load_keras

                keras = load_keras()
                from ann_keras.training import setup_device

                ctx.device = setup_device()
                run_info.update(backend=keras.backend.backend(), device=ctx.device)
            if body is not None:
                body(ctx)
            elif hasattr(experiment.module, "run"):
                experiment.module.run(ctx)
            else:
                ctx.run_units()
            finish(ctx, run_info)
        except BaseException as exc:
            status = "interrupted" if isinstance(exc, (KeyboardInterrupt, SystemExit)) else "failed"
            run_info.update(status=status, error=f"{type(exc).__name__}: {exc}"[:500], finished=results.now())
            results.write_json(run_dir.path / "run.json", run_info)
            raise
        run_info.update(status="complete", finished=results.now(), wall_time_s=round(time.perf_counter() - clock, 2))
        results.write_json(run_dir.path / "run.json", run_info)
        return run_dir.commit()


def config_fingerprint(name: str, configs: dict[str, cfg.Config]) -> str:
    """Identifies a run's resolved configuration: a stopped run is resumed only by the same one."""
    import hashlib
    import json

    text = json.dumps({"experiment": name, "variants": {k: cfg.to_dict(v) for k, v in configs.items()}}, sort_keys=True)
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def clear_backups(ctx: RunContext) -> None:
    """A fresh run must not pick up the training backup of a different, stopped one."""
    import shutil

    for variant, config in ctx.configs.items():
        for seed in ctx.seeds(config):
            shutil.rmtree(ctx.work_dir(variant, seed) / "backup", ignore_errors=True)


def finish(ctx: RunContext, run_info: dict) -> None:
    """Top-level files: the primary unit's results, the comparison, plots, report.md."""
    out = ctx.out
    primary = next((u for u in ctx.units if u.variant == run_info["primary"]), ctx.units[0] if ctx.units else None)
    if primary is not None:
        for name in ("metrics.json", "history.csv", "model.json", "predictions.csv", "misclassified.npz"):
            results.write_bytes(out / name, (primary.path / name).read_bytes())
        if len(ctx.units) == 1:  # a single unit lives at the top level only
            import shutil

            shutil.rmtree(out / "runs")
        m = primary.metrics
        run_info.update(epochs_run=m["epochs_run"], primary_seed=primary.seed, params=m["params"])
        plots.learning_curves(primary.history, out / "learning_curves.png", best_epoch=m["evaluated_epoch"] if m["evaluated_epoch"] != m["epochs_run"] else None)
        plots.confusion_matrix(m["confusion_matrix"], data_mod.CLASS_NAMES, out / "confusion_matrix.png")
        plots.confusion_matrix(m["confusion_matrix"], data_mod.CLASS_NAMES, out / "confusion_matrix_normalized.png", normalize=True)
    if len(ctx.units) > 1:
        write_comparison(ctx)
    diverged = [
        {"variant": u.variant, "seed": u.seed, "epoch": u.metrics.get("diverged_at_epoch"), "learning_rate": u.metrics.get("learning_rate")}
        for u in ctx.units if u.metrics.get("diverged")
    ]
    if diverged:
        run_info["diverged"] = diverged
    run_info["units"] = [{"variant": u.variant, "seed": u.seed, "path": str(u.path.relative_to(out)) if len(ctx.units) > 1 else "."} for u in ctx.units]
    if ctx.facts:
        results.write_json(out / "facts.json", ctx.facts)
    if ctx.sections:
        results.write_json(out / "sections.json", ctx.sections)
    results.write_text(out / "report.md", report_md.render(out, run_info))


HEADLINE = ("test_accuracy", "test_precision_macro", "test_recall_macro", "test_f1_macro", "val_accuracy", "best_val_accuracy", "epochs_run", "best_epoch", "train_time_s", "params")


def write_comparison(ctx: RunContext) -> None:
    """comparison.csv (one row per unit), summary.csv (mean and std per variant), overlay plots."""
    rows = [{"variant": u.variant, "seed": u.seed, **{k: u.metrics.get(k) for k in HEADLINE}} for u in ctx.units]
    frame = pd.DataFrame(rows)
    results.write_csv(ctx.out / "comparison.csv", frame)
    summary = []
    for variant, group in frame.groupby("variant", sort=False):
        row = {"variant": variant, "seeds": len(group)}
        for key in ("test_accuracy", "test_f1_macro", "val_accuracy", "best_val_accuracy", "epochs_run", "train_time_s"):
            stats = mean_std(group[key].astype(float))
            row[f"{key}_mean"], row[f"{key}_std"] = stats["mean"], stats["std"]
        summary.append(row)
    results.write_csv(ctx.out / "summary.csv", pd.DataFrame(summary))
    first = {}
    for unit in ctx.units:
        first.setdefault(unit.variant, unit)
    for metric in ("val_accuracy", "val_loss"):
        curves = {name: unit.history[metric] for name, unit in first.items() if metric in unit.history}
        if curves:
            plots.overlay(curves, ctx.out / f"compare_{metric}.png", ylabel=metric, logy=metric.endswith("loss"))


def command_line(argv: Sequence[str]) -> str:
    """The command as a user would type it again."""
    return shlex.join(["ann-keras", *argv])
