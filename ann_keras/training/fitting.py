"""compile() and fit() as the books write them, with the callbacks they use.

`fit` trains one compiled model on `Splits` with `validation_data`, EarlyStopping
(patience, restore_best_weights), ModelCheckpoint of the best model and, when asked,
TensorBoard logs; checkpoints and logs go to a work folder, never into `results/`.
With `train.trainer="fast"` (the default) the epochs run in the fused trainer
(`ann_keras.training.fused`), otherwise in `model.fit`.
"""

from __future__ import annotations

import math
import statistics
import sys
import time
from collections.abc import Sequence
from pathlib import Path

import keras
import numpy as np

from ann_keras import files
from ann_keras.config import Config, TrainConfig
from ann_keras.data import Splits
from ann_keras.errors import UserError
from ann_keras.models import losses
from ann_keras.training import schedules
from ann_keras.training.resume import ResumableBackup, StopAtEpochEnd
from ann_keras.training.signals import deferred

# ---------------------------------------------------------------- compile


def make_optimizer(
    config: TrainConfig, train_samples: int | None = None, epochs: int | None = None
) -> keras.optimizers.Optimizer:
    """The named optimizer; its own default learning rate unless one is set.

    A learning-rate schedule (`train.lr_schedule`, `train.warmup_epochs`) is a Keras schedule
    over the run's updates, so it needs `train_samples` (and spans `epochs`, default
    `config.epochs`); `train.weight_decay` is passed when set (None keeps the optimizer's own).
    """
    updates = None if train_samples is None else math.ceil(train_samples / config.batch_size)
    rate = schedules.learning_rate(config, updates, epochs)
    kwargs = {} if rate is None else {"learning_rate": rate}
    if config.optimizer == "sgd":
        kwargs.update(momentum=config.momentum, nesterov=config.nesterov)
    if config.weight_decay is not None:
        kwargs["weight_decay"] = config.weight_decay
    return keras.optimizers.get({"class_name": config.optimizer, "config": kwargs})


def compile_model(
    model: keras.Model, config: TrainConfig, train_samples: int | None = None, epochs: int | None = None
) -> keras.Model:
    """model.compile(optimizer, loss, metrics=["accuracy"]) as in the books.

    `train_samples` (and `epochs`) size a learning-rate schedule; see `make_optimizer`.
    """
    try:
        loss = losses.get(config.loss, config.label_smoothing)
    except ValueError:
        raise UserError(
            f"train.loss={config.loss!r} is not a Keras loss: try sparse_categorical_crossentropy"
        ) from None
    model.compile(
        optimizer=make_optimizer(config, train_samples, epochs),
        loss=loss,
        metrics=["accuracy"],
        steps_per_execution=config.steps_per_execution,
    )
    return model


# ---------------------------------------------------------------- callbacks


class EpochTimer(keras.callbacks.Callback):
    """Seconds per epoch: wall, CPU, and training alone (the wall time less validation).

    Adds `epoch_seconds` (wall) to each epoch's logs, so the history and a resumed run
    keep it; `wall`, `cpu` and `train` hold every epoch's figures. It uses no batch
    hooks, so `model.fit` runs as fast with it as without it. `fit` uses the timer
    found among its callbacks, else one of its own, and puts it first.
    """

    def __init__(self):
        super().__init__()
        self.wall: list[float] = []
        self.cpu: list[float] = []
        self.train: list[float] = []

    def on_epoch_begin(self, epoch, logs=None):
        self._wall, self._cpu, self._test = time.perf_counter(), time.process_time(), 0.0

    def on_test_begin(self, logs=None):
        self._test_start = time.perf_counter()

    def on_test_end(self, logs=None):
        self._test += time.perf_counter() - self._test_start

    def on_epoch_end(self, epoch, logs=None):
        wall = time.perf_counter() - self._wall
        self.wall.append(wall)
        self.cpu.append(time.process_time() - self._cpu)
        self.train.append(wall - self._test)
        if logs is not None:
            logs["epoch_seconds"] = wall

    def typical(self, kind: str = "train") -> float:
        """Median seconds per epoch of `kind` (wall, cpu, train), the first epoch (tracing) left out when
        there are more."""
        values = getattr(self, kind)
        values = values[1:] if len(values) > 1 else values
        return float(statistics.median(values)) if values else float("nan")


class EpochProgress(keras.callbacks.Callback):
    """One line per epoch: what a user watches during long work."""

    def __init__(self, label: str, epochs: int, stream=None):
        super().__init__()
        self.label, self.epochs, self.stream = label, epochs, stream

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        shown = "  ".join(
            f"{k} {logs[k]:.4f}" for k in ("loss", "accuracy", "val_loss", "val_accuracy") if k in logs
        )
        seconds = f"  ({logs['epoch_seconds']:.1f}s)" if "epoch_seconds" in logs else ""
        print(
            f"  [{self.label}] epoch {epoch + 1}/{self.epochs}  {shown}{seconds}",
            file=self.stream,
            flush=True,
        )


def make_callbacks(config: TrainConfig, work_dir: Path | None) -> list[keras.callbacks.Callback]:
    """EarlyStopping, ModelCheckpoint and TensorBoard as the config asks (history is kept by fit)."""
    callbacks: list[keras.callbacks.Callback] = []
    if config.early_stopping_patience is not None:
        callbacks.append(
            keras.callbacks.EarlyStopping(
                monitor=config.monitor,
                patience=config.early_stopping_patience,
                restore_best_weights=config.restore_best_weights,
            )
        )
    if work_dir is not None and config.checkpoint:
        work_dir.mkdir(parents=True, exist_ok=True)
        callbacks.append(
            keras.callbacks.ModelCheckpoint(
                str(work_dir / "best-model.keras"), monitor=config.monitor, save_best_only=True
            )
        )
    if work_dir is not None and config.tensorboard:
        callbacks.append(keras.callbacks.TensorBoard(log_dir=str(work_dir / "tensorboard")))
    return callbacks


# ---------------------------------------------------------------- fit


def fit(
    model: keras.Model,
    splits: Splits,
    config: Config,
    work_dir: Path | None = None,
    callbacks: Sequence[keras.callbacks.Callback] = (),
    label: str = "train",
    verbose: bool = True,
    resumable: bool = False,
    initial_epoch: int = 0,
) -> dict[str, list[float]]:
    """Train `model` (already compiled) with `validation_data=(x_val, y_val)`; returns the history.

    With `resumable`, the training state is backed up under `work_dir/backup` after
    every epoch and a later call with the same arguments continues from there.
    `initial_epoch` continues a model trained earlier (Hyperband's later rounds).
    """
    t = config.train
    # The timer first: the callbacks after it see each epoch's time in the logs.
    timer = next((c for c in callbacks if isinstance(c, EpochTimer)), None) or EpochTimer()
    others = [c for c in callbacks if c is not timer]
    all_callbacks = [timer, *make_callbacks(t, work_dir), *others]
    backup = None
    if resumable and work_dir is not None:
        # After the others, so that it saves their state once they have seen the epoch.
        backup = ResumableBackup(work_dir / "backup", all_callbacks, label)
        all_callbacks.append(backup)
    if verbose:  # an epoch shown as done is an epoch backed up
        all_callbacks.append(EpochProgress(label, t.epochs))
    all_callbacks.append(StopAtEpochEnd())  # last: Ctrl-C stops after the backup
    arguments = dict(
        batch_size=t.batch_size,
        epochs=t.epochs,
        # No validation images (a model trained on all of them: 핸즈온 10.3's refit, train.refit_full).
        validation_data=None
        if splits.x_val is None or not len(splits.x_val)
        else (splits.x_val, splits.y_val),
        shuffle=t.shuffle,
        callbacks=all_callbacks,
        initial_epoch=initial_epoch,
    )
    if t.batch_size > len(splits.x_train):
        print(
            f"ann-keras: warning: train.batch_size={t.batch_size} is more than the {len(splits.x_train):,} "
            "training samples: each epoch is one batch of all of them (one update per epoch)",
            file=sys.stderr,
            flush=True,
        )
    try:
        with deferred():
            if t.trainer == "fast":  # the same train_step and batches, one epoch per call (fused.py)
                from ann_keras.training import fused

                history = fused.fit(model, splits.x_train, splits.y_train, **arguments)
            else:
                history = model.fit(splits.x_train, splits.y_train, verbose=0, **arguments)
    except OSError as exc:  # the backup, checkpoint and logs are the files a fit writes
        if work_dir is None or exc.errno not in files.STORAGE_ERRORS:
            raise
        raise UserError(
            f"work directory {work_dir}: {exc.strerror or exc} while saving the training state; free some "
            "space there or pass --work-dir with another folder"
        ) from None
    if backup is not None:
        return backup.history
    return {k: [float(v) for v in values] for k, values in history.history.items()}


def predict(model: keras.Model, x: np.ndarray, batch_size: int = 1024) -> np.ndarray:
    """Softmax outputs for `x`, in one pass."""
    return np.asarray(model.predict(x, batch_size=batch_size, verbose=0))
