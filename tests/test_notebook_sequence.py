"""Notebook sequences: seeded once, two models in one random stream, as plain Keras in one process.

The reference is a plain Keras program run in a fresh process (ann_keras not importable
there): `keras.utils.set_random_seed(42)` and op determinism once, then two models built
and trained in order. A two-model experiment declaring `NOTEBOOK = True` must give both
histories exactly; a control checks that seeding again before the second model (what a
run that seeds every model does) gives other numbers, so the comparison can fail. A run
stopped after the first model resumes to the same numbers, and `--only` of one model
says in one line that the numbers will no longer match the book's.

Small: synthetic images (400 training, 200 validation), Dense(16), 2 epochs.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

keras = pytest.importorskip("keras")

from ann_keras import api  # noqa: E402
from ann_keras.models.keras_code import SYNTHETIC_SOURCE  # noqa: E402
from ann_keras.pipeline import sequence  # noqa: E402

NAME = "two_model_notebook"
MODULE = '''
"""Two models of one notebook."""

import os

from ann_keras.config import LayerConfig, default_config

TITLE = "Two models, one notebook"
BOOK = "test"
NOTEBOOK = True
VARIANTS = {"first": {}, "second": {"model.hidden.0.dropout": 0.25, "train.optimizer": "adam"}}
PRIMARY = "second"


def get_config():
    config = default_config()
    config.data.dataset = "synthetic"
    config.data.train_samples, config.data.val_samples, config.data.test_samples = 400, 200, 200
    config.model.hidden = [LayerConfig(units=16)]
    config.train.epochs = 2
    config.train.trainer = "keras"
    return config


def run(ctx):
    for variant, config, seed in ctx.fits.each():
        ctx.fits.train(config, variant, seed)
        if os.environ.get("SEQUENCE_TEST_STOP") == variant:
            raise KeyboardInterrupt  # a run stopped between the two models
'''

REFERENCE = f"""
import json

import keras
import numpy as np
from sklearn.model_selection import train_test_split

{SYNTHETIC_SOURCE}


def data():
    x, y = synthetic(6000, seed=0)
    x_train, x_val, y_train, y_val = train_test_split(x, y, test_size=0.2, random_state=42)
    x_train, y_train, x_val, y_val = x_train[:400], y_train[:400], x_val[:200], y_val[:200]
    return x_train.astype("float32") / 255.0, y_train, x_val.astype("float32") / 255.0, y_val


def train(dropout, optimizer, x_train, y_train, x_val, y_val):
    layers = [keras.Input(shape=(28, 28)), keras.layers.Flatten(), keras.layers.Dense(16, activation="relu")]
    if dropout:
        layers.append(keras.layers.Dropout(dropout))
    layers.append(keras.layers.Dense(10, activation="softmax"))
    model = keras.Sequential(layers)
    model.compile(optimizer=optimizer, loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(x_train, y_train, epochs=2, validation_data=(x_val, y_val), verbose=0)
    return {{k: [float(v) for v in values] for k, values in history.history.items()}}


def seed():
    keras.utils.set_random_seed(42)
    if keras.backend.backend() == "tensorflow":
        import tensorflow as tf

        tf.config.experimental.enable_op_determinism()


seed()  # once, as a notebook's first cell
arrays = data()
first = train(0.0, "rmsprop", *arrays)
second = train(0.25, "adam", *arrays)
seed()  # the control: seeded again before the second model
reseeded = train(0.25, "adam", *arrays)
print("RESULT", json.dumps({{"first": first, "second": second, "reseeded": reseeded}}))
"""
GUARD = "import runpy, sys; sys.modules['ann_keras'] = None; runpy.run_path(sys.argv[1], run_name='__main__')"
KEYS = ("loss", "accuracy", "val_loss", "val_accuracy")


@pytest.fixture(scope="module")
def reference(tmp_path_factory):
    """The plain Keras program's histories (a fresh process where ann_keras cannot be imported)."""
    folder = tmp_path_factory.mktemp("reference")
    (folder / "reference.py").write_text(REFERENCE, encoding="utf-8")
    env = {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "KERAS_BACKEND": keras.backend.backend(),
        "TF_CPP_MIN_LOG_LEVEL": "3",
    }
    done = subprocess.run(
        [sys.executable, "-c", GUARD, "reference.py"],
        cwd=folder,
        env=env,
        capture_output=True,
        text=True,
        timeout=600,
        check=False,
    )
    assert done.returncode == 0, done.stderr[-3000:]
    line = next(x for x in done.stdout.splitlines() if x.startswith("RESULT "))
    return json.loads(line[len("RESULT ") :])


@pytest.fixture
def experiments_dir(tmp_path, monkeypatch):
    folder = tmp_path / "experiments"
    folder.mkdir()
    (folder / f"{NAME}.py").write_text(MODULE, encoding="utf-8")
    monkeypatch.setenv("ANN_KERAS_EXPERIMENTS", str(folder))
    return folder


def histories(run_dir: Path) -> dict:
    found = {}
    for variant in ("first", "second"):
        frame = pd.read_csv(run_dir / "fits" / variant / "seed-42" / "history.csv")
        found[variant] = {k: [float(v) for v in frame[k]] for k in KEYS}
    return found


def run(tmp_path, **kwargs):
    return api.run_experiment(
        NAME,
        results_dir=tmp_path / "results",
        work_dir=tmp_path / "work",
        pages=False,
        verbose=True,
        **kwargs,
    )


def test_control_reseeding_changes_the_second_model(reference):
    assert reference["reseeded"]["loss"] != reference["second"]["loss"]


def test_sequence_equals_plain_keras_in_one_seeded_process(reference, experiments_dir, tmp_path):
    result = run(tmp_path)
    got = histories(result.path)
    for variant in ("first", "second"):
        for key in KEYS:
            assert got[variant][key] == reference[variant][key], (variant, key)


def test_stopped_sequence_resumes_to_the_same_numbers(reference, experiments_dir, tmp_path, monkeypatch):
    monkeypatch.setenv("SEQUENCE_TEST_STOP", "first")
    with pytest.raises(KeyboardInterrupt):
        run(tmp_path)
    monkeypatch.delenv("SEQUENCE_TEST_STOP")
    # Something else draws from the stream in between: the resumed run must put it back.
    import random

    random.random()
    result = run(tmp_path)
    got = histories(result.path)
    for key in KEYS:
        assert got["second"][key] == reference["second"][key], key
        assert got["first"][key] == reference["first"][key], key


def test_only_one_model_says_the_numbers_will_not_match(experiments_dir, tmp_path, capfd):
    run(tmp_path, only=["second"])
    err = capfd.readouterr().err
    notes = [line for line in err.splitlines() if "notebook sequence" in line]
    assert len(notes) == 1
    assert "--only second" in notes[0] and "will no longer match the book's" in notes[0]


def test_what_breaks_a_sequence():
    variants = ["a", "b"]
    assert sequence.breaks("x", variants, None, {}) is None
    assert sequence.breaks("x", variants, ["a", "b"], {"train.trainer": "keras"}, 42) is None
    assert "--only a" in sequence.breaks("x", variants, ["a"], {})
    assert "train.epochs" in sequence.breaks("x", variants, None, {"train.epochs": 3})
    assert "seed 7" in sequence.breaks("x", variants, None, {"seed": 7}, 7)
    assert "several seeds" in sequence.breaks("x", variants, None, {"seeds": 3})
    assert "--quick" in sequence.breaks("x", variants, None, {}, quick=True)
    assert sequence.is_sequence(True, 1) and not sequence.is_sequence(True, 3)
    assert not sequence.is_sequence(False, 1)
