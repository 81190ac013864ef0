"""Files on disk: atomic writes, the one JSON and CSV reader, the one file lock (no Keras).

Every result file is written to a temporary name and renamed into place, so a
reader never sees half a file. A results folder also holds two hidden folders:
`.staging/` (runs being written; see `ann_keras.pipeline.staging`) and `.locks/`
(one lock file per experiment and one for the pages).
"""

from __future__ import annotations

import datetime as _dt
import errno
import fcntl
import json
import math
import os
import shutil
import uuid
from pathlib import Path
from typing import Any

from ann_keras.errors import UserError

STAGING = ".staging"
LOCKS = ".locks"
RUNS = "runs"  # results/<experiment>/runs/<name>/: the kept runs of an experiment (--set, --name)
DISK_FULL = (errno.ENOSPC, errno.EDQUOT)
STORAGE_ERRORS = (*DISK_FULL, errno.EROFS, errno.EACCES, errno.EPERM)  # a folder that cannot take a file
# What a run needs free in its results and work folders before it starts: the files of a
# comparison of many models, or the backups and checkpoints of one, are a few MB each.
RUN_SPACE_MB = 50


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


# ---------------------------------------------------------------- writing


def write_bytes(path: Path, data: bytes) -> Path:
    """Write to a temporary name in the same folder, then rename into place.

    The file gets the permissions of any new file (0666 less the umask), as `open` would
    give it: a zipped or served results folder stays readable to others.
    """
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    tmp = path.parent / f".{path.name}.{uuid.uuid4().hex[:12]}.tmp"
    try:
        # Not mkstemp: it creates 0600 whatever the umask. O_EXCL keeps the name ours alone.
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o666)
        with os.fdopen(fd, "wb") as handle:
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except OSError as exc:
        tmp.unlink(missing_ok=True)
        if exc.errno in DISK_FULL:
            raise UserError(
                f"{path.parent}: disk full while writing {path.name}; free some space there or choose "
                "another folder (--results-dir for results, --work-dir for checkpoints)"
            ) from None
        raise
    return path


def write_text(path: Path, text: str) -> Path:
    return write_bytes(path, text.encode("utf-8"))


def write_json(path: Path, data: Any) -> Path:
    return write_text(path, json.dumps(_clean(data), indent=2, ensure_ascii=False) + "\n")


def write_csv(path: Path, frame) -> Path:
    """A pandas DataFrame as CSV, atomically."""
    return write_text(path, frame.to_csv(index=False))


# ---------------------------------------------------------------- reading


def read_json(path: Path) -> Any:
    """The JSON in `path`; OSError when it cannot be read, ValueError when it is not JSON."""
    with open(path, encoding="utf-8") as handle:
        return json.load(handle)


def try_read_json(path: Path) -> Any:
    """`read_json`, or None when the file is missing or not whole (a process killed while writing)."""
    try:
        return read_json(path)
    except (OSError, ValueError):
        return None


def try_read_csv(path: Path, **options):
    """A CSV as a pandas DataFrame, or None when it is missing, empty or not a table."""
    import pandas as pd

    try:
        return pd.read_csv(path, **options) if Path(path).is_file() else None
    except (OSError, ValueError, pd.errors.EmptyDataError):
        return None


def check_writable(
    folder: Path, what: str = "results directory", option: str = "--results-dir", space_mb: int = 0
) -> Path:
    """Create `folder` if needed, prove a file can be written there and that `space_mb` MB are free."""
    folder = Path(folder)
    try:
        if folder.exists() and not folder.is_dir():
            raise NotADirectoryError(errno.ENOTDIR, "it is a file, not a folder")
        folder.mkdir(parents=True, exist_ok=True)
        probe = folder / f".write-test-{os.getpid()}"
        probe.write_bytes(b"ann-keras")
        probe.unlink()
        free_mb = shutil.disk_usage(folder).free / 2**20
    except OSError as exc:
        reason = exc.strerror or str(exc)
        raise UserError(
            f"{what} {folder} is not writable ({reason}); pass {option} with a folder you can write"
        ) from None
    if free_mb < space_mb:
        raise UserError(
            f"{what} {folder} has {free_mb:.1f} MB free, a run needs {space_mb} MB there; free some space "
            f"or pass {option} with a folder on another disk"
        )
    return folder


# ---------------------------------------------------------------- locking


class FileLock:
    """An exclusive lock on a file (`fcntl.flock`), released when the process ends however it ends.

    Use as a context manager. With `wait=False` a lock already held is a `UserError`
    naming the holder (its process id and what it does, written into the file) and
    `busy`, the advice; with `wait=True` the caller waits for it.
    """

    def __init__(self, path: Path, holder: str = "", busy: str = "", wait: bool = False):
        self.path = Path(path)
        self.holder = holder or f"pid {os.getpid()}"
        self.busy = busy
        self.wait = wait
        self._handle = None

    def __enter__(self) -> FileLock:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | (0 if self.wait else fcntl.LOCK_NB))
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "another process"
            handle.close()
            raise UserError(
                f"{self.busy} ({holder})" if self.busy else f"{self.path} is locked by {holder}"
            ) from None
        handle.seek(0)
        handle.truncate()
        handle.write(self.holder)
        handle.flush()
        self._handle = handle
        return self

    def __exit__(self, *exc) -> None:
        if self._handle is not None:
            fcntl.flock(self._handle, fcntl.LOCK_UN)
            self._handle.close()
            self._handle = None


# ---------------------------------------------------------------- runs that did not finish


def unfinished_runs(results_dir: Path) -> list[dict]:
    """run.json of every staging folder whose run never committed (killed or failed).

    A run.json that says "running" while its process is gone gets the status "killed".
    """
    staging = Path(results_dir) / STAGING
    found = []
    for folder in sorted(staging.glob("*/")) if staging.is_dir() else []:
        if folder.name.startswith(".old-"):
            continue
        info = try_read_json(folder / "run.json")
        if not isinstance(info, dict):
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


def shown_path(path: Path, root: Path) -> str:
    """`path` as written into a result file: relative to the folder that holds `root` (the work folder),
    so "work/hml10_callbacks/..." rather than an absolute path of the machine that ran it."""
    path, root = Path(path).resolve(), Path(root).resolve()
    try:
        return str(path.relative_to(root.parent))
    except ValueError:
        return path.name
