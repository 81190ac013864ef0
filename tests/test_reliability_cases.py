"""Careless users, bad files and crashes: each case says what must happen instead of a traceback, a result
shown as complete that is not, or a file overwritten that nobody asked to change."""

import errno
import fcntl
import gzip
import html
import json
import os
import re
import shutil
import stat
import threading
import time
from pathlib import Path

import pytest
from test_reliability import start, wait_for_epoch

from ann_keras import api, cli, data, files
from ann_keras.errors import UserError
from ann_keras.pipeline.run import run_experiment
from ann_keras.report import build, build_pages, page_language

keras = pytest.importorskip("keras")

EXPERIMENT = "hg7_3_dropout_early_stopping"
SYNTHETIC = [
    "--set",
    "data.dataset=synthetic",
    "--set",
    "data.train_samples=300",
    "--set",
    "data.val_samples=100",
    "--set",
    "data.test_samples=100",
]
TOY = """
from ann_keras.config import default_config

TITLE = "Toy {name}"


def get_config():
    config = default_config()
    config.data.dataset = "synthetic"  # a few hundred generated images: seconds per run
    config.data.train_samples, config.data.val_samples, config.data.test_samples = 300, 100, 100
    config.model.hidden[0].units = 8
    config.train.epochs = 1
    return config
"""


def run(*args, results, work):
    """`ann-keras run ARGS --results-dir RESULTS --work-dir WORK` in this process; its exit code."""
    return cli.main(["run", *args, "--results-dir", str(results), "--work-dir", str(work)])


def one_line_error(code, err, *needles):
    # a notebook sequence changed by --set says so in a note first; the error is one line after it
    lines = [line for line in err.splitlines() if line.strip() and not line.startswith("ann-keras: note:")]
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, err
    for needle in needles:
        assert needle in lines[0], lines[0]
    return lines[0]


@pytest.fixture
def no_data(monkeypatch):
    """Reading any image file fails the test: what it checks must come first."""

    def refuse(*args, **kwargs):
        raise AssertionError("data was read")

    monkeypatch.setattr(data, "load_raw", refuse)
    monkeypatch.setattr(data, "load_splits", refuse)


@pytest.fixture
def toys(tmp_path, monkeypatch):
    """An experiments folder of two tiny experiments, toy_a and toy_b."""
    folder = tmp_path / "experiments"
    folder.mkdir()
    for name in ("toy_a", "toy_b"):
        (folder / f"{name}.py").write_text(TOY.format(name=name))
    monkeypatch.setenv("ANN_KERAS_EXPERIMENTS", str(folder))
    return tmp_path / "results"


# ---------------------------------------------------------------- 1. a shared --work-dir


def test_1_two_runs_with_one_work_dir_are_refused_before_either_writes_there(tmp_path):
    work = ["--set", "train.epochs=5000", "--work-dir", str(tmp_path / "work")]  # runs until killed
    first, second = start(tmp_path / "r1", *work), None
    try:
        wait_for_epoch(first, 1)  # the first run holds the work folder once it trains
        second = start(tmp_path / "r2", *work)
        out, err = second.communicate(timeout=300)
        assert first.poll() is None, "the first run ended before the second was refused"
    finally:
        for process in (first, second):
            if process is not None and process.poll() is None:
                process.kill()
                process.wait()
    one_line_error(second.returncode, err, "already running with the work folder", "--work-dir")
    results = tmp_path / "r2" / "results"
    assert not (results / EXPERIMENT).exists() and not (results / ".staging").exists()


# ---------------------------------------------------------------- 2 and 3. damaged result files


def damage(results_dir: Path) -> dict[str, str]:
    """Damage four experiments of a copy of the report fixture; returns experiment -> the file named."""
    (results_dir / "hg7_1_softmax_regression" / "metrics.json").write_text("")
    metrics = results_dir / "diverging_lr" / "metrics.json"
    metrics.write_text(metrics.read_text()[:200])  # cut short, as by a copy that stopped
    (results_dir / "hg7_3_dropout_early_stopping" / "history.csv").unlink()
    path = results_dir / "tune_fixture" / "metrics.json"
    text = json.loads(path.read_text())
    text["test_accuracy"] = "abc"
    path.write_text(json.dumps(text))
    return {
        "hg7_1_softmax_regression": "metrics.json: empty",
        "diverging_lr": "metrics.json: not valid JSON",
        "hg7_3_dropout_early_stopping": "history.csv: missing",
        "tune_fixture": "metrics.json: test_accuracy is 'abc', not a number",
    }


def test_2_damaged_files_are_shown_as_damaged_never_as_complete(report_results, tmp_path, capsys):
    results_dir = tmp_path / "results"
    shutil.copytree(report_results, results_dir)
    damaged = damage(results_dir)

    code = cli.main(["report", "--results-dir", str(results_dir)])
    err = capsys.readouterr().err
    assert code == 2
    lines = [line for line in err.splitlines() if line.strip()]
    assert len(lines) == len(damaged)  # one line per damaged experiment, no traceback
    index = (results_dir / "index.html").read_text()
    for name, problem in damaged.items():
        assert any(f"{name}: damaged: {problem}" in line for line in lines), (name, lines)
        row = index[index.index(f'href="{name}/report.html"') :].split("</tr>")[0]
        assert "damaged: " + problem.split(":")[0] in row and ">complete<" not in row
        shown = re.sub(r'<span class="badge bad wrap">[^<]*</span>', "", row)
        assert "abc" not in shown and "0." not in shown  # none of its numbers
        page = (results_dir / name / "report.html").read_text()
        assert f"<code>{html.escape(problem)}" in page  # what is wrong
        assert 'id="headline"' not in page  # and no result
    assert ">complete<" in index  # the whole experiments still are


def test_3_a_ragged_confusion_matrix_damages_one_page_and_the_others_are_built(
    report_results, tmp_path, capsys
):
    results_dir = tmp_path / "results"
    shutil.copytree(report_results, results_dir)
    path = results_dir / "hg7_2_deep_network" / "metrics.json"
    metrics = json.loads(path.read_text())
    metrics["confusion_matrix"] = [[1, 2], [3]]
    path.write_text(json.dumps(metrics))

    code = cli.main(["report", "--results-dir", str(results_dir)])
    err = capsys.readouterr().err
    one_line_error(code, err, "hg7_2_deep_network: damaged: metrics.json: confusion_matrix is ragged")
    for name in ("hg7_1_softmax_regression", "hg7_3_dropout_early_stopping", "tune_fixture"):
        page = (results_dir / name / "report.html").read_text()
        assert 'id="headline"' in page and "damaged" not in page


def test_the_fixture_and_the_shipped_results_are_whole(report_results):
    """The validator knows every shape of a genuine result (no false alarm)."""
    from ann_keras.report import validate

    shipped = Path(__file__).resolve().parent.parent / "results"
    folders = [p for root in (report_results, shipped) for p in sorted(root.glob("*/run.json"))]
    assert len(folders) >= 6
    assert {str(p.parent): validate.problems(p.parent) for p in folders} == {
        str(p.parent): [] for p in folders
    }


# ---------------------------------------------------------------- 4. values that passed the checks


@pytest.mark.parametrize(
    "experiment, args, needles",
    [
        (EXPERIMENT, ["--seed", "99999999999"], ["seed=99999999999", "4294967295"]),
        (
            EXPERIMENT,
            ["--set", "model.hidden.0.activation=leaky_relu:abc"],
            ["model.hidden.0.activation='leaky_relu:abc'", "SLOPE"],
        ),
        (EXPERIMENT, ["--set", "model.output_activation=nosuch"], ["model.output_activation", "nosuch"]),
        (EXPERIMENT, ["--set", "model.hidden.0.activation=nosuch"], ["model.hidden.0.activation", "nosuch"]),
        ("activation_functions", ["--set", "model.hidden=[]"], ["activation_functions: model.hidden"]),
        ("vanishing_gradients", ["--set", "model.hidden=[]"], ["vanishing_gradients: model.hidden"]),
        ("initialization", ["--set", "model.hidden=[]"], ["initialization: model.hidden"]),
        (
            EXPERIMENT,
            ["--set", "model.hidden.0.kernel_initializer=normal:-1"],
            ["kernel_initializer='normal:-1'", "above 0"],
        ),
    ],
)
def test_4_every_value_is_checked_before_any_data_is_read(
    experiment, args, needles, tmp_path, no_data, capsys
):
    code = cli.main(["run", experiment, *args, "--results-dir", str(tmp_path / "results")])
    one_line_error(code, capsys.readouterr().err, *needles)
    assert not (tmp_path / "results" / ".staging").exists()


# ---------------------------------------------------------------- 5. an unwritable or full --work-dir


def test_5_an_unwritable_work_dir_is_said_before_any_data_is_read(tmp_path, no_data, capsys):
    (tmp_path / "file").write_text("")
    code = run(EXPERIMENT, results=tmp_path / "results", work=tmp_path / "file" / "w")
    one_line_error(code, capsys.readouterr().err, "work directory", "not writable", "--work-dir")


def test_5_a_full_work_dir_is_said_before_any_data_is_read(tmp_path, no_data, capsys, monkeypatch):
    work = tmp_path / "work"
    real = shutil.disk_usage

    def usage(path):
        actual = real(path)
        return actual._replace(free=2 * 2**20) if Path(path) == work else actual

    monkeypatch.setattr(shutil, "disk_usage", usage)
    code = run(EXPERIMENT, results=tmp_path / "results", work=work)
    one_line_error(code, capsys.readouterr().err, f"work directory {work} has 2.0 MB free", "--work-dir")


def test_5_a_work_dir_that_fills_up_while_training_is_one_line(tmp_path, monkeypatch, capsys):
    def full(self, epoch, logs=None):
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(keras.callbacks.BackupAndRestore, "on_epoch_end", full)
    code = run(EXPERIMENT, *SYNTHETIC, results=tmp_path / "results", work=tmp_path / "w")
    one_line_error(code, capsys.readouterr().err, "No space left on device", "--work-dir")


# ---------------------------------------------------------------- 6. the umask


@pytest.mark.parametrize("umask, file_mode, folder_mode", [(0o022, 0o644, 0o755), (0o077, 0o600, 0o700)])
def test_6_files_and_folders_honour_the_umask(toys, umask, file_mode, folder_mode, capsys):
    previous = os.umask(umask)
    try:
        assert cli.main(["run", "toy_a", "--results-dir", str(toys)]) == 0
    finally:
        os.umask(previous)
    written = [p for p in toys.rglob("*") if ".locks" not in p.parts]
    assert any(p.name == "report.html" for p in written) and any(p.name == "metrics.json" for p in written)
    modes = {p.relative_to(toys).as_posix(): stat.S_IMODE(p.stat().st_mode) for p in written}
    assert modes == {name: folder_mode if (toys / name).is_dir() else file_mode for name in modes}


# ---------------------------------------------------------------- 7. the page language


def test_7_the_language_is_read_once_the_rebuild_holds_the_lock(report_results, tmp_path, monkeypatch):
    results_dir = tmp_path / "results"
    shutil.copytree(report_results / "hg7_1_softmax_regression", results_dir / "hg7_1_softmax_regression")
    build_pages(results_dir, lang="en")
    lock = open(results_dir / files.LOCKS / "report.lock", "a+")  # another rebuild, in Korean, holds it
    fcntl.flock(lock, fcntl.LOCK_EX)
    waiting = threading.Event()
    real_flock = fcntl.flock

    def flock(handle, operation):
        waiting.set()
        return real_flock(handle, operation)

    monkeypatch.setattr(files.fcntl, "flock", flock)  # the report lock is a files.FileLock
    thread = threading.Thread(target=api.report, args=(results_dir,), kwargs={"quiet": True, "force": True})
    thread.start()
    assert waiting.wait(60)
    index = results_dir / "index.html"  # the Korean rebuild ends
    index.write_text(index.read_text().replace('<html lang="en"', '<html lang="ko"', 1))
    real_flock(lock, fcntl.LOCK_UN)
    lock.close()
    thread.join(120)
    assert page_language(results_dir) == "ko"
    assert '<html lang="ko"' in (results_dir / "hg7_1_softmax_regression" / "report.html").read_text()


def test_8_a_killed_rebuilds_half_drawn_figures_are_cleared_by_the_next(report_results, tmp_path):
    results_dir = tmp_path / "results"
    shutil.copytree(report_results / "hg7_1_softmax_regression", results_dir / "hg7_1_softmax_regression")
    own = results_dir / "hg7_1_softmax_regression"
    for left in (".report_files.new-99999", ".report_files.old-99999"):  # a rebuild killed with SIGKILL
        (own / left).mkdir()
        (own / left / "x.png").write_bytes(b"half")
    build_pages(results_dir, lang="en", force=True)
    assert not list(own.glob(".report_files.*")) and (own / "report_files").is_dir()


def test_7_a_rebuild_stopped_midway_leaves_each_page_with_its_own_figures(
    report_results, tmp_path, monkeypatch
):
    results_dir = tmp_path / "results"
    for name in ("hg7_1_softmax_regression", "hg7_3_dropout_early_stopping"):
        shutil.copytree(report_results / name, results_dir / name)
    build_pages(results_dir, lang="en")
    first, second = (
        results_dir / n / "report.html" for n in ("hg7_1_softmax_regression", "hg7_3_dropout_early_stopping")
    )
    draw = build.figures.draw

    def stop_at_the_second(experiment, folder, lang):
        if experiment.name == "hg7_3_dropout_early_stopping":
            raise KeyboardInterrupt
        return draw(experiment, folder, lang)

    monkeypatch.setattr(build.figures, "draw", stop_at_the_second)
    with pytest.raises(KeyboardInterrupt):
        build_pages(results_dir, lang="ko")
    assert '<html lang="ko"' in first.read_text()  # its figures were redrawn in Korean: so was it
    assert '<html lang="en"' in second.read_text()  # neither was redrawn

    # Stopped between a page's figures and the page: the next rebuild redraws it, whatever its language.
    document = build.ExperimentPage.document

    def stop(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr(build.figures, "draw", draw)
    monkeypatch.setattr(build.ExperimentPage, "document", stop)
    with pytest.raises(KeyboardInterrupt):
        build_pages(results_dir, lang="en", force=True)
    monkeypatch.setattr(build.ExperimentPage, "document", document)
    built = build_pages(results_dir, lang="ko", force=False)
    assert "hg7_1_softmax_regression" in built.rebuilt


# ---------------------------------------------------------------- 8. stopped between the result and its page


def test_8_a_result_whose_page_was_never_made_only_gets_its_page(toys, monkeypatch, capsys):
    real = build.build_pages

    def killed(*args, **kwargs):
        raise KeyboardInterrupt

    monkeypatch.setattr("ann_keras.report.build_pages", killed)
    assert cli.main(["run", "toy_a", "--results-dir", str(toys)]) == 130
    run = json.loads((toys / "toy_a" / "run.json").read_text())
    assert run["status"] == "complete" and not (toys / "toy_a" / "report.html").exists()

    monkeypatch.setattr("ann_keras.report.build_pages", real)
    monkeypatch.setattr(
        "ann_keras.pipeline.context.train_and_evaluate", lambda *a, **k: pytest.fail("trained")
    )
    assert cli.main(["run", "toy_a", "--results-dir", str(toys)]) == 0
    assert "has no page yet: kept, only its page is made" in capsys.readouterr().out
    assert json.loads((toys / "toy_a" / "run.json").read_text())["run_id"] == run["run_id"]
    assert (toys / "toy_a" / "report.html").is_file()


# ---------------------------------------------------------------- 9. data checked late


def test_9_a_bad_test_label_file_is_said_when_the_data_is_first_read(real_data_dir, tmp_path):
    folder = tmp_path / "data"
    folder.mkdir()
    for spec in data.FILES.values():
        if spec.name != data.FILES["test_labels"].name:
            (folder / spec.name).symlink_to(Path(real_data_dir) / spec.name)
    with gzip.open(Path(real_data_dir) / data.FILES["test_labels"].name) as handle:
        raw = bytearray(handle.read())
    raw[8 + 17] = 10  # a label 10 in the test labels
    with gzip.open(folder / data.FILES["test_labels"].name, "wb") as handle:
        handle.write(bytes(raw))
    from ann_keras.config import DataConfig

    with pytest.raises(UserError, match="t10k-labels-idx1-ubyte.gz"):
        data.DataCache(folder).splits(DataConfig(train_samples=100, val_samples=100))  # before any training


def test_9_a_batch_larger_than_the_training_set_is_a_warning_before_training(toys, capsys):
    assert cli.main(["run", "toy_a", "--set", "train.batch_size=1000000000", "--results-dir", str(toys)]) == 0
    out = capsys.readouterr()
    warning = [line for line in out.err.splitlines() if "warning" in line]
    assert warning == [
        "ann-keras: warning: train.batch_size=1000000000 is more than the 300 training samples: each epoch "
        "is one batch of all of them (one update per epoch)"
    ]
    assert "epoch 1/1" in out.out


# ---------------------------------------------------------------- 10. what a run rewrites


def test_10_a_run_rewrites_its_own_page_and_the_index_only(toys, capsys):
    assert cli.main(["run", "toy_a", "toy_b", "--results-dir", str(toys)]) == 0
    later = time.time() + 60  # as a fresh clone: every file newer than the pages were made
    for path in (toys / "toy_b").rglob("*"):
        os.utime(path, (later, later))
    other = {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in (toys / "toy_b").rglob("*") if p.is_file()}
    index = (toys / "index.html").stat().st_mtime_ns

    assert cli.main(["run", "toy_a", "--results-dir", str(toys)]) == 0
    assert {p: (p.read_bytes(), p.stat().st_mtime_ns) for p in other} == other
    assert (toys / "index.html").stat().st_mtime_ns != index
    assert not (toys / "benchmarks").exists()


def test_10_only_a_whole_suite_run_writes_the_whole_suite_timing(toys, capsys):
    assert cli.main(["run", "--all", "--set", "train.epochs=2", "--results-dir", str(toys)]) == 0
    assert "Whole-suite timing not written (--set changed what ran)" in capsys.readouterr().out
    assert not (toys / "benchmarks").exists()
    assert cli.main(["run", "--all", "--results-dir", str(toys)]) == 0
    (timing,) = (toys / "benchmarks").glob("suite-*.json")
    assert [e["experiment"] for e in json.loads(timing.read_text())["experiments"]] == ["toy_a", "toy_b"]


def test_10_a_results_dir_that_is_a_file_is_named_as_such(tmp_path, capsys):
    (tmp_path / "results").write_text("")
    code = cli.main(["report", "--results-dir", str(tmp_path / "results")])
    one_line_error(code, capsys.readouterr().err, "is a file, not a folder")


def test_a_stopped_run_keeps_no_page_only_result_when_asked_to_restart(toys, capsys, monkeypatch):
    """--restart trains again even when a result has no page yet."""
    assert cli.main(["run", "toy_a", "--results-dir", str(toys)]) == 0
    (toys / "toy_a" / "report.html").unlink()
    first = json.loads((toys / "toy_a" / "run.json").read_text())["run_id"]
    assert cli.main(["run", "toy_a", "--restart", "--results-dir", str(toys)]) == 0
    assert json.loads((toys / "toy_a" / "run.json").read_text())["run_id"] != first


def test_run_experiment_from_python_never_keeps_a_result_it_is_not_making_pages_for(toys):
    """Without pages to make next, the pipeline trains again (a notebook's repeated call)."""
    from ann_keras.pipeline import experiments as registry
    from ann_keras.pipeline.options import RunOptions

    options = RunOptions(results_dir=toys, verbose=False)
    first = run_experiment(registry.get_experiment("toy_a"), {}, options)
    run_id = json.loads((first / "run.json").read_text())["run_id"]
    again = run_experiment(registry.get_experiment("toy_a"), {}, options)
    assert json.loads((again / "run.json").read_text())["run_id"] != run_id
