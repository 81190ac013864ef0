"""The figures a student would draw, from saved results (matplotlib, no Keras)."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from ann_keras import results  # noqa: E402


def save(fig, path: Path, dpi: int = 110) -> Path:
    """Render `fig` to PNG and write it atomically."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return results.write_bytes(path, buffer.getvalue())


def learning_curves(history: dict[str, Sequence[float]], path: Path, best_epoch: int | None = None, title: str = "") -> Path:
    """Train vs validation loss and accuracy per epoch, the restored best epoch marked."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    for ax, metric in zip(axes, ("loss", "accuracy")):
        for key, style in ((metric, "-o"), (f"val_{metric}", "-s")):
            if key in history:
                values = list(history[key])
                ax.plot(range(1, len(values) + 1), values, style, markersize=3, label=key)
        if best_epoch:
            ax.axvline(best_epoch, color="gray", linestyle="--", linewidth=1, label=f"best epoch {best_epoch}")
        ax.set_xlabel("epoch")
        ax.set_ylabel(metric)
        ax.grid(alpha=0.3)
        ax.legend()
    if title:
        fig.suptitle(title)
    return save(fig, path)


def confusion_matrix(matrix: Sequence[Sequence[int]], class_names: Sequence[str], path: Path, normalize: bool = False, title: str = "") -> Path:
    """Heatmap of counts (or of row-normalised rates) with the numbers written in."""
    counts = np.asarray(matrix, dtype=float)
    shown = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1) if normalize else counts
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    image = ax.imshow(shown, cmap="Blues")
    fig.colorbar(image, ax=ax, fraction=0.046)
    ticks = range(len(class_names))
    ax.set_xticks(ticks, class_names, rotation=45, ha="right")
    ax.set_yticks(ticks, class_names)
    ax.set_xlabel("predicted")
    ax.set_ylabel("true")
    threshold = shown.max() / 2 if shown.size else 0
    for i in ticks:
        for j in ticks:
            text = f"{shown[i, j]:.2f}" if normalize else f"{int(counts[i, j])}"
            ax.text(j, i, text, ha="center", va="center", fontsize=7, color="white" if shown[i, j] > threshold else "black")
    if title:
        ax.set_title(title)
    return save(fig, path)


def overlay(curves: dict[str, Sequence[float]], path: Path, ylabel: str, xlabel: str = "epoch", title: str = "", logy: bool = False) -> Path:
    """Several named curves on one axis (variants compared)."""
    fig, ax = plt.subplots(figsize=(7, 4))
    for name, values in curves.items():
        values = list(values)
        ax.plot(range(1, len(values) + 1), values, "-o", markersize=3, label=name)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if logy:
        ax.set_yscale("log")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    return save(fig, path)
