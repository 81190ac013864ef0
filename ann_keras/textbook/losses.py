"""The notes' loss-function examples: cross-entropy, softmax loss, multiclass hinge.

Natural logarithms unless a base is given: notes 000 compute H(p, q) with ln, while
notes 004's softmax figure writes -log(0.13) = 0.89, which is log base 10
(-ln 0.13 = 2.04).
"""

from __future__ import annotations

import math

import numpy as np

CLASSES = ("cat", "car", "frog")
# Notes 004: the scores f(x, W) = Wx of three images; column j is image j, whose true class is CLASSES[j].
HINGE_SCORES = np.array(
    [
        [3.2, 1.3, 2.2],  # cat
        [5.1, 4.9, 2.5],  # car
        [-1.7, 2.0, -3.1],  # frog
    ]
)
# Notes 000: true distribution p and prediction q.
CROSS_ENTROPY_EXAMPLE = {"p": (1.0, 0.0, 0.0), "q": (0.7, 0.2, 0.1)}


def cross_entropy(p, q, base: float = math.e) -> float:
    """H(p, q) = -sum p(x) log q(x); terms with p(x) = 0 contribute nothing."""
    p, q = np.asarray(p, dtype=float), np.asarray(q, dtype=float)
    mask = p > 0
    return float(-np.sum(p[mask] * np.log(q[mask])) / math.log(base))


def softmax(scores) -> np.ndarray:
    """exp(s) / sum exp(s), shifted by the maximum so large scores do not overflow."""
    scores = np.asarray(scores, dtype=float)
    shifted = np.exp(scores - scores.max())
    return shifted / shifted.sum()


def softmax_loss(scores, label: int, base: float = math.e) -> dict:
    """The softmax classifier's loss -log(p_label), with the intermediate values the notes show."""
    scores = np.asarray(scores, dtype=float)
    probabilities = softmax(scores)
    return {
        "exp": np.exp(scores),
        "probabilities": probabilities,
        "loss": float(-math.log(probabilities[label]) / math.log(base)),
    }


def multiclass_hinge(scores, label: int, margin: float = 1.0) -> float:
    """The multiclass SVM loss: sum over wrong classes j of max(0, s_j - s_label + margin)."""
    scores = np.asarray(scores, dtype=float)
    terms = np.maximum(0.0, scores - scores[label] + margin)
    terms[label] = 0.0
    return float(terms.sum())


def hinge_example(scores: np.ndarray = HINGE_SCORES) -> list[float]:
    """Per-image hinge losses of notes 004's three images (image j has true class j)."""
    return [multiclass_hinge(scores[:, j], j) for j in range(scores.shape[1])]
