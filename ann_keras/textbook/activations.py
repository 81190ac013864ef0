"""Activation functions and their derivatives (notes 002 and 004), in NumPy.

Maxout is max(w1 x + b1, w2 x + b2): a learned piecewise-linear function. With the
pieces (1, 0) and (0, 0) it is ReLU; with (1, 0) and (0.1, 0) it is Leaky ReLU 0.1.
As a layer it needs k sets of weights per unit: twice the parameters for k = 2.
"""

from __future__ import annotations

from collections.abc import Callable

import numpy as np

Function = Callable[[np.ndarray], np.ndarray]


def sigmoid(x):
    return 1.0 / (1.0 + np.exp(-np.asarray(x, dtype=float)))


def sigmoid_deriv(x):
    s = sigmoid(x)
    return s * (1 - s)


def tanh_deriv(x):
    return 1.0 - np.tanh(x) ** 2


def relu(x):
    return np.maximum(0.0, x)


def relu_deriv(x):
    return (np.asarray(x) > 0).astype(float)  # 0 at x = 0, as TensorFlow's gradient


def leaky_relu(slope: float) -> tuple[Function, Function]:
    """max(slope * x, x) and its derivative (1 for x > 0, slope otherwise)."""
    return (
        lambda x: np.where(np.asarray(x) > 0, x, slope * np.asarray(x)),
        lambda x: np.where(np.asarray(x) > 0, 1.0, slope),
    )


def elu(alpha: float = 1.0) -> tuple[Function, Function]:
    """x for x > 0, alpha (e^x - 1) otherwise, and its derivative."""
    return (
        lambda x: np.where(np.asarray(x) > 0, x, alpha * np.expm1(np.minimum(x, 0))),
        lambda x: np.where(np.asarray(x) > 0, 1.0, alpha * np.exp(np.minimum(x, 0))),
    )


def maxout(pieces: tuple[tuple[float, float], ...]) -> tuple[Function, Function]:
    """max over pieces (w, b) of w x + b, and its derivative: the winning piece's w."""

    def lines(x):
        return np.stack([w * np.asarray(x, dtype=float) + b for w, b in pieces])

    slopes = np.array([w for w, _ in pieces])
    return (lambda x: lines(x).max(axis=0), lambda x: slopes[lines(x).argmax(axis=0)])


# A Maxout unit with two learned pieces, for the plot: one ReLU-like, one falling line.
MAXOUT_EXAMPLE = ((1.0, 0.0), (-0.5, -1.0))


def catalogue() -> dict[str, tuple[Function, Function]]:
    """Name -> (function, derivative) for every activation the notes draw."""
    return {
        "sigmoid": (sigmoid, sigmoid_deriv),
        "tanh": (np.tanh, tanh_deriv),
        "relu": (relu, relu_deriv),
        "leaky_relu 0.1": leaky_relu(0.1),
        "leaky_relu 0.01": leaky_relu(0.01),
        "elu": elu(1.0),
        "maxout (1x+0, -0.5x-1)": maxout(MAXOUT_EXAMPLE),
    }


def derivative_summary(x: np.ndarray) -> list[dict]:
    """Per activation: the range of its values and of its derivative on `x`.

    The sigmoid's largest derivative is 0.25, so every sigmoid layer a gradient
    passes through multiplies it by at most 0.25: the vanishing gradient.
    """
    rows = []
    for name, (function, derivative) in catalogue().items():
        values, slopes = function(x), derivative(x)
        rows.append(
            {
                "activation": name,
                "min": float(np.min(values)),
                "max": float(np.max(values)),
                "min_derivative": float(np.min(slopes)),
                "max_derivative": float(np.max(slopes)),
                "derivative_at_-5": float(derivative(np.array([-5.0]))[0]),
                "derivative_at_5": float(derivative(np.array([5.0]))[0]),
            }
        )
    return rows


def numerical_derivative(function: Function, x: np.ndarray, epsilon: float = 1e-6) -> np.ndarray:
    """Central differences, to check the derivatives above away from kinks."""
    return (function(x + epsilon) - function(x - epsilon)) / (2 * epsilon)
