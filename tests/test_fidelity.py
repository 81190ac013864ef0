"""`ann-keras fidelity`'s comparison on hand-made numbers, its bad input, and 7-3's save/load round trips.

The comparison: numbers made up here, with the verdict each must get (equal floats,
float32-equal test accuracies, a difference with its sign, a history that parts at a
given epoch, a model one side did not train). The loader reads back what `write` stored.

The round trips: 혼공머신 7-3 on a few hundred images, 2 epochs per fit (all eight fits).
What the experiment measured after reloading is held against numbers computed
independently during training: fit 6's history (the validation accuracy of its last
epoch, computed by `fit`) for `load_weights` + `predict` and for `load_model` +
`evaluate`, and fit 7's history at its lowest val_loss for the checkpoint.
"""

from __future__ import annotations

import ast
import json
import subprocess
import sys

import numpy as np
import pandas as pd
import pytest

from ann_keras.errors import UserError
from ann_keras.pipeline import fidelity


def book_model(name="m", val=(0.5, 0.8), test=(0.6, 0.75), params=100, history=None, **extra):
    history = history or {"loss": [1.0, 0.5], "accuracy": [0.6, 0.8]}
    return {"name": name, "params": params, "history": history, "val": list(val), "test": list(test), **extra}


def package_model(name="m", val=(0.5, 0.8), test=0.75, params=100, history=None, **extra):
    history = history or {"loss": [1.0, 0.5], "accuracy": [0.6, 0.8], "val_loss": [0.7, 0.5]}
    return {
        "name": name,
        "params": params,
        "history": history,
        "val_loss": val[0],
        "val_accuracy": val[1],
        "test_accuracy": test,
        "stopped_epoch": 0,
        **extra,
    }


def verdicts(rows):
    return {(r["model"], r["number"].split(" (")[0]): r["verdict"] for r in rows}


def test_verdicts_of_single_numbers():
    assert fidelity.verdict(0.8458333611488342, 0.8458333611488342) == "identical"
    assert fidelity.verdict(0.8458, 0.8532) == "differs by +0.0074"
    assert fidelity.verdict(0.8833, 0.8796) == "differs by -0.0037"
    assert fidelity.verdict(15, 15) == "identical"
    assert fidelity.verdict(15, 9) == "differs by -6"
    assert fidelity.verdict(None, 0.5) == "–"
    # Keras' accuracy is a float32: 0.877 counted exactly equals it at float32, not at float64.
    keras_accuracy = float(np.float32(0.877))
    assert fidelity.verdict(keras_accuracy, 0.877) != "identical"
    assert fidelity.verdict(keras_accuracy, 0.877, float32=True) == "identical"
    assert fidelity.verdict(keras_accuracy, 0.878, float32=True).startswith("differs by +0.001")


def test_compare_identical_and_different():
    book = {"models": [book_model("a"), book_model("b", val=(0.4, 0.9), stopped_epoch=15)]}
    package = {
        "models": [
            package_model("a"),
            package_model("b", val=(0.4, 0.8796), history={"loss": [1.0, 0.6], "accuracy": [0.6, 0.8]}),
        ]
    }
    package["models"][1]["stopped_epoch"] = 9
    found = verdicts(fidelity.compare(book, package))
    assert found[("a", "val_accuracy")] == "identical"
    assert found[("a", "every epoch")] == "identical"
    assert found[("a", "test_accuracy")] == "identical"
    assert found[("b", "val_accuracy")] == "differs by -0.0204"
    assert found[("b", "stopped_epoch")] == "differs by -6"
    assert found[("b", "every epoch")] == "differs from epoch 2 (loss: +0.1)"
    assert found[("b", "loss")] == "differs by +0.1"
    assert not fidelity.all_identical(fidelity.compare(book, package))
    assert fidelity.all_identical(fidelity.compare({"models": [book_model("a")]}, package))


def test_compare_a_model_one_side_did_not_train_and_unequal_lengths():
    rows = fidelity.compare({"models": [book_model("gone")]}, {"models": []})
    assert rows[0]["verdict"] == "not run" and not fidelity.all_identical(rows)
    short = package_model("m", history={"loss": [1.0], "accuracy": [0.6]})
    found = verdicts(fidelity.compare({"models": [book_model("m")]}, {"models": [short]}))
    assert found[("m", "every epoch")] == "1 epochs against 2"


def test_write_keeps_other_experiments_and_load_fidelity_reads_one(tmp_path):
    device = {"type": "CPU", "name": "x"}
    first = {"experiment": "hg7_1_softmax_regression", "identical": True, "rows": [], "finished": "1"}
    second = {"experiment": "hg7_2_deep_network", "identical": False, "rows": [], "finished": "2"}
    path = fidelity.write([first], "tensorflow", device, tmp_path)
    fidelity.write([second], "tensorflow", device, tmp_path)
    stored = json.loads(path.read_text())
    assert path.name.startswith("fidelity-cpu-") and path.name.endswith("-tensorflow.json")
    assert list(stored["experiments"]) == ["hg7_1_softmax_regression", "hg7_2_deep_network"]
    assert stored["identical"] is False
    loaded = fidelity.load_fidelity(tmp_path, "hg7_2_deep_network")
    assert loaded["identical"] is False and loaded["backend"] == "tensorflow" and loaded["file"] == str(path)
    assert fidelity.load_fidelity(tmp_path, "hml10_sequential") is None
    assert fidelity.load_fidelity(tmp_path, "hg7_1_softmax_regression", backend="jax") is None


def test_book_programs_import_no_ann_keras():
    from ann_keras.pipeline.experiments import get_experiment

    for name in fidelity.EXPERIMENTS:
        source = fidelity.book_program(name, get_experiment(name).configs({}))
        imported = set()
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, ast.Import):
                imported |= {alias.name.split(".")[0] for alias in node.names}
            elif isinstance(node, ast.ImportFrom):
                imported.add(node.module.split(".")[0])
        assert imported <= {"gzip", "json", "os", "keras", "numpy", "sklearn", "tensorflow"}, (name, imported)


def test_bad_input_is_one_line_before_anything_runs(tmp_path):
    with pytest.raises(UserError, match="--set model.hidden.0.units is not one of"):
        fidelity.check_overrides({"model.hidden.0.units": 50})
    with pytest.raises(UserError, match="mirrors no notebook cells"):
        fidelity.run_fidelity(["optimizers"], results_dir=tmp_path)
    done = subprocess.run(
        [
            sys.executable,
            "-m",
            "ann_keras",
            "fidelity",
            "hg7_1_softmax_regression",
            "--set",
            "train.epochs=x",
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 2 and "Traceback" not in done.stderr
    assert len(done.stderr.strip().splitlines()) == 1


def test_hg7_3_save_and_load_round_trips(tmp_path):
    pytest.importorskip("keras")
    from ann_keras import api, evaluation

    result = api.run_experiment(
        "hg7_3_dropout_early_stopping",
        {"data.train_samples": 512, "data.val_samples": 256, "data.test_samples": 256, "train.epochs": 2},
        results_dir=tmp_path / "results",
        work_dir=tmp_path / "work",
        pages=False,
    )
    facts = json.loads((result.path / "facts.json").read_text())
    fits = result.path / "fits"
    saved = pd.read_csv(fits / "fit6_dropout_11_epochs" / "seed-42" / "history.csv")
    # The history's last val_accuracy was computed by fit() on the model that was then saved.
    assert facts["load_model_val_accuracy"] == saved["val_accuracy"].iloc[-1]
    assert np.float32(facts["load_weights_predict_accuracy"]) == np.float32(saved["val_accuracy"].iloc[-1])
    assert facts["round_trip_identical"] is True
    checkpointed = pd.read_csv(fits / "fit7_checkpoint" / "seed-42" / "history.csv")
    best = evaluation.best_epoch(list(checkpointed["val_loss"]), "val_loss")
    assert facts["checkpoint_epoch"] == best
    assert facts["checkpoint_val_accuracy"] == checkpointed["val_accuracy"].iloc[best - 1]
    sections = json.loads((result.path / "sections.json").read_text())
    figures = [s["name"] for s in sections if s["kind"] == "figure"]
    assert figures == [f"curves_{v}" for v in (
        "fit1_5_epochs", "fit2_20_epochs", "fit3_validation", "fit4_adam", "fit5_dropout",
        "fit6_dropout_11_epochs", "fit7_checkpoint", "fit8_early_stopping",
    )] + ["remedies"]  # fmt: skip
