"""Stopping and resuming a fit: Ctrl-C at an epoch boundary, and a backup that restores everything.

`StopAtEpochEnd` raises the stop that Ctrl-C or SIGTERM asked for (`signals`) once the
epoch's backup is written.

`ResumableBackup` is Keras' BackupAndRestore plus what it leaves out (the history so far,
EarlyStopping's state and the random streams), so a stopped run resumes to the numbers of
an uninterrupted one.
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import keras
import numpy as np

from ann_keras.files import write_json
from ann_keras.training.signals import check


class StopAtEpochEnd(keras.callbacks.Callback):
    """The last callback of a fit: Ctrl-C or SIGTERM stops after the epoch is backed up and shown."""

    def on_epoch_begin(self, epoch, logs=None):
        check()

    def on_epoch_end(self, epoch, logs=None):
        check()


class ResumableBackup(keras.callbacks.BackupAndRestore):
    """Keras' BackupAndRestore plus what it leaves out: the history so far, EarlyStopping's state
    and the random streams.

    Keras restores the weights, the optimizer and the epoch; without the rest a
    resumed run would forget its earlier epochs and its early-stopping patience, and
    would draw the first epoch's shuffle and dropout masks again. With the random
    streams (NumPy's global generator, which shuffles the epochs on JAX, and
    the model's seed generators: dropout, augmentation) restored, a resumed run goes on
    exactly as the uninterrupted one would have.
    The extra state is written before Keras' own files, one file per epoch, so
    the state matching whatever epoch Keras restores is always on disk.
    """

    def __init__(
        self, backup_dir: Path, tracked: Sequence[keras.callbacks.Callback] = (), label: str = "train"
    ):
        super().__init__(str(backup_dir), double_checkpoint=True)
        self.tracked = [
            c
            for c in tracked
            if isinstance(c, (keras.callbacks.EarlyStopping, keras.callbacks.ModelCheckpoint))
        ]
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
            state["callbacks"].append(
                {k: (float(v) if isinstance(v, (float, np.floating)) else v) for k, v in fields.items()}
            )
            if getattr(callback, "best_weights", None) is not None:
                np.savez(
                    Path(self.backup_dir) / f"best-weights-epoch-{epoch + 1}.npz", *callback.best_weights
                )
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
        print(
            f"  [{self.label}] resuming after epoch {epoch} from the backup in {self.backup_dir}", flush=True
        )


def _seed_generators(model: keras.Model) -> list:
    return [v for v in model.non_trainable_variables if "seed_generator" in v.path]


def random_state(model: keras.Model) -> dict:
    """NumPy's global generator and the model's seed generators, as JSON-ready lists."""
    name, keys, position, has_gauss, cached = np.random.get_state()
    return {
        "numpy_random": [name, keys.tolist(), int(position), int(has_gauss), float(cached)],
        "seed_generators": [
            np.asarray(keras.ops.convert_to_numpy(v.value)).tolist() for v in _seed_generators(model)
        ],
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
