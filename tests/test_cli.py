"""The command line as a new user meets it: listings and one-line errors."""

import json
import os
import subprocess
import sys

from ann_keras import data


def ann_keras(*args, env=None, cwd=None):
    full_env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3", **(env or {})}
    return subprocess.run(
        [sys.executable, "-m", "ann_keras", *args],
        capture_output=True,
        text=True,
        env=full_env,
        cwd=cwd,
        timeout=600,
    )


def assert_one_line_error(result, *needles):
    assert result.returncode == 2, result.stderr
    lines = [line for line in result.stderr.splitlines() if line.strip()]
    assert len(lines) == 1, result.stderr
    assert "Traceback" not in result.stderr
    for needle in needles:
        assert needle in lines[0]


def test_list_json_names_every_experiment():
    result = ann_keras("list", "--json")
    assert result.returncode == 0, result.stderr
    listed = json.loads(result.stdout)
    assert {"hg7_1_softmax_regression", "hg7_2_deep_network", "hg7_3_dropout_early_stopping"} <= {
        e["name"] for e in listed
    }
    for entry in listed:
        assert set(entry) == {"name", "title", "notes", "book_section"}
        assert entry["notes"] and entry["book_section"] and entry["title"]


def test_list_text_shows_seed_and_book_sections():
    result = ann_keras("list")
    assert (
        result.returncode == 0
        and "혼공머신 7-3" in result.stdout
        and "003_4f79ef8f212079da.txt" in result.stdout
    )


def test_unknown_experiment():
    assert_one_line_error(
        ann_keras("run", "hg7_3_dropout"),
        "unknown experiment 'hg7_3_dropout'",
        "did you mean hg7_3_dropout_early_stopping",
    )


def test_unknown_set_key():
    assert_one_line_error(
        ann_keras("run", "hg7_1_softmax_regression", "--set", "train.epoch=3"),
        "unknown config key 'train.epoch'",
        "train.epochs",
    )


def test_wrong_type():
    assert_one_line_error(
        ann_keras("run", "hg7_1_softmax_regression", "--set", "train.epochs=many"),
        "train.epochs='many'",
        "integer",
    )


def test_missing_data_dir(tmp_path):
    assert_one_line_error(
        ann_keras("run", "hg7_1_softmax_regression", "--data-dir", str(tmp_path / "nowhere")),
        "no such directory",
    )


def test_nothing_to_run():
    assert_one_line_error(ann_keras("run"), "give experiment names or --all")


def test_bad_flag_is_one_line():
    assert_one_line_error(ann_keras("run", "--epochs", "3"), "unrecognized arguments")


def test_truncated_gz_in_data_dir(real_data_dir, tmp_path):
    for spec in data.FILES.values():
        (tmp_path / spec.name).write_bytes((real_data_dir / spec.name).read_bytes())
    name = data.FILES["train_images"].name
    (tmp_path / name).write_bytes((real_data_dir / name).read_bytes()[:100_000])
    result = ann_keras(
        "run", "hg7_1_softmax_regression", "--data-dir", str(tmp_path), "--results-dir", str(tmp_path / "r")
    )
    assert_one_line_error(result, name, "truncated")
    assert not (tmp_path / "r" / "hg7_1_softmax_regression").exists()


def test_data_command_reports_the_folder(real_data_dir):
    result = ann_keras("data", "--no-download")
    assert result.returncode == 0 and "checksums OK" in result.stdout and str(real_data_dir) in result.stdout


def test_run_prints_where_results_went(tmp_path):
    result = ann_keras(
        "run",
        "hg7_1_softmax_regression",
        "--results-dir",
        str(tmp_path / "results"),
        "--set",
        "data.dataset=synthetic",
        "--set",
        "data.train_samples=200",
        "--set",
        "train.epochs=1",
    )
    assert result.returncode == 0, result.stderr
    assert "epoch 1/1" in result.stdout
    assert str(tmp_path / "results") in result.stdout.splitlines()[-2]
    kept = (
        tmp_path
        / "results"
        / "hg7_1_softmax_regression"
        / "runs"
        / "dataset=synthetic,train_samples=200,epochs=1"
    )
    assert (kept / "report.md").is_file()  # a run with --set is kept beside the experiment's own result
    assert result.stdout.splitlines()[-1] == f"Open in a browser: {tmp_path / 'results' / 'index.html'}"
    assert (kept / "report.html").is_file()
    assert "Could not find cuda" not in result.stderr
