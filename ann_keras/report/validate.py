"""Whether a result folder is whole: the files a complete run must have, each parsing, with the
types and shapes the pages rely on (no Keras, no drawing).

`problems(folder)` lists what is wrong, each as "<file>: <what>", first problem first. The
report stage shows an experiment with problems as damaged instead of as a result, and
`ann-keras report` names it; an empty list means the folder holds what a complete run wrote.
A run that did not complete (its run.json says so) is not checked: it is shown as unfinished.
"""

from __future__ import annotations

import json
import numbers
import zipfile
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

ALWAYS = ("run.json", "config.json")
TRAINED = ("metrics.json", "history.csv", "model.json", "predictions.csv", "misclassified.npz")
COMPARED = ("comparison.csv", "summary.csv")
SEARCHED = ("trials.csv", "search.json", "search_space.json")
FIT = ("metrics.json", "history.csv", "config.json", "model.json")  # in each fits/<variant>/seed-<n>/
HISTORY_COLUMNS = ("loss", "accuracy", "val_loss", "val_accuracy")

# metrics.json: keys and what their values must be (null stands for NaN, as the writer puts it).
COUNTS = (
    "epochs_run",
    "epochs_planned",
    "best_epoch",
    "evaluated_epoch",
    "best_val_accuracy_epoch",
    "diverged_at_epoch",
    "params",
)
FLAGS = ("stopped_early", "diverged")
SCORES = (
    "loss",
    "accuracy",
    "val_loss",
    "val_accuracy",
    "best_val_accuracy",
    "train_time_s",
    "seconds_per_epoch",
    "learning_rate",
)


# run.json: the fields the pages read, and their types.
RUN_FIELDS = {
    "status": str,
    "kind": str,
    "title": str,
    "description": str,
    "command": str,
    "variants": dict,
    "seeds": list,
    "fits": list,
    "device": dict,
    "versions": dict,
}


class Damaged(Exception):
    """One problem with one file; its text is "<file>: <what>"."""


def problems(folder: Path) -> list[str]:
    """What is wrong with the result folder `folder` ("<file>: <what>"); [] when it is whole or unfinished."""
    folder = Path(folder)
    found: list[str] = []

    def check(name: str, reader, *args) -> Any:
        try:
            return reader(folder, name, *args)
        except Damaged as exc:
            found.append(str(exc))
            return None

    run = check("run.json", _run)
    if run is None or run.get("status") != "complete":
        return found
    check("config.json", _json_file, dict)
    trained = "epochs_run" in run or (folder / "metrics.json").exists()
    if trained:
        metrics = check("metrics.json", _metrics)
        epochs = metrics.get("epochs_run") if isinstance(metrics, dict) else None
        check("history.csv", _history, epochs)
        check("model.json", _json_file, dict, "layers")
        tested = _tested(metrics)
        check("predictions.csv", _predictions, tested)
        check("misclassified.npz", _misclassified)
    fits = [f for f in run.get("fits") or [] if isinstance(f, dict) and f.get("path") not in (None, ".")]
    several = (
        len(fits) > 1 if "fits" in run else len(run.get("variants") or {}) * len(run.get("seeds") or []) > 1
    )
    if trained and several:
        for name in COMPARED:
            check(name, _table, "variant")
    for fit in fits:
        path = str(fit["path"])
        metrics = check(f"{path}/metrics.json", _metrics)
        check(
            f"{path}/history.csv", _history, metrics.get("epochs_run") if isinstance(metrics, dict) else None
        )
        check(f"{path}/config.json", _json_file, dict)
        check(f"{path}/model.json", _json_file, dict, "layers")
    if run.get("kind") == "tune":
        check("trials.csv", _table, "trial_id")
        check("search.json", _json_file, dict)
        check("search_space.json", _json_file, list)
    for name, kind in (("best_hyperparameters.json", dict), ("facts.json", dict)):
        if (folder / name).exists():
            check(name, _json_file, kind)
    if (folder / "best_trial_history.csv").exists():
        check("best_trial_history.csv", _history, None)
    if (folder / "sections.json").exists():
        check("sections.json", _sections)
    return found


# ---------------------------------------------------------------- readers that raise Damaged


def _path(folder: Path, name: str) -> Path:
    path = folder / name
    if not path.is_file():
        raise Damaged(f"{name}: missing")
    return path


def _json_file(folder: Path, name: str, kind: type = dict, *keys: str) -> Any:
    """The JSON in `name`, which must be a `kind` (and, for an object, have `keys`)."""
    path = _path(folder, name)
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise Damaged(f"{name}: not UTF-8 text") from None
    except OSError as exc:
        raise Damaged(f"{name}: cannot be read ({exc.strerror or exc})") from None
    if not text.strip():
        raise Damaged(f"{name}: empty")
    try:
        data = json.loads(text)
    except json.JSONDecodeError as exc:
        raise Damaged(f"{name}: not valid JSON ({exc.msg}: line {exc.lineno}; cut short?)") from None
    if not isinstance(data, kind):
        raise Damaged(f"{name}: holds {_what(data)}, not a JSON {'object' if kind is dict else 'list'}")
    for key in keys:
        if key not in data:
            raise Damaged(f"{name}: has no {key!r}")
    return data


def _run(folder: Path, name: str) -> dict:
    """run.json, with the types the pages read from it."""
    run = _json_file(folder, name, dict)
    for key, kind in RUN_FIELDS.items():
        if run.get(key) is not None and not isinstance(run[key], kind):
            want = {str: "a string", dict: "an object", list: "a list"}[kind]
            raise Damaged(f"{name}: {key} is {_what(run[key])}, not {want}")
    return run


def _csv(folder: Path, name: str) -> pd.DataFrame:
    path = _path(folder, name)
    try:
        frame = pd.read_csv(path)
    except pd.errors.EmptyDataError:
        raise Damaged(f"{name}: empty") from None
    except (OSError, ValueError, pd.errors.ParserError) as exc:
        raise Damaged(f"{name}: not a CSV table ({str(exc).splitlines()[0][:80]})") from None
    if frame.empty:
        raise Damaged(f"{name}: has a header but no rows")
    return frame


def _table(folder: Path, name: str, column: str) -> pd.DataFrame:
    frame = _csv(folder, name)
    if column not in frame.columns:
        raise Damaged(f"{name}: has no column {column!r}")
    return frame


def _history(folder: Path, name: str, epochs: int | None) -> pd.DataFrame:
    """A learning curve: numbers (empty where the loss became NaN), one row per epoch run."""
    frame = _table(folder, name, "loss")
    for column in (c for c in HISTORY_COLUMNS if c in frame.columns):
        if not pd.api.types.is_numeric_dtype(frame[column]):
            bad = next(v for v in frame[column] if not _is_number_text(v))
            raise Damaged(f"{name}: {column} holds {bad!r}, not a number")
    if isinstance(epochs, int) and len(frame) != epochs:
        raise Damaged(f"{name}: {len(frame)} epoch(s), metrics.json says epochs_run {epochs} (cut short?)")
    return frame


def _metrics(folder: Path, name: str) -> dict:
    """metrics.json: the test scores, per-class scores and confusion matrix the pages show."""
    metrics = _json_file(folder, name, dict, "test_accuracy", "confusion_matrix")
    for key, value in metrics.items():
        if key.startswith("test_") or key in SCORES:
            if value is not None and not _is_number(value):
                raise Damaged(f"{name}: {key} is {value!r}, not a number")
        elif key in COUNTS:
            if value is not None and not (_is_number(value) and float(value).is_integer() and value >= 0):
                raise Damaged(f"{name}: {key} is {value!r}, not a count")
        elif key in FLAGS and not isinstance(value, bool):
            raise Damaged(f"{name}: {key} is {value!r}, not true or false")
    per_class = metrics.get("per_class", [])
    if not isinstance(per_class, list) or not all(isinstance(row, dict) for row in per_class):
        raise Damaged(f"{name}: per_class is not a list of objects")
    for row in per_class:
        for key in ("precision", "recall", "f1", "support"):
            if key in row and not _is_number(row[key]):
                raise Damaged(f"{name}: per_class {key} is {row[key]!r}, not a number")
    matrix = metrics["confusion_matrix"]
    if not isinstance(matrix, list) or not matrix or not all(isinstance(row, list) for row in matrix):
        raise Damaged(f"{name}: confusion_matrix is not a list of rows")
    widths = sorted({len(row) for row in matrix})
    if len(widths) > 1:
        raise Damaged(f"{name}: confusion_matrix is ragged (rows of {' and '.join(map(str, widths))} values)")
    size = len(per_class) or len(matrix)
    if (len(matrix), widths[0]) != (size, size):
        raise Damaged(f"{name}: confusion_matrix is {len(matrix)}x{widths[0]}, per_class has {size} classes")
    for i, row in enumerate(matrix):
        if not all(_is_number(v) and float(v).is_integer() and v >= 0 for v in row):
            raise Damaged(f"{name}: confusion_matrix row {i} holds something other than counts")
    return metrics


def _tested(metrics: Any) -> int | None:
    """How many test images the confusion matrix counts (None when metrics.json is damaged)."""
    if not isinstance(metrics, dict):
        return None
    return int(sum(sum(row) for row in metrics["confusion_matrix"]))


def _predictions(folder: Path, name: str, tested: int | None) -> None:
    frame = _table(folder, name, "predicted")
    for column in ("true", "predicted", "confidence"):
        if column not in frame.columns:
            raise Damaged(f"{name}: has no column {column!r}")
        labels_missing = column != "confidence" and frame[column].isna().any()  # a diverged model's is NaN
        if not pd.api.types.is_numeric_dtype(frame[column]) or labels_missing:
            raise Damaged(f"{name}: {column} holds something other than numbers")
    if tested is not None and len(frame) != tested:
        raise Damaged(f"{name}: {len(frame)} row(s), the confusion matrix counts {tested} (cut short?)")


def _misclassified(folder: Path, name: str) -> None:
    path = _path(folder, name)
    try:
        with np.load(path) as archive:
            arrays = {key: archive[key] for key in ("images", "true", "predicted") if key in archive.files}
    except (OSError, ValueError, EOFError, zipfile.BadZipFile) as exc:
        raise Damaged(f"{name}: not a NumPy archive ({str(exc)[:80]})") from None
    if len(arrays) < 3:
        raise Damaged(
            f"{name}: lacks {', '.join(k for k in ('images', 'true', 'predicted') if k not in arrays)}"
        )
    images = arrays["images"]
    if images.ndim != 3 or not len(images) == len(arrays["true"]) == len(arrays["predicted"]):
        raise Damaged(f"{name}: images {images.shape} do not match {len(arrays['true'])} labels")


def _sections(folder: Path, name: str) -> None:
    sections = _json_file(folder, name, list)
    for section in sections:
        if not isinstance(section, dict):
            raise Damaged(f"{name}: holds {_what(section)} among its sections")
        for key in ("file", "data"):  # a table's file, a declared figure's data
            target = section.get(key)
            if target is not None and not (folder / str(target)).is_file():
                raise Damaged(f"{name}: names {target}, which is missing")


# ---------------------------------------------------------------- small helpers


def _is_number(value: Any) -> bool:
    return isinstance(value, numbers.Real) and not isinstance(value, bool)


def _is_number_text(value: Any) -> bool:
    try:
        float(value)
    except (TypeError, ValueError):
        return False
    return True


def _what(value: Any) -> str:
    names = {dict: "an object", list: "a list", str: "a string", bool: "true or false", type(None): "null"}
    return names.get(type(value), "a number")
