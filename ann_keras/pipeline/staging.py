"""Where a run writes: a staging folder, swapped into place only when complete (no Keras).

A run writes into `results/.staging/<experiment>-<run id>/` and, only when every
file exists and `run.json` says "complete", replaces `results/<experiment>/` with
it. A killed run therefore never leaves a complete-looking result behind, and the
previous complete result stays until the new one is ready. A kept run (`--set`, `--name`)
goes the same way to `results/<experiment>/runs/<name>/`; the experiment's own result,
when it is replaced, takes the runs/ folder with it. A lock per experiment in
the results folder and one in the work folder keep two runs from writing the same
result folder or the same checkpoints and backups.
"""

from __future__ import annotations

import datetime as _dt
import os
import shutil
import uuid
from pathlib import Path

from ann_keras.files import (
    LOCKS,
    RUN_SPACE_MB,
    RUNS,
    STAGING,
    FileLock,
    check_writable,
    try_read_json,
    unfinished_runs,
)


class RunDir:
    """The staging folder of one experiment run, its locks, and the final swap.

    Use as a context manager: entering takes the locks (two runs of one experiment
    into one results folder, or with one work folder, are refused); `start()` creates
    the staging folder or reopens the one a stopped run of the same configuration left;
    `commit()` moves it into place. Leaving without commit keeps the staging folder,
    marked by its run.json, so reports show it as incomplete and the next run resumes it.

    Args:
        results_dir: where results/<experiment>/ goes.
        experiment: its name.
        work_dir: the run's work folder (checkpoints, backups, logs), checked and locked
            like the results folder; None for none.
        run_name: a kept run's name: its result goes to results/<experiment>/runs/<name>/.
    """

    def __init__(
        self, results_dir: Path, experiment: str, work_dir: Path | None = None, run_name: str | None = None
    ):
        self.results_dir = check_writable(results_dir, space_mb=RUN_SPACE_MB)
        self.experiment = experiment
        self.run_name = run_name
        self.run_id = f"{_dt.datetime.now():%Y%m%d-%H%M%S}-{uuid.uuid4().hex[:6]}"
        self.path = self.results_dir / STAGING / f"{experiment}-{self.run_id}"
        self.final = self.results_dir / experiment
        if run_name:
            self.final = self.final / RUNS / run_name
        self.resumed: dict | None = None
        holder = f"pid {os.getpid()}, run {self.run_id}"
        self._locks = [
            FileLock(
                self.results_dir / LOCKS / f"{experiment}.lock",
                holder=holder,
                busy=f"{experiment} is already running into {self.results_dir}; "
                "wait for it to finish or pass a different --results-dir",
            )
        ]
        if work_dir is not None:
            work_dir = check_writable(work_dir, "work directory", "--work-dir", RUN_SPACE_MB)
            self._locks.append(
                FileLock(
                    Path(work_dir) / LOCKS / f"{experiment}.lock",
                    holder=holder,
                    busy=f"{experiment} is already running with the work folder {work_dir} (its "
                    "checkpoints and backups); wait for it to finish or pass a different --work-dir",
                )
            )
        self._held: list[FileLock] = []

    def __enter__(self) -> RunDir:
        try:
            for lock in self._locks:
                lock.__enter__()
                self._held.append(lock)
        except BaseException:
            self.__exit__()
            raise
        return self

    def __exit__(self, *exc) -> None:
        while self._held:
            self._held.pop().__exit__(*exc)

    def kept(self, fingerprint: str, page: str) -> dict | None:
        """run.json of a complete result of this configuration that has no `page` yet, else None.

        A run stopped after its result moved into place but before its pages were made
        leaves exactly that: the next run of the same configuration makes the pages only.
        """
        info = try_read_json(self.final / "run.json")
        if (
            isinstance(info, dict)
            and fingerprint
            and info.get("status") == "complete"
            and info.get("fingerprint") == fingerprint
            and not (self.final / page).exists()
        ):
            return info
        return None

    def start(self, fingerprint: str = "", restart: bool = False) -> Path:
        """Create the staging folder, or reopen the stopped run with the same `fingerprint`.

        Returns the staging path; `self.resumed` holds the stopped run's run.json when one
        is reopened. With `restart`, every stopped run of this experiment is discarded.
        """
        stopped = [r for r in unfinished_runs(self.results_dir) if self._mine(r)]
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

    def _mine(self, run: dict) -> bool:
        """A stopped run of this experiment and of this kept run (or of the experiment's own result)."""
        return run.get("experiment") == self.experiment and run.get("run_name") == self.run_name

    def commit(self) -> Path:
        """Replace the result folder with the finished staging folder; drop older stopped runs.

        The experiment's own result keeps its kept runs: runs/ moves into the new folder.
        """
        old = None
        if self.final.exists():
            old = self.results_dir / STAGING / f".old-{self.experiment}-{self.run_id}"
            os.replace(self.final, old)
            if not self.run_name and (old / RUNS).is_dir():
                os.replace(old / RUNS, self.path / RUNS)
        self.final.parent.mkdir(parents=True, exist_ok=True)
        os.replace(self.path, self.final)
        if old is not None:
            shutil.rmtree(old, ignore_errors=True)
        for run in unfinished_runs(self.results_dir):
            if self._mine(run):  # superseded by this complete result
                shutil.rmtree(run["path"], ignore_errors=True)
        return self.final
