"""The TensorBoard callback of every run and search trial (`ann_keras.board` writes the files).

One Keras callback, used by `model.fit` and by the fused trainer alike (both call
`on_epoch_end` with the epoch's logs): each epoch's loss and accuracy, training and
validation, are written and flushed as the epoch ends, under
`work/tensorboard/<experiment>/<run or trial>/`.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import keras

from ann_keras import board


class EpochScalars(keras.callbacks.Callback):
    """Writes `loss`, `accuracy`, `val_loss`, `val_accuracy` at step = epoch (from 1) to a session log.

    Args:
        root: the experiment's log folder (`board.experiment_dir`).
        folder: this session's folder under it.
        config: the session's config (its varying keys become HParams' hyperparameters).
        fresh: False when the run resumes a stopped one (its events are kept).
    """

    def __init__(self, root: Path, folder: Path, config: Any, fresh: bool = True):
        super().__init__()
        self.log = board.SessionLog(root, folder, config, fresh)
        self.last_epoch = 0

    def on_epoch_end(self, epoch, logs=None):
        self.last_epoch = int(epoch) + 1
        self.log.scalars(self.last_epoch, dict(logs or {}))

    def finish(self, metrics: dict | None = None) -> None:
        """The tested model's `test_accuracy` and `test_loss` at the last epoch, then close the log."""
        if metrics:
            epoch = metrics.get("epochs_run") or self.last_epoch
            self.log.scalars(int(epoch), {k: metrics[k] for k in board.TEST_SCALARS if k in metrics})
        self.log.close()
