"""Metrics against hand-computed values and scikit-learn."""

import numpy as np
import pytest
from sklearn import metrics as skm

from ann_keras.evaluation import classification_metrics, mean_std, most_confused

NAMES = ("a", "b", "c")


def test_hand_built_labels():
    y_true = [0, 0, 0, 1, 1, 2, 2, 2]
    y_pred = [0, 0, 1, 1, 2, 2, 2, 0]
    m = classification_metrics(y_true, y_pred, NAMES)
    assert m["test_accuracy"] == pytest.approx(5 / 8)
    # class 0: TP 2, FP 1 (a 2 predicted as 0), FN 1 -> precision 2/3, recall 2/3
    a = m["per_class"][0]
    assert (a["precision"], a["recall"], a["support"]) == (pytest.approx(2 / 3), pytest.approx(2 / 3), 3)
    # class 1: TP 1, FP 1, FN 1; class 2: TP 2, FP 1, FN 1
    assert m["test_precision_macro"] == pytest.approx((2 / 3 + 1 / 2 + 2 / 3) / 3)
    assert m["confusion_matrix"] == [[2, 1, 0], [0, 1, 1], [1, 0, 2]]
    for average in ("macro", "weighted"):
        assert m[f"test_f1_{average}"] == pytest.approx(skm.f1_score(y_true, y_pred, average=average))
        assert m[f"test_recall_{average}"] == pytest.approx(skm.recall_score(y_true, y_pred, average=average))


def test_loss_from_probabilities():
    probs = np.array([[0.7, 0.2, 0.1], [0.1, 0.8, 0.1]])
    m = classification_metrics([0, 1], [0, 1], NAMES, probabilities=probs)
    assert m["test_loss"] == pytest.approx(-(np.log(0.7) + np.log(0.8)) / 2)


def test_missing_class_gives_zero_not_a_warning():
    m = classification_metrics([0, 1], [0, 0], NAMES)
    assert m["per_class"][2]["support"] == 0 and m["per_class"][2]["precision"] == 0.0


def test_most_confused_pairs():
    matrix = np.array([[5, 3, 0], [1, 5, 7], [0, 0, 9]])
    pairs = most_confused(matrix, NAMES)
    assert [(p["true"], p["predicted"], p["count"]) for p in pairs] == [
        ("b", "c", 7),
        ("a", "b", 3),
        ("b", "a", 1),
    ]


def test_mean_std():
    assert mean_std([1.0, 2.0, 3.0]) == {"mean": 2.0, "std": 1.0, "n": 3}
    assert mean_std([0.5])["std"] == 0.0
