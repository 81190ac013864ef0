"""General figures an experiment declares on a table of its own: lines, scatter plots, histograms.

Each takes the table (a pandas DataFrame, its rows already chosen by the declaration's
`where`), the page's language and the declared options, and returns a matplotlib
figure. Column names are drawn as they are; axis labels go through the Korean
catalogue (`style.LABELS`).
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

import pandas as pd
from matplotlib.ticker import MaxNLocator

from ann_keras.report.plots.style import finish, label, plt


def _per_column(value: Any, count: int, default: Any = None) -> list:
    """An option given once, or once per y column."""
    if value is None:
        return [default] * count
    if isinstance(value, (list, tuple)):
        if len(value) != count:
            raise ValueError(f"{len(value)} values for {count} y columns")
        return list(value)
    return [value] * count


def _grid(count: int, panels: list | None) -> tuple[int, int, list]:
    """Rows, columns and cells ((row, column), index of the y column, panel value) of a `lines` figure."""
    if panels is None:  # one panel per y column, side by side
        return 1, count, [((0, c), c, None) for c in range(count)]
    if count == 1:  # one panel per value, three to a row
        columns = min(len(panels), 3)
        return -(-len(panels) // columns), columns, [(divmod(k, columns), 0, v) for k, v in enumerate(panels)]
    return count, len(panels), [((r, c), r, v) for r in range(count) for c, v in enumerate(panels)]


def lines(
    data: pd.DataFrame,
    lang: str = "en",
    *,
    x: str,
    y: str | Sequence[str],
    group: str | None = None,
    panels: str | None = None,
    yerr: str | Sequence[str] | None = None,
    xlabel: str | None = None,
    ylabel: str | Sequence[str] | None = None,
    logx: bool = False,
    logy: bool | Sequence[bool] = False,
    markers: bool = False,
    x_min: float | None = None,
    ylim: Sequence[float] | None = None,
    hlines: Mapping[str, float] | None = None,
    zero_lines: bool = False,
):
    """Column `y` against column `x`, one line per value of `group`.

    Args:
        data: the table.
        lang: the page's language (axis labels).
        x, y: column names; several `y` columns get a panel each, side by side.
        group: one line per value of this column, in the order they first appear (the legend).
        panels: one panel per value of this column (three to a row); with several `y`, one row per `y`.
        yerr: column(s) of error bars, one per `y` (a summary's `<metric>_std`).
        xlabel, ylabel: axis labels (default: the column names); `ylabel` may be one per `y`.
        logx, logy: log scales; `logy` may be one per `y`.
        markers: a dot on every point.
        x_min: x values below it are drawn at it (an update count of 0 on a log axis).
        ylim: [low, high] of the y axis.
        hlines: {label: value}: dashed horizontal reference lines.
        zero_lines: thin lines through x = 0 and y = 0.
    Returns:
        The figure.
    """
    ys = [y] if isinstance(y, str) else list(y)
    ylabels = [text or column for text, column in zip(_per_column(ylabel, len(ys)), ys)]
    logys = _per_column(logy, len(ys), False)
    errors = _per_column(yerr, len(ys))
    rows, columns, cells = _grid(len(ys), list(dict.fromkeys(data[panels])) if panels else None)
    if rows == columns == 1:
        size = (7.5, 4.2)
    else:
        size = ((4.6 if columns <= 3 else 2.6) * columns, (3.6 if rows == 1 else 2.6) * rows)
    fig, axes = plt.subplots(
        rows,
        columns,
        figsize=size,
        squeeze=False,
        sharex=rows > 1,
        sharey=bool(panels) and len(ys) == 1,  # panels of one quantity share its scale
    )
    categories = None if pd.api.types.is_numeric_dtype(data[x]) else list(dict.fromkeys(data[x]))
    for (r, c), k, value in cells:
        ax, column = axes[r, c], ys[k]
        part = data if value is None else data[data[panels] == value]
        for name, lines_of in part.groupby(group, sort=False) if group else [(None, part)]:
            xs = lines_of[x]
            if categories is not None:
                xs = xs.map({category: i for i, category in enumerate(categories)})
            elif x_min is not None:
                xs = xs.clip(lower=x_min)
            line_label = str(name) if group else (label(ylabels[k], lang) if hlines else None)
            colour = f"C{k}" if panels and len(ys) > 1 else None
            if errors[k]:
                ax.errorbar(
                    xs,
                    lines_of[column],
                    yerr=lines_of[errors[k]],
                    fmt="-o",
                    markersize=3,
                    capsize=2,
                    label=line_label,
                    color=colour,
                )
            else:
                style = "-o" if markers else "-"
                ax.plot(
                    xs, lines_of[column], style, markersize=3, linewidth=1.4, label=line_label, color=colour
                )
        for text, level in (hlines or {}).items():
            ax.axhline(level, color="gray", linestyle="--", linewidth=1, label=label(text, lang))
        if zero_lines:
            ax.axhline(0, color="gray", linewidth=0.5)
            ax.axvline(0, color="gray", linewidth=0.5)
        if categories is not None:
            ax.set_xticks(range(len(categories)), [str(category) for category in categories])
        if ylim is not None:
            ax.set_ylim(*ylim)
        if value is not None and (len(ys) == 1 or r == 0):
            ax.set_title(label(str(value), lang), fontsize=10)
        bottom = r == rows - 1 or len(ys) == 1
        finish(
            ax,
            label(xlabel or x, lang) if bottom else "",
            label(ylabels[k], lang) if not panels or c == 0 else "",
            logx,
            logys[k],
            x=None if categories is not None else part[x],  # whole numbers (epochs, layers): whole ticks
            y=part[column],
        )
    for r, c in {divmod(k, columns) for k in range(len(cells), rows * columns)}:
        axes[r, c].set_visible(False)
    if len(cells) > 1:
        fig.tight_layout()
    return fig


def scatter(
    data: pd.DataFrame,
    lang: str = "en",
    *,
    x: str,
    y: str,
    panels: str | None = None,
    colors: Sequence[str] | None = None,
    xlabel: str = "",
    ylabel: str = "",
):
    """Points of column `y` against column `x`; one panel per value of `panels`, each its own colour.

    Args:
        data: the table.
        lang: the page's language (labels).
        x, y: column names.
        panels: one panel per value of this column, titled with it, side by side.
        colors: a matplotlib colour per panel (default: the colour cycle).
        xlabel, ylabel: axis labels.
    Returns:
        The figure.
    """
    values = list(dict.fromkeys(data[panels])) if panels else [None]
    fig, axes = plt.subplots(1, len(values), figsize=(5 * len(values), 4.6), squeeze=False)
    for k, (ax, value) in enumerate(zip(axes.flat, values)):
        part = data if value is None else data[data[panels] == value]
        ax.scatter(part[x], part[y], color=(colors or [])[k] if colors else f"C{k}", s=12)
        if value is not None:
            ax.set_title(label(str(value), lang))
        finish(ax, label(xlabel, lang), label(ylabel, lang), x=part[x], y=part[y])
    return fig


def histograms(data: pd.DataFrame, lang: str = "en", *, rows: str, columns: str, suptitle: str = ""):
    """Histograms counted beforehand: a row per value of `rows`, a column per value of `columns`.

    Args:
        data: one row per bin: the `rows` and `columns` keys, `bin_left`, `bin_right` and `count`.
        lang: the page's language (panel titles).
        rows, columns: the columns whose values make the grid (each row its own colour).
        suptitle: above the grid.
    Returns:
        The figure.
    """
    row_values, column_values = list(dict.fromkeys(data[rows])), list(dict.fromkeys(data[columns]))
    fig, axes = plt.subplots(
        len(row_values),
        len(column_values),
        figsize=(2.2 * len(column_values), 1.7 * len(row_values)),
        squeeze=False,
    )
    for i, row in enumerate(row_values):
        for j, column in enumerate(column_values):
            ax = axes[i, j]
            bins = data[(data[rows] == row) & (data[columns] == column)]
            ax.bar(
                bins["bin_left"],
                bins["count"],
                width=bins["bin_right"] - bins["bin_left"],
                align="edge",
                color=f"C{i}",
            )
            ax.set_yticks([])
            ax.xaxis.set_major_locator(MaxNLocator(nbins=3))  # three ticks fit a panel this narrow
            ax.tick_params(labelsize=7)
            if i == 0:
                ax.set_title(f"{label(columns, lang)} {column}", fontsize=9)
            if j == 0:
                ax.set_ylabel(str(row), fontsize=8)
    if suptitle:
        fig.suptitle(label(suptitle, lang))
    fig.tight_layout()
    return fig
