"""The perceptron learning rule of notes 000 (실습 1), one sample at a time.

    predict = step(x . w + b);  error = y - predict
    w += rate * error * x;      b += rate * error

On AND, from zero weights with rate 0.2, it settles on w = [0.4, 0.2], b = -0.4.
On XOR no line is right on all four inputs, so the errors never reach zero.
"""

from __future__ import annotations

import dataclasses

import numpy as np

STEP_THRESHOLD = 1e-7  # the notes' step function: 1 only when t > 0.0000001 (floating-point care)


def step(t: float | np.ndarray, threshold: float = STEP_THRESHOLD) -> np.ndarray:
    """1 where t > threshold, else 0."""
    return (np.asarray(t) > threshold).astype(int)


@dataclasses.dataclass
class PerceptronFit:
    """Learned weights and bias, and how many samples were wrong in each epoch."""

    weights: np.ndarray
    bias: float
    errors_per_epoch: list[int]
    history: list[tuple[float, float, float]]  # (w1, w2, b) after each epoch

    @property
    def converged_epoch(self) -> int | None:
        """The first epoch (1-based) with no error, or None when every epoch had one."""
        for epoch, errors in enumerate(self.errors_per_epoch, 1):
            if errors == 0:
                return epoch
        return None


def fit(
    x: np.ndarray,
    y: np.ndarray,
    epochs: int = 50,
    learning_rate: float = 0.2,
    threshold: float = STEP_THRESHOLD,
) -> PerceptronFit:
    """The notes' `perceptron_fit`: zero start, one update per sample, `epochs` passes in order."""
    x = np.asarray(x, dtype=float)
    weights = np.zeros(x.shape[1])
    bias = 0.0
    errors_per_epoch, history = [], []
    for _ in range(epochs):
        errors = 0
        for sample, target in zip(x, y):
            error = target - int(step(sample @ weights + bias, threshold))
            weights += learning_rate * error * sample
            bias += learning_rate * error
            errors += int(error != 0)
        errors_per_epoch.append(errors)
        history.append((float(weights[0]), float(weights[1]), float(bias)))
    return PerceptronFit(weights, bias, errors_per_epoch, history)


def predict(x: np.ndarray, weights: np.ndarray, bias: float, threshold: float = STEP_THRESHOLD) -> np.ndarray:
    """step(x . w + b) for every row of x."""
    return step(np.asarray(x, dtype=float) @ weights + bias, threshold)
