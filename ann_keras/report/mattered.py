"""Which hyperparameters mattered in a search, computed from trials.csv (no Keras).

Two views of the same completed trials: a random forest's permutation importance (how much
the forest's fit of the scores worsens when one hyperparameter's column is shuffled), with the
forest's out-of-bag R² saying how much of the scores it explains at all, and per hyperparameter
the group of values with the best and the worst mean score. Twenty trials are few: both views
are hints for the next search, not measurements.
"""

from __future__ import annotations

import dataclasses

import numpy as np
import pandas as pd

MIN_TRIALS = 5  # fewer completed trials than this: nothing is computed
GROUPS = 3  # a numeric hyperparameter with more than MANY distinct values is cut into this many ranges
MANY = 6


@dataclasses.dataclass
class Effect:
    name: str
    importance: float | None  # share of the forest's permutation importance (0-1), None when not computed
    best: str  # the values of the best-scoring group ("256", "64-128")
    best_score: float
    best_count: int
    worst: str
    worst_score: float
    worst_count: int


@dataclasses.dataclass
class Mattered:
    trials: int
    r2: float | None  # out-of-bag R² of the forest on the scores
    effects: list[Effect]


def _features(frame: pd.DataFrame, space: list[dict]) -> pd.DataFrame:
    """One numeric column per hyperparameter: log10 for log sampling, category codes for choices."""
    columns = {}
    for item in space:
        values = frame[item["name"]]
        numeric = pd.to_numeric(values, errors="coerce")
        if item.get("type") in ("choice", "boolean") and numeric.isna().any():
            codes = {v: i for i, v in enumerate(item.get("values") or sorted(values.astype(str).unique()))}
            columns[item["name"]] = values.map(lambda v, codes=codes: codes.get(v, codes.get(str(v), -1)))
        elif item.get("sampling") == "log":
            columns[item["name"]] = np.log10(numeric.clip(lower=1e-300))
        else:
            columns[item["name"]] = numeric
    return pd.DataFrame(columns).astype(float)


def _value(value) -> str:
    number = pd.to_numeric(pd.Series([value]), errors="coerce").iloc[0]
    if pd.isna(number):
        return str(value)
    return f"{number:.3g}" if float(number) != int(number) else str(int(number))


def _groups(values: pd.Series, scores: pd.Series) -> list[tuple[str, float, int]]:
    """(label, mean score, count) per value, or per equal-count range when there are many values."""
    numeric = pd.to_numeric(values, errors="coerce")
    if numeric.notna().all() and values.nunique() > MANY:
        # equal-count ranges of the sorted distinct values, so that no value falls into two ranges
        distinct = np.sort(numeric.unique())
        edges = [distinct[len(distinct) * k // GROUPS] for k in range(1, GROUPS)]
        bins = pd.Series(np.searchsorted(edges, numeric.to_numpy(), side="right"), index=numeric.index)
        out = []
        for b in range(GROUPS):
            inside = numeric[bins == b]
            label = f"{_value(inside.min())}–{_value(inside.max())}"
            out.append((label, float(scores[bins == b].mean()), int((bins == b).sum())))
        return out
    return [
        (_value(value), float(scores[values == value].mean()), int((values == value).sum()))
        for value in values.unique()
    ]


def mattered(
    trials: pd.DataFrame, space: list[dict], direction: str = "max", seed: int = 0
) -> Mattered | None:
    """What the completed trials say about each hyperparameter; None with fewer than MIN_TRIALS of them."""
    names = [item["name"] for item in space if item.get("name") in trials]
    if "score" not in trials or not names:
        return None
    done = trials[pd.to_numeric(trials["score"], errors="coerce").notna()].reset_index(drop=True)
    if len(done) < MIN_TRIALS:
        return None
    scores = done["score"].astype(float)
    features = _features(done, [item for item in space if item["name"] in names])
    shares: dict[str, float] = {}
    r2 = None
    usable = features.notna().all().all() and scores.nunique() > 1
    if usable:
        from sklearn.ensemble import RandomForestRegressor
        from sklearn.inspection import permutation_importance

        forest = RandomForestRegressor(
            n_estimators=300, min_samples_leaf=2, oob_score=True, random_state=seed, n_jobs=1
        ).fit(features.to_numpy(), scores.to_numpy())
        r2 = float(forest.oob_score_)
        result = permutation_importance(
            forest, features.to_numpy(), scores.to_numpy(), n_repeats=20, random_state=seed, n_jobs=1
        )
        raw = np.clip(result.importances_mean, 0, None)
        total = raw.sum()
        shares = {name: float(value / total) if total > 0 else 0.0 for name, value in zip(names, raw)}
    effects = []
    for name in names:
        groups = _groups(done[name], scores)
        ranked = sorted(groups, key=lambda g: g[1], reverse=direction != "min")
        (best, best_score, best_count), (worst, worst_score, worst_count) = ranked[0], ranked[-1]
        effects.append(
            Effect(name, shares.get(name), best, best_score, best_count, worst, worst_score, worst_count)
        )
    effects.sort(key=lambda e: -(e.importance or 0.0))
    return Mattered(len(done), r2, effects)
