"""keras-tuner searches: the declared space, each tuner, resuming, workers, and the errors a user meets."""

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest

from ann_keras import config as cfg
from ann_keras.errors import UserError
from ann_keras.pipeline import experiments as registry
from ann_keras.pipeline.options import RunOptions
from ann_keras.report import build_pages
from ann_keras.tuning import TuneSettings, load_trials, tune
from ann_keras.tuning import space as space_mod

TINY = {
    "data.dataset": "synthetic",
    "data.train_samples": "300",
    "data.val_samples": "100",
    "data.test_samples": "100",
    "train.epochs": "1",
}

TOY = '''
"""A small search for the tests."""
from ann_keras.config import default_config

TITLE = "Toy search"
NOTES = "000 notes"
BOOK = "book 1"
SEARCH_SPACE = {SPACE}
TUNING = {TUNING}


def get_config():
    config = default_config()
    config.train.optimizer = "adam"
    config.train.epochs = 2
    return config
'''

SPACE = [
    {"name": "n_hidden", "type": "int", "min": 0, "max": 2, "default": 1, "config_key": "model.hidden"},
    {
        "name": "units",
        "type": "int",
        "min": 8,
        "max": 32,
        "step": 2,
        "sampling": "log",
        "config_key": "model.hidden.*.units",
    },
    {
        "name": "learning_rate",
        "type": "float",
        "min": 1e-3,
        "max": 1e-2,
        "sampling": "log",
        "config_key": "train.learning_rate",
    },
    {"name": "batch_size", "type": "choice", "values": [16, 64], "config_key": "train.batch_size"},
    {
        "name": "activation",
        "type": "choice",
        "values": ["relu", "tanh"],
        "config_key": "model.hidden.*.activation",
    },
    {"name": "flatten", "type": "boolean", "config_key": "data.flatten"},
]


def write_experiment(folder: Path, name: str = "toy_search", space=None, tuning=None) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    text = TOY.replace("{SPACE}", repr(SPACE if space is None else space)).replace(
        "{TUNING}", repr(tuning or {"tuner": "random"})
    )
    (folder / f"{name}.py").write_text(text)
    return folder


def experiment(tmp_path, **kwargs):
    folder = write_experiment(tmp_path / "experiments", **kwargs)
    return registry.get_experiment(kwargs.get("name", "toy_search"), folder)


def options(tmp_path):
    return RunOptions(results_dir=tmp_path / "results", verbose=False)


def ann_keras(*args, tmp_path, **popen):
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", "ANN_KERAS_EXPERIMENTS": str(tmp_path / "experiments")}
    for name in ("KERASTUNER_TUNER_ID", "KERASTUNER_ORACLE_IP", "KERASTUNER_ORACLE_PORT"):
        env.pop(name, None)
    command = [sys.executable, "-m", "ann_keras", *args]
    if popen:
        return subprocess.Popen(command, env=env, **popen)
    return subprocess.run(command, capture_output=True, text=True, env=env, timeout=600)


def tiny_args(tmp_path, *extra):
    sets = [item for key, value in TINY.items() for item in ("--set", f"{key}={value}")]
    return ["tune", "toy_search", "--results-dir", str(tmp_path / "results"), *sets, *extra]


# ---------------------------------------------------------------- the declared space (no Keras)


@pytest.mark.parametrize(
    "entry, message",
    [
        (
            {"name": "units", "type": "int", "min": 64, "max": 16, "config_key": "model.hidden.*.units"},
            "range [64, 16] is inverted",
        ),
        (
            {"name": "units", "type": "int", "min": 64, "max": 64, "config_key": "model.hidden.*.units"},
            "range [64, 64] is empty",
        ),
        (
            {
                "name": "lr",
                "type": "float",
                "min": 0.0,
                "max": 0.1,
                "sampling": "log",
                "config_key": "train.learning_rate",
            },
            "log sampling needs min above 0",
        ),
        (
            {"name": "lr", "type": "real", "min": 0.1, "max": 1.0, "config_key": "train.learning_rate"},
            "type 'real' is not one of int, float, choice, boolean",
        ),
        (
            {"name": "batch", "type": "choice", "values": [], "config_key": "train.batch_size"},
            "non-empty list of 'values'",
        ),
        (
            {"name": "batch", "type": "choice", "values": [32, 32], "config_key": "train.batch_size"},
            "repeat one",
        ),
        (
            {"name": "units", "type": "int", "min": 8, "max": 32, "config_key": "model.*.units"},
            "'*' is only allowed as model.hidden.*.FIELD",
        ),
        (
            {
                "name": "units",
                "type": "int",
                "min": 8,
                "max": 32,
                "mx": 3,
                "config_key": "model.hidden.*.units",
            },
            "unknown field 'mx'",
        ),
        (
            {"name": "layers", "type": "float", "min": 1, "max": 3, "config_key": "model.hidden"},
            "its type must be int",
        ),
    ],
)
def test_space_mistakes_are_one_line_errors(entry, message):
    with pytest.raises(
        UserError, match=message.replace("[", r"\[").replace("]", r"\]").replace("*", r"\*")
    ) as info:
        space_mod.parse([entry])
    assert "\n" not in str(info.value)


@pytest.mark.parametrize(
    "key, kind, needles",
    [
        (
            "train.learning_rat",
            "float",
            ["unknown config key 'train.learning_rat'", "did you mean train.learning_rate?"],
        ),
        ("model.hidden.*.unit", "int", ["unknown config key 'model.hidden.0.unit'"]),
        ("model.hidden.3.units", "int", ["'3' is not a layer index"]),
    ],
)
def test_config_keys_the_model_does_not_know(key, kind, needles):
    space = space_mod.parse([{"name": "x", "type": kind, "min": 1, "max": 16, "config_key": key}])
    with pytest.raises(UserError) as info:
        space.check(cfg.default_config())
    message = str(info.value)
    assert message.startswith(f"search space 'x' ({key}=") and "\n" not in message
    for needle in needles:
        assert needle in message


def test_values_out_of_range_for_the_config_are_caught_before_the_search():
    space = space_mod.parse(
        [{"name": "dropout", "type": "float", "min": 0.0, "max": 1.0, "config_key": "model.hidden.*.dropout"}]
    )
    with pytest.raises(
        UserError, match=r"search space 'dropout' \(model.hidden.\*.dropout=1.0\).*needs a rate in \[0, 1\)"
    ):
        space.check(cfg.default_config())


def test_hp_values_become_overrides_of_the_one_config():
    space = space_mod.parse(SPACE)
    base = cfg.default_config()
    base.model.hidden[0].kernel_initializer = "he_normal"
    config = space.apply(
        base,
        {
            "n_hidden": 2,
            "units": 16,
            "learning_rate": 0.005,
            "batch_size": 64,
            "activation": "tanh",
            "flatten": True,
        },
    )
    assert [layer.units for layer in config.model.hidden] == [16, 16]
    assert {layer.activation for layer in config.model.hidden} == {"tanh"}
    assert {layer.kernel_initializer for layer in config.model.hidden} == {
        "he_normal"
    }  # copies of the first layer
    assert (config.train.learning_rate, config.train.batch_size, config.data.flatten) == (0.005, 64, True)
    assert space.apply(base, {**space.defaults(), "n_hidden": 0}).model.hidden == []
    assert base.train.batch_size == 32  # the base config is not changed


def test_set_of_a_searched_key_is_refused():
    space = space_mod.parse(SPACE)
    with pytest.raises(UserError, match="--set train.batch_size is searched by 'batch_size'"):
        space.check(cfg.default_config(), {"train.batch_size": "64"})
    with pytest.raises(UserError, match="searched by 'n_hidden'"):
        space.check(cfg.default_config(), {"model.hidden": "[300, 100]"})
    space.check(cfg.default_config(), {"train.epochs": "3", "model.hidden.0.kernel_initializer": "he_normal"})


# ---------------------------------------------------------------- the command line, as a new user meets it


def assert_one_line_error(result, *needles):
    assert result.returncode == 2, result.stdout + result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in result.stderr, result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_cli_errors_before_anything_starts(tmp_path, monkeypatch, capsys):
    from ann_keras import cli

    write_experiment(tmp_path / "experiments")
    write_experiment(
        tmp_path / "experiments",
        name="inverted",
        space=[{"name": "units", "type": "int", "min": 512, "max": 16, "config_key": "model.hidden.*.units"}],
    )
    write_experiment(
        tmp_path / "experiments",
        name="unknown_key",
        space=[{"name": "lr", "type": "float", "min": 1e-4, "max": 1e-2, "config_key": "train.lr"}],
    )
    (tmp_path / "experiments" / "plain.py").write_text(
        "from ann_keras.config import default_config\n\ndef get_config():\n    return default_config()\n"
    )
    monkeypatch.setenv("ANN_KERAS_EXPERIMENTS", str(tmp_path / "experiments"))
    monkeypatch.chdir(tmp_path)

    def error(*argv):
        try:
            code = cli.main(["tune", *argv])
        except SystemExit as exc:  # argparse's own usage errors
            code = exc.code
        captured = capsys.readouterr()
        return subprocess.CompletedProcess(argv, code, captured.out, captured.err)

    assert_one_line_error(
        error("toy_search", "--tuner", "evolution"), "invalid choice: 'evolution'", "random"
    )
    assert_one_line_error(error("toy_search", "--max-trials", "0"), "--max-trials 0")
    assert_one_line_error(error("toy_search", "--epochs", "0"), "--epochs 0")
    assert_one_line_error(
        error("toy_search", "--set", "train.batch_size=64"),
        "--set train.batch_size is searched by 'batch_size'",
    )
    assert_one_line_error(error("inverted"), "search space 'units'", "[512, 16] is inverted")
    assert_one_line_error(error("unknown_key"), "search space 'lr'", "unknown config key 'train.lr'")
    assert_one_line_error(error("plain"), "plain declares no SEARCH_SPACE")
    assert not (tmp_path / "results").exists() and not (tmp_path / "work").exists()
    # The same through a real process: one line on stderr, exit code 2, before Keras loads.
    assert_one_line_error(
        ann_keras("tune", "toy_search", "--tuner", "grid", "--max-trials", "0", tmp_path=tmp_path),
        "--max-trials 0",
    )


# ---------------------------------------------------------------- searches (tiny synthetic data)


@pytest.mark.parametrize(
    "tuner, trials, epochs", [("random", 2, 1), ("grid", 2, 1), ("bayesian", 3, 1), ("hyperband", 4, 3)]
)
def test_each_tuner_writes_a_trials_table_inside_the_space(tmp_path, tuner, trials, epochs):
    toy = experiment(tmp_path)
    out = tune(toy, TINY, options(tmp_path), TuneSettings(tuner=tuner, max_trials=trials, epochs=epochs))
    table = load_trials(out)
    space = space_mod.parse(SPACE)
    assert list(table.columns[:2]) == ["trial_id", "status"] and set(space.names) <= set(table.columns)
    assert {"score", "best_epoch", "epochs_run", "wall_time_s"} <= set(table.columns)
    assert table["trial_id"].is_unique and len(table) == trials and set(table["status"]) == {"COMPLETED"}
    for _, row in table.iterrows():
        for h in space:
            assert h.contains(row[h.name].item() if hasattr(row[h.name], "item") else row[h.name]), (
                h.name,
                row[h.name],
            )
        assert (
            1 <= row["best_epoch"] <= epochs and 1 <= row["epochs_run"] <= epochs and row["wall_time_s"] > 0
        )
    best = json.loads((out / "best_hyperparameters.json").read_text())
    assert set(best) == set(space.names) and all(h.contains(best[h.name]) for h in space)
    search = json.loads((out / "search.json").read_text())
    assert search["tuner"] == tuner and search["direction"] == "max" and search["trials_completed"] == trials
    assert search["best_score"] == pytest.approx(table["score"].max())
    assert search["best_trial_id"] == table.loc[table["score"].idxmax(), "trial_id"]
    assert search["test_accuracy"] == json.loads((out / "metrics.json").read_text())["test_accuracy"]
    assert [e["name"] for e in json.loads((out / "search_space.json").read_text())] == space.names
    history = pd.read_csv(out / "best_trial_history.csv")
    assert list(history.columns) == ["epoch", "loss", "accuracy", "val_loss", "val_accuracy"]
    assert history["val_accuracy"].max() == pytest.approx(search["search_score"])
    run = json.loads((out / "run.json").read_text())
    assert run["kind"] == "tune" and run["status"] == "complete"
    retrained = cfg.from_dict(json.loads((out / "config.json").read_text()))
    assert (
        retrained.train.batch_size == best["batch_size"] and len(retrained.model.hidden) == best["n_hidden"]
    )
    build_pages(out.parent)
    assert "Search score and test score" in (out / "report.md").read_text()
    # The tuner's state stays in the work folder, out of results/.
    assert (tmp_path / "work" / "toy_search" / "tuner" / tuner / "oracle.json").is_file()
    assert not list((tmp_path / "results").rglob("trial.json"))
    if tuner == "hyperband":  # a later round continues the best trial of the first
        later = table[table["hyperband_continues"].notna()]
        assert (
            len(later) >= 1
            and (later["best_epoch"] > 1).all()
            and (later["epochs_run"] < later["best_epoch"] + 1).all()
        )


def test_same_command_resumes_other_settings_refuse_overwrite_restarts(tmp_path):
    toy = experiment(tmp_path)
    first = load_trials(tune(toy, TINY, options(tmp_path), TuneSettings(max_trials=1)))
    out = tune(toy, TINY, options(tmp_path), TuneSettings(max_trials=2))  # a bigger budget continues
    second = load_trials(out)
    assert list(second["trial_id"]) == ["0", "1"]
    pd.testing.assert_frame_equal(second.iloc[:1], first)  # kept, not run again
    search = json.loads((out / "search.json").read_text())
    assert search["resumed"] and search["trials_before_resume"] == 1 and search["trials_run"] == 1
    with pytest.raises(UserError, match="other settings .search epochs: 1 there, 2 here.*--overwrite"):
        tune(toy, TINY, options(tmp_path), TuneSettings(max_trials=2, epochs=2))
    out = tune(toy, TINY, options(tmp_path), TuneSettings(max_trials=1, epochs=2, overwrite=True))
    search = json.loads((out / "search.json").read_text())
    assert not search["resumed"] and search["trials_total"] == 1 and search["search_epochs"] == 2


def _statuses(project: Path) -> dict:
    found = {}
    for path in project.glob("trial_*/trial.json"):
        try:
            record = json.loads(path.read_text())
        except ValueError:
            continue
        found[record["trial_id"]] = record["status"]
    return found


def test_a_killed_search_resumes_with_every_trial_once(tmp_path):
    write_experiment(tmp_path / "experiments")
    args = tiny_args(tmp_path, "--max-trials", "3", "--epochs", "2")
    project = tmp_path / "work" / "toy_search" / "tuner" / "random"
    process = ann_keras(*args, tmp_path=tmp_path, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    deadline = time.time() + 300
    while process.poll() is None and time.time() < deadline:
        statuses = _statuses(project)
        if statuses.get("0") == "COMPLETED" and statuses.get("1") == "RUNNING":
            process.send_signal(signal.SIGKILL)
            break
        time.sleep(0.05)
    assert process.wait() == -signal.SIGKILL, "the search ended before it could be killed"
    assert not (tmp_path / "results" / "toy_search").exists()
    kept = json.loads((project / "trial_0" / "ann_keras_trial.json").read_text())

    result = ann_keras(*args, tmp_path=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "resuming: 1 trial(s) finished earlier are kept, 1 interrupted trial(s) run again" in result.stdout
    table = load_trials(tmp_path / "results" / "toy_search")
    assert list(table["trial_id"]) == ["0", "1", "2"] and set(table["status"]) == {"COMPLETED"}
    assert json.loads((project / "trial_0" / "ann_keras_trial.json").read_text()) == kept  # not run again
    assert json.loads((project / "trial_1" / "ann_keras_trial.json").read_text())["pid"] != kept["pid"]
    assert table.loc[0, "wall_time_s"] == pytest.approx(kept["wall_time_s"], abs=0.01)


def test_a_chief_and_two_workers_share_the_trials(tmp_path):
    write_experiment(tmp_path / "experiments")
    result = ann_keras(
        *tiny_args(tmp_path, "--max-trials", "4", "--epochs", "2", "--workers", "2"), tmp_path=tmp_path
    )
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr
    table = load_trials(tmp_path / "results" / "toy_search")
    assert list(table["trial_id"]) == ["0", "1", "2", "3"] and set(table["status"]) == {"COMPLETED"}
    assert set(table["worker"]) == {"tuner1", "tuner2"}
    assert "chief serving the oracle on 127.0.0.1:" in result.stdout
    for tuner_id in ("tuner1", "tuner2"):
        assert f"on {tuner_id}:" in result.stdout  # the chief shows the workers' progress
    log = tmp_path / "work" / "toy_search" / "tuner" / "random" / "logs" / "tuner1.log"
    assert "the chief has no more trials" in log.read_text()
    search = json.loads((tmp_path / "results" / "toy_search" / "search.json").read_text())
    assert search["workers"] == 2 and search["trials_completed"] == 4
