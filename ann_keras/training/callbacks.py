"""Callbacks for the training experiments: what happens inside a network while it learns.

- `GradientNorms`: per-layer gradient norms on a fixed batch, every N updates.
- `ActivationStatistics`: per-layer activation statistics at the start and after each epoch.
- `LossByUpdate`: the loss on a fixed batch after 1, 2, 4, 8, ... updates and the
  training time (probes not counted), with an optional time budget.
- `LearningRateWarmup`: a linear learning-rate warm-up over the first updates.
- `ValTrainRatio`: 핸즈온 10's custom callback, the val/train loss ratio per epoch.

All work on the TensorFlow and JAX backends of Keras 3 (see `ann_keras.training.probes`).
Each keeps what it measured as a list of dicts and as a DataFrame (`frame()`).
Those with batch hooks say after how many more updates they next need them
(`next_batch_call`), so the fused trainer (`ann_keras.training.fused`) calls them
after exactly those batches, as `model.fit` would.
"""

from __future__ import annotations

import math
import time

import keras
import numpy as np
import pandas as pd

from ann_keras.errors import UserError
from ann_keras.training import probes


class _Recorder(keras.callbacks.Callback):
    """Counts updates across epochs and keeps rows of measurements."""

    def __init__(self):
        super().__init__()
        self.rows: list[dict] = []
        self.updates = 0
        self.epoch = 0
        self._updates_before_epoch = 0

    def on_epoch_begin(self, epoch, logs=None):
        self.epoch = epoch
        self._updates_before_epoch = self.updates

    def _count(self, batch: int) -> None:
        # `batch` is the last step of this call (several with steps_per_execution > 1).
        self.updates = self._updates_before_epoch + batch + 1

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows)


class GradientNorms(_Recorder):
    """L2 norm of the loss gradient for each Dense kernel, on a fixed batch (x, y).

    Recorded before the first update, every `every` updates, and at the end of
    each epoch. Rows: update, epoch, layer, norm.
    """

    def __init__(self, x: np.ndarray, y: np.ndarray, every: int = 100):
        super().__init__()
        self.x, self.y, self.every = x, y, max(1, int(every))
        self._last = -1

    def _record(self) -> None:
        if self.updates == self._last:
            return
        self._last = self.updates
        for layer, norm in probes.layer_gradient_norms(self.model, self.x, self.y).items():
            self.rows.append(
                {
                    "update": self.updates,
                    "epoch": self.epoch + (self.updates > 0),
                    "layer": layer,
                    "norm": norm,
                }
            )

    def on_train_begin(self, logs=None):
        self._record()

    def next_batch_call(self) -> int:
        return self.every - self.updates % self.every

    def on_train_batch_end(self, batch, logs=None):
        self._count(batch)
        if self.updates % self.every == 0:
            self._record()

    def on_epoch_end(self, epoch, logs=None):
        self._record()


class ActivationStatistics(_Recorder):
    """Per-layer activation statistics (`probes.activation_statistics`) on a fixed batch.

    Recorded before training (epoch 0) and after each epoch. Rows: epoch, layer, mean,
    std, zero_fraction, small_fraction, near_one_fraction, distinct_units.
    """

    def __init__(self, x: np.ndarray):
        super().__init__()
        self.x = x

    def _record(self, epoch: int) -> None:
        for row in probes.activation_statistics(probes.hidden_activations(self.model, self.x)):
            self.rows.append({"epoch": epoch, **row})

    def on_train_begin(self, logs=None):
        self._record(0)

    def on_epoch_end(self, epoch, logs=None):
        self._record(epoch + 1)


class LossByUpdate(_Recorder):
    """The loss on a fixed batch after 0, 1, 2, 4, 8, ... updates, spaced evenly on a log scale.

    Args:
        x, y: the probe batch (for instance 2,000 training samples).
        growth: the next probe comes after `growth` times as many updates (2: after 1, 2,
            4, 8, ... updates), so one-sample and full-batch training both get a readable
            curve on a log axis. Above 1.
        also: more update counts to probe at (a table's "after 10 updates").
        time_budget_s: stop training once this many seconds of training have passed.
    Rows: update, epoch, seconds (training time so far, probes excluded), loss. The last
    row is the end of training (or of the budget), wherever it falls.
    """

    def __init__(
        self,
        x: np.ndarray,
        y: np.ndarray,
        growth: float = 2.0,
        also: tuple[int, ...] = (),
        time_budget_s: float | None = None,
    ):
        super().__init__()
        if not growth > 1:
            raise UserError(
                f"LossByUpdate: growth={growth!r} must be above 1 (2: after 1, 2, 4, 8, ... updates)"
            )
        if any(int(u) < 1 for u in also):
            raise UserError(f"LossByUpdate: also={also!r}: update counts start at 1")
        self.x, self.y = x, y
        self.growth = float(growth)
        self.also = sorted({int(u) for u in also})
        self.time_budget_s = time_budget_s
        self.stopped_by_budget = False
        self._next = 1

    def next_batch_call(self) -> int:
        """Updates until the next probe, or until the time budget is expected to run out."""
        due = min([self._next, *(u for u in self.also if u > self.updates)]) - self.updates
        if self.time_budget_s is None or self.updates == 0 or self.train_seconds <= 0:
            return due
        # Half the updates the rest of the budget is expected to hold: the calls close in on its end,
        # so a step slower than the average so far overshoots it by little.
        left = (self.time_budget_s - self.train_seconds) * self.updates / self.train_seconds
        return max(1, min(due, int(left / 2)))

    def _probe(self) -> None:
        self.rows.append(
            {
                "update": self.updates,
                "epoch": self.epoch,
                "seconds": self.train_seconds,
                "loss": probes.loss_on(self.model, self.x, self.y),
            }
        )

    def on_train_begin(self, logs=None):
        self.train_seconds = 0.0
        self._probe()

    def on_epoch_begin(self, epoch, logs=None):
        super().on_epoch_begin(epoch, logs)
        self._mark = time.perf_counter()

    def on_train_batch_end(self, batch, logs=None):
        # Time since the previous update ended: the step and the loop around it,
        # never the probes or the validation at the end of an epoch.
        self.train_seconds += time.perf_counter() - self._mark
        self._count(batch)
        over = self.time_budget_s is not None and self.train_seconds >= self.time_budget_s
        if self.updates >= self._next or self.updates in self.also or over:
            self._probe()
        if self.updates >= self._next:
            self._next = max(self.updates + 1, math.ceil(self.updates * self.growth))
        if over:
            self.stopped_by_budget = True
            self.model.stop_training = True
        self._mark = time.perf_counter()

    def on_train_end(self, logs=None):
        if self.rows[-1]["update"] != self.updates:
            self._probe()


class LearningRateWarmup(_Recorder):
    """Raise the learning rate linearly from target/steps to `target` over the first `steps` updates.

    Rows: update, learning_rate (the rate used by that update).
    """

    def __init__(self, target: float, steps: int):
        super().__init__()
        self.target, self.steps = float(target), max(1, int(steps))

    def next_batch_call(self) -> int | None:
        """Before every update of the warm-up and the first after it."""
        return 1 if self.updates < self.steps else None

    def on_train_batch_begin(self, batch, logs=None):
        step = self._updates_before_epoch + batch  # updates done before this one
        if step < self.steps:
            rate = self.target * (step + 1) / self.steps
            probes.set_learning_rate(self.model, rate)
            self.rows.append({"update": step + 1, "learning_rate": rate})
        elif step == self.steps:
            probes.set_learning_rate(self.model, self.target)

    def on_train_batch_end(self, batch, logs=None):
        self._count(batch)


class ValTrainRatio(keras.callbacks.Callback):
    """핸즈온 10's custom callback: print val_loss / loss after each epoch (above 1: overfitting)."""

    def __init__(self, verbose: bool = True):
        super().__init__()
        self.verbose = verbose
        self.rows: list[dict] = []

    def on_epoch_end(self, epoch, logs=None):
        logs = logs or {}
        if "loss" in logs and "val_loss" in logs:
            ratio = float(logs["val_loss"]) / float(logs["loss"])
            self.rows.append(
                {
                    "epoch": epoch + 1,
                    "loss": float(logs["loss"]),
                    "val_loss": float(logs["val_loss"]),
                    "val_train_ratio": ratio,
                }
            )
            if self.verbose:
                print(f"  Epoch={epoch + 1}, val/train={ratio:.2f}", flush=True)

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(self.rows)
