"""Result files: written atomically, staged, and swapped into place when complete (no Keras).

A run writes into `results/.staging/<experiment>-<run id>/` and, only when every
file exists and `run.json` says "complete", replaces `results/<experiment>/` with
it. A killed run therefore never leaves a complete-looking result behind, and the
previous complete result stays until the new one is ready. A lock per experiment
keeps two runs from writing the same directory.
"""

from __future__ import annotations

import datetime as _dt
import errno
import fcntl
import json
import math
import os
import shutil
import tempfile
import uuid
from pathlib import Path
from typing import Any

from ann_keras.errors import UserError

STAGING = ".staging"
LOCKS = ".locks"


def now() -> str:
    return _dt.datetime.now(_dt.timezone.utc).astimezone().isoformat(timespec="seconds")


def _clean(value: Any) -> Any:
    """JSON has no NaN or infinity: write them as null."""
    if isinstance(value, float) and not math.isfinite(value):
        return None
    if isinstance(value, dict):
        return {str(k): _clean(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [_clean(v) for v in value]
    if hasattr(value, "item") and callable(value.item):  # NumPy scalars
        return _clean(value.item())
    return value


def write_bytes(path: Path, data: bytes) -> Path:
    """Write to a temporary name in the same folder, then rename into place."""
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        Path(tmp).unlink(missing_ok=True)
        if exc.errno in (errno.ENOSPC, errno.EDQUOT):
            raise UserError(f"{path.parent}: disk full while writing {path.name}; free some space or pass --results-dir elsewhere") from None
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, data: Any) -> Path:
    return write_text(path, json.dumps(_clean(data), indent=2, ensure_ascii=False) + "\n")


def write_csv(path: Path, frame) -> Path:
    """A pandas DataFrame as CSV, atomically."""
    return write_text(path, frame.to_csv(index=False))


def read_json(path: Path) -> Any:
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def check_writable(results_dir: Path) -> Path:
    """Create `results_dir` if needed and prove a file can be written there."""
    results_dir = Path(results_dir)
    try:
        results_dir.mkdir(parents=True, exist_ok=True)
        probe = results_dir / f".write-test-{os.getpid()}"
        probe.write_bytes(b"")
        probe.unlink()
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UserError(f"results directory {results_dir} is not writable ({reason}); pass --results-dir with a folder you can write") from None
    return results_dir


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
        self._lock = None

    def __enter__(self) -> "RunDir":
        lock_dir = self.results_dir / LOCKS
        lock_dir.mkdir(parents=True, exist_ok=True)
        self._lock = open(lock_dir / f"{self.experiment}.lock", "a+")
        try:
            fcntl.flock(self._lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self._lock.seek(0)
            holder = self._lock.read().strip() or "another process"
            self._lock.close()
            raise UserError(
                f"{self.experiment} is already running into {self.results_dir} ({holder}); "
                "wait for it to finish or pass a different --results-dir"
            ) from None
        self._lock.seek(0)
        self._lock.truncate()
        self._lock.write(f"pid {os.getpid()}, run {self.run_id}")
        self._lock.flush()
        return self

    def __exit__(self, *exc) -> None:
        if self._lock is not None:
            fcntl.flock(self._lock, fcntl.LOCK_UN)
            self._lock.close()

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
        match = next((r for r in reversed(stopped) if fingerprint and r.get("fingerprint") == fingerprint), None)
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


def unfinished_runs(results_dir: Path) -> list[dict]:
    """run.json of every staging folder whose run never committed (killed or failed)."""
    staging = Path(results_dir) / STAGING
    found = []
    for folder in sorted(staging.glob("*/")) if staging.is_dir() else []:
        if folder.name.startswith(".old-"):
            continue
        run_file = folder / "run.json"
        try:
            info = read_json(run_file)
        except (OSError, ValueError):
            info = {"experiment": folder.name.rsplit("-", 3)[0], "status": "unknown"}
        if info.get("status") == "running" and not pid_alive(info.get("pid")):
            info["status"] = "killed"  # the process is gone without saying so: SIGKILL, power loss
        info["path"] = str(folder)
        found.append(info)
    return found


def pid_alive(pid) -> bool:
    """Whether a process with this id still exists on this machine."""
    if not isinstance(pid, int) or pid <= 0:
        return False
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    except PermissionError:
        return True
    return True
