"""TensorBoard logs of every run and search trial, and `ann-keras board` (no Keras).

One log tree per work folder, `work/tensorboard/<experiment>/<run or trial>/`:

    declared/                 the experiment's own result (its declared config)
    <run name>/               a run with --set or --name (results/<experiment>/runs/<name>/)
    trial-<id>/               one trial of a keras-tuner search
    <run>/<variant>-seed-<n>/ one fit of a run that trains several (variants, seeds)

Each of these *sessions* gets the scalars `loss`, `accuracy`, `val_loss` and
`val_accuracy` per epoch (written and flushed as each epoch ends, so TensorBoard shows
the curves while training runs), `test_accuracy` and `test_loss` once the model is
tested, and the HParams plugin's session record: the values of the config keys that
vary across the experiment's sessions. The experiment's folder holds the HParams
experiment record (those keys as hyperparameters, val/test accuracy and loss as
metrics); both are rewritten whenever a session is added, so the hyperparameters
shown are always those that differ. Events are written with TensorBoard's own
writer and protocol buffers, so the same files come from the TensorFlow and the JAX
backend.
"""

from __future__ import annotations

import errno
import json
import os
import socket
import time
from pathlib import Path
from typing import Any

from ann_keras import files
from ann_keras.config import flatten
from ann_keras.errors import UserError

FOLDER = "tensorboard"
DECLARED = "declared"  # the session name of an experiment's own result
EPOCH_SCALARS = ("loss", "accuracy", "val_loss", "val_accuracy")
TEST_SCALARS = ("test_accuracy", "test_loss")
METRICS = ("val_accuracy", "val_loss", "test_accuracy", "test_loss")  # HParams' metric columns
CONFIG = "session_config.json"  # a session's flattened config, read when the HParams records are rewritten
HPARAMS_EVENTS = "events.out.tfevents.0000000000.ann-keras-hparams"  # first in TensorBoard's order
HOST = "127.0.0.1"


def experiment_dir(work_root: Path, experiment: str) -> Path:
    """work/tensorboard/<experiment>/."""
    return Path(work_root) / FOLDER / experiment


def _write_events(folder: Path, name: str, summaries: list) -> None:
    """One event file of `summaries` (at step 0), written whole and put in place at once."""
    from tensorboard.compat.proto import event_pb2
    from tensorboard.summary.writer.record_writer import RecordWriter

    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{name}.tmp"
    with open(temporary, "wb") as handle:
        writer = RecordWriter(handle)
        writer.write(event_pb2.Event(wall_time=time.time(), file_version="brain.Event:2").SerializeToString())
        for summary in summaries:
            writer.write(event_pb2.Event(wall_time=time.time(), step=0, summary=summary).SerializeToString())
    temporary.replace(folder / name)


class SessionLog:
    """The event log of one session (a fit of a run, or a trial): scalars as training goes.

    Args:
        root: the experiment's folder, work/tensorboard/<experiment>/.
        folder: the session's folder under it.
        config: the session's config (a Config or its dict).
        fresh: a new session: the event files a stopped or earlier one left are removed (a
            resumed one keeps them and continues).
    """

    def __init__(self, root: Path, folder: Path, config: Any, fresh: bool = True):
        from tensorboard.compat.proto import event_pb2
        from tensorboard.summary.writer.record_writer import RecordWriter

        self.root, self.folder = Path(root), Path(folder)
        if fresh and self.folder.is_dir():
            for old in self.folder.glob("*tfevents*"):
                old.unlink(missing_ok=True)
        self.folder.mkdir(parents=True, exist_ok=True)
        files.write_json(self.folder / CONFIG, flatten(config))
        refresh_hparams(self.root)
        # A plain file and TensorBoard's record format: its own writer would import TensorFlow.
        name = f"events.out.tfevents.{time.time():.0f}.{socket.gethostname()}.{os.getpid()}.{id(self)}"
        self._file = open(self.folder / name, "ab")
        self.writer = RecordWriter(self._file)
        self._write(event_pb2.Event(wall_time=time.time(), file_version="brain.Event:2"))

    def _write(self, event) -> None:
        self.writer.write(event.SerializeToString())
        self._file.flush()

    def scalars(self, step: int, values: dict[str, Any]) -> None:
        """Write the numeric `values` at `step` and flush, so that TensorBoard shows them now."""
        from tensorboard.compat.proto import event_pb2, summary_pb2

        kept = {
            k: float(v)
            for k, v in values.items()
            if k in (*EPOCH_SCALARS, *TEST_SCALARS)
            and not isinstance(v, (bool, str))
            and hasattr(v, "__float__")
        }
        if kept:
            summary = summary_pb2.Summary(
                value=[summary_pb2.Summary.Value(tag=k, simple_value=v) for k, v in kept.items()]
            )
            self._write(event_pb2.Event(wall_time=time.time(), step=int(step), summary=summary))

    def close(self) -> None:
        self._file.close()


def sessions(root: Path) -> dict[Path, dict]:
    """Every session under an experiment's folder: its folder -> its flattened config."""
    found = {}
    for path in sorted(Path(root).rglob(CONFIG)):
        settings = files.try_read_json(path)
        if isinstance(settings, dict):
            found[path.parent] = settings
    return found


def varying_keys(configs: list[dict]) -> list[str]:
    """The config keys whose values are not the same in every config (a key one lacks counts)."""
    if len(configs) < 2:
        return []
    keys: dict[str, None] = {}
    for settings in configs:
        keys.update(dict.fromkeys(settings))
    return [k for k in keys if len({json.dumps(c.get(k), sort_keys=True) for c in configs}) > 1]


def hparam_value(value: Any) -> Any:
    """A config value as HParams holds it: a number, a bool or a string."""
    if isinstance(value, (bool, str)):
        return value
    if isinstance(value, (int, float)):
        return float(value)
    return json.dumps(value)


def _hparams_summary(tag: str, data):
    from tensorboard.compat.proto import summary_pb2
    from tensorboard.plugins.hparams import metadata

    summary = summary_pb2.Summary()
    summary.value.add(tag=tag, metadata=metadata.create_summary_metadata(data), tensor=metadata.NULL_TENSOR)
    return summary


def refresh_hparams(root: Path) -> list[str]:
    """Rewrite the HParams records of an experiment's sessions; returns the varying keys.

    Each session's record gets the values of the keys that vary across all sessions under
    `root`; `root` gets the experiment record with those keys and the metrics `METRICS`.
    """
    from tensorboard.plugins.hparams import api_pb2, metadata, plugin_data_pb2
    from tensorboard.plugins.hparams import summary_v2 as hp

    root = Path(root)
    found = sessions(root)
    keys = varying_keys(list(found.values()))
    for folder, settings in found.items():
        values = {k: hparam_value(settings.get(k)) for k in keys}
        trial_id = folder.relative_to(root).as_posix()
        _write_events(folder, HPARAMS_EVENTS, [hp.hparams_pb(values, trial_id=trial_id, start_time_secs=0)])
    experiment = api_pb2.Experiment(
        hparam_infos=[api_pb2.HParamInfo(name=k) for k in keys],
        metric_infos=[api_pb2.MetricInfo(name=api_pb2.MetricName(tag=tag)) for tag in METRICS],
    )
    data = plugin_data_pb2.HParamsPluginData(version=metadata.PLUGIN_DATA_VERSION, experiment=experiment)
    _write_events(root, HPARAMS_EVENTS, [_hparams_summary(metadata.EXPERIMENT_TAG, data)])
    return keys


def session_for(work_root: Path, experiment: str, run: str | None, fit: str | None = None) -> Path:
    """work/tensorboard/<experiment>/<run or 'declared'>[/<fit>]."""
    folder = experiment_dir(work_root, experiment) / (run or DECLARED)
    return folder / fit if fit else folder


# ---------------------------------------------------------------- ann-keras board


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind((HOST, 0))
        return probe.getsockname()[1]


def check_port(port: int) -> None:
    """A port in use is one line naming a free one to try."""
    if not 0 <= port <= 65535:
        raise UserError(
            f"--port {port} is not a port number; give one from 1024 to 65535 (0 picks a free one)"
        )
    if port == 0:
        return
    with socket.socket() as probe:
        try:
            probe.bind((HOST, port))
        except OSError as exc:
            if exc.errno in (errno.EADDRINUSE, errno.EACCES):
                raise UserError(f"port {port} on {HOST} is in use; try --port {free_port()}") from None
            raise


def board(work_root: Path, experiment: str | None = None, port: int = 6006) -> str:
    """Start TensorBoard on 127.0.0.1 over the log tree (or one experiment's part); returns the URL.

    TensorBoard serves from a thread of this process until the process ends.
    """
    logdir = Path(work_root) / FOLDER
    if experiment:
        logdir = logdir / experiment
    if not logdir.is_dir():
        known = (
            sorted(p.name for p in (Path(work_root) / FOLDER).glob("*/"))
            if (Path(work_root) / FOLDER).is_dir()
            else []
        )
        raise UserError(
            f"no TensorBoard logs in {logdir}; run an experiment first or pass --work-dir where they are "
            f"(logs of: {', '.join(known) or 'none yet'})"
        )
    check_port(port)
    import logging

    from ann_keras.training.device import filtered_stderr

    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with filtered_stderr():  # TensorBoard imports TensorFlow when it is there, which talks on start-up
        from tensorboard import program

    logging.getLogger("tensorboard").setLevel(logging.ERROR)
    logging.getLogger("werkzeug").setLevel(logging.ERROR)
    server = program.TensorBoard()
    server.configure(
        argv=[
            None,
            "--logdir",
            str(logdir),
            "--host",
            HOST,
            "--port",
            str(port or free_port()),
            "--load_fast",
            "false",
        ]
    )
    try:
        with filtered_stderr():
            return server.launch()
    except program.TensorBoardPortInUseError:  # taken between the check and TensorBoard's own bind
        raise UserError(f"port {port} on {HOST} is in use; try --port {free_port()}") from None
