"""Evaluation: scikit-learn metrics on the test predictions, the training summary, summaries over seeds (no
Keras).

Everything here works on plain arrays, dicts and DataFrames, so its tests run in
milliseconds. The model's predictions come from `ann_keras.training.predict`.

A model whose loss became NaN or infinite has *diverged*: `training_summary` marks it,
and `summarize` counts such fits and leaves them out of every mean (a diverged fit has
no numbers). That is the one place diverged fits are handled; pages and CSVs read it.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd
from sklearn import metrics as skm

# The columns of comparison.csv: one row per trained (variant, seed) fit.
HEADLINE = (
    "test_accuracy",
    "test_precision_macro",
    "test_recall_macro",
    "test_f1_macro",
    "val_accuracy",
    "best_val_accuracy",
    "epochs_run",
    "best_epoch",
    "train_time_s",
    "params",
)
# The columns summary.csv summarises per variant.
SUMMARISED = (
    "test_accuracy",
    "test_f1_macro",
    "val_accuracy",
    "best_val_accuracy",
    "epochs_run",
    "train_time_s",
)


# ---------------------------------------------------------------- metrics of one model


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
            (cross-entropy, natural log).
        prefix: put in front of every headline metric name (Keras style: test_accuracy).
    Returns:
        A JSON-ready dict.
    """
    y_true = np.asarray(y_true)
    y_pred = np.asarray(y_pred)
    labels = list(range(len(class_names)))
    result = {f"{prefix}accuracy": float(skm.accuracy_score(y_true, y_pred))}
    for average in ("macro", "weighted"):
        p, r, f, _ = skm.precision_recall_fscore_support(
            y_true, y_pred, labels=labels, average=average, zero_division=0
        )
        result[f"{prefix}precision_{average}"] = float(p)
        result[f"{prefix}recall_{average}"] = float(r)
        result[f"{prefix}f1_{average}"] = float(f)
    if probabilities is not None:
        clipped = np.clip(probabilities, 1e-7, 1.0)
        result[f"{prefix}loss"] = float(skm.log_loss(y_true, clipped, labels=labels))
    p, r, f, s = skm.precision_recall_fscore_support(y_true, y_pred, labels=labels, zero_division=0)
    result["per_class"] = [
        {
            "label": i,
            "name": class_names[i],
            "precision": float(p[i]),
            "recall": float(r[i]),
            "f1": float(f[i]),
            "support": int(s[i]),
        }
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
        pairs.append(
            {
                "true": class_names[i],
                "predicted": class_names[j],
                "true_label": int(i),
                "predicted_label": int(j),
                "count": int(off[i, j]),
            }
        )
    return pairs


def evaluate(probabilities: np.ndarray, y_test: np.ndarray, class_names: Sequence[str]) -> dict:
    """Test metrics from the model's softmax outputs (a NaN output counts as a uniform guess)."""
    probabilities = np.asarray(probabilities)
    if not np.all(np.isfinite(probabilities)):
        probabilities = np.nan_to_num(probabilities, nan=1.0 / probabilities.shape[1])
    return classification_metrics(y_test, probabilities.argmax(axis=1), class_names, probabilities)


# ---------------------------------------------------------------- the training history


def best_epoch(values: Sequence[float], monitor: str = "val_loss") -> int:
    """1-based epoch with the best value of `monitor` (what restore_best_weights restores).

    Accuracies are best when highest, losses when lowest; the first epoch wins a tie, as
    in Keras' EarlyStopping. With no number at all, the last epoch.
    """
    values = np.asarray(values, dtype=float)
    if values.size == 0 or np.all(np.isnan(values)):
        return int(values.size)
    index = np.nanargmax(values) if higher_is_better(monitor) else np.nanargmin(values)
    return int(index) + 1


def higher_is_better(monitor: str) -> bool:
    return "accuracy" in monitor


def training_summary(
    history: dict[str, list[float]],
    epochs_planned: int,
    monitor: str,
    early_stopping: bool,
    restore_best_weights: bool,
) -> dict:
    """Epochs run, whether and where training stopped early, and the scores at the evaluated epoch.

    Args:
        history: loss, accuracy, val_loss, val_accuracy per epoch.
        epochs_planned: train.epochs.
        monitor: what early stopping watched (train.monitor).
        early_stopping: whether EarlyStopping was on.
        restore_best_weights: whether it restored the best epoch's weights.
    """
    epochs_run = len(history.get("loss", []))
    losses = np.asarray(history.get("loss", []), dtype=float)
    diverged = bool(losses.size and not np.all(np.isfinite(losses)))
    monitor_best = best_epoch(history[monitor], monitor) if monitor in history else epochs_run
    evaluated = monitor_best if early_stopping and restore_best_weights and not diverged else epochs_run
    summary = {
        "epochs_run": epochs_run,
        "epochs_planned": epochs_planned,
        "stopped_early": bool(early_stopping and epochs_run < epochs_planned and not diverged),
        "best_epoch": monitor_best,
        "evaluated_epoch": evaluated,
        "monitor": monitor,
        "diverged": diverged,
    }
    if diverged:
        summary["diverged_at_epoch"] = int(np.argmax(~np.isfinite(losses))) + 1
    for key in ("loss", "accuracy", "val_loss", "val_accuracy"):
        if key in history and history[key]:
            summary[key] = history[key][evaluated - 1]
    values = np.asarray(history.get("val_accuracy", []), dtype=float)
    if np.any(np.isfinite(values)):
        epoch = best_epoch(values, "val_accuracy")
        summary["best_val_accuracy"] = float(values[epoch - 1])
        summary["best_val_accuracy_epoch"] = epoch
    elif values.size:
        summary["best_val_accuracy"] = summary["best_val_accuracy_epoch"] = None
    return summary


def restored_epoch(metrics: dict | None) -> int | None:
    """The epoch whose weights were evaluated, when that is not the last one (early stopping restored it)."""
    if not metrics or metrics.get("diverged"):
        return None
    evaluated, run = metrics.get("evaluated_epoch"), metrics.get("epochs_run")
    return evaluated if evaluated and run and evaluated != run else None


# ---------------------------------------------------------------- over seeds


def mean_std(values: Sequence[float]) -> dict:
    """Mean and sample standard deviation (0 for a single value)."""
    array = np.asarray(values, dtype=float)
    std = float(array.std(ddof=1)) if len(array) > 1 else 0.0
    return {"mean": float(array.mean()), "std": std, "n": int(len(array))}


def fit_rows(fits, keys: Sequence[str]) -> pd.DataFrame:
    """variant, seed, diverged and the metrics `keys` of trained fits (with variant, seed, metrics)."""
    return pd.DataFrame(
        [
            {
                "variant": f.variant,
                "seed": f.seed,
                "diverged": bool(f.metrics.get("diverged")),
                **{k: f.metrics.get(k) for k in keys},
            }
            for f in fits
        ]
    )


def history_rows(fits) -> pd.DataFrame:
    """Every epoch of every fit in one table: variant, seed, epoch, then the history's metrics.

    Args:
        fits: trained fits (anything with variant, seed and a history dict of per-epoch lists).
    Returns:
        One row per (fit, epoch), in the order of `fits`; a fit without a history adds none.
    """
    frames = []
    for fit in fits:
        history = pd.DataFrame({k: list(v) for k, v in fit.history.items() if k != "epoch"})
        if len(history):
            history.insert(0, "epoch", range(1, len(history) + 1))
            history.insert(0, "seed", fit.seed)
            history.insert(0, "variant", fit.variant)
            frames.append(history)
    return (
        pd.concat(frames, ignore_index=True) if frames else pd.DataFrame(columns=["variant", "seed", "epoch"])
    )


def summarize(frame: pd.DataFrame, columns: Sequence[str], by: Sequence[str] = ("variant",)) -> pd.DataFrame:
    """One row per group of `by` (in order of first appearance): seeds, then mean and std of each column.

    Training numbers move with seeds and library versions, so a comparison reports
    ranges: every column becomes `<column>_mean` and `<column>_std` (sample standard
    deviation, 0 for one seed) with the number of seeds beside it. Fits whose
    `diverged` column is true are counted in `diverged_seeds` and left out of every mean.
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


def plus_minus(mean: float, std: float, digits: int = 4) -> str:
    """'0.8812 ± 0.0031' for text sections."""
    return f"{mean:.{digits}f} ± {std:.{digits}f}"
