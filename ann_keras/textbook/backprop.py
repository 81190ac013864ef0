"""Backpropagation by hand, in NumPy (notes 000 실습 2, notes 001 §4, notes 004 역전파).

Three pieces:
- a 2-2-1 sigmoid MLP trained on XOR with the notes' hand-written deltas and
  per-sample updates (`train_xor_mlp`), and a finite-difference check of those deltas;
- the notes' worked example (two inputs, two hidden and two output sigmoid units,
  no biases, E = sum 1/2 (target - output)^2), every number written out by the chain rule;
- the chain rule on f = w x + b.
"""

from __future__ import annotations

import dataclasses
from collections.abc import Callable

import numpy as np

XOR_INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
XOR_TARGETS = np.array([[0], [1], [1], [0]], dtype=float)
PARAMETER_NAMES = ("W1", "B1", "W2", "B2")


def sigmoid(x: np.ndarray) -> np.ndarray:
    return 1.0 / (1.0 + np.exp(-x))


def sigmoid_deriv(out: np.ndarray) -> np.ndarray:
    """The sigmoid's derivative from its output: s(x) (1 - s(x))."""
    return out * (1.0 - out)


# ---------------------------------------------------------------- the 2-2-1 MLP


def init_params(
    rng: np.random.Generator, inputs: int = 2, hiddens: int = 2, outputs: int = 1, limit: float = 0.1
) -> dict[str, np.ndarray]:
    """Weights and biases uniform in [-limit, limit], drawn in the notes' order (W1, W2, B1, B2)."""
    w1 = rng.uniform(-limit, limit, (inputs, hiddens))
    w2 = rng.uniform(-limit, limit, (hiddens, outputs))
    b1 = rng.uniform(-limit, limit, hiddens)
    b2 = rng.uniform(-limit, limit, outputs)
    return {"W1": w1, "B1": b1, "W2": w2, "B2": b2}


def forward(params: dict[str, np.ndarray], x: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Hidden and output activations for the rows of x."""
    hidden = sigmoid(np.atleast_2d(x) @ params["W1"] + params["B1"])
    return hidden, sigmoid(hidden @ params["W2"] + params["B2"])


def half_squared_error(params: dict[str, np.ndarray], x: np.ndarray, targets: np.ndarray) -> float:
    """sum over rows and outputs of 1/2 (output - target)^2: the loss the notes' deltas differentiate."""
    _, output = forward(params, x)
    return float(0.5 * np.sum((output - np.atleast_2d(targets)) ** 2))


def gradients(params: dict[str, np.ndarray], x: np.ndarray, targets: np.ndarray) -> dict[str, np.ndarray]:
    """The notes' deltas: d(half_squared_error)/d(parameter), summed over the rows of x."""
    layer0 = np.atleast_2d(x)
    layer1, layer2 = forward(params, layer0)
    layer2_delta = (layer2 - np.atleast_2d(targets)) * sigmoid_deriv(layer2)
    layer1_delta = (layer2_delta @ params["W2"].T) * sigmoid_deriv(layer1)
    return {
        "W1": layer0.T @ layer1_delta,
        "B1": layer1_delta.sum(axis=0),
        "W2": layer1.T @ layer2_delta,
        "B2": layer2_delta.sum(axis=0),
    }


def numerical_gradients(
    params: dict[str, np.ndarray], x: np.ndarray, targets: np.ndarray, epsilon: float = 1e-6
) -> dict[str, np.ndarray]:
    """Central differences of `half_squared_error`, one parameter at a time."""
    result = {}
    for name in PARAMETER_NAMES:
        grad = np.zeros_like(params[name])
        for index in np.ndindex(params[name].shape):
            shifted = {k: v.copy() for k, v in params.items()}
            shifted[name][index] += epsilon
            plus = half_squared_error(shifted, x, targets)
            shifted[name][index] -= 2 * epsilon
            minus = half_squared_error(shifted, x, targets)
            grad[index] = (plus - minus) / (2 * epsilon)
        result[name] = grad
    return result


def relative_error(a: dict[str, np.ndarray], b: dict[str, np.ndarray]) -> float:
    """||a - b|| / (||a|| + ||b||) over every parameter at once: the usual gradient-check measure.

    Near 1e-7 or below for a correct gradient against central differences, near 1 for a wrong one.
    """
    x = np.concatenate([np.ravel(a[name]) for name in a]).astype(float)
    y = np.concatenate([np.ravel(b[name]) for name in a]).astype(float)
    return float(np.linalg.norm(x - y) / max(np.linalg.norm(x) + np.linalg.norm(y), 1e-300))


@dataclasses.dataclass
class MLPFit:
    """Trained parameters, the starting ones, and the loss after each epoch."""

    params: dict[str, np.ndarray]
    initial_params: dict[str, np.ndarray]
    losses: list[float]


def train_xor_mlp(
    params: dict[str, np.ndarray],
    x: np.ndarray = XOR_INPUTS,
    targets: np.ndarray = XOR_TARGETS,
    epochs: int = 10_000,
    learning_rate: float = 0.2,
    progress: Callable[[int, float], None] | None = None,
    progress_every: int = 2000,
) -> MLPFit:
    """The notes' `MLP_fit`: per-sample gradient steps, the samples in order, `epochs` passes."""
    initial = {k: v.copy() for k, v in params.items()}
    params = {k: v.copy() for k, v in params.items()}
    # Reshaped once, as the notes' np.reshape(x, (1, -1)) per sample.
    samples = [(np.reshape(a, (1, -1)), np.reshape(b, (1, -1))) for a, b in zip(x, targets)]
    losses = []
    for epoch in range(1, epochs + 1):
        for sample, target in samples:
            for name, grad in gradients(params, sample, target).items():
                params[name] -= learning_rate * grad
        losses.append(half_squared_error(params, x, targets))
        if progress is not None and (epoch % progress_every == 0 or epoch == epochs):
            progress(epoch, losses[-1])
    return MLPFit(params, initial, losses)


# ---------------------------------------------------------------- the worked example (notes 001 §4)

WORKED_EXAMPLE = {
    "x": (0.1, 0.2),
    "targets": (0.4, 0.6),
    # W1..W4 input -> hidden (z1 = W1 x1 + W2 x2, z2 = W3 x1 + W4 x2),
    # W5..W8 hidden -> output (z3 = W5 h1 + W6 h2, z4 = W7 h1 + W8 h2)
    "weights": (0.3, 0.25, 0.4, 0.35, 0.45, 0.4, 0.7, 0.6),
    "learning_rate": 0.5,
}


def worked_example_forward(
    x: tuple[float, float], targets: tuple[float, float], w: tuple[float, ...]
) -> dict[str, float]:
    """z1, z2, h1, h2, z3, z4, o1, o2 and the errors, written out as the notes do."""
    x1, x2 = x
    w1, w2, w3, w4, w5, w6, w7, w8 = w
    v: dict[str, float] = {}
    v["z1"] = w1 * x1 + w2 * x2
    v["z2"] = w3 * x1 + w4 * x2
    v["h1"] = float(sigmoid(v["z1"]))
    v["h2"] = float(sigmoid(v["z2"]))
    v["z3"] = w5 * v["h1"] + w6 * v["h2"]
    v["z4"] = w7 * v["h1"] + w8 * v["h2"]
    v["o1"] = float(sigmoid(v["z3"]))
    v["o2"] = float(sigmoid(v["z4"]))
    v["E_o1"] = 0.5 * (targets[0] - v["o1"]) ** 2
    v["E_o2"] = 0.5 * (targets[1] - v["o2"]) ** 2
    v["E_total"] = v["E_o1"] + v["E_o2"]
    return v


def worked_example(
    x=WORKED_EXAMPLE["x"],
    targets=WORKED_EXAMPLE["targets"],
    weights=WORKED_EXAMPLE["weights"],
    learning_rate=WORKED_EXAMPLE["learning_rate"],
) -> dict[str, float]:
    """Every forward and backward number of the worked example, by the chain rule.

    Keys: the forward values; dE_do1, do1_dz3, dz3_dW5 (the three factors the notes
    multiply); dE_dW1..dE_dW8; W1+..W8+ after one step of gradient descent; and
    E_total_after, the error with all eight weights updated.
    """
    v = worked_example_forward(x, targets, weights)
    x1, x2 = x
    w1, w2, w3, w4, w5, w6, w7, w8 = weights
    # Output layer: dE/dW5 = dE/do1 * do1/dz3 * dz3/dW5.
    v["dE_do1"] = -(targets[0] - v["o1"])
    v["dE_do2"] = -(targets[1] - v["o2"])
    v["do1_dz3"] = v["o1"] * (1 - v["o1"])
    v["do2_dz4"] = v["o2"] * (1 - v["o2"])
    v["dz3_dW5"] = v["h1"]
    delta_o1 = v["dE_do1"] * v["do1_dz3"]
    delta_o2 = v["dE_do2"] * v["do2_dz4"]
    v["dE_dW5"] = delta_o1 * v["h1"]
    v["dE_dW6"] = delta_o1 * v["h2"]
    v["dE_dW7"] = delta_o2 * v["h1"]
    v["dE_dW8"] = delta_o2 * v["h2"]
    # Hidden layer: h1 reaches E through z3 (weight W5) and z4 (weight W7); h2 through W6 and W8.
    dE_dh1 = delta_o1 * w5 + delta_o2 * w7
    dE_dh2 = delta_o1 * w6 + delta_o2 * w8
    delta_h1 = dE_dh1 * v["h1"] * (1 - v["h1"])
    delta_h2 = dE_dh2 * v["h2"] * (1 - v["h2"])
    v["dE_dW1"] = delta_h1 * x1
    v["dE_dW2"] = delta_h1 * x2
    v["dE_dW3"] = delta_h2 * x1
    v["dE_dW4"] = delta_h2 * x2
    updated = []
    for i, weight in enumerate(weights, 1):
        v[f"W{i}+"] = weight - learning_rate * v[f"dE_dW{i}"]
        updated.append(v[f"W{i}+"])
    v["E_total_after"] = worked_example_forward(x, targets, tuple(updated))["E_total"]
    return v


def chain_rule_linear(w: float = -2.0, x: float = 5.0, b: float = 3.0) -> dict[str, float]:
    """f = g + b with g = w x (notes 004): forward, local derivatives, and their products."""
    g = w * x
    local = {"df_dg": 1.0, "df_db": 1.0, "dg_dw": x, "dg_dx": w}
    return {
        "g": g,
        "f": g + b,
        **local,
        "df_dw": local["df_dg"] * local["dg_dw"],
        "df_dx": local["df_dg"] * local["dg_dx"],
    }
