"""The figure of a comparison page that no run page has: the difference of two confusion matrices."""

from __future__ import annotations

import numpy as np
import pandas as pd

from ann_keras.data import class_names
from ann_keras.report.plots.style import label, plt


def confusion_difference(matrix: pd.DataFrame, lang: str = "en", first: str = "A", second: str = "B"):
    """`second`'s confusion counts minus `first`'s: blue where it has more, red where fewer.

    `matrix` is the table of differences (rows: true class, columns: predicted class).
    """
    shown = np.asarray(matrix, dtype=float)
    names = class_names(lang)[: len(shown)]
    limit = max(float(np.abs(shown).max()), 1.0)
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    image = ax.imshow(shown, cmap="RdBu", vmin=-limit, vmax=limit)
    colorbar = fig.colorbar(image, ax=ax, fraction=0.046)
    colorbar.set_label(f"{second} − {first}" if len(first) + len(second) < 40 else "B − A")
    ticks = range(len(names))
    ax.set_xticks(ticks, names, rotation=45, ha="right")
    ax.set_yticks(ticks, names)
    ax.set_xlabel(label("predicted", lang))
    ax.set_ylabel(label("true", lang))
    for i in ticks:
        for j in ticks:
            value = int(shown[i, j])
            ax.text(
                j,
                i,
                f"{value:+d}" if value else "0",
                ha="center",
                va="center",
                fontsize=7,
                color="white" if abs(value) > limit * 0.6 else "black",
            )
    fig.tight_layout()
    return fig
