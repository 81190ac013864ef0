"""Classification metrics from labels, with scikit-learn (no Keras here)."""

from __future__ import annotations

from typing import Sequence

import numpy as np
from sklearn import metrics as skm


def classification_metrics(
    y_true: Sequence[int],
    y_pred: Sequence[int],
    class_names: Sequence[str],
    probabilities: np.ndarray | None = None,
    prefix: str = "test_",
) -> dict:
    """Accuracy, precision, recall and F1 (macro, weighted, per class) and the confusion matrix.

    Args:
        y_true, y_pred: integer labels 0..len(class_names)-1.
        class_names: one name per class, in label order.
        probabilities: optional (n, classes) softmax outputs; adds `<prefix>loss`
            (cross-entropy, natural log) and the confidence of each prediction.
        prefix: put in front of every headline metric name (Keras style: test_accuracy).
    Returns:
        A JSON-ready dict.
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    labels = list(range(len(class_names)))
    result = {f"{prefix}accuracy": float(skm.accuracy_score(y_true, y_pred))}
    for average in ("macro", "weighted"):
        p, r, f, _ = skm.precision_recall_fscore_support(y_true, y_pred, labels=labels, average=average, zero_division=0)
        result[f"{prefix}precision_{average}"] = float(p)
        result[f"{prefix}recall_{average}"] = float(r)
        result[f"{prefix}f1_{average}"] = float(f)
    if probabilities is not None:
        result[f"{prefix}loss"] = float(skm.log_loss(y_true, np.clip(probabilities, 1e-7, 1.0), labels=labels))
    p, r, f, s = skm.precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    result["per_class"] = [
        {"label": i, "name": class_names[i], "precision": float(p[i]), "recall": float(r[i]), "f1": float(f[i]), "support": int(s[i])}
        for i in labels
    ]
    matrix = skm.confusion_matrix(y_true, y_pred, labels=labels)
    result["confusion_matrix"] = matrix.tolist()
    result["most_confused"] = most_confused(matrix, class_names)
    result["classification_report"] = skm.classification_report(
        y_true, y_pred, labels=labels, target_names=list(class_names), digits=4, zero_division=0
    )
    return result


def most_confused(matrix: np.ndarray, class_names: Sequence[str], top: int = 5) -> list[dict]:
    """The largest off-diagonal counts: (true class, predicted class, count)."""
    matrix = np.asarray(matrix)
    off = matrix.copy()
    np.fill_diagonal(off, 0)
    order = np.argsort(off, axis=None)[::-1][:top]
    pairs = []
    for flat in order:
        i, j = np.unravel_index(flat, off.shape)
        if off[i, j] == 0:
            break
        pairs.append({"true": class_names[i], "predicted": class_names[j], "true_label": int(i), "predicted_label": int(j), "count": int(off[i, j])})
    return pairs


def mean_std(values: Sequence[float]) -> dict:
    """Mean and sample standard deviation (0 for a single value)."""
    array = np.asarray(values, dtype=float)
    std = float(array.std(ddof=1)) if len(array) > 1 else 0.0
    return {"mean": float(array.mean()), "std": std, "n": int(len(array))}
