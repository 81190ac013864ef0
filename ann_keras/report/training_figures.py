"""Figures of the training experiments, drawn from plain tables and arrays (matplotlib, no Keras).

Each function returns a matplotlib figure; `RunContext.add_figure` saves it.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402
import pandas as pd  # noqa: E402


def _finish(
    ax, xlabel: str, ylabel: str, logx: bool = False, logy: bool = False, title: str = "", legend: bool = True
) -> None:
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if logx:
        ax.set_xscale("log")
    if logy:
        ax.set_yscale("log")
    if title:
        ax.set_title(title)
    ax.grid(alpha=0.3)
    if legend and ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)


def lines(
    curves: Mapping[str, tuple[Sequence[float], Sequence[float]]],
    xlabel: str,
    ylabel: str,
    logx: bool = False,
    logy: bool = False,
    title: str = "",
    marks: Mapping[str, float] | None = None,
    markers: bool = False,
):
    """Named (x, y) curves on one axis; `marks` draws labelled vertical lines."""
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    for name, (x, y) in curves.items():
        ax.plot(list(x), list(y), "-o" if markers else "-", markersize=3, linewidth=1.4, label=name)
    for label, position in (marks or {}).items():
        ax.axvline(position, color="gray", linestyle="--", linewidth=1)
        ax.annotate(
            label,
            (position, 0.98),
            xycoords=("data", "axes fraction"),
            rotation=90,
            va="top",
            ha="right",
            fontsize=8,
        )
    _finish(ax, xlabel, ylabel, logx, logy, title)
    return fig


def panels(
    groups: Mapping[str, Mapping[str, tuple[Sequence[float], Sequence[float]]]],
    xlabel: str,
    ylabel: str,
    logx: bool = False,
    logy: bool = False,
    sharey: bool = True,
):
    """One panel per group (for instance per variant), several named curves in each."""
    count = len(groups)
    columns = min(count, 3)
    rows = -(-count // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(4.6 * columns, 3.6 * rows), sharey=sharey, squeeze=False)
    for ax, (title, curves) in zip(axes.flat, groups.items()):
        for name, (x, y) in curves.items():
            ax.plot(list(x), list(y), "-", linewidth=1.3, label=name)
        _finish(ax, xlabel, ylabel, logx, logy, title)
    for ax in list(axes.flat)[count:]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def gradient_norms_by_update(frame: pd.DataFrame, variants: Sequence[str]):
    """Per-layer gradient norms against updates, one panel per variant (log scale)."""
    groups = {}
    for variant in variants:
        part = frame[frame["variant"] == variant]
        groups[variant] = {layer: (g["update"], g["norm"]) for layer, g in part.groupby("layer", sort=False)}
    return panels(groups, "updates", "gradient norm of the layer's kernel", logy=True)


def activation_histograms(
    rows: Mapping[str, Mapping[str, np.ndarray]],
    title: str = "",
    bins: int = 30,
    value_range: tuple[float, float] | None = None,
):
    """The notes' classic figure: one histogram per hidden layer (columns) for each scheme (rows)."""
    names = list(rows)
    layers = list(next(iter(rows.values())))
    fig, axes = plt.subplots(
        len(names), len(layers), figsize=(2.2 * len(layers), 1.7 * len(names)), squeeze=False
    )
    for i, name in enumerate(names):
        for j, layer in enumerate(layers):
            ax = axes[i, j]
            values = np.asarray(rows[name][layer]).ravel()
            ax.hist(values, bins=bins, range=value_range, color=f"C{i}")
            ax.set_yticks([])
            ax.tick_params(labelsize=7)
            if i == 0:
                ax.set_title(f"layer {j + 1}", fontsize=9)
            if j == 0:
                ax.set_ylabel(name, fontsize=8)
    if title:
        fig.suptitle(title)
    fig.tight_layout()
    return fig


def range_test(frame: pd.DataFrame, turning_rate: float, suggestion: float, bounds: tuple[float, float]):
    """Loss against learning rate (log x): raw and smoothed, turning point, suggestion and tuner bounds."""
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    ax.plot(frame["learning_rate"], frame["loss"], color="0.75", linewidth=0.8, label="batch loss")
    ax.plot(frame["learning_rate"], frame["smoothed_loss"], color="C0", linewidth=1.6, label="smoothed loss")
    ax.axvline(
        turning_rate, color="C3", linestyle="--", linewidth=1, label=f"turning point {turning_rate:.3g}"
    )
    ax.axvline(suggestion, color="C2", linestyle="--", linewidth=1, label=f"suggestion {suggestion:.3g}")
    ax.axvspan(*bounds, color="C2", alpha=0.08, label=f"tuner bounds {bounds[0]:.2g}-{bounds[1]:.2g}")
    finite = frame["smoothed_loss"][np.isfinite(frame["smoothed_loss"])]
    if len(finite):
        ax.set_ylim(0, min(float(finite.iloc[0]) * 2.0, float(finite.max())) * 1.05)
    _finish(ax, "learning rate", "loss", logx=True)
    return fig


def metric_by_x(
    frame: pd.DataFrame,
    x: str,
    metrics: Sequence[str],
    group: str | None = None,
    logx: bool = False,
    logy: Sequence[bool] = (),
):
    """Side-by-side panels of summary metrics (with std error bars) against `x`, one line per `group`."""
    fig, axes = plt.subplots(1, len(metrics), figsize=(4.6 * len(metrics), 3.6), squeeze=False)
    groups = frame.groupby(group, sort=False) if group else [("", frame)]
    for k, (ax, metric) in enumerate(zip(axes.flat, metrics)):
        for name, part in groups:
            std = part.get(f"{metric}_std")
            ax.errorbar(
                part[x],
                part[f"{metric}_mean"],
                yerr=None if std is None else std,
                fmt="-o",
                markersize=3,
                capsize=2,
                label=str(name) if group else None,
            )
        _finish(ax, x, metric, logx=logx, logy=bool(logy[k]) if k < len(logy) else False)
    fig.tight_layout()
    return fig
