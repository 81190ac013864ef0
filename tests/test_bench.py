"""`ann-keras bench` bookkeeping: alternation, summary, ratio, files (worker processes stubbed)."""

import json

import pytest

from ann_keras import bench
from ann_keras.report import build_pages


def fake_worker(calls):
    def run_worker(side, backend, config, options):
        calls.append((side, backend, config.seed))
        seconds = {"textbook": [9.0, 6.0, 6.0], "package": [3.0, 2.0, 1.0]}[side][: config.train.epochs]
        return {
            "side": side,
            "backend": backend,
            "device": {"type": "CPU", "name": "Test CPU (2 cores)"},
            "epoch_s": seconds,
            "epoch_cpu_s": seconds,
            "fit_s": sum(seconds),
            "setup_s": 1.0,
            "history": {"val_accuracy": [0.8, 0.85, 0.86]},
            "final_val_accuracy": 0.86 if side == "textbook" else 0.855,
            "train_samples": 48000,
            "val_samples": 12000,
            "peak_rss_mb": 1000.0,
            "peak_device_mb": None,
        }

    return run_worker


def test_bench_alternates_sides_and_writes_its_json(tmp_path, monkeypatch, capsys):
    calls = []
    monkeypatch.setattr(bench, "run_worker", fake_worker(calls))
    options = bench.BenchOptions(
        epochs=3, repeats=2, results_dir=tmp_path, backend="jax", baseline_backend="tensorflow"
    )
    path = bench.run_bench(options)
    assert calls == [
        ("textbook", "tensorflow", 42),
        ("package", "jax", 42),
        ("package", "jax", 43),
        ("textbook", "tensorflow", 43),
    ]
    assert path.parent == tmp_path / "benchmarks" and path.name.endswith("-jax-vs-tensorflow.json")
    report = json.loads(path.read_text())
    assert report["kind"] == "bench" and report["config"]["train"]["early_stopping_patience"] is None
    textbook, package = report["summary"]["textbook"], report["summary"]["package"]
    assert textbook["epoch_s_median"] == 6.0 and package["epoch_s_median"] == 1.5  # first epochs left out
    assert package["first_epoch_s_median"] == 3.0 and package["steady_epochs_counted"] == 4
    assert report["speedup"]["samples_per_s"] == pytest.approx(4.0)
    assert report["speedup"]["val_accuracy_points"] == pytest.approx(-0.5)
    assert [p.name for p in path.parent.iterdir()] == [path.name]  # the page is the report stage's
    assert "4.00x samples/s" in capsys.readouterr().out


def test_the_report_stage_renders_the_bench_page_and_the_index_links_it(tmp_path, monkeypatch, capsys):
    from ann_keras import cli

    monkeypatch.setattr(bench, "run_worker", fake_worker([]))
    assert cli.main(["bench", "--epochs", "3", "--repeats", "2", "--results-dir", str(tmp_path)]) == 0
    path = next((tmp_path / "benchmarks").glob("*.json"))
    out = capsys.readouterr().out
    assert "| textbook `model.fit` | tensorflow | 6.000 |" in out  # the table, printed at the end
    assert f"Page: {path.with_suffix('.md')} and {path.with_suffix('.html')} (en)" in out
    page = path.with_suffix(".md").read_text()
    assert (
        "4.00x samples/s" in page and "| textbook `model.fit` | tensorflow | 6.000 | 6.000 | 6.000 |" in page
    )
    assert "| package (trainer=fast) | tensorflow | 1.500 | 1.000 | 2.000 |" in page
    html = path.with_suffix(".html").read_text()
    assert "4.00x samples/s" in html and '<td class="num">1.500</td>' in html
    index = (tmp_path / "index.html").read_text()
    assert f'href="benchmarks/{path.stem}.html"' in index and "<strong>4.00x</strong>" in index
    assert build_pages(tmp_path, force=False).rebuilt == []  # redrawn only when its JSON changes
    path.write_text(path.read_text().replace('"repeats": 2', '"repeats": 3'))
    assert build_pages(tmp_path, force=False).rebuilt == [f"benchmarks/{path.stem}"]
    assert "3 repeat(s) of each side" in path.with_suffix(".md").read_text()


def test_bench_config_is_the_73_model_with_fixed_epochs():
    config = bench.bench_config(
        bench.BenchOptions(epochs=2, train_samples=600, overrides={"train.trainer": "keras"})
    )
    assert config.model.hidden[0].units == 100 and config.model.hidden[0].dropout == 0.3
    assert config.train.optimizer == "adam" and config.train.batch_size == 32 and config.train.epochs == 2
    assert config.train.early_stopping_patience is None and not config.train.checkpoint
    assert config.data.train_samples == 600 and config.train.trainer == "keras"


def test_suite_timing_lists_each_experiment(tmp_path):
    written = []
    for name, seconds in (("a", 1.5), ("b", 2.5)):
        folder = tmp_path / name
        folder.mkdir()
        (folder / "run.json").write_text(
            json.dumps(
                {
                    "experiment": name,
                    "wall_time_s": seconds,
                    "epochs_run": 3,
                    "backend": "tensorflow",
                    "device": {"type": "CPU", "name": "x"},
                }
            )
        )
        written.append(folder)
    path = bench.write_suite_timing(tmp_path, written, 4.2, True, "ann-keras run --all --quick")
    report = json.loads(path.read_text())
    assert path.name.startswith("suite-quick-cpu-") and path.name.endswith("-tensorflow.json")
    assert report["total_wall_time_s"] == 4.2 and [e["experiment"] for e in report["experiments"]] == [
        "a",
        "b",
    ]
