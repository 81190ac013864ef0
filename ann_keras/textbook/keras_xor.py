"""The notes' XOR nets trained with Keras, built by `ann_keras.models.build_model`.

- A single layer, Dense(1, sigmoid), binary cross-entropy, SGD with rate 1 on the
  four XOR samples at once, 10,001 steps (notes 001 §3, written there in PyTorch).
- The 2-2-1 sigmoid MLP of notes 000 with per-sample SGD, started from given weights
  (the NumPy net's), so its trajectory can be set beside the hand-written one.

Thousands of tiny steps are one `fit` over the samples repeated, with many steps per
execution: a fit() call per step would spend seconds on overhead per hundred steps.
"""

from __future__ import annotations

from collections.abc import Callable

import keras
import numpy as np

from ann_keras import config as cfg
from ann_keras import models, training
from ann_keras.textbook.backprop import PARAMETER_NAMES, XOR_INPUTS, XOR_TARGETS

Progress = Callable[[int, float], None]


def sigmoid_net(hidden_units: int = 0, outputs: int = 1, name: str = "xor") -> keras.Model:
    """Inputs (x1, x2) -> [Dense(hidden_units, sigmoid)] -> Dense(outputs, sigmoid)."""
    hidden = [cfg.LayerConfig(units=hidden_units, activation="sigmoid")] if hidden_units else []
    model_config = cfg.ModelConfig(hidden=hidden, output_activation="sigmoid", num_classes=outputs)
    return models.build_model(model_config, (2,), name=name)


class EverySteps(keras.callbacks.Callback):
    """Calls `record(step)` whenever the optimizer's step count is a multiple of `every`."""

    def __init__(self, every: int, record: Callable[[int], None]):
        super().__init__()
        self.every, self.record = every, record

    def on_train_batch_end(self, batch, logs=None):
        step = int(self.model.optimizer.iterations)
        if step % self.every == 0:
            self.record(step)


def _repeat(x: np.ndarray, times: int) -> np.ndarray:
    return np.tile(x.astype("float32"), (times, 1))


def binary_cross_entropy(
    model: keras.Model, x: np.ndarray = XOR_INPUTS, y: np.ndarray = XOR_TARGETS
) -> float:
    """Mean binary cross-entropy (natural log) of the model's outputs on x."""
    return float(keras.losses.BinaryCrossentropy()(y.astype("float32"), model(x.astype("float32"))))


def train_single_layer(
    steps: int = 10_001,
    learning_rate: float = 1.0,
    log_every: int = 100,
    seed: int = 777,
    progress: Progress | None = None,
) -> dict:
    """Full-batch gradient descent on XOR with one sigmoid unit.

    Returns:
        costs: [(step, cost)] where the cost at step s is the one the notes print before
            update s, i.e. after s updates; final_cost after all `steps` updates;
            outputs (4,), weights (w1, w2), bias.
    """
    training.seed_everything(seed)
    model = sigmoid_net(0, name="xor_single_layer")
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate),
        loss=keras.losses.BinaryCrossentropy(),
        steps_per_execution=log_every,
    )
    costs = [(0, binary_cross_entropy(model))]

    def record(step: int) -> None:
        if step < steps:
            costs.append((step, binary_cross_entropy(model)))
            if progress is not None and step % (log_every * 20) == 0:
                progress(step, costs[-1][1])

    model.fit(
        _repeat(XOR_INPUTS, steps),
        _repeat(XOR_TARGETS, steps),
        batch_size=len(XOR_INPUTS),
        shuffle=False,
        epochs=1,
        verbose=0,
        callbacks=[EverySteps(log_every, record)],
    )
    kernel, bias = model.get_layer("output").get_weights()
    return {
        "costs": costs,
        "final_cost": binary_cross_entropy(model),
        "outputs": np.asarray(model(XOR_INPUTS.astype("float32")), dtype=float).ravel(),
        "weights": kernel.ravel().astype(float),
        "bias": float(bias[0]),
        "steps": int(model.optimizer.iterations),
    }


def train_mlp(
    params: dict[str, np.ndarray],
    epochs: int = 10_000,
    learning_rate: float = 0.2,
    log_every: int = 1000,
    progress: Progress | None = None,
) -> dict:
    """The 2-2-1 sigmoid MLP from `params`, one sample per step, the samples in order.

    Keras' mean_squared_error is (output - target)^2, twice the notes' 1/2 (output - target)^2,
    so SGD runs at half the notes' rate to take the very same steps.

    Returns:
        params (trained, float64 copies), outputs (4,), losses [(epoch, sum of 1/2 squared errors)].
    """
    from ann_keras.textbook.backprop import half_squared_error

    model = sigmoid_net(2, name="xor_mlp")
    model.set_weights([params[name].astype("float32") for name in PARAMETER_NAMES])
    samples = len(XOR_INPUTS)
    model.compile(
        optimizer=keras.optimizers.SGD(learning_rate / 2),
        loss="mean_squared_error",
        steps_per_execution=samples * log_every,
    )
    losses: list[tuple[int, float]] = []

    def current() -> dict[str, np.ndarray]:
        return {name: w.astype(float) for name, w in zip(PARAMETER_NAMES, model.get_weights())}

    def record(step: int) -> None:
        epoch = step // samples
        losses.append((epoch, half_squared_error(current(), XOR_INPUTS, XOR_TARGETS)))
        if progress is not None:
            progress(epoch, losses[-1][1])

    model.fit(
        _repeat(XOR_INPUTS, epochs),
        _repeat(XOR_TARGETS, epochs),
        batch_size=1,
        shuffle=False,
        epochs=1,
        verbose=0,
        callbacks=[EverySteps(samples * log_every, record)],
    )
    return {
        "params": current(),
        "outputs": np.asarray(model(XOR_INPUTS.astype("float32")), dtype=float).ravel(),
        "losses": losses,
    }
