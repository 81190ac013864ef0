"""핸즈온 10's 784-300-100-10 SGD model on the full data lands near the book's numbers (minutes on a CPU)."""

import json

import pytest

from ann_keras.pipeline import experiments as registry
from ann_keras.pipeline.options import RunOptions
from ann_keras.pipeline.run import run_experiment

pytest.importorskip("keras")


@pytest.mark.realdata
def test_hml10_sequential_reaches_the_books_accuracy(real_data_dir, tmp_path):
    # Book (55,000 / 5,000 split): val_accuracy 0.8894 after 30 epochs, test accuracy 0.8864.
    # This package trains on 48,000 images and validates on 12,000; measured here with seed 42:
    # val 0.8754, test 0.8677. The range is the book's numbers minus 3 points to plus 1.5.
    out = run_experiment(
        registry.get_experiment("hml10_sequential"),
        {},
        RunOptions(results_dir=tmp_path / "results", data_dir=str(real_data_dir)),
    )
    metrics = json.loads((out / "metrics.json").read_text())
    print({k: metrics[k] for k in ("val_accuracy", "test_accuracy", "epochs_run", "params")})
    assert metrics["params"] == 266_610 and metrics["epochs_run"] == 30
    assert 0.859 <= metrics["val_accuracy"] <= 0.905
    assert 0.856 <= metrics["test_accuracy"] <= 0.90
