"""A run writes its files, and only a complete run lands in results/."""

import json
import subprocess
import sys
import types

import numpy as np
import pandas as pd
import pytest

from ann_keras import config as cfg
from ann_keras.pipeline.experiments import Experiment
from ann_keras.pipeline.options import RunOptions
from ann_keras.pipeline.run import run_experiment
from ann_keras.report import build_pages

pytest.importorskip("keras")

SYNTHETIC = {
    "data.dataset": "synthetic",
    "data.train_samples": 600,
    "data.val_samples": 200,
    "data.test_samples": 300,
    "train.epochs": 2,
}


def make_experiment(name="toy", variants=None, run=None, **attrs):
    module = types.ModuleType(name)
    module.TITLE, module.NOTES, module.BOOK, module.DESCRIPTION = "Toy <b>", "000 notes", "book 1", "A toy."

    def get_config():
        c = cfg.default_config()
        c.model.hidden[0].units = 16
        return c

    module.get_config = get_config
    if variants:
        module.VARIANTS = variants
    if run:
        module.run = run
    for key, value in attrs.items():
        setattr(module, key, value)
    return Experiment(name, module)


def options(tmp_path):
    return RunOptions(results_dir=tmp_path / "results", verbose=False)


def test_single_run_writes_every_file(tmp_path):
    out = run_experiment(make_experiment(), SYNTHETIC, options(tmp_path))
    names = {p.name for p in out.iterdir()}
    assert {
        "metrics.json",
        "history.csv",
        "config.json",
        "run.json",
        "model.json",
        "predictions.csv",
        "misclassified.npz",
    } <= names
    build_pages(out.parent)  # the pages and their figures are the report stage's, drawn from these files
    assert {"report.md", "report.html", "report_files"} <= {p.name for p in out.iterdir()}
    metrics = json.loads((out / "metrics.json").read_text())
    for key in (
        "test_accuracy",
        "test_precision_macro",
        "test_recall_macro",
        "test_f1_macro",
        "per_class",
        "confusion_matrix",
    ):
        assert key in metrics
    matrix = np.array(metrics["confusion_matrix"])
    assert matrix.sum() == 300 and np.trace(matrix) / 300 == pytest.approx(metrics["test_accuracy"])
    predictions = pd.read_csv(out / "predictions.csv")
    assert (predictions["true"] == predictions["predicted"]).mean() == pytest.approx(metrics["test_accuracy"])
    history = pd.read_csv(out / "history.csv")
    assert list(history["epoch"]) == [1, 2] and {"loss", "accuracy", "val_loss", "val_accuracy"} <= set(
        history.columns
    )
    run = json.loads((out / "run.json").read_text())
    assert run["status"] == "complete" and run["epochs_run"] == 2 and run["seed"] == 42
    assert (
        run["backend"]
        and run["device"]["type"] in ("CPU", "GPU")
        and run["versions"]["keras"].startswith("3")
    )
    config = cfg.from_dict(json.loads((out / "config.json").read_text()))
    assert config.train.epochs == 2 and config.model.hidden[0].units == 16
    assert not list((tmp_path / "results" / ".staging").iterdir())


def test_variants_and_seeds_write_a_comparison(tmp_path):
    experiment = make_experiment(
        variants={"small": {"model.hidden.0.units": 8}, "big": {"model.hidden.0.units": 32}}
    )
    out = run_experiment(experiment, {**SYNTHETIC, "train.epochs": 1, "seeds": 2}, options(tmp_path))
    comparison = pd.read_csv(out / "comparison.csv")
    assert list(zip(comparison["variant"], comparison["seed"])) == [
        ("small", 42),
        ("small", 43),
        ("big", 42),
        ("big", 43),
    ]
    summary = pd.read_csv(out / "summary.csv")
    big = comparison[comparison["variant"] == "big"]["test_accuracy"]
    assert summary.set_index("variant").loc["big", "test_accuracy_mean"] == pytest.approx(big.mean())
    assert summary.set_index("variant").loc["big", "test_accuracy_std"] == pytest.approx(big.std(ddof=1))
    assert (
        json.loads((out / "fits" / "small" / "seed-43" / "metrics.json").read_text())["params"]
        == 784 * 8 + 8 + 90
    )
    assert (
        json.loads((out / "metrics.json").read_text())["params"] == 784 * 32 + 32 + 330
    )  # primary = last variant


def test_early_stopping_restores_the_best_epoch(tmp_path):
    overrides = {
        **SYNTHETIC,
        "train.epochs": 30,
        "train.early_stopping_patience": 1,
        "train.optimizer": "sgd",
        "train.learning_rate": 2.0,
    }
    out = run_experiment(make_experiment(), overrides, options(tmp_path))
    metrics = json.loads((out / "metrics.json").read_text())
    history = pd.read_csv(out / "history.csv")
    assert metrics["epochs_run"] == len(history) < 30 and metrics["stopped_early"]
    assert metrics["evaluated_epoch"] == int(history["val_loss"].idxmin()) + 1
    assert metrics["val_loss"] == pytest.approx(history["val_loss"].min())


def test_a_failed_run_leaves_the_previous_result_alone(tmp_path):
    first = run_experiment(make_experiment(), SYNTHETIC, options(tmp_path))
    before = (first / "metrics.json").read_bytes()

    def broken(ctx):
        ctx.fits.train(ctx.config)
        raise RuntimeError("boom")

    with pytest.raises(RuntimeError):
        run_experiment(make_experiment(run=broken), SYNTHETIC, options(tmp_path))
    assert (first / "metrics.json").read_bytes() == before
    staged = list((tmp_path / "results" / ".staging").iterdir())
    assert len(staged) == 1
    assert json.loads((staged[0] / "run.json").read_text())["status"] == "failed"
    assert not (staged[0] / "report.md").exists()


def test_custom_run_adds_tables_figures_and_facts(tmp_path):
    def custom(ctx):
        table = ctx.page.add_table("numbers", pd.DataFrame({"x": [1, 2], "y": [3, 5]}), "Numbers")
        ctx.page.add_figure("line", "lines", table, x="x", y="y", where={"x": [1, 2]}, title="A line")
        ctx.page.add_facts(answer=42)

    out = run_experiment(make_experiment(run=custom, TRAINS=False), {}, options(tmp_path))
    assert json.loads((out / "facts.json").read_text()) == {"answer": 42}
    sections = json.loads((out / "sections.json").read_text())
    assert [s["kind"] for s in sections] == ["table", "figure"]
    assert sections[0]["file"] == sections[1]["data"] == "tables/numbers.csv"
    assert sections[1]["plot"] == "lines" and sections[1]["where"] == {"x": [1, 2]}
    assert sections[1]["options"] == {"x": "x", "y": "y"}
    assert not list(out.rglob("*.png"))  # a figure is declared by the run and drawn by the report stage
    build_pages(out.parent)
    assert "| 1 | 3 |" in (out / "report.md").read_text()
    assert (out / "report_files" / "figures" / "line.png").stat().st_size > 1000
    assert "![A line](report_files/figures/line.png)" in (out / "report.md").read_text()


def test_a_figure_must_name_a_written_table_and_json_options(tmp_path):
    from ann_keras.pipeline.context import PageMaterial

    page = PageMaterial(tmp_path)
    with pytest.raises(ValueError, match="not written yet"):
        page.add_figure("line", "lines", "tables/nothing.csv", x="x", y="y", title="A line")
    table = page.save_table("numbers", pd.DataFrame({"x": [1, 2]}))
    with pytest.raises(ValueError, match="JSON values"):
        page.add_figure("line", "lines", table, x=object(), y="x", title="A line")
    page.add_figure("line", "lines", table, x="x", y="x", title="A line")
    with pytest.raises(ValueError, match="added twice"):
        page.add_figure("line", "lines", table, x="x", y="x", title="Again")


def test_the_pipeline_imports_no_plotting_code():
    code = (
        "import sys, ann_keras.pipeline.run, ann_keras.tuning.search, ann_keras.api; "
        "print(sorted(m for m in sys.modules if m.startswith(('matplotlib', 'ann_keras.report'))))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and result.stdout.strip() == "[]", result.stdout + result.stderr


def test_two_runs_of_one_experiment_cannot_share_a_folder(tmp_path):
    from ann_keras.errors import UserError
    from ann_keras.pipeline.staging import RunDir

    with RunDir(tmp_path, "toy"):
        with pytest.raises(UserError, match="already running"):
            with RunDir(tmp_path, "toy"):
                pass
