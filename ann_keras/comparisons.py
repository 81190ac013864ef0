"""Tables that compare variants over seeds: mean and standard deviation per group (no Keras).

Training numbers move with seeds and library versions, so a comparison reports
ranges: every column is summarised as `<column>_mean` and `<column>_std` (sample
standard deviation, 0 for one seed) with the number of seeds beside it.
"""

from __future__ import annotations

from typing import Sequence

import pandas as pd

from ann_keras.metrics import mean_std


def summarize(frame: pd.DataFrame, columns: Sequence[str], by: Sequence[str] = ("variant",)) -> pd.DataFrame:
    """One row per group of `by` (in order of first appearance): seeds, then mean and std of each column.

    When `frame` has a `diverged` column (runs whose loss became NaN), those runs are
    counted in `diverged_seeds` and left out of every mean: a diverged run has no numbers.
    """
    rows = []
    for keys, group in frame.groupby(list(by), sort=False):
        keys = keys if isinstance(keys, tuple) else (keys,)
        row = dict(zip(by, keys))
        row["seeds"] = int(group["seed"].nunique()) if "seed" in group else len(group)
        if "diverged" in group:
            diverged = group["diverged"].astype(bool)
            row["diverged_seeds"] = int(diverged.sum())
            group = group[~diverged]
        for column in columns:
            values = pd.to_numeric(group[column], errors="coerce").dropna()
            stats = mean_std(values) if len(values) else {"mean": float("nan"), "std": float("nan")}
            row[f"{column}_mean"], row[f"{column}_std"] = stats["mean"], stats["std"]
        rows.append(row)
    return pd.DataFrame(rows)


def unit_rows(units, keys: Sequence[str]) -> pd.DataFrame:
    """variant, seed, diverged and the metrics `keys` of trained units (runner.Unit objects)."""
    return pd.DataFrame([{"variant": u.variant, "seed": u.seed, "diverged": bool(u.metrics.get("diverged")), **{k: u.metrics.get(k) for k in keys}} for u in units])


def plus_minus(mean: float, std: float, digits: int = 4) -> str:
    """'0.8812 ± 0.0031' for text sections."""
    return f"{mean:.{digits}f} ± {std:.{digits}f}"
