"""Kept runs (--set, --name), `ann-keras compare`, and TensorBoard logs of runs and search trials."""

import json
import shutil
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from test_reliability_cases import TOY, one_line_error

from ann_keras import cli, files
from ann_keras import config as cfg
from ann_keras.pipeline import runs
from ann_keras.report import compare


@pytest.fixture
def toys(tmp_path, monkeypatch):
    """toy_a (a few hundred synthetic images, seconds a run) in an experiments folder; the results folder."""
    (tmp_path / "experiments").mkdir()
    (tmp_path / "experiments" / "toy_a.py").write_text(TOY.format(name="toy_a"))
    monkeypatch.setenv("ANN_KERAS_EXPERIMENTS", str(tmp_path / "experiments"))
    return tmp_path / "results"


def snapshot(folder: Path) -> dict:
    """Every result file of an experiment's own result (not its pages, not its runs): bytes and mtime."""
    skipped = ("runs", "report.html", "report.md", "report_files")
    return {
        p.relative_to(folder).as_posix(): (p.read_bytes(), p.stat().st_mtime_ns)
        for p in folder.rglob("*")
        if p.is_file() and p.relative_to(folder).parts[0] not in skipped
    }


# ---------------------------------------------------------------- names


def test_names_from_overrides_are_stable():
    config = cfg.apply_overrides(cfg.default_config(), {"train.epochs": 3, "model.hidden.0.dropout": 0.5})
    as_typed = runs.name_from({"train.epochs": "3", "model.hidden.0.dropout": "0.50"}, config)
    assert as_typed == "dropout=0.5,epochs=3"
    # Any order, typed values or strings, the same name; --quick is part of it.
    assert runs.name_from({"model.hidden.0.dropout": 0.5, "train.epochs": 3}, config) == as_typed
    assert runs.name_from({"train.epochs": "3", "model.hidden.0.dropout": "0.5"}, config, quick=True) == (
        "dropout=0.5,epochs=3,quick"
    )
    # Two keys with one last word keep their full keys.
    two = cfg.apply_overrides(cfg.default_config(), {"model.hidden": "[300, 100]"})
    assert runs.name_from({"model.hidden.0.units": "300", "model.hidden.1.units": "100"}, two) == (
        "model.hidden.0.units=300,model.hidden.1.units=100"
    )
    assert runs.name_from({"model.hidden": "[300, 100]"}, two) == "hidden=300,100"
    assert runs.name_from({"model.hidden.0.activation": "leaky_relu:0.2"}) == "activation=leaky_relu-0.2"
    long = {f"params.key{i}": "x" * 20 for i in range(8)}
    name = runs.name_from(long)
    assert len(name) <= 100 and name == runs.name_from(dict(reversed(list(long.items()))))
    assert runs.check_name(name) == name


@pytest.mark.parametrize("name", ["a/b", "..", "", "-x", "a b", "x" * 101, "_compare"])
def test_a_name_that_cannot_be_a_folder_is_one_line_before_anything_is_written(toys, name, capsys):
    code = cli.main(["run", "toy_a", f"--name={name}", "--results-dir", str(toys)])
    one_line_error(code, capsys.readouterr().err, "cannot be a folder name")
    assert not (toys / "toy_a").exists()


# ---------------------------------------------------------------- kept runs


def test_a_set_run_never_touches_the_experiments_own_result(toys, capsys):
    assert cli.main(["run", "toy_a", "--results-dir", str(toys)]) == 0
    own = toys / "toy_a"
    before = snapshot(own)
    assert set(before) >= {"run.json", "metrics.json", "history.csv", "config.json"}

    assert cli.main(["run", "toy_a", "--set", "train.epochs=2", "--results-dir", str(toys)]) == 0
    assert cli.main(["run", "toy_a", "--set", "model.hidden.0.units=16", "--results-dir", str(toys)]) == 0
    assert snapshot(own) == before
    kept = {p.name for p in (own / "runs").iterdir() if not p.name.startswith("_")}
    assert kept == {"epochs=2", "units=16"}
    epochs_run = json.loads((own / "runs" / "epochs=2" / "run.json").read_text())
    assert epochs_run["status"] == "complete" and epochs_run["run_name"] == "epochs=2"
    assert epochs_run["overrides"] == {"train.epochs": "2"}
    assert json.loads((own / "runs" / "epochs=2" / "config.json").read_text())["train"]["epochs"] == 2
    assert len(pd.read_csv(own / "runs" / "epochs=2" / "history.csv")) == 2
    assert json.loads((own / "config.json").read_text())["train"]["epochs"] == 1

    # The same command again redoes only that run; the other run and the own result stay.
    units = snapshot(own / "runs" / "units=16")
    first_id = epochs_run["run_id"]
    assert cli.main(["run", "toy_a", "--set", "train.epochs=2", "--results-dir", str(toys)]) == 0
    assert json.loads((own / "runs" / "epochs=2" / "run.json").read_text())["run_id"] != first_id
    assert snapshot(own / "runs" / "units=16") == units and snapshot(own) == before

    # Running the declared config again replaces the own result and keeps every run.
    assert cli.main(["run", "toy_a", "--results-dir", str(toys)]) == 0
    assert json.loads((own / "run.json").read_text())["run_id"] != json.loads(before["run.json"][0])["run_id"]
    assert {p.name for p in (own / "runs").iterdir() if not p.name.startswith("_")} == kept

    # Pages: the run's header says what changed, the experiment lists its runs, the index counts them.
    run_page = (own / "runs" / "units=16" / "report.html").read_text()
    header = run_page.split('<nav class="toc"')[0] if '<nav class="toc"' in run_page else run_page[:6000]
    assert "Run units=16 of" in header and "model.hidden.0.units=16" in header
    # Its reproduce box runs the experiment (not the run's folder name) and keeps the run's name.
    assert "ann-keras run toy_a --name units=16 --set model.hidden.0.units=16" in run_page
    page = (own / "report.html").read_text()
    assert 'href="runs/epochs=2/report.html"' in page and 'href="runs/units=16/report.html"' in page
    assert (
        'href="runs/_compare/report.html"' in page and (own / "runs" / "_compare" / "report.html").is_file()
    )
    assert "2 runs" in (toys / "index.html").read_text()


def test_a_name_of_a_run_with_other_changes_is_refused(toys, capsys):
    assert (
        cli.main(["run", "toy_a", "--name", "mine", "--set", "train.epochs=2", "--results-dir", str(toys)])
        == 0
    )
    before = snapshot(toys / "toy_a" / "runs" / "mine")
    capsys.readouterr()
    code = cli.main(["run", "toy_a", "--name", "mine", "--set", "train.epochs=3", "--results-dir", str(toys)])
    one_line_error(
        code, capsys.readouterr().err, "already has a run named 'mine'", "train.epochs=2", "--name"
    )
    assert snapshot(toys / "toy_a" / "runs" / "mine") == before


# ---------------------------------------------------------------- compare, on hand-made folders


def confusion(seed: int) -> list[list[int]]:
    rng = np.random.default_rng(seed)
    matrix = rng.integers(0, 20, size=(10, 10))
    np.fill_diagonal(matrix, 80)
    return matrix.tolist()


def result_folder(
    path: Path, experiment: str, overrides: dict, accuracy: float, matrix, seeds: list[float] | None = None
) -> Path:
    """A complete result written by hand: run.json, config.json, metrics.json, history.csv (and
    comparison.csv when `seeds` gives one test accuracy per seed)."""
    path.mkdir(parents=True)
    config = cfg.to_dict(cfg.apply_overrides(cfg.default_config(), overrides))
    run = {"experiment": experiment, "status": "complete", "primary": "main", "seed": 42, "overrides": {}}
    if seeds:
        run["seeds"] = list(range(42, 42 + len(seeds)))
        run["variants"] = {"main": {}}
    files.write_json(path / "run.json", run)
    files.write_json(path / "config.json", config)
    per_class = [
        {"label": i, "name": f"c{i}", "f1": round(0.5 + i / 40 + accuracy / 10, 4)} for i in range(10)
    ]
    metrics = {"test_accuracy": accuracy, "test_loss": 1 - accuracy, "epochs_run": 3, "per_class": per_class}
    metrics["confusion_matrix"] = matrix
    files.write_json(path / "metrics.json", metrics)
    files.write_csv(
        path / "history.csv",
        pd.DataFrame({"epoch": [1, 2, 3], "loss": [0.9, 0.6, 0.5], "val_accuracy": [0.7, 0.8, accuracy]}),
    )
    if seeds:
        frame = pd.DataFrame(
            {
                "variant": "main",
                "seed": run["seeds"],
                "diverged": False,
                "test_accuracy": seeds,
                "epochs_run": 3,
            }
        )
        files.write_csv(path / "comparison.csv", frame)
    return path


def test_compare_hand_made_results(tmp_path, capsys):
    results = tmp_path / "results"
    result_folder(results / "exp", "exp", {"train.epochs": 20}, 0.80, confusion(0))
    result_folder(
        results / "exp" / "runs" / "dropout=0.5",
        "exp",
        {"train.epochs": 20, "model.hidden.0.dropout": 0.5},
        0.86,
        confusion(1),
        seeds=[0.85, 0.86, 0.88],
    )
    c = result_folder(tmp_path / "elsewhere", "exp", {"train.epochs": 5}, 0.75, confusion(2))
    assert cli.main(["compare", "exp", "dropout=0.5", str(c), "--results-dir", str(results)]) == 0
    page = Path(capsys.readouterr().out.split(": ", 1)[1].strip())
    out = page.parent
    assert page.is_file() and out.parent == results / compare.FOLDER

    settings = pd.read_csv(out / "tables" / "settings.csv")
    assert list(settings["key"]) == ["model.hidden.0.dropout", "train.epochs"]  # only what differs
    assert list(settings.iloc[0, 1:]) == ["0.0", "0.5", "0.0"] or list(
        settings.iloc[0, 1:].astype(float)
    ) == [
        0.0,
        0.5,
        0.0,
    ]
    assert list(settings.iloc[1, 1:].astype(int)) == [20, 20, 5]

    metrics = pd.read_csv(out / "tables" / "metrics.csv")
    accuracy = metrics[metrics["metric"] == "test_accuracy"].reset_index(drop=True)
    assert list(accuracy["seeds"]) == [1, 3, 1]
    mean_b = np.mean([0.85, 0.86, 0.88])
    np.testing.assert_allclose(accuracy["mean"], [0.80, mean_b, 0.75])
    np.testing.assert_allclose(accuracy.loc[1, "std"], np.std([0.85, 0.86, 0.88], ddof=1))
    np.testing.assert_allclose(accuracy["difference"], [0.0, mean_b - 0.80, 0.75 - 0.80])
    loss = metrics[metrics["metric"] == "test_loss"].reset_index(drop=True)
    np.testing.assert_allclose(loss["difference"], [0.0, (1 - 0.86) - 0.20, 0.25 - 0.20])

    f1 = pd.read_csv(out / "tables" / "per_class_f1.csv")
    assert len(f1) == 10
    np.testing.assert_allclose(f1.iloc[:, 3] - f1.iloc[:, 2], [0.006] * 10, atol=1e-9)

    difference = pd.read_csv(out / "tables" / "confusion_1.csv").to_numpy()
    np.testing.assert_array_equal(difference, np.array(confusion(1)) - np.array(confusion(0)))
    curves = pd.read_csv(out / "tables" / "curves.csv")
    assert curves.groupby("variant").size().to_dict() == {"dropout=0.5": 3, "elsewhere": 3, "exp": 3}

    html = page.read_text()
    assert "0.8633 ± 0.0153" in html and "+0.0633" in html and "−" in html
    assert html.count("<img") >= 3 and (out / "report.md").is_file()
    assert 'href="../../exp/report.html"' not in html  # no page was made for the hand-made result: no link


def test_compare_bad_input_is_one_line(tmp_path, capsys):
    results = tmp_path / "results"
    result_folder(results / "exp", "exp", {}, 0.8, confusion(0))
    result_folder(results / "exp" / "runs" / "r1", "exp", {"train.epochs": 3}, 0.8, confusion(0))
    other = results / "notes"
    other.mkdir()
    files.write_json(other / "run.json", {"experiment": "notes", "status": "complete"})
    files.write_json(other / "config.json", {})

    def error(*names, needles=()):
        code = cli.main(["compare", *names, "--results-dir", str(results)])
        return one_line_error(code, capsys.readouterr().err, *needles)

    line = error("exp", needles=("at least two", "exp/r1"))
    line = error("exp", "nosuch", needles=("no result 'nosuch'", "exp, exp/r1"))
    line = error("exp", "exp", needles=("named twice",))
    line = error("exp", "notes", needles=("different experiments", "share no config key"))
    assert "exp/r1" in line
    assert not (results / compare.FOLDER).exists()


# ---------------------------------------------------------------- TensorBoard


SEARCH = """
from ann_keras.config import default_config

TITLE = "Toy search"
SEARCH_SPACE = [
    {"name": "units", "type": "choice", "values": [8, 16], "config_key": "model.hidden.*.units"},
    {"name": "learning_rate", "type": "choice", "values": [0.001, 0.01], "config_key": "train.learning_rate"},
]
TUNING = {"tuner": "grid", "max_trials": 2, "epochs": 1}


def get_config():
    config = default_config()
    config.data.dataset = "synthetic"
    config.data.train_samples, config.data.val_samples, config.data.test_samples = 300, 100, 100
    config.train.optimizer = "adam"
    config.train.epochs = 1
    return config
"""


def test_tensorboard_loaders_read_the_runs_scalars_and_the_trials_hparams(toys, capsys):
    event_accumulator = pytest.importorskip("tensorboard.backend.event_processing.event_accumulator")
    from tensorboard.backend.event_processing import plugin_event_multiplexer
    from tensorboard.plugins.hparams import metadata

    (toys.parent / "experiments" / "toy_search.py").write_text(SEARCH)
    work = toys.parent / "work"
    common = ["--results-dir", str(toys), "--work-dir", str(work)]
    assert cli.main(["run", "toy_a", *common]) == 0
    assert cli.main(["run", "toy_a", "--set", "train.epochs=2", *common]) == 0
    assert cli.main(["tune", "toy_search", *common]) == 0

    def hparams(root: Path) -> tuple[dict, dict]:
        """TensorBoard's own multiplexer over an experiment's tree: (experiment, run -> session hparams)."""
        mux = plugin_event_multiplexer.EventMultiplexer()
        mux.AddRunsFromDirectory(str(root))
        mux.Reload()
        content = mux.PluginRunToTagToContent(metadata.PLUGIN_NAME)
        (experiment,) = [
            metadata.parse_experiment_plugin_data(tags[metadata.EXPERIMENT_TAG])
            for tags in content.values()
            if metadata.EXPERIMENT_TAG in tags
        ]
        sessions = {}
        for run, tags in content.items():
            if metadata.SESSION_START_INFO_TAG in tags:
                info = metadata.parse_session_start_info_plugin_data(tags[metadata.SESSION_START_INFO_TAG])
                sessions[run] = {
                    k: v.WhichOneof("kind") and getattr(v, v.WhichOneof("kind"))
                    for k, v in info.hparams.items()
                }
        return experiment, sessions

    def scalars(folder: Path) -> dict:
        accumulator = event_accumulator.EventAccumulator(str(folder))
        accumulator.Reload()
        return {
            tag: [(e.step, e.value) for e in accumulator.Scalars(tag)]
            for tag in accumulator.Tags()["scalars"]
        }

    # Two runs: their scalars per epoch are their histories; test accuracy and loss are metrics.json's.
    root = work / "tensorboard" / "toy_a"
    for session, folder in (("declared", toys / "toy_a"), ("epochs=2", toys / "toy_a" / "runs" / "epochs=2")):
        found = scalars(root / session)
        history = pd.read_csv(folder / "history.csv")
        metrics = json.loads((folder / "metrics.json").read_text())
        for column in ("loss", "accuracy", "val_loss", "val_accuracy"):
            assert [s for s, _ in found[column]] == list(history["epoch"])
            np.testing.assert_allclose([v for _, v in found[column]], history[column], rtol=1e-6)
        for key in ("test_accuracy", "test_loss"):
            ((step, value),) = found[key]
            assert step == len(history)
            np.testing.assert_allclose(value, metrics[key], rtol=1e-6)
    experiment, sessions = hparams(root)
    assert [h.name for h in experiment.hparam_infos] == ["train.epochs"]  # the only key that varies
    assert [m.name.tag for m in experiment.metric_infos] == [
        "val_accuracy",
        "val_loss",
        "test_accuracy",
        "test_loss",
    ]
    assert sessions == {"declared": {"train.epochs": 1.0}, "epochs=2": {"train.epochs": 2.0}}

    # The search: both trials, with the values keras-tuner gave them, and their validation scores.
    trials = pd.read_csv(toys / "toy_search" / "trials.csv", dtype={"trial_id": str})
    assert len(trials) == 2
    experiment, sessions = hparams(work / "tensorboard" / "toy_search")
    keys = {"units": "model.hidden.0.units", "learning_rate": "train.learning_rate"}
    varying = {keys[column] for column in keys if trials[column].nunique() > 1}  # the grid's second value
    assert varying and {h.name for h in experiment.hparam_infos} == varying
    for _, trial in trials.iterrows():
        session = sessions[f"trial-{trial['trial_id']}"]
        assert set(session) == varying
        for column, key in keys.items():
            if key in varying:
                np.testing.assert_allclose(session[key], trial[column])
        found = scalars(work / "tensorboard" / "toy_search" / f"trial-{trial['trial_id']}")
        ((step, value),) = found["val_accuracy"]
        assert step == 1
        np.testing.assert_allclose(value, trial["score"], rtol=1e-6)
    shutil.rmtree(work)


def test_board_says_which_port_to_try_when_its_port_is_taken(tmp_path, capsys):
    import socket

    work = tmp_path / "work"
    code = cli.main(["board", "--work-dir", str(work), "--results-dir", str(tmp_path / "results")])
    one_line_error(code, capsys.readouterr().err, "no TensorBoard logs in", "--work-dir")
    (work / "tensorboard" / "toy_a").mkdir(parents=True)
    with socket.socket() as taken:
        taken.bind(("127.0.0.1", 0))
        taken.listen()
        port = taken.getsockname()[1]
        code = cli.main(["board", "--port", str(port), "--work-dir", str(work)])
        line = one_line_error(
            code, capsys.readouterr().err, f"port {port} on 127.0.0.1 is in use; try --port "
        )
    free = int(line.rsplit(" ", 1)[1])
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", free))  # the port it names is free
