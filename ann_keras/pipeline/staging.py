"""Where a run writes: a staging folder, swapped into place only when complete (no Keras).

A run writes into `results/.staging/<experiment>-<run id>/` and, only when every
file exists and `run.json` says "complete", replaces `results/<experiment>/` with
it. A killed run therefore never leaves a complete-looking result behind, and the
previous complete result stays until the new one is ready. A lock per experiment
keeps two runs from writing the same folder.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import uuid
from pathlib import Path

from ann_keras.files import LOCKS, STAGING, FileLock, check_writable, unfinished_runs


class RunDir:
    """The staging folder of one experiment run, its lock, and the final swap.

    Use as a context manager: entering takes the lock (two runs of one experiment
    into one results folder are refused); `start()` creates the staging folder or
    reopens the one a stopped run of the same configuration left; `commit()`
    moves it into place. Leaving without commit keeps the staging folder, marked
    by its run.json, so reports show it as incomplete and the next run resumes it.
    """

    def __init__(self, results_dir: Path, experiment: str):
        self.results_dir = check_writable(results_dir)
        self.experiment = experiment
        self.run_id = f"{_dt.datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
        self.path = self.results_dir / STAGING / f"{experiment}-{self.run_id}"
        self.final = self.results_dir / experiment
        self.resumed: dict | None = None
        self._lock = FileLock(
            self.results_dir / LOCKS / f"{experiment}.lock",
            holder=f"pid {os.getpid()}, run {self.run_id}",
            busy=f"{experiment} is already running into {self.results_dir}; "
            "wait for it to finish or pass a different --results-dir",
        )

    def __enter__(self) -> RunDir:
        self._lock.__enter__()
        return self

    def __exit__(self, *exc) -> None:
        self._lock.__exit__(*exc)

    def start(self, fingerprint: str = "", restart: bool = False) -> Path:
        """Create the staging folder, or reopen the stopped run with the same `fingerprint`.

        Returns the staging path; `self.resumed` holds the stopped run's run.json when one
        is reopened. With `restart`, every stopped run of this experiment is discarded.
        """
        stopped = [r for r in unfinished_runs(self.results_dir) if r.get("experiment") == self.experiment]
        if restart:
            for run in stopped:
                shutil.rmtree(run["path"], ignore_errors=True)
            stopped = []
        match = next(
            (r for r in reversed(stopped) if fingerprint and r.get("fingerprint") == fingerprint), None
        )
        if match is not None:
            self.resumed = match
            self.path = Path(match["path"])
            self.run_id = match.get("run_id", self.run_id)
        else:
            self.path.mkdir(parents=True)
        return self.path

    def commit(self) -> Path:
        """Replace results/<experiment>/ with the finished staging folder; drop older stopped runs."""
        old = None
        if self.final.exists():
            old = self.results_dir / STAGING / f".old-{self.experiment}-{self.run_id}"
            os.replace(self.final, old)
        os.replace(self.path, self.final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        for run in unfinished_runs(self.results_dir):
            if run.get("experiment") == self.experiment:  # superseded by this complete result
                shutil.rmtree(run["path"], ignore_errors=True)
        return self.final
