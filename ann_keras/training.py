"""compile(), fit() and the callbacks the books use; seeds and the device.

`fit` trains one model on `Splits` with EarlyStopping (patience,
restore_best_weights), ModelCheckpoint of the best model, a CSV history and,
when asked, TensorBoard logs. Checkpoints and logs go to a work folder, never
into `results/`.
"""

from __future__ import annotations

import json
import os
import platform
import time
from pathlib import Path
from typing import Sequence

import keras
import numpy as np

from ann_keras import losses, stopping
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
    if keras.backend.backend() == "tensorflow":
        # The switch is process-wide; the public API can only turn it on.
        from tensorflow.python.framework import config as tf_config

        if deterministic:
            tf_config.enable_op_determinism()
        else:
            tf_config.disable_op_determinism()


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
        loss = losses.get(config.loss)
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


class EpochTimer(keras.callbacks.Callback):
    """Adds `epoch_seconds` to each epoch's logs, so the history (and a resumed run) keeps it."""

    def on_epoch_begin(self, epoch, logs=None):
        self._start = time.perf_counter()

    def on_epoch_end(self, epoch, logs=None):
        if logs is not None:
            logs["epoch_seconds"] = time.perf_counter() - self._start


class EpochProgress(keras.callbacks.Callback):
    """One line per epoch: what a user watches during long work."""

    def __init__(self, label: str, epochs: int, stream=None):
        super().__init__()
        self.label, self.epochs, self.stream = label, epochs, stream

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        shown = "  ".join(f"{k} {logs[k]:.4f}" for k in ("loss", "accuracy", "val_loss", "val_accuracy") if k in logs)
        seconds = f"  ({logs['epoch_seconds']:.1f}s)" if "epoch_seconds" in logs else ""
        print(f"  [{self.label}] epoch {epoch + 1}/{self.epochs}  {shown}{seconds}", file=self.stream, flush=True)


class StopAtEpochEnd(keras.callbacks.Callback):
    """The last callback of a fit: Ctrl-C or SIGTERM stops after the epoch is backed up and shown."""

    def on_epoch_begin(self, epoch, logs=None):
        stopping.check()

    def on_epoch_end(self, epoch, logs=None):
        stopping.check()


class ResumableBackup(keras.callbacks.BackupAndRestore):
    """Keras' BackupAndRestore plus what it leaves out: the history so far, EarlyStopping's state
    and the random streams.

    Keras restores the weights, the optimizer and the epoch; without the rest a
    resumed run would forget its earlier epochs and its early-stopping patience, and
    would draw the first epoch's shuffle and dropout masks again. With the random
    streams (NumPy's global generator, which shuffles the package trainer's epochs, and
    the model's seed generators: dropout, augmentation) restored, a resumed run goes on
    exactly as the uninterrupted one would have.
    The extra state is written before Keras' own files, one file per epoch, so
    the state matching whatever epoch Keras restores is always on disk.
    """

    def __init__(self, backup_dir: Path, tracked: Sequence[keras.callbacks.Callback] = (), label: str = "train"):
        super().__init__(str(backup_dir), double_checkpoint=True)
        self.tracked = [c for c in tracked if isinstance(c, (keras.callbacks.EarlyStopping, keras.callbacks.ModelCheckpoint))]
        self.label = label
        self.history: dict[str, list[float]] = {}
        self.resumed_from = 0

    def _state_path(self, epoch: int) -> Path:
        return Path(self.backup_dir) / f"state-epoch-{epoch}.json"

    def on_epoch_end(self, epoch, logs=None):
        for key, value in (logs or {}).items():
            self.history.setdefault(key, []).append(float(value))
        Path(self.backup_dir).mkdir(parents=True, exist_ok=True)
        state = {"epoch": epoch + 1, "history": self.history, "callbacks": [], **random_state(self.model)}
        for callback in self.tracked:
            fields = {k: getattr(callback, k, None) for k in ("wait", "best", "best_epoch", "stopped_epoch")}
            state["callbacks"].append({k: (float(v) if isinstance(v, (float, np.floating)) else v) for k, v in fields.items()})
            if getattr(callback, "best_weights", None) is not None:
                np.savez(Path(self.backup_dir) / f"best-weights-epoch-{epoch + 1}.npz", *callback.best_weights)
        from ann_keras.results import write_json

        write_json(self._state_path(epoch + 1), state)
        super().on_epoch_end(epoch, logs)
        for old in Path(self.backup_dir).glob("*-epoch-*"):  # keep this epoch's and the previous one's
            number = int(old.stem.rsplit("-", 1)[1])
            if number < epoch:
                old.unlink(missing_ok=True)

    def _load_model(self):
        super()._load_model()
        epoch = self.model._initial_epoch or 0
        state_file = self._state_path(epoch)
        if not epoch or not state_file.is_file():
            self.model._initial_epoch = None
            return
        with open(state_file) as handle:
            state = json.load(handle)
        self.history = {k: list(v) for k, v in state["history"].items()}
        restore_random_state(self.model, state)
        for callback, saved in zip(self.tracked, state["callbacks"]):
            for key, value in saved.items():
                if value is not None:
                    setattr(callback, key, value)
            weights = Path(self.backup_dir) / f"best-weights-epoch-{epoch}.npz"
            if isinstance(callback, keras.callbacks.EarlyStopping) and weights.is_file():
                with np.load(weights) as stored:
                    callback.best_weights = [stored[f"arr_{i}"] for i in range(len(stored.files))]
        self.resumed_from = epoch
        print(f"  [{self.label}] resuming after epoch {epoch} from the backup in {self.backup_dir}", flush=True)


def _seed_generators(model: keras.Model) -> list:
    return [v for v in model.non_trainable_variables if "seed_generator" in v.path]


def random_state(model: keras.Model) -> dict:
    """NumPy's global generator and the model's seed generators, as JSON-ready lists."""
    name, keys, position, has_gauss, cached = np.random.get_state()
    return {
        "numpy_random": [name, keys.tolist(), int(position), int(has_gauss), float(cached)],
        "seed_generators": [np.asarray(keras.ops.convert_to_numpy(v.value)).tolist() for v in _seed_generators(model)],
    }


def restore_random_state(model: keras.Model, state: dict) -> None:
    """Undo `random_state`: the next draws are those the saved run would have made."""
    if "numpy_random" in state:
        name, keys, position, has_gauss, cached = state["numpy_random"]
        np.random.set_state((name, np.asarray(keys, dtype=np.uint32), position, has_gauss, cached))
    saved = state.get("seed_generators", [])
    variables = _seed_generators(model)
    if len(saved) == len(variables):
        for variable, value in zip(variables, saved):
            variable.assign(np.asarray(value, dtype=variable.dtype))


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
    all_callbacks = [EpochTimer(), *make_callbacks(t, work_dir), *callbacks]
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
        validation_data=(splits.x_val, splits.y_val),
        shuffle=t.shuffle,
        callbacks=all_callbacks,
        initial_epoch=initial_epoch,
    )
    with stopping.deferred():
        if t.trainer == "fast":  # the same train_step and batches, one epoch per call (fast_training.py)
            from ann_keras import fast_training

            history = fast_training.fit(model, splits.x_train, splits.y_train, **arguments)
        else:
            history = model.fit(splits.x_train, splits.y_train, verbose=0, **arguments)
    if backup is not None:
        return backup.history
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
