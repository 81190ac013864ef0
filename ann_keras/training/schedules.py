"""The learning rate over a run (`train.lr_schedule`, `train.warmup_epochs`), as Keras' own schedules.

A schedule is a `keras.optimizers.schedules.LearningRateSchedule` handed to the optimizer
as its learning rate: Keras evaluates it at `optimizer.iterations` on every update, so
`model.fit` and the fused trainer (which runs the same `train_step`) follow it batch by
batch. Lengths are counted in updates: `updates_per_epoch = ceil(samples / batch_size)`.

    constant      the plain learning rate (a float, as before: nothing changes)
    constant + warm-up
                  CosineDecay with alpha=1: linear from 0 to the rate, then flat
    cosine        CosineDecay: [linear warm-up from 0,] then half a cosine down to 0 at the last update
    exponential   ExponentialDecay: the rate times 0.1 over the whole run (핸즈온 11's form)
    piecewise     PiecewiseConstantDecay: the rate, half of it after 50% of the run, a tenth after 80%
                  (핸즈온 11's 0.01, 0.005, 0.001)
"""

from __future__ import annotations

import inspect
import math

from ann_keras.config import TrainConfig

EXPONENTIAL_FACTOR = 0.1  # the rate at the end of an exponential run, relative to the start
PIECEWISE = ((0.5, 0.5), (0.8, 0.1))  # (fraction of the run, factor from then on)


def default_learning_rate(optimizer: str) -> float:
    """The learning rate Keras' optimizer `optimizer` takes when none is given."""
    import keras

    cls = type(keras.optimizers.get(optimizer))
    return float(inspect.signature(cls.__init__).parameters["learning_rate"].default)


def needs_length(config: TrainConfig) -> bool:
    """Whether the learning rate depends on the number of updates (all but a constant without warm-up)."""
    return config.lr_schedule != "constant" or config.warmup_epochs > 0


def learning_rate(config: TrainConfig, updates_per_epoch: int | None = None, epochs: int | None = None):
    """What the optimizer gets as `learning_rate`: the configured rate, or a Keras schedule of it.

    Args:
        config: the train config (rate, schedule, warm-up, epochs).
        updates_per_epoch: ceil(training samples / batch size); needed by every schedule.
        epochs: the epochs the schedule spans (default `config.epochs`).
    Returns:
        None (the optimizer's own default), a float, or a LearningRateSchedule.
    """
    if not needs_length(config):
        return config.learning_rate
    if updates_per_epoch is None:
        raise ValueError(f"train.lr_schedule={config.lr_schedule!r} needs the number of updates per epoch")
    rate = (
        config.learning_rate if config.learning_rate is not None else default_learning_rate(config.optimizer)
    )
    total = max(1, updates_per_epoch * (config.epochs if epochs is None else epochs))
    warmup = min(total - 1, round(config.warmup_epochs * updates_per_epoch))
    import keras

    schedules = keras.optimizers.schedules
    if config.lr_schedule in ("constant", "cosine"):
        # Without a warm-up, CosineDecay starts at the rate; with one, it climbs from 0 to the rate
        # over `warmup` updates and decays over the rest. alpha=1 keeps it flat (the constant schedule).
        alpha = 1.0 if config.lr_schedule == "constant" else 0.0
        if warmup > 0:
            return schedules.CosineDecay(
                0.0, total - warmup, alpha=alpha, warmup_target=rate, warmup_steps=warmup
            )
        return schedules.CosineDecay(rate, total, alpha=alpha)
    if config.lr_schedule == "exponential":
        return schedules.ExponentialDecay(rate, decay_steps=total, decay_rate=EXPONENTIAL_FACTOR)
    boundaries = [max(1, math.floor(fraction * total)) for fraction, _ in PIECEWISE]
    return schedules.PiecewiseConstantDecay(boundaries, [rate, *(rate * factor for _, factor in PIECEWISE)])
