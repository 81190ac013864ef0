"""Stopped runs resume, killed runs never look complete, bad input is one line, seeds repeat."""

import errno
import json
import os
import signal
import subprocess
import sys
import time

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from test_runner import SYNTHETIC, make_experiment, options

from ann_keras import config as cfg
from ann_keras import files
from ann_keras.errors import UserError
from ann_keras.pipeline.options import RunOptions
from ann_keras.pipeline.run import run_experiment
from ann_keras.report import build_pages

keras = pytest.importorskip("keras")

EXPERIMENT = "hg7_3_dropout_early_stopping"
SMALL = [
    "--set",
    "data.dataset=synthetic",
    "--set",
    "data.train_samples=3000",
    "--set",
    "data.val_samples=500",
    "--set",
    "data.test_samples=500",
    "--set",
    "train.epochs=6",
    "--set",
    "train.early_stopping_patience=none",
]


def small_run() -> str:
    """The folder name of a run with SMALL's changes: results/<experiment>/runs/<name>/."""
    from ann_keras.pipeline import experiments, runs

    overrides = cfg.parse_set_args(SMALL[1::2])
    experiment = experiments.get_experiment(EXPERIMENT)
    return runs.name_from(overrides, experiment.configs(overrides)[experiment.primary])


def start(tmp_path, *extra):
    command = [
        sys.executable,
        "-u",
        "-m",
        "ann_keras",
        "run",
        EXPERIMENT,
        "--results-dir",
        str(tmp_path / "results"),
        *SMALL,
        *extra,
    ]
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)


def wait_for_epoch(process, epoch, timeout=300):
    """Read the run's progress lines until `epoch` has finished."""
    deadline = time.time() + timeout
    seen = []
    for line in process.stdout:
        seen.append(line)
        if f"epoch {epoch}/" in line:
            return seen
        if time.time() > deadline:
            break
    process.kill()
    raise AssertionError(f"run never reached epoch {epoch}:\n" + "".join(seen))


def finish(process):
    out, err = process.communicate(timeout=600)
    return process.returncode, out, err


def test_sigkill_mid_training_then_resume(tmp_path):
    process = start(tmp_path)
    wait_for_epoch(process, 2)
    process.send_signal(signal.SIGKILL)
    process.wait()
    assert not (tmp_path / "results" / EXPERIMENT).exists()  # nothing that looks like a result
    final = tmp_path / "results" / EXPERIMENT / "runs" / small_run()  # a run with --set is kept there
    stopped = files.unfinished_runs(tmp_path / "results")
    assert [r["status"] for r in stopped] == ["killed"]

    code, out, err = finish(start(tmp_path))
    assert code == 0, err
    assert "Resuming the stopped run" in out
    resumed_after = int(out.split("resuming after epoch ")[1].split()[0])
    assert resumed_after >= 2
    # 7-3 is a sequence of eight fits: the first, stopped in its epoch 3, goes on from there
    first = "[fit1_5_epochs]"
    assert f"{first} epoch {resumed_after + 1}/6" in out and f"{first} epoch 1/6" not in out
    history = pd.read_csv(final / "history.csv")
    assert list(history["epoch"]) == [1, 2, 3, 4, 5, 6] and history["loss"].notna().all()
    run = json.loads((final / "run.json").read_text())
    metrics = json.loads((final / "metrics.json").read_text())
    assert run["status"] == "complete" and metrics["epochs_run"] == 6 and metrics["test_accuracy"] > 0.5
    assert files.unfinished_runs(tmp_path / "results") == []
    # The shuffle and dropout streams were restored too: the same numbers as a run never stopped.
    code, _, err = finish(start(tmp_path / "uninterrupted"))
    assert code == 0, err
    whole = pd.read_csv(
        tmp_path / "uninterrupted" / "results" / EXPERIMENT / "runs" / small_run() / "history.csv"
    )
    for column in ("loss", "accuracy", "val_loss", "val_accuracy"):
        np.testing.assert_allclose(history[column], whole[column], rtol=1e-6, atol=1e-7)
    uninterrupted = json.loads(
        (
            tmp_path / "uninterrupted" / "results" / EXPERIMENT / "runs" / small_run() / "metrics.json"
        ).read_text()
    )
    assert metrics["confusion_matrix"] == uninterrupted["confusion_matrix"]


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM])
def test_ctrl_c_and_sigterm_say_how_to_resume(tmp_path, sig):
    process = start(tmp_path)
    wait_for_epoch(process, 1)
    process.send_signal(sig)
    code, out, err = finish(process)
    assert code == 130
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("ann-keras: note:")]
    assert len(lines) == 1 and "Run the same command again to resume" in lines[0] and "Traceback" not in err
    assert [r["status"] for r in files.unfinished_runs(tmp_path / "results")] == ["interrupted"]


def test_early_stopping_state_survives_a_restart(tmp_path):
    from ann_keras import models
    from ann_keras.training.resume import ResumableBackup

    rng = np.random.default_rng(0)
    x, y = rng.random((64, 4)).astype("float32"), rng.integers(0, 2, 64)

    class Stop(keras.callbacks.Callback):
        def on_epoch_begin(self, epoch, logs=None):
            if epoch == 3:
                raise RuntimeError("stopped")

    def attempt(extra):
        keras.utils.set_random_seed(0)
        model = models.build_model(cfg.ModelConfig(hidden=[cfg.LayerConfig(units=4)], num_classes=2), (4,))
        model.compile("sgd", "sparse_categorical_crossentropy")
        stopper = keras.callbacks.EarlyStopping(monitor="loss", patience=100, restore_best_weights=True)
        backup = ResumableBackup(tmp_path / "backup", [stopper])
        model.fit(x, y, epochs=6, verbose=0, callbacks=[stopper, *extra, backup])
        return stopper, backup

    with pytest.raises(RuntimeError):
        attempt([Stop()])
    stopper, backup = attempt([])
    assert backup.resumed_from == 3
    assert len(backup.history["loss"]) == 6  # three epochs before the stop, three after
    assert stopper.best == pytest.approx(min(backup.history["loss"]))
    assert not (tmp_path / "backup").exists()  # removed once training finished


def test_finished_models_of_a_stopped_comparison_are_kept(tmp_path, capsys):
    variants = {"a": {"model.hidden.0.units": 8}, "b": {"model.hidden.0.units": 12}}

    def stop_after_first(ctx):
        ctx.fits.train(ctx.configs["a"], "a", 42)
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_experiment(make_experiment(variants=variants, run=stop_after_first), SYNTHETIC, options(tmp_path))
    first = json.loads(
        next((tmp_path / "results" / ".staging").glob("*/fits/a/seed-42/metrics.json")).read_text()
    )

    opts = options(tmp_path)
    opts.verbose = True
    out = run_experiment(make_experiment(variants=variants), SYNTHETIC, opts)
    printed = capsys.readouterr().out
    assert "1 of 2 model(s) finished" in printed and "[a] finished before the stop: kept" in printed
    assert json.loads((out / "fits" / "a" / "seed-42" / "metrics.json").read_text()) == first
    assert (out / "fits" / "b" / "seed-42" / "metrics.json").is_file()


def test_restart_and_a_changed_config_start_afresh(tmp_path, capsys):
    def stop(ctx):
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_experiment(make_experiment(run=stop), SYNTHETIC, options(tmp_path))
    opts = options(tmp_path)
    opts.verbose, opts.restart = True, True
    run_experiment(make_experiment(), SYNTHETIC, opts)
    assert "Resuming" not in capsys.readouterr().out

    with pytest.raises(KeyboardInterrupt):
        run_experiment(make_experiment(run=stop), SYNTHETIC, options(tmp_path))
    opts.restart = False
    run_experiment(make_experiment(), {**SYNTHETIC, "train.epochs": 1}, opts)
    assert "Resuming" not in capsys.readouterr().out  # another config is another run
    assert files.unfinished_runs(tmp_path / "results") == []  # superseded stopped runs are cleared


def test_divergence_is_reported_not_crashed(tmp_path):
    overrides = {**SYNTHETIC, "train.optimizer": "sgd", "train.learning_rate": 1e12, "train.epochs": 3}
    out = run_experiment(make_experiment(), overrides, options(tmp_path))
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["diverged"] and metrics["diverged_at_epoch"] == 1 and metrics["epochs_run"] == 1
    assert metrics["learning_rate"] == pytest.approx(1e12)
    build_pages(out.parent)
    report = (out / "report.md").read_text()
    headline = report[report.index("## Headline") : report.index("\n## ", report.index("## Headline") + 1)]
    assert "Training diverged at epoch 1 (loss became NaN or infinite) with learning rate 1e+12" in headline
    assert "test_accuracy" not in headline and "## Per class" not in report
    run = json.loads((out / "run.json").read_text())
    assert run["status"] == "complete" and run["diverged"][0]["epoch"] == 1


def test_same_seed_same_numbers_other_seed_other_numbers(tmp_path):
    def metrics_for(seed, where):
        opts = RunOptions(results_dir=tmp_path / where, verbose=False)
        out = run_experiment(
            make_experiment(), {**SYNTHETIC, "seed": seed, "model.hidden.0.dropout": 0.3}, opts
        )
        history = pd.read_csv(out / "history.csv").drop(
            columns="epoch_seconds"
        )  # wall time differs, numbers must not
        return json.loads((out / "metrics.json").read_text()), history

    (m1, h1), (m2, h2), (_, h3) = metrics_for(7, "a"), metrics_for(7, "b"), metrics_for(8, "c")
    pd.testing.assert_frame_equal(h1, h2)
    assert m1["confusion_matrix"] == m2["confusion_matrix"] and m1["test_loss"] == m2["test_loss"]
    assert not h1.equals(h3)


def test_results_dir_that_cannot_be_written(tmp_path):
    blocker = tmp_path / "file"
    blocker.write_text("")
    with pytest.raises(UserError) as info:
        files.check_writable(blocker / "results")
    assert "is not writable" in str(info.value) and "--results-dir" in str(info.value)


def test_full_disk_is_a_clear_error_and_leaves_nothing(tmp_path, monkeypatch):
    real_fdopen = os.fdopen

    class Full:
        def __init__(self, handle):
            self.handle = handle

        def __enter__(self):
            return self

        def __exit__(self, *exc):
            self.handle.close()

        def write(self, data):
            raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "fdopen", lambda fd, mode: Full(real_fdopen(fd, mode)))
    with pytest.raises(UserError, match="disk full while writing metrics.json"):
        files.write_json(tmp_path / "metrics.json", {"a": 1})
    assert list(tmp_path.iterdir()) == []


KEYS = cfg.flat_keys(cfg.default_config())


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    key=st.one_of(st.sampled_from(KEYS), st.text(max_size=20)),
    value=st.one_of(
        st.text(max_size=30),
        st.integers(-(10**12), 10**12).map(str),
        st.floats(allow_nan=True, allow_infinity=True).map(repr),
        st.sampled_from(
            ["none", "true", "[1, 2]", "[]", "{}", '{"units": -1}', "1e-3", "-0", "nan", "[300, "]
        ),
    ),
)
def test_any_set_string_is_accepted_or_a_one_line_user_error(key, value):
    try:
        overrides = cfg.parse_set_args([f"{key}={value}"])
        config = cfg.apply_overrides(cfg.default_config(), overrides)
    except UserError as exc:
        assert "\n" not in str(exc) and str(exc)
    else:
        cfg.validate(config)  # what was accepted is a usable config
        assert cfg.from_dict(cfg.to_dict(config)) == config


def test_recorded_tables_of_kept_models_survive_a_resume(tmp_path):
    variants = {"a": {"model.hidden.0.units": 8}, "b": {"model.hidden.0.units": 12}}

    class EpochRecorder(keras.callbacks.Callback):
        def __init__(self):
            super().__init__()
            self.rows = []

        def on_epoch_end(self, epoch, logs=None):
            self.rows.append({"epoch": epoch + 1, "loss": logs["loss"]})

        def frame(self):
            return pd.DataFrame(self.rows, columns=["epoch", "loss"])

    tables = {}

    def record(ctx):
        tables["all"] = ctx.fits.train_recording(lambda splits, config: EpochRecorder())
        if "stop" in tables:
            return
        tables["stop"] = True
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        run_experiment(make_experiment(variants=variants, run=record), SYNTHETIC, options(tmp_path))
    first = tables["all"]
    run_experiment(make_experiment(variants=variants, run=record), SYNTHETIC, options(tmp_path))
    again = tables["all"]
    assert list(zip(again["variant"], again["epoch"])) == [("a", 1), ("a", 2), ("b", 1), ("b", 2)]
    pd.testing.assert_frame_equal(again, first)  # the kept models' rows come back from their folders


def test_a_signal_during_training_waits_for_the_epoch_boundary(monkeypatch):
    """Inside `deferred()` (a fit) SIGINT is only recorded; the next check raises it, and a
    request that arrives during the last epoch is raised when the fit returns."""
    from ann_keras.training import signals

    monkeypatch.setattr(signals, "_requested", False)
    previous = {s: signal.getsignal(s) for s in (signal.SIGINT, signal.SIGTERM)}
    signals.install()
    try:
        reached = []
        with pytest.raises(KeyboardInterrupt):
            with signals.deferred():
                os.kill(os.getpid(), signal.SIGTERM)
                time.sleep(0.05)
                reached.append("after the signal")  # the handler did not raise here
        assert reached == ["after the signal"]
        with pytest.raises(KeyboardInterrupt):
            signals.check()
        monkeypatch.setattr(signals, "_requested", False)
        with pytest.raises(KeyboardInterrupt):  # outside a fit: at once, as Python's own handler
            os.kill(os.getpid(), signal.SIGINT)
            time.sleep(0.05)
    finally:
        for sig, handler in previous.items():
            signal.signal(sig, handler)
        monkeypatch.setattr(signals, "_requested", False)
