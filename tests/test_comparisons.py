"""Mean and std over seeds per variant; diverged runs counted, not averaged (no Keras)."""

import math

import pandas as pd
import pytest

from ann_keras import evaluation


def test_summarize_means_and_sample_std_per_variant_in_first_seen_order():
    frame = pd.DataFrame({"variant": ["b", "b", "a"], "seed": [1, 2, 1], "score": [0.8, 0.9, 0.5]})
    summary = evaluation.summarize(frame, ["score"])
    assert list(summary["variant"]) == ["b", "a"] and list(summary["seeds"]) == [2, 1]
    assert summary.loc[0, "score_mean"] == pytest.approx(0.85)
    assert summary.loc[0, "score_std"] == pytest.approx(0.0707107, rel=1e-5)  # ddof=1
    assert summary.loc[1, "score_std"] == 0.0


def test_diverged_runs_are_counted_and_left_out():
    frame = pd.DataFrame(
        {
            "variant": ["x", "x", "x", "y"],
            "seed": [1, 2, 3, 1],
            "diverged": [False, True, False, True],
            "score": [0.6, 0.1, 0.8, 0.1],
        }
    )
    summary = evaluation.summarize(frame, ["score"]).set_index("variant")
    assert summary.loc["x", "diverged_seeds"] == 1 and summary.loc["x", "score_mean"] == pytest.approx(0.7)
    assert summary.loc["y", "diverged_seeds"] == 1 and math.isnan(summary.loc["y", "score_mean"])


def test_plus_minus():
    assert evaluation.plus_minus(0.88123, 0.00312) == "0.8812 ± 0.0031"
