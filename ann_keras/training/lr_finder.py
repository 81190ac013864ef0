"""The learning-rate range test of 핸즈온 10.3, as a utility for any compiled model.

"Start with a very small learning rate and grow it exponentially up to a very large
one over a few hundred iterations, plot the loss against the rate, and take a rate a
bit lower than where the loss starts to climb (typically about 10 times lower than
the turning point)." The notes (003) add that the best rate is about half the largest
stable one.

`range_test` does this in one pass over the data with the model's own optimizer:
each update uses min_rate * factor**step; the loss of each batch is recovered from
`fit`'s running mean (as the book's ExponentialLearningRate callback does), smoothed
with a bias-corrected exponential moving average, and the test stops once the
smoothed loss exceeds `stop_factor` times its best. The turning point is the rate at
the lowest smoothed loss; the suggestion is that rate / `divisor` (10 by default).

Afterwards the model's weights and its optimizer (learning rate, iteration count,
momentum and other slots) are exactly as before, so the test can precede training.
`RangeTest.tuner_bounds()` turns the result into learning-rate bounds for a search.
"""

from __future__ import annotations

import dataclasses
import math

import keras
import numpy as np
import pandas as pd

from ann_keras.errors import UserError
from ann_keras.training import probes


@dataclasses.dataclass
class RangeTest:
    """What one range test measured."""

    rates: list[float]
    losses: list[float]
    smoothed: list[float]
    turning_rate: float  # the rate at the lowest smoothed loss: past it the loss climbs
    suggestion: float  # turning_rate / divisor
    min_rate: float
    max_rate: float
    steps_planned: int
    diverged: bool  # the smoothed loss passed stop_factor x its best before max_rate

    @property
    def steps_run(self) -> int:
        return len(self.rates)

    def tuner_bounds(self) -> tuple[float, float]:
        """A log-scale search range around the suggestion: [suggestion / 10, turning rate / 2].

        The upper end is the notes' "about half the largest stable rate"; the suggestion
        lies inside whenever the divisor is at least 2.
        """
        return self.suggestion / 10.0, self.turning_rate / 2.0

    def frame(self) -> pd.DataFrame:
        return pd.DataFrame(
            {
                "step": range(1, self.steps_run + 1),
                "learning_rate": self.rates,
                "loss": self.losses,
                "smoothed_loss": self.smoothed,
            }
        )

    def summary(self) -> dict:
        low, high = self.tuner_bounds()
        return {
            "turning_rate": self.turning_rate,
            "suggested_learning_rate": self.suggestion,
            "tuner_min_learning_rate": low,
            "tuner_max_learning_rate": high,
            "range_min_rate": self.min_rate,
            "range_max_rate": self.max_rate,
            "range_steps_run": self.steps_run,
            "range_steps_planned": self.steps_planned,
            "range_diverged": self.diverged,
        }


class _ExponentialRate(keras.callbacks.Callback):
    """Sets rate min_rate * factor**step before each update; records each batch's loss."""

    def __init__(self, min_rate: float, factor: float, smoothing: float, stop_factor: float):
        super().__init__()
        self.min_rate, self.factor = min_rate, factor
        self.smoothing, self.stop_factor = smoothing, stop_factor
        self.rates: list[float] = []
        self.losses: list[float] = []
        self.smoothed: list[float] = []
        self.diverged = False
        self._sum = 0.0
        self._average = 0.0

    def on_train_batch_begin(self, batch, logs=None):
        rate = self.min_rate * self.factor**batch
        probes.set_learning_rate(self.model, rate)
        self.rates.append(rate)

    def on_train_batch_end(self, batch, logs=None):
        # logs["loss"] is the mean over this epoch's batches so far (all of one size here).
        running_sum = float(logs["loss"]) * (batch + 1)
        loss = running_sum - self._sum
        self._sum = running_sum
        self.losses.append(loss)
        step = len(self.losses)
        self._average = self.smoothing * self._average + (1 - self.smoothing) * loss
        smoothed = self._average / (1 - self.smoothing**step)
        self.smoothed.append(smoothed)
        if not math.isfinite(smoothed) or smoothed > self.stop_factor * min(self.smoothed):
            self.diverged = True
            self.model.stop_training = True


def _snapshot(model: keras.Model) -> tuple[list[np.ndarray], list[np.ndarray]]:
    optimizer = model.optimizer
    if not optimizer.built:  # build the slots now so that "as before" includes them
        optimizer.build(model.trainable_variables)

    def copy(variables):
        return [np.array(keras.ops.convert_to_numpy(v), copy=True) for v in variables]

    return copy(model.variables), copy(optimizer.variables)


def _restore(model: keras.Model, saved: tuple[list[np.ndarray], list[np.ndarray]]) -> None:
    weights, optimizer_values = saved
    for variable, value in zip(model.variables, weights):
        variable.assign(value)
    for variable, value in zip(model.optimizer.variables, optimizer_values):
        variable.assign(value)
    model.stop_training = False


def range_test(
    model: keras.Model,
    x: np.ndarray,
    y: np.ndarray,
    min_rate: float = 1e-5,
    max_rate: float = 10.0,
    batch_size: int = 32,
    steps: int | None = None,
    smoothing: float = 0.98,
    stop_factor: float = 4.0,
    divisor: float = 10.0,
) -> RangeTest:
    """Grow the learning rate from `min_rate` to `max_rate` over one pass; suggest a rate.

    Args:
        model: a compiled model; its weights and optimizer state are restored afterwards.
        x, y: training data; the pass uses `steps` batches of `batch_size` (default: all
            full batches of x, one epoch).
        min_rate, max_rate: the range, grown by the same factor at every update.
        smoothing: weight of the past in the moving average of the loss (0.98 as fastai).
        stop_factor: stop once the smoothed loss exceeds this multiple of its best.
        divisor: suggestion = turning rate / divisor (핸즈온: about 10 times lower).
    Returns:
        a `RangeTest` with the rates, losses, turning point and suggestion.
    """
    if getattr(model, "optimizer", None) is None or not getattr(model, "compiled", False):
        raise UserError("range_test needs a compiled model: call model.compile(optimizer, loss) first")
    if not 0 < min_rate < max_rate:
        raise UserError(f"range_test needs 0 < min_rate < max_rate, got {min_rate} and {max_rate}")
    available = len(x) // batch_size
    steps = min(steps or available, available)
    if steps < 2:
        raise UserError(f"range_test needs at least 2 batches of {batch_size}; got {len(x)} samples")
    factor = (max_rate / min_rate) ** (1.0 / (steps - 1))
    saved = _snapshot(model)
    recorder = _ExponentialRate(min_rate, factor, smoothing, stop_factor)
    count = steps * batch_size
    try:
        model.fit(
            x[:count],
            y[:count],
            batch_size=batch_size,
            epochs=1,
            shuffle=True,
            callbacks=[recorder],
            verbose=0,
        )
    finally:
        _restore(model, saved)
    smoothed = np.asarray(recorder.smoothed, dtype=float)
    finite = np.where(np.isfinite(smoothed), smoothed, np.inf)
    turning = float(recorder.rates[int(np.argmin(finite))])
    return RangeTest(
        rates=recorder.rates[: len(recorder.losses)],
        losses=recorder.losses,
        smoothed=recorder.smoothed,
        turning_rate=turning,
        suggestion=turning / divisor,
        min_rate=min_rate,
        max_rate=max_rate,
        steps_planned=steps,
        diverged=recorder.diverged,
    )
