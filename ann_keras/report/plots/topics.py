"""Figures of one topic of the notes: perceptrons' decision lines, the learning-rate range test."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ann_keras.report.plots.style import finish, label, plt

# The four inputs in the order the notes' truth tables list them; a `target` such as "0 0 0 1" follows it.
CORNERS = ((0, 0), (0, 1), (1, 0), (1, 1))


def decision_lines(data: pd.DataFrame, lang: str = "en"):
    """One panel per gate: the four inputs (filled: output 1) and the lines w1*x1 + w2*x2 + b = 0.

    Args:
        data: one row per line: `panel` (the gate whose truth table the corners show), `gate` (the
            perceptron drawn; another gate's name is written in its label), `source`, `w1`, `w2`,
            `b`, and `target`, the panel's outputs on the four inputs ("0 0 0 1").
        lang: the page's language.
    Returns:
        The figure.
    """
    panels = list(dict.fromkeys(data["panel"]))
    fig, axes = plt.subplots(1, len(panels), figsize=(4 * len(panels), 4), squeeze=False)
    x1 = np.linspace(-0.5, 1.5, 50)
    for ax, panel in zip(axes.flat, panels):
        drawn = data[data["panel"] == panel]
        targets = [int(t) for t in str(drawn["target"].iloc[0]).split()]
        for (a, b), target in zip(CORNERS, targets):
            ax.scatter(
                [a], [b], s=140, facecolors="black" if target else "white", edgecolors="black", zorder=3
            )
        for row, style in zip(drawn.itertuples(index=False), ("-", "--", ":", "-.")):
            prefix = "" if row.gate == panel else f"{row.gate}: "
            ax.plot(
                x1,
                -(row.w1 * x1 + row.b) / row.w2,
                style,
                label=f"{prefix}{row.w1:g}x1 + {row.w2:g}x2 + {row.b:g} = 0 ({row.source})",
            )
        ax.set_xlim(-0.5, 1.5)
        ax.set_ylim(-0.5, 1.5)
        ax.set_aspect("equal")
        ax.set_title(str(panel))
        ax.set_xlabel("x1")
        ax.set_ylabel("x2")
        ax.grid(alpha=0.3)
        ax.legend(fontsize=7, loc="upper right")
    return fig


def range_test(
    data: pd.DataFrame,
    lang: str = "en",
    *,
    turning_rate: float,
    suggestion: float,
    bounds: Sequence[float],
):
    """Loss against learning rate (log x): raw and smoothed, turning point, suggestion and tuner bounds.

    Args:
        data: the range test's table: `learning_rate`, `loss`, `smoothed_loss` per batch.
        lang: the page's language.
        turning_rate, suggestion, bounds: what the test found (`lr_finder.RangeTest`).
    Returns:
        The figure.
    """
    fig, ax = plt.subplots(figsize=(7.5, 4.2))
    ax.plot(data["learning_rate"], data["loss"], color="0.75", linewidth=0.8, label=label("batch loss", lang))
    ax.plot(
        data["learning_rate"],
        data["smoothed_loss"],
        color="C0",
        linewidth=1.6,
        label=label("smoothed loss", lang),
    )
    ax.axvline(
        turning_rate,
        color="C3",
        linestyle="--",
        linewidth=1,
        label=f"{label('turning point', lang)} {turning_rate:.3g}",
    )
    ax.axvline(
        suggestion,
        color="C2",
        linestyle="--",
        linewidth=1,
        label=f"{label('suggestion', lang)} {suggestion:.3g}",
    )
    ax.axvspan(
        *bounds,
        color="C2",
        alpha=0.08,
        label=f"{label('tuner bounds', lang)} {bounds[0]:.2g}-{bounds[1]:.2g}",
    )
    finite = data["smoothed_loss"][np.isfinite(data["smoothed_loss"])]
    if len(finite):
        ax.set_ylim(0, min(float(finite.iloc[0]) * 2.0, float(finite.max())) * 1.05)
    finish(ax, label("learning rate", lang), "loss", logx=True, x=data["learning_rate"])
    return fig
