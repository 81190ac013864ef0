"""compile(), fit() and the callbacks the books use; seeds and the device.

`fit` trains one model on `Splits` with EarlyStopping (patience,
restore_best_weights), ModelCheckpoint of the best model, a CSV history and,
when asked, TensorBoard logs. Checkpoints and logs go to a work folder, never
into `results/`.
"""

from __future__ import annotations

import os
import platform
import time
from pathlib import Path
from typing import Sequence

import keras
import numpy as np

from ann_keras.config import Config, TrainConfig
from ann_keras.data import Splits
from ann_keras.errors import UserError


# ---------------------------------------------------------------- device and seeds


def setup_device() -> dict:
    """Use a GPU when the backend sees one (TensorFlow: memory growth on); describe what runs."""
    backend = keras.backend.backend()
    info = {"backend": backend, "type": "CPU", "name": cpu_name(), "count": 1}
    if backend == "tensorflow":
        import tensorflow as tf

        gpus = tf.config.list_physical_devices("GPU")
        for gpu in gpus:
            try:
                tf.config.experimental.set_memory_growth(gpu, True)
            except RuntimeError:  # already initialised: growth was set earlier in this process
                pass
        if gpus:
            details = tf.config.experimental.get_device_details(gpus[0])
            info.update(type="GPU", name=details.get("device_name", gpus[0].name), count=len(gpus))
    elif backend == "jax":
        import jax

        device = jax.devices()[0]
        if device.platform != "cpu":
            info.update(type=device.platform.upper(), name=device.device_kind, count=len(jax.devices()))
    elif backend == "torch":
        import torch

        if torch.cuda.is_available():
            info.update(type="GPU", name=torch.cuda.get_device_name(0), count=torch.cuda.device_count())
    return info


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return f"{line.split(':', 1)[1].strip()} ({os.cpu_count()} cores)"
    except OSError:
        pass
    return f"{platform.processor() or platform.machine()} ({os.cpu_count()} cores)"


def seed_everything(seed: int, deterministic: bool = True) -> None:
    """One seed for Python, NumPy and the backend; op determinism on TensorFlow when asked."""
    keras.utils.set_random_seed(seed)
    if deterministic and keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()


# ---------------------------------------------------------------- compile


def make_optimizer(config: TrainConfig) -> keras.optimizers.Optimizer:
    """The named optimizer; its own default learning rate unless one is set."""
    kwargs = {} if config.learning_rate is None else {"learning_rate": config.learning_rate}
    if config.optimizer == "sgd":
        kwargs.update(momentum=config.momentum, nesterov=config.nesterov)
    return keras.optimizers.get({"class_name": config.optimizer, "config": kwargs})


def compile_model(model: keras.Model, config: TrainConfig) -> keras.Model:
    """model.compile(optimizer, loss, metrics=["accuracy"]) as in the books."""
    try:
        loss = keras.losses.get(config.loss)
    except ValueError:
        raise UserError(f"train.loss={config.loss!r} is not a Keras loss: try sparse_categorical_crossentropy") from None
    model.compile(
        optimizer=make_optimizer(config),
        loss=loss,
        metrics=["accuracy"],
        steps_per_execution=config.steps_per_execution,
    )
    return model


# ---------------------------------------------------------------- callbacks


class EpochProgress(keras.callbacks.Callback):
    """One line per epoch: what a user watches during long work."""

    def __init__(self, label: str, epochs: int, stream=None):
        super().__init__()
        self.label, self.epochs, self.stream = label, epochs, stream
        self.times: list[float] = []

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        self.times.append(time.perf_counter() - self._start)
        shown = "  ".join(f"{k} {v:.4f}" for k, v in (logs or {}).items() if k in ("loss", "accuracy", "val_loss", "val_accuracy"))
        print(f"  [{self.label}] epoch {epoch + 1}/{self.epochs}  {shown}  ({self.times[-1]:.1f}s)", file=self.stream, flush=True)


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
            keras.callbacks.ModelCheckpoint(str(work_dir / "best-model.keras"), monitor=config.monitor, save_best_only=True)
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
    initial_epoch: int = 0,
) -> dict[str, list[float]]:
    """Train `model` (already compiled) with `validation_data=(x_val, y_val)`; returns the history.

    `initial_epoch` continues a model trained earlier (Hyperband's later rounds).
    """
    t = config.train
    all_callbacks = make_callbacks(t, work_dir) + list(callbacks)
    if verbose:
        all_callbacks.append(EpochProgress(label, t.epochs))
    history = model.fit(
        splits.x_train,
        splits.y_train,
        batch_size=t.batch_size,
        epochs=t.epochs,
        validation_data=(splits.x_val, splits.y_val),
        shuffle=t.shuffle,
        callbacks=all_callbacks,
        verbose=0,
        initial_epoch=initial_epoch,
    )
    return {k: [float(v) for v in values] for k, values in history.history.items()}


def best_epoch(history: dict[str, list[float]], monitor: str = "val_loss") -> int:
    """1-based epoch with the best `monitor` value (what restore_best_weights restores)."""
    values = np.asarray(history[monitor], dtype=float)
    if np.all(np.isnan(values)):
        return len(values)
    index = np.nanargmax(values) if "accuracy" in monitor else np.nanargmin(values)
    return int(index) + 1


def predict(model: keras.Model, x: np.ndarray, batch_size: int = 1024) -> np.ndarray:
    """Softmax outputs for `x`, in one pass."""
    return np.asarray(model.predict(x, batch_size=batch_size, verbose=0))
