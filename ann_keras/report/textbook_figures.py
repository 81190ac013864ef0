"""The figures the notes draw, from computed values (matplotlib, no Keras)."""

from __future__ import annotations

from collections.abc import Sequence

import matplotlib.pyplot as plt  # noqa: E402
import numpy as np

from ann_keras.report import plots  # noqa: F401  (selects the Agg backend before pyplot loads)
from ann_keras.textbook import gates as gates_mod  # noqa: E402


def _corners(ax, targets: Sequence[int]) -> None:
    """The four inputs: filled for output 1, open for 0, as the notes' slides draw them."""
    for (x1, x2), target in zip(gates_mod.INPUTS, targets):
        ax.scatter([x1], [x2], s=140, facecolors="black" if target else "white", edgecolors="black", zorder=3)
    ax.set_xlim(-0.5, 1.5)
    ax.set_ylim(-0.5, 1.5)
    ax.set_xlabel("x1")
    ax.set_ylabel("x2")
    ax.set_aspect("equal")
    ax.grid(alpha=0.3)


def gate_lines(gates: Sequence[gates_mod.Gate], extra: dict[str, Sequence[gates_mod.Gate]]):
    """One panel per gate with its decision lines w1*x1 + w2*x2 + b = 0; `extra` panels draw other gates'
    lines."""
    names = list(dict.fromkeys(g.name for g in gates)) + list(extra)
    fig, axes = plt.subplots(1, len(names), figsize=(4 * len(names), 4))
    x1 = np.linspace(-0.5, 1.5, 50)
    for ax, name in zip(axes, names):
        drawn = [g for g in gates if g.name == name] or list(extra[name])
        _corners(ax, gates_mod.TARGETS[name])
        for gate, style in zip(drawn, ("-", "--", ":", "-.")):
            w1, w2 = gate.weights
            prefix = "" if gate.name == name else f"{gate.name}: "
            ax.plot(
                x1,
                gate.line(x1),
                style,
                label=f"{prefix}{w1:g}x1 + {w2:g}x2 + {gate.bias:g} = 0 ({gate.source.split()[0]})",
            )
        ax.set_title(name)
        ax.legend(fontsize=7, loc="upper right")
    return fig


def errors_per_epoch(curves: dict[str, Sequence[int]]):
    """Misclassified samples in each epoch of the perceptron rule, one line per gate."""
    fig, ax = plt.subplots(figsize=(7, 3.8))
    for name, errors in curves.items():
        ax.plot(range(1, len(errors) + 1), errors, "-o", markersize=3, label=name)
    ax.set_xlabel("epoch")
    ax.set_ylabel("wrong predictions (of 4)")
    ax.set_ylim(-0.2, 4.2)
    ax.grid(alpha=0.3)
    ax.legend()
    return fig


def cost_curve(
    steps: Sequence[int],
    costs: Sequence[float],
    reference: float | None = None,
    reference_label: str = "",
    ylabel: str = "cost",
    logy: bool = False,
):
    """Cost against step, with a horizontal reference line (ln 2 for the single layer on XOR)."""
    fig, ax = plt.subplots(figsize=(7, 3.8))
    ax.plot(steps, costs, "-", label=ylabel)
    if reference is not None:
        ax.axhline(reference, color="gray", linestyle="--", label=reference_label)
    ax.set_xlabel("step")
    ax.set_ylabel(ylabel)
    if logy:
        ax.set_yscale("log")
    ax.grid(alpha=0.3)
    ax.legend()
    return fig


def activations(catalogue: dict, x: np.ndarray):
    """Each activation (top row) above its derivative (bottom row)."""
    fig, axes = plt.subplots(2, len(catalogue), figsize=(2.6 * len(catalogue), 5.2), sharex=True)
    for column, (name, (function, derivative)) in enumerate(catalogue.items()):
        axes[0, column].plot(x, function(x))
        axes[0, column].set_title(name, fontsize=9)
        axes[1, column].plot(x, derivative(x), color="tab:orange")
        axes[1, column].set_xlabel("x")
        for row in (0, 1):
            axes[row, column].axhline(0, color="gray", linewidth=0.5)
            axes[row, column].axvline(0, color="gray", linewidth=0.5)
            axes[row, column].grid(alpha=0.3)
    axes[0, 0].set_ylabel("f(x)")
    axes[1, 0].set_ylabel("f'(x)")
    return fig


def before_after_scatter(x: np.ndarray, normalized: np.ndarray):
    """The notes' normalisation demo: 'random' and 'normalized' side by side."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 4.6))
    axes[0].scatter(x[0], x[1], color="orange", s=12)
    axes[0].set_title("random")
    axes[1].scatter(normalized[0], normalized[1], color="blue", s=12)
    axes[1].set_title("normalized")
    for ax in axes:
        ax.grid(alpha=0.3)
    return fig


def metric_by_epoch(
    histories: dict[str, dict[str, Sequence[float]]], metrics: Sequence[str] = ("accuracy", "val_accuracy")
):
    """One panel per metric, one line per variant."""
    fig, axes = plt.subplots(1, len(metrics), figsize=(6 * len(metrics), 3.8))
    for ax, metric in zip(np.atleast_1d(axes), metrics):
        for name, history in histories.items():
            values = list(history.get(metric, []))
            ax.plot(range(1, len(values) + 1), values, "-o", markersize=3, label=name)
        ax.set_xlabel("epoch")
        ax.set_ylabel(metric)
        ax.grid(alpha=0.3)
        ax.legend(fontsize=8)
    return fig
