"""A ladder of models, each one change on the one before: test and validation accuracy per step."""

from __future__ import annotations

from collections.abc import Mapping

import numpy as np
import pandas as pd

from ann_keras.report.plots.style import finish, label, plt

# The reference lines a ladder can draw: key -> (label in English, in Korean).
REFERENCE_LABELS = {
    "hg7_3_val": ("혼공머신 7-3 val_accuracy (run here)", "혼공머신 7-3 val_accuracy (여기서 실행)"),
    "hml10_test": ("핸즈온 10 test_accuracy (printed)", "핸즈온 10 test_accuracy (책에 인쇄된 값)"),
}


def ladder(data: pd.DataFrame, lang: str = "en", *, references: Mapping[str, float] | None = None):
    """Mean ± std of test_accuracy and val_accuracy at each step, the books' numbers as dashed lines.

    Args:
        data: one row per step, in order: `step`, `variant`, `test_accuracy_mean`, `test_accuracy_std`,
            `val_accuracy_mean`, `val_accuracy_std` (a step without validation, an ensemble, has NaN).
        lang: the page's language.
        references: {key of REFERENCE_LABELS (or a label): accuracy} drawn as horizontal lines.
    Returns:
        The figure.
    """
    fig, ax = plt.subplots(figsize=(max(7.5, 1.25 * len(data)), 4.6))
    x = np.arange(len(data))
    for offset, column, color, marker in (
        (-0.08, "val_accuracy", "C1", "s"),
        (0.08, "test_accuracy", "C0", "o"),
    ):
        mean = pd.to_numeric(data[f"{column}_mean"], errors="coerce")
        std = pd.to_numeric(data[f"{column}_std"], errors="coerce").fillna(0.0)
        shown = mean.notna().to_numpy()
        ax.errorbar(
            x[shown] + offset,
            mean[shown],
            yerr=std[shown],
            color=color,
            marker=marker,
            linestyle="-",
            linewidth=1.2,
            capsize=4,
            label=f"{column} (mean ± std)",
        )
    korean = lang == "ko"
    for i, (key, value) in enumerate((references or {}).items()):
        text = REFERENCE_LABELS.get(key, (key, key))[1 if korean else 0]
        ax.axhline(value, color=f"C{i + 2}", linestyle="--", linewidth=1, label=f"{text} {value:.4f}")
    ax.set_xticks(x)
    ax.set_xticklabels(
        [f"{int(s)}. {v}" for s, v in zip(data["step"], data["variant"])], rotation=25, ha="right"
    )
    ax.legend(fontsize=8, loc="lower right")
    finish(ax, label("step", lang), "accuracy")
    return fig


GAIN, WITHIN, FALL = "gain", "within", "fall"


def measured(data: pd.DataFrame) -> list[tuple[int, str, str, float, float]]:
    """Each step's test gain held against its seeds' spread: (step, variant, kind, gain, spread).

    The spread is the larger test_accuracy std of the step and the step before (an ensemble, one
    score, has none: the step before's). A gain above it is GAIN, a fall below minus it FALL, the
    rest WITHIN: with a few seeds, a change that size is not shown to be one.
    """
    out = []
    test = pd.to_numeric(data["test_accuracy_mean"], errors="coerce").to_numpy()
    std = pd.to_numeric(data["test_accuracy_std"], errors="coerce").to_numpy()
    for i in range(1, len(data)):
        gain = test[i] - test[i - 1]
        spread = np.nanmax([std[i], std[i - 1], 0.0])
        if not np.isfinite(gain):
            continue
        kind = GAIN if gain > spread else FALL if gain < -spread else WITHIN
        out.append(
            (int(data["step"].iloc[i]), str(data["variant"].iloc[i]), kind, float(gain), float(spread))
        )
    return out
