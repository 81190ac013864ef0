"""Normalisation by a norm (notes 002): x / ||x||.

The notes' demo draws 2 x 100 points from N(3, 2.5), divides the whole array by its
L2 norm, and scatters "random" against "normalized": the cloud keeps its shape and
shrinks so that every coordinate's magnitude is below 1.
"""

from __future__ import annotations

import numpy as np


def normalize(x: np.ndarray, ord: int | None = None) -> np.ndarray:
    """x divided by its norm (L2 of the whole array by default); a zero array is returned as is."""
    norm = np.linalg.norm(np.ravel(x), ord=ord)
    return x if norm == 0 else x / norm


def normalization_demo(
    seed: int, mean: float = 3.0, std: float = 2.5, size: tuple[int, int] = (2, 100)
) -> dict:
    """The notes' points before and after `normalize`, with the norm used."""
    rng = np.random.default_rng(seed)
    x = rng.normal(mean, std, size=size)
    return {"x": x, "normalized": normalize(x), "norm": float(np.linalg.norm(x))}
