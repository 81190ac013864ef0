"""A search's trials as a table, read from the tuner folder's JSON files (no Keras).

keras-tuner keeps one `trial_<id>/trial.json` per trial (written by the oracle: status,
hyperparameter values, score, metrics). Next to it, whichever process ran the trial writes
`ann_keras_trial.json`: the learning curve, the worker's id and the memory in use. Both are
plain JSON, so a search can be tabulated while it runs, and without importing Keras.
"""

from __future__ import annotations

import math
from pathlib import Path
from typing import Any

import pandas as pd

from ann_keras import files
from ann_keras.tuning.space import SearchSpace

SIDECAR = "ann_keras_trial.json"
HISTORY_KEYS = ("loss", "accuracy", "val_loss", "val_accuracy")
# Reported to the oracle with the objective, so a chief sees them even when a worker ran elsewhere.
TRIAL_FIGURES = ("best_epoch", "epochs_run", "wall_time_s")


def trial_dirs(project_dir: Path) -> list[Path]:
    """trial_* folders in trial-id order (ids are numbers, padded to different widths across resumes)."""
    folders = [p for p in Path(project_dir).glob("trial_*") if p.is_dir()]
    return sorted(folders, key=lambda p: _id_key(p.name[len("trial_") :]))


def _id_key(trial_id: str):
    return (0, int(trial_id), "") if trial_id.isdigit() else (1, 0, trial_id)


def metric_value(trial: dict, name: str) -> float | None:
    """The last value the oracle recorded for `name` in this trial."""
    entry = (trial.get("metrics") or {}).get("metrics", {}).get(name)
    if not entry or not entry.get("observations"):
        return None
    value = entry["observations"][-1]["value"]
    value = value[0] if isinstance(value, list) else value
    return None if value is None or (isinstance(value, float) and math.isnan(value)) else float(value)


def read_trials(project_dir: Path) -> list[dict]:
    """Every trial of a tuner folder: the oracle's record merged with the runner's sidecar."""
    trials = []
    for folder in trial_dirs(project_dir):
        record = files.try_read_json(folder / "trial.json")
        if record is None:
            continue
        record["sidecar"] = files.try_read_json(folder / SIDECAR) or {}
        trials.append(record)
    return trials


def trials_frame(trials: list[dict], space: SearchSpace, objective: str) -> pd.DataFrame:
    """trials.csv: one row per trial; hyperparameter columns named as in the search space."""
    rows = []
    for trial in trials:
        values = (trial.get("hyperparameters") or {}).get("values", {})
        side = trial["sidecar"]
        completed = trial.get("status") == "COMPLETED"
        row = {"trial_id": trial["trial_id"], "status": trial.get("status")}
        for name in space.names:
            row[name] = values.get(name)
        row["score"] = trial.get("score") if completed else None
        for key in TRIAL_FIGURES:
            row[key] = metric_value(trial, key) if completed else None
            if row[key] is None and side.get("trial_id") == trial["trial_id"]:
                row[key] = side.get(key)
        if row["best_epoch"] is not None:
            row["best_epoch"] = int(row["best_epoch"])
        if row["epochs_run"] is not None:
            row["epochs_run"] = int(row["epochs_run"])
        row["worker"] = side.get("worker")
        if "tuner/epochs" in values:  # Hyperband: how far this trial trains, continuing which trial
            row["hyperband_epochs"] = values.get("tuner/epochs")
            row["hyperband_continues"] = values.get("tuner/trial_id")
        rows.append(row)
    columns = ["trial_id", "status", *space.names, "score", *TRIAL_FIGURES, "worker"]
    frame = pd.DataFrame(
        rows,
        columns=columns
        + [c for c in ("hyperband_epochs", "hyperband_continues") if any(c in r for r in rows)],
    )
    return frame


def best_trial(frame: pd.DataFrame, direction: str) -> pd.Series | None:
    """The completed trial with the best score (the first one on a tie)."""
    done = frame[(frame["status"] == "COMPLETED") & frame["score"].notna()]
    if done.empty:
        return None
    scores = done["score"].astype(float)
    return done.loc[scores.idxmax() if direction == "max" else scores.idxmin()]


def history_frame(project_dir: Path, trial_id: str) -> pd.DataFrame | None:
    """The learning curve of one trial (absolute epoch numbers; Hyperband trials start late)."""
    side = files.try_read_json(Path(project_dir) / f"trial_{trial_id}" / SIDECAR)
    if not side or not side.get("history"):
        return None
    history = side["history"]
    epochs = len(next(iter(history.values())))
    frame = pd.DataFrame({"epoch": range(side.get("first_epoch", 1), side.get("first_epoch", 1) + epochs)})
    for key in HISTORY_KEYS:
        if key in history:
            frame[key] = history[key]
    return frame


def describe(values: dict[str, Any], space: SearchSpace) -> str:
    """'n_hidden=2 learning_rate=0.00123 ...' for progress lines."""
    parts = []
    for name in space.names:
        value = values.get(name)
        if isinstance(value, float):
            value = f"{value:.3g}"
        parts.append(f"{name}={value}")
    return " ".join(parts)


def load_trials(path: Path) -> pd.DataFrame:
    """trials.csv of a finished search (`results/<experiment>/`, or the file itself) as a DataFrame."""
    path = Path(path)
    csv = path if path.suffix == ".csv" else path / "trials.csv"
    return pd.read_csv(csv, dtype={"trial_id": str})
