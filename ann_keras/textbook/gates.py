"""Logic gates as single perceptrons with fixed weights (notes 001 and 004).

A gate outputs 1 when w1*x1 + w2*x2 + b > 0 and 0 otherwise. Notes 004 write the
same unit with a threshold theta (output 1 when w1*x1 + w2*x2 > theta), which is
the bias b = -theta.
"""

from __future__ import annotations

import dataclasses

import numpy as np

# The four corners of the input square, in the order the notes' truth tables use.
INPUTS = np.array([[0, 0], [0, 1], [1, 0], [1, 1]], dtype=float)
TARGETS = {
    "AND": np.array([0, 0, 0, 1]),
    "NAND": np.array([1, 1, 1, 0]),
    "OR": np.array([0, 1, 1, 1]),
    "XOR": np.array([0, 1, 1, 0]),
}


@dataclasses.dataclass(frozen=True)
class Gate:
    """A perceptron with fixed weights: 1 when w . x + bias > 0."""

    name: str
    weights: tuple[float, float]
    bias: float
    source: str  # which notes give these weights

    def __call__(self, x: np.ndarray) -> np.ndarray:
        return (np.asarray(x, dtype=float) @ np.asarray(self.weights) + self.bias > 0).astype(int)

    def line(self, x1: np.ndarray) -> np.ndarray:
        """x2 on the decision line w1*x1 + w2*x2 + b = 0."""
        w1, w2 = self.weights
        return -(w1 * np.asarray(x1) + self.bias) / w2


def from_threshold(name: str, w1: float, w2: float, theta: float, source: str) -> Gate:
    """Notes 004's (w1, w2, theta) form: output 1 when w1*x1 + w2*x2 > theta."""
    return Gate(name, (w1, w2), -theta, source)


NOTES_001 = "001 (study-group slides: w, b)"
NOTES_004 = "004 (BOAZ slides: w, theta)"

GATES = (
    Gate("AND", (0.5, 0.5), -0.7, NOTES_001),
    Gate("NAND", (-0.5, -0.5), 0.7, NOTES_001),
    Gate("OR", (0.6, 0.6), -0.5, NOTES_001),
    from_threshold("AND", 0.5, 0.5, 0.7, NOTES_004),
    from_threshold("NAND", -0.5, -0.5, -0.7, NOTES_004),
    from_threshold("OR", 0.5, 0.5, 0.2, NOTES_004),
)

# The line notes 004 draw over XOR to show one line is not enough: -0.5 + x1 + x2 = 0.
XOR_ATTEMPT = Gate("-0.5 + x1 + x2 > 0", (1.0, 1.0), -0.5, NOTES_004)


def gate(name: str, source: str = NOTES_001) -> Gate:
    """The gate called `name` from the notes `source`."""
    return next(g for g in GATES if g.name == name and g.source == source)


def xor(x: np.ndarray, source: str = NOTES_001) -> np.ndarray:
    """XOR with one hidden layer: AND(NAND(x), OR(x))."""
    hidden = np.stack([gate("NAND", source)(x), gate("OR", source)(x)], axis=-1)
    return gate("AND", source)(hidden)


def best_line_accuracy(targets: np.ndarray, limit: float = 2.0, step: float = 0.05) -> float:
    """The best accuracy any single line w . x + b on a grid reaches on the four corners.

    1.0 for AND, NAND and OR; 0.75 for XOR, which no line separates.
    """
    values = np.arange(-limit, limit + step / 2, step)
    w1, w2, b = (axis.ravel() for axis in np.meshgrid(values, values, values, indexing="ij"))
    outputs = (np.outer(INPUTS[:, 0], w1) + np.outer(INPUTS[:, 1], w2) + b > 0).astype(int)  # (4, lines)
    return float((outputs == np.asarray(targets)[:, None]).mean(axis=0).max())
