"""Every registered experiment runs end to end on a shrunken config."""

import json

import pytest

from ann_keras import config as cfg
from ann_keras.pipeline import experiments as registry
from ann_keras.pipeline.options import RunOptions
from ann_keras.pipeline.run import run_experiment
from ann_keras.report import build_pages

pytest.importorskip("keras")

EXPERIMENTS = registry.all_experiments()


@pytest.mark.parametrize("experiment", EXPERIMENTS, ids=[e.name for e in EXPERIMENTS])
def test_experiment_runs_on_a_shrunken_config(experiment, real_data_dir, tmp_path):
    options = RunOptions(results_dir=tmp_path / "results", data_dir=str(real_data_dir), verbose=False)
    out = run_experiment(experiment, dict(cfg.SMOKE_OVERRIDES), options)
    run = json.loads((out / "run.json").read_text())
    assert run["status"] == "complete"
    assert run["notes_section"] and run["book_section"]
    assert not list(out.rglob("*.png"))  # figures are declared by the run, drawn by the report stage
    build_pages(out.parent)  # every experiment's files make a page
    assert (out / "report.md").is_file() and (out / "report.html").is_file()
    sections = json.loads((out / "sections.json").read_text()) if (out / "sections.json").is_file() else []
    for figure in [s for s in sections if s["kind"] == "figure"]:  # every declared figure drew
        assert (out / "report_files" / "figures" / f"{figure['name']}.png").stat().st_size > 5_000
    page = (out / "report.md").read_text()
    assert "missing: " not in page and "cannot draw this figure" not in page
    if experiment.trains and not experiment.is_search and not hasattr(experiment.module, "run"):
        metrics = json.loads((out / "metrics.json").read_text())
        assert sum(map(sum, metrics["confusion_matrix"])) == cfg.SMOKE_OVERRIDES["data.test_samples"]
