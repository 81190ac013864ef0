"""keras-tuner's distributed mode: a chief serves the oracle over gRPC, workers ask it for trials.

Workers are `ann-keras tune` processes with `KERASTUNER_TUNER_ID=tunerN`,
`KERASTUNER_ORACLE_IP` and `KERASTUNER_ORACLE_PORT` set; the chief prints each trial
as it starts and ends, from the oracle's own records.
"""

from __future__ import annotations

import contextlib
import os
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

from ann_keras.errors import UserError
from ann_keras.files import try_read_json
from ann_keras.tuning.hypermodel import Progress
from ann_keras.tuning.trials import SIDECAR


def run_here(tuner, project: Path) -> None:
    """The whole search in this process."""
    try:
        tuner.search()
    except RuntimeError as exc:
        if "consecutive failures" not in str(exc):
            raise
        last = [line for line in str(exc).splitlines() if line.strip()][-1]
        raise UserError(
            f"the search stopped: {tuner.oracle.max_consecutive_failed_trials} trials in a row failed "
            f"(last: {last.strip()[:200]}); trial folders in {project}"
        ) from None


@contextlib.contextmanager
def environment(**variables: str):
    """Set environment variables for the duration (keras-tuner reads them at several points)."""
    saved = {k: os.environ.get(k) for k in variables}
    os.environ.update(variables)
    try:
        yield
    finally:
        for key, value in saved.items():
            if value is None:
                os.environ.pop(key, None)
            else:
                os.environ[key] = value


def free_port(host: str = "127.0.0.1") -> int:
    with socket.socket() as probe:
        probe.bind((host, 0))
        return probe.getsockname()[1]


def start_workers(
    argv: list[str], count: int, address: tuple[str, int], logs: Path, first: int = 1
) -> list[tuple[str, subprocess.Popen, Path]]:
    """`count` worker processes running `ann-keras <argv>` as tunerN against the chief at `address`."""
    logs.mkdir(parents=True, exist_ok=True)
    workers = []
    for number in range(first, first + count):
        tuner_id = f"tuner{number}"
        log = logs / f"{tuner_id}.log"
        env = {
            **os.environ,
            "KERASTUNER_TUNER_ID": tuner_id,
            "KERASTUNER_ORACLE_IP": address[0],
            "KERASTUNER_ORACLE_PORT": str(address[1]),
            "ANN_KERAS_CHIEF_PID": str(os.getpid()),
        }
        with open(log, "ab") as handle:
            handle.write(f"\n== {time.strftime('%Y-%m-%d %H:%M:%S')} worker {tuner_id}\n".encode())
            handle.flush()
            process = subprocess.Popen(
                [sys.executable, "-m", "ann_keras", *argv],
                env=env,
                stdout=handle,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
            )
        workers.append((tuner_id, process, log))
    return workers


def stop_workers(workers) -> None:
    for _, process, _ in workers:
        if process.poll() is None:
            process.terminate()
    for _, process, _ in workers:
        try:
            process.wait(timeout=10)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _tail(path: Path, lines: int = 3) -> str:
    try:
        text = [line for line in path.read_text(errors="replace").splitlines() if line.strip()]
    except OSError:
        return ""
    return " / ".join(text[-lines:])


def run_chief(tuner, workers, progress: Progress, project: Path, poll_s: float = 1.0) -> None:
    """Serve the oracle (keras-tuner's chief) while workers run trials; print each start and end.

    Returns when every trial is done. Raises UserError when a worker fails, naming its log.
    """
    failure: list[BaseException] = []

    def serve():
        try:
            tuner.search()  # the chief's search serves the oracle until the workers are told to stop
        except BaseException as exc:  # reported by the main thread
            failure.append(exc)

    server = threading.Thread(target=serve, name="oracle-chief", daemon=True)
    server.start()
    oracle = tuner.oracle
    running: dict[str, str] = {}
    try:
        while True:
            _report(oracle, progress, running, project)
            if failure:
                address = (
                    f"{os.environ.get('KERASTUNER_ORACLE_IP')}:{os.environ.get('KERASTUNER_ORACLE_PORT')}"
                )
                first = (str(failure[0]).strip().splitlines() or [""])[0][:200]
                raise UserError(
                    f"the chief could not serve the oracle on {address} ({type(failure[0]).__name__}: "
                    f"{first}); pick another KERASTUNER_ORACLE_PORT or address"
                )
            if not server.is_alive():
                break
            if workers:
                codes = [(tuner_id, process.poll(), log) for tuner_id, process, log in workers]
                failed = [(t, c, log) for t, c, log in codes if c not in (None, 0)]
                if failed:
                    tuner_id, code, log = failed[0]
                    raise UserError(
                        f"worker {tuner_id} stopped with exit code {code} ({_tail(log) or 'no output'}); "
                        f"its log: {log}. The search is saved: run the same command again to resume it"
                    )
                if all(c == 0 for _, c, _ in codes) and not oracle.ongoing_trials and not oracle.tuner_ids:
                    break
            time.sleep(poll_s)
        _report(oracle, progress, running, project)
    finally:
        stop_workers(workers)


def _report(oracle, progress: Progress, running: dict[str, str], project: Path) -> None:
    """Progress lines from the chief's oracle: who started what, what ended."""
    for tuner_id, trial in list(oracle.ongoing_trials.items()):
        if running.get(trial.trial_id) != tuner_id:
            running[trial.trial_id] = tuner_id
            progress.started_trial(trial.trial_id, trial.hyperparameters.values, tuner_id)
    for trial_id, trial in list(oracle.trials.items()):
        if trial.status in ("COMPLETED", "FAILED") and trial_id not in progress.seen:
            best_epoch = (
                trial.metrics.get_last_value("best_epoch") if trial.metrics.exists("best_epoch") else None
            )
            wall = (
                trial.metrics.get_last_value("wall_time_s") if trial.metrics.exists("wall_time_s") else None
            )
            side = try_read_json(project / f"trial_{trial_id}" / SIDECAR) or {}
            progress.ended_trial(
                trial_id,
                trial.status,
                trial.score,
                best_epoch,
                wall,
                running.pop(trial_id, None),
                memory_mb=side.get("rss_mb"),
            )


def watch_parent() -> None:
    """In a worker started by a chief: exit when the chief is gone (killed), instead of waiting on it."""
    chief = os.environ.get("ANN_KERAS_CHIEF_PID")
    if not chief:
        return

    def watch():
        while os.getppid() == int(chief):
            time.sleep(2)
        os._exit(3)

    threading.Thread(target=watch, name="watch-chief", daemon=True).start()
