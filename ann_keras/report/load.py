"""Reading a results folder: complete experiments, their fits, tuner files, unfinished runs (no Keras).

Only files are read here, never models: the pages show what the files hold.
"""

from __future__ import annotations

import dataclasses
import functools
import hashlib
import json
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ann_keras import files
from ann_keras.report import validate

PAGE = "report.html"
PAGE_MD = "report.md"  # the same page in Markdown
PAGE_FILES = "report_files"
INDEX = "index.html"


def _json(path: Path) -> Any:
    try:
        return files.read_json(path) if path.is_file() else None
    except (OSError, ValueError):
        return None


def _csv(path: Path, **options) -> pd.DataFrame | None:
    try:
        return pd.read_csv(path, **options) if path.is_file() else None
    except (OSError, ValueError, pd.errors.EmptyDataError):
        return None


def history_dict(frame: pd.DataFrame | None) -> dict[str, list[float]]:
    """history.csv as {metric: values}, NaN kept (a diverged run's loss is empty in the file)."""
    if frame is None:
        return {}
    return {column: frame[column].astype(float).tolist() for column in frame.columns if column != "epoch"}


@dataclasses.dataclass
class FitFolder:
    """One trained model of a comparison: runs/<variant>/seed-<n>/."""

    variant: str
    seed: int
    path: Path

    @functools.cached_property
    def metrics(self) -> dict:
        return _json(self.path / "metrics.json") or {}

    @functools.cached_property
    def config(self) -> dict:
        return _json(self.path / "config.json") or {}

    @functools.cached_property
    def history(self) -> dict[str, list[float]]:
        return history_dict(_csv(self.path / "history.csv"))


@dataclasses.dataclass
class ResultFolder:
    """results/<name>/ as the page needs it; every reader returns None (or empty) when its file is missing."""

    path: Path

    @property
    def name(self) -> str:
        return self.path.name

    @functools.cached_property
    def run(self) -> dict:
        run = _json(self.path / "run.json")
        return run if isinstance(run, dict) else {}

    @property
    def complete(self) -> bool:
        return self.run.get("status") == "complete"

    @functools.cached_property
    def problems(self) -> list[str]:
        """What is wrong with its files ("<file>: <what>"); empty when whole or when the run is unfinished."""
        return validate.problems(self.path)

    @property
    def kind(self) -> str:
        return self.run.get("kind") or "run"

    @functools.cached_property
    def runs(self) -> list[ResultFolder]:
        """The experiment's kept runs (runs/<name>/ with a run.json), oldest first."""
        folder = self.path / files.RUNS
        # runs/_compare/ is their comparison, not a run: a run's name starts with a letter or digit
        found = [ResultFolder(p) for p in folder.glob("[A-Za-z0-9]*/") if (p / "run.json").is_file()]
        return sorted(found, key=lambda r: (str(r.run.get("finished") or r.run.get("started") or ""), r.name))

    @property
    def run_name(self) -> str | None:
        """A kept run's name (None for an experiment's own result)."""
        return self.run.get("run_name")

    @functools.cached_property
    def metrics(self) -> dict | None:
        return _json(self.path / "metrics.json")

    @functools.cached_property
    def config(self) -> dict:
        return _json(self.path / "config.json") or {}

    @functools.cached_property
    def model(self) -> dict | None:
        return _json(self.path / "model.json")

    @functools.cached_property
    def history(self) -> dict[str, list[float]]:
        return history_dict(_csv(self.path / "history.csv"))

    @functools.cached_property
    def comparison(self) -> pd.DataFrame | None:
        return _csv(self.path / "comparison.csv")

    @functools.cached_property
    def summary(self) -> pd.DataFrame | None:
        return _csv(self.path / "summary.csv")

    @functools.cached_property
    def sections(self) -> list[dict]:
        sections = _json(self.path / "sections.json")
        return [s for s in sections if isinstance(s, dict)] if isinstance(sections, list) else []

    @functools.cached_property
    def facts(self) -> dict:
        facts = _json(self.path / "facts.json")
        return facts if isinstance(facts, dict) else {}

    @functools.cached_property
    def misclassified(self) -> dict[str, np.ndarray] | None:
        path = self.path / "misclassified.npz"
        if not path.is_file():
            return None
        try:
            with np.load(path) as archive:
                return {key: archive[key] for key in archive.files}
        except (OSError, ValueError):
            return None

    @functools.cached_property
    def fits(self) -> list[FitFolder]:
        """Every runs/<variant>/seed-<n>/ in the order run.json lists them."""
        listed = self.run.get("fits") or []
        fits = [
            FitFolder(u["variant"], int(u["seed"]), self.path / u["path"])
            for u in listed
            if u.get("path") not in (None, ".")
        ]
        return [u for u in fits if u.path.is_dir()]

    # ------------------------------------------------------------ a tuner search

    @functools.cached_property
    def trials(self) -> pd.DataFrame | None:
        return _csv(
            self.path / "trials.csv", dtype={"trial_id": str}
        )  # keras-tuner's ids are "00", "01", ...

    @functools.cached_property
    def search(self) -> dict:
        return _json(self.path / "search.json") or {}

    @functools.cached_property
    def search_space(self) -> list[dict]:
        space = _json(self.path / "search_space.json")
        return [s for s in space if isinstance(s, dict) and "name" in s] if isinstance(space, list) else []

    @functools.cached_property
    def best_hyperparameters(self) -> dict:
        best = _json(self.path / "best_hyperparameters.json")
        return best if isinstance(best, dict) else {}

    @functools.cached_property
    def best_trial_history(self) -> dict[str, list[float]]:
        return history_dict(_csv(self.path / "best_trial_history.csv"))

    @property
    def is_search(self) -> bool:
        return self.trials is not None or self.kind == "tune"

    # ------------------------------------------------------------ state

    def diverged(self, metrics: dict | None = None) -> bool:
        metrics = self.metrics if metrics is None else metrics
        return bool(metrics and metrics.get("diverged"))

    def source_key(self, unfinished: list[dict], lang: str, version: str) -> str:
        """Changes whenever a file the page is made from changes (the page is then rebuilt)."""
        digest = hashlib.sha1(f"{version}|{lang}".encode())
        for path in sorted(self.path.rglob("*")):
            relative = path.relative_to(self.path)
            if (
                relative.parts[0] in (PAGE, PAGE_MD, PAGE_FILES)
                or relative.parts[0].startswith(f".{PAGE_FILES}")
                or not path.is_file()
            ):
                continue
            if relative.parts[0] == files.RUNS and (
                len(relative.parts) != 3 or relative.parts[2] not in ("run.json", "metrics.json")
            ):
                continue  # the page lists its runs: their run.json and metrics.json, not their pages
            stat = path.stat()
            digest.update(f"{relative}|{stat.st_size}|{stat.st_mtime_ns}".encode())
        digest.update(json.dumps(unfinished, sort_keys=True, default=str).encode())
        return digest.hexdigest()[:16]


def unfinished(results_dir: Path) -> list[dict]:
    """Staging folders of runs that never completed, with `state`: running, killed, failed or interrupted."""
    found = []
    for info in files.unfinished_runs(results_dir):
        status = info.get("status")
        if status == "running":
            state = "running" if files.pid_alive(info.get("pid")) else "killed"
        elif status in ("failed", "interrupted", "killed"):
            state = status
        else:
            state = "unknown"
        found.append(
            {**info, "state": state, "experiment": info.get("experiment") or Path(info["path"]).name}
        )
    return found


def runs_only(results_dir: Path) -> list[ResultFolder]:
    """Experiment folders that hold kept runs (runs/<name>/) but no result of their own yet."""
    root = Path(results_dir)
    folders = (
        [p for p in root.iterdir() if p.is_dir() and not p.name.startswith(".")] if root.is_dir() else []
    )
    return [
        ResultFolder(p)
        for p in sorted(folders, key=lambda p: p.name)
        if not (p / "run.json").is_file() and ResultFolder(p).runs
    ]


def experiments(results_dir: Path) -> list[ResultFolder]:
    """Every results/<name>/ folder that holds a run.json, sorted by name."""
    folders = (
        [p for p in Path(results_dir).iterdir() if p.is_dir() and not p.name.startswith(".")]
        if Path(results_dir).is_dir()
        else []
    )
    return [ResultFolder(p) for p in sorted(folders, key=lambda p: p.name) if (p / "run.json").is_file()]
