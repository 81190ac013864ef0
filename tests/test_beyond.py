"""Learning-rate schedules, label smoothing, weight decay and refit_full (train.*), and their bad values.

The fused trainer is held against `model.fit` with each of them, shuffling as `fit` shuffles
(bit-identical weights and histories, as in tests/test_fused_exact.py), the schedules against
their arithmetic, the smoothed loss against NumPy, and refit_full against the count of its
updates. No timings here.
"""

import functools
import importlib.util
import json
import math
import os
import subprocess
import sys

import numpy as np
import pytest

from ann_keras import config as cfg
from ann_keras import data

keras = pytest.importorskip("keras")

from ann_keras import models, training  # noqa: E402
from ann_keras.training import fused, schedules  # noqa: E402

HAS_JAX = importlib.util.find_spec("jax") is not None

# Each recipe: train.* overrides on 혼공머신 7-3's model (Dropout(0.3), Adam).
RECIPES = {
    "cosine_with_warmup": {"lr_schedule": "cosine", "warmup_epochs": 0.5},
    "label_smoothing": {"label_smoothing": 0.1},
    "adamw_weight_decay": {"optimizer": "adamw", "weight_decay": 0.1},
    "all_three": {
        "optimizer": "adamw",
        "weight_decay": 1e-2,
        "lr_schedule": "cosine",
        "warmup_epochs": 0.5,
        "label_smoothing": 0.1,
    },
}
EPOCHS, BATCH = 3, 32


def small_splits(train=200, val=100):
    return data.load_splits(cfg.DataConfig(dataset="synthetic", train_samples=train, val_samples=val))


def recipe_config(recipe: dict) -> cfg.Config:
    config = cfg.default_config()
    config.model.hidden[0].dropout = 0.3
    config.train.optimizer = "adam"
    config.train.epochs = EPOCHS
    config.train.shuffle = True  # the fused trainer draws fit's shuffled order (tests/test_fused_exact.py)
    for key, value in recipe.items():
        setattr(config.train, key, value)
    cfg.validate(config)
    return config


def train_both(recipe: dict, splits):
    """The same model trained by model.fit and by the fused trainer, from the same seed."""
    config = recipe_config(recipe)
    out = []
    for train in (keras.Model.fit, fused.fit):
        training.seed_everything(7)
        model = models.build_model(config.model, (28, 28))
        training.compile_model(model, config.train, len(splits.x_train))
        history = train(
            model,
            splits.x_train,
            splits.y_train,
            batch_size=BATCH,
            epochs=EPOCHS,
            validation_data=(splits.x_val, splits.y_val),
            shuffle=True,
            **({"verbose": 0} if train is keras.Model.fit else {}),
        )
        out.append((model, history.history))
    return out


@functools.cache
def plain_weights():
    """The weights of 혼공머신 7-3's model after the same shuffled batches, without any recipe."""
    config = recipe_config({})
    splits = small_splits()
    training.seed_everything(7)
    model = training.compile_model(models.build_model(config.model, (28, 28)), config.train)
    fused.fit(model, splits.x_train, splits.y_train, batch_size=BATCH, epochs=EPOCHS, shuffle=True)
    return model.get_weights()


@pytest.mark.parametrize("name", list(RECIPES))
def test_fused_trainer_equals_fit_with_each_recipe(name):
    splits = small_splits()
    (fit_model, fit_history), (fast_model, fast_history) = train_both(RECIPES[name], splits)
    updates = EPOCHS * math.ceil(len(splits.x_train) / BATCH)
    assert (
        int(fast_model.optimizer.iterations.numpy()) == int(fit_model.optimizer.iterations.numpy()) == updates
    )
    assert fast_history == fit_history  # every logged number, bit for bit
    for a, b in zip(fit_model.get_weights(), fast_model.get_weights()):
        np.testing.assert_array_equal(a, b)
    # The recipe changed the training: the plain 7-3 model ends elsewhere.
    assert max(np.abs(a - b).max() for a, b in zip(plain_weights(), fast_model.get_weights())) > 1e-4


# ---------------------------------------------------------------- the schedules against their arithmetic


def rates(schedule, steps):
    return [float(keras.ops.convert_to_numpy(schedule(step))) for step in steps]


def test_cosine_with_warmup_climbs_from_zero_then_falls_to_zero_at_the_last_update():
    train = cfg.TrainConfig(optimizer="adamw", learning_rate=1e-3, epochs=40, lr_schedule="cosine")
    train.warmup_epochs = 0.8  # 2% of 40 epochs
    per_epoch = 375  # 48,000 / 128
    total, warmup = 40 * per_epoch, 300
    schedule = schedules.learning_rate(train, per_epoch)
    assert isinstance(schedule, keras.optimizers.schedules.CosineDecay)
    middle = warmup + (total - warmup) // 2
    got = rates(schedule, [0, 150, warmup, middle, total - 1, total])
    want = [
        0.0,
        0.5e-3,
        1e-3,
        1e-3 * 0.5 * (1 + math.cos(math.pi * ((total - warmup) // 2) / (total - warmup))),
    ]
    want += [1e-3 * 0.5 * (1 + math.cos(math.pi * (total - 1 - warmup) / (total - warmup))), 0.0]
    np.testing.assert_allclose(got, want, rtol=1e-5, atol=1e-9)  # float32: 1e-11 is 0


def test_the_other_schedules_and_a_constant_rate_with_warmup():
    def schedule(**fields):
        return schedules.learning_rate(cfg.TrainConfig(learning_rate=0.01, epochs=10, **fields), 100)

    np.testing.assert_allclose(
        rates(schedule(lr_schedule="exponential"), [0, 500, 1000]), [0.01, 0.01 * 0.1**0.5, 0.001], rtol=1e-5
    )
    np.testing.assert_allclose(
        rates(schedule(lr_schedule="piecewise"), [0, 500, 501, 800, 801]),
        [0.01, 0.01, 0.005, 0.005, 0.001],
        rtol=1e-6,
    )
    np.testing.assert_allclose(
        rates(schedule(warmup_epochs=1.0), [0, 50, 100, 500, 1000]), [0, 0.005, 0.01, 0.01, 0.01], rtol=1e-6
    )
    # No schedule and no warm-up: the plain rate, exactly what the optimizer got before these fields.
    assert schedule() == 0.01 and schedules.learning_rate(cfg.TrainConfig(), None) is None


def test_defaults_compile_as_before_and_weight_decay_reaches_the_optimizer():
    model = models.build_model(cfg.default_config().model, (28, 28))
    training.compile_model(model, cfg.TrainConfig())
    assert isinstance(model.optimizer, keras.optimizers.RMSprop) and model.optimizer.weight_decay is None
    assert float(keras.ops.convert_to_numpy(model.optimizer.learning_rate)) == pytest.approx(1e-3)
    assert model.loss is keras.losses.get("sparse_categorical_crossentropy")
    assert training.make_optimizer(cfg.TrainConfig(optimizer="adamw")).weight_decay == pytest.approx(0.004)
    assert training.make_optimizer(cfg.TrainConfig(optimizer="adamw", weight_decay=1e-4)).weight_decay == 1e-4
    assert training.make_optimizer(cfg.TrainConfig(optimizer="sgd", weight_decay=0.0)).weight_decay == 0.0


def test_label_smoothing_is_crossentropy_against_smoothed_one_hot_targets():
    from ann_keras.models import losses

    rng = np.random.default_rng(0)
    probabilities = rng.dirichlet(np.ones(10), size=6).astype("float32")
    labels = rng.integers(0, 10, size=6)
    smoothed = np.full((6, 10), 0.1 / 10) + 0.9 * np.eye(10)[labels]  # (1 - e) * one_hot + e / K
    clipped = np.clip(probabilities, 1e-7, 1 - 1e-7)
    want = np.mean(-(smoothed * np.log(clipped / clipped.sum(axis=1, keepdims=True))).sum(axis=1))
    got = float(
        keras.ops.convert_to_numpy(losses.get("sparse_categorical_crossentropy", 0.1)(labels, probabilities))
    )
    assert got == pytest.approx(want, rel=1e-5)
    # At 0 it is Keras' own sparse crossentropy, the loss every config without smoothing had before.
    assert losses.get("sparse_categorical_crossentropy", 0.0) is keras.losses.get(
        "sparse_categorical_crossentropy"
    )


# ---------------------------------------------------------------- JAX: the same equalities in a fresh process

JAX_CHECK = """
import json, math
import numpy as np
import keras
from ann_keras import config as cfg, data, models, training
from ann_keras.training import fused

RECIPES = {recipes}
splits = data.load_splits(cfg.DataConfig(dataset="synthetic", train_samples=200, val_samples=100))
found = {{"backend": keras.backend.backend()}}
for name, recipe in RECIPES.items():
    config = cfg.default_config()
    config.model.hidden[0].dropout = 0.3
    config.train.optimizer = "adam"
    config.train.epochs = 3
    config.train.shuffle = True
    for key, value in recipe.items():
        setattr(config.train, key, value)
    cfg.validate(config)
    trained = []
    for train in (keras.Model.fit, fused.fit):
        training.seed_everything(7)
        model = models.build_model(config.model, (28, 28))
        training.compile_model(model, config.train, len(splits.x_train))
        extra = {{"verbose": 0}} if train is keras.Model.fit else {{}}
        history = train(model, splits.x_train, splits.y_train, batch_size=32, epochs=3, shuffle=True,
                        validation_data=(splits.x_val, splits.y_val), **extra).history
        trained.append((model, history))
    (a, ha), (b, hb) = trained
    found[name] = {{
        "iterations": [int(a.optimizer.iterations.numpy()), int(b.optimizer.iterations.numpy())],
        "weights_identical": all(np.array_equal(x, y) for x, y in zip(a.get_weights(), b.get_weights())),
        "max_weight_difference": max(
            float(np.abs(x - y).max()) for x, y in zip(a.get_weights(), b.get_weights())
        ),
        "histories": [ha, hb],
    }}
print(json.dumps(found))
"""


@pytest.mark.skipif(not HAS_JAX, reason="JAX is not installed (pip install -e '.[jax]')")
def test_fused_trainer_equals_fit_with_each_recipe_on_jax():
    env = {**os.environ, "KERAS_BACKEND": "jax", "TF_CPP_MIN_LOG_LEVEL": "3"}
    script = JAX_CHECK.format(recipes=repr(RECIPES))
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=600
    )
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["backend"] == "jax"
    for name in RECIPES:
        assert found[name]["iterations"] == [21, 21], name
        assert found[name]["weights_identical"], (name, found[name]["max_weight_difference"])
        fit_history, fused_history = found[name]["histories"]
        assert fused_history == fit_history, name  # every logged number, bit for bit


# ---------------------------------------------------------------- refit_full


def test_refit_full_trains_on_train_plus_validation_for_the_epochs_the_split_chose(tmp_path):
    from ann_keras.data import DataCache
    from ann_keras.pipeline.fit import train_and_evaluate

    config = cfg.apply_overrides(
        cfg.default_config(),
        {
            "data.dataset": "synthetic",
            "data.train_samples": 480,  # 48,000 and 12,000 scaled down by 100
            "data.val_samples": 120,
            "data.test_samples": 100,
            "train.optimizer": "adam",
            "train.learning_rate": 0.05,  # too high on purpose: validation loss turns up early
            "train.epochs": 12,
            "train.early_stopping_patience": 2,
            "train.refit_full": True,
        },
    )
    fit = train_and_evaluate(
        config, "main", 42, DataCache(), tmp_path / "out", tmp_path / "work", verbose=False, keep_model=True
    )
    history, m = fit.history, fit.metrics
    chosen = int(np.argmin(history["val_loss"])) + 1  # EarlyStopping restores the best val_loss epoch
    assert m["evaluated_epoch"] == chosen and m["refit_epochs"] == chosen and m["refit_samples"] == 600
    # The model that was tested: a fresh one, trained on 600 samples for exactly `chosen` epochs.
    assert int(fit.model.optimizer.iterations.numpy()) == chosen * math.ceil(600 / 32)
    assert json.loads((tmp_path / "out" / "metrics.json").read_text())["refit_samples"] == 600
    # Without refit_full the same split run is tested itself (same seed: same history).
    config.train.refit_full = False
    plain = train_and_evaluate(
        config, "main", 42, DataCache(), tmp_path / "plain", tmp_path / "work2", verbose=False
    )
    np.testing.assert_allclose(plain.history["val_loss"], history["val_loss"], rtol=1e-6)
    assert "refit_samples" not in plain.metrics
    # Given that run as its split (what the ladder does for its refit step), the refit is not told apart.
    config.train.refit_full = True
    reused = train_and_evaluate(
        config, "main", 42, DataCache(), tmp_path / "reused", tmp_path / "work3", verbose=False, split=plain
    )
    assert reused.history == plain.history
    for key in ("test_accuracy", "test_loss", "refit_epochs", "refit_samples", "refit_loss"):
        assert reused.metrics[key] == m[key], key


# ---------------------------------------------------------------- bad values: one line, exit 2, before data


@pytest.fixture
def no_data(monkeypatch):
    def refuse(*args, **kwargs):
        raise AssertionError("data was read")

    monkeypatch.setattr(data, "load_raw", refuse)
    monkeypatch.setattr(data, "load_splits", refuse)


@pytest.mark.parametrize(
    "experiment, sets, needles",
    [
        (
            "hg7_3_dropout_early_stopping",
            ["train.lr_schedule=linear"],
            ["train.lr_schedule='linear'", "cosine"],
        ),
        (
            "hml10_sequential",  # 30 epochs
            ["train.warmup_epochs=30"],
            ["train.warmup_epochs=30.0", "fewer than train.epochs=30"],
        ),
        ("hg7_3_dropout_early_stopping", ["train.warmup_epochs=-1"], ["train.warmup_epochs=-1.0"]),
        (
            "hg7_3_dropout_early_stopping",
            ["train.lr_schedule=exponential", "train.warmup_epochs=1"],
            ["a warm-up needs train.lr_schedule constant or cosine"],
        ),
        (
            "hg7_3_dropout_early_stopping",
            ["train.label_smoothing=1"],
            ["train.label_smoothing=1.0", "[0, 1)"],
        ),
        ("hg7_3_dropout_early_stopping", ["train.label_smoothing=-0.1"], ["train.label_smoothing=-0.1"]),
        (
            "hg7_3_dropout_early_stopping",
            ["train.label_smoothing=0.1", "train.loss=sparse_mean_squared_error"],
            ["train.label_smoothing=0.1", "sparse_categorical_crossentropy"],
        ),
        (
            "hg7_3_dropout_early_stopping",
            ["train.weight_decay=-0.001"],
            ["train.weight_decay=-0.001", "0 or more"],
        ),
        (
            "perceptron_logic_gates",
            ["train.refit_full=true"],
            ["perceptron_logic_gates: train.refit_full", "validation split"],
        ),
    ],
)
def test_bad_values_are_one_line_errors_before_any_data_is_read(
    experiment, sets, needles, tmp_path, no_data, capsys
):
    from ann_keras import cli

    argv = ["run", experiment, "--results-dir", str(tmp_path / "results")]
    for item in sets:
        argv += ["--set", item]
    code = cli.main(argv)
    err = capsys.readouterr().err
    lines = [line for line in err.splitlines() if line.strip()]
    assert code == 2 and len(lines) == 1 and "Traceback" not in err, err
    for needle in needles:
        assert needle in lines[0], lines[0]
    assert not (tmp_path / "results" / ".staging").exists()


def test_weight_decay_with_an_optimizer_that_has_none_is_refused(tmp_path, no_data, capsys, monkeypatch):
    """Every optimizer Keras 3 offers takes weight_decay; one that did not would be refused like this."""
    from ann_keras import cli
    from ann_keras.models import builder

    takes = builder.takes_weight_decay
    assert all(takes(name) for name in cfg.OPTIMIZERS)
    monkeypatch.setattr(builder, "takes_weight_decay", lambda name: name != "ftrl")
    code = cli.main(
        [
            "run",
            "hg7_3_dropout_early_stopping",
            "--set",
            "train.optimizer=ftrl",
            "--set",
            "train.weight_decay=0.01",
            "--results-dir",
            str(tmp_path),
        ]
    )
    err = capsys.readouterr().err
    assert code == 2 and len(err.strip().splitlines()) == 1 and "ftrl optimizer has no weight decay" in err, (
        err
    )


# ---------------------------------------------------------------- the tuner searches the new fields

NEW_FIELDS_SPACE = [
    {
        "name": "schedule",
        "type": "choice",
        "values": ["constant", "cosine"],
        "config_key": "train.lr_schedule",
    },
    {"name": "warmup", "type": "float", "min": 0.0, "max": 0.5, "config_key": "train.warmup_epochs"},
    {"name": "smoothing", "type": "float", "min": 0.0, "max": 0.2, "config_key": "train.label_smoothing"},
    {
        "name": "weight_decay",
        "type": "float",
        "min": 1e-5,
        "max": 1e-2,
        "sampling": "log",
        "config_key": "train.weight_decay",
    },
]


def test_the_tuner_searches_schedule_warmup_smoothing_and_weight_decay(tmp_path):
    import pandas as pd

    from ann_keras.pipeline import experiments as registry
    from ann_keras.pipeline.options import RunOptions
    from ann_keras.tuning import TuneSettings, tune
    from ann_keras.tuning import space as space_mod

    folder = tmp_path / "experiments"
    folder.mkdir()
    (folder / "toy_search.py").write_text(
        "from ann_keras.config import default_config\n"
        f"SEARCH_SPACE = {NEW_FIELDS_SPACE!r}\n"
        "TUNING = {'tuner': 'random'}\n\n"
        "def get_config():\n"
        "    config = default_config()\n"
        "    config.train.optimizer = 'adamw'\n"
        "    config.train.epochs = 2\n"
        "    return config\n"
    )
    toy = registry.get_experiment("toy_search", folder)
    tiny = {
        "data.dataset": "synthetic",
        "data.train_samples": "300",
        "data.val_samples": "100",
        "data.test_samples": "100",
    }
    out = tune(
        toy,
        tiny,
        RunOptions(results_dir=tmp_path / "results", verbose=False),
        TuneSettings(max_trials=3, epochs=2),
    )
    trials = pd.read_csv(out / "trials.csv")
    space = space_mod.parse(NEW_FIELDS_SPACE)
    assert len(trials) == 3 and set(trials["status"]) == {"COMPLETED"}
    for _, row in trials.iterrows():
        assert all(
            h.contains(row[h.name].item() if hasattr(row[h.name], "item") else row[h.name]) for h in space
        )
    best = json.loads((out / "best_hyperparameters.json").read_text())
    retrained = cfg.from_dict(json.loads((out / "config.json").read_text()))
    assert (retrained.train.lr_schedule, retrained.train.label_smoothing, retrained.train.weight_decay) == (
        best["schedule"],
        best["smoothing"],
        best["weight_decay"],
    )
    # What a trial compiles: Keras' schedule, the smoothed loss and the decay, from the hyperparameters.
    import keras_tuner

    from ann_keras.models import losses
    from ann_keras.tuning.hypermodel import ConfigHyperModel

    base = toy.configs(tiny)["main"]
    hypermodel = ConfigHyperModel(
        space, base, lambda c: data.load_splits(c), epochs=2, objective="val_accuracy"
    )
    hp = keras_tuner.HyperParameters()
    hypermodel.declare_hyperparameters(hp)
    hp.values.update(schedule="cosine", warmup=0.5, smoothing=0.1, weight_decay=1e-3)
    model = hypermodel.build(hp)
    assert isinstance(model.optimizer._learning_rate, keras.optimizers.schedules.CosineDecay)
    assert model.optimizer._learning_rate.warmup_steps == round(0.5 * math.ceil(300 / 32))
    assert isinstance(model.loss, losses.SparseSmoothedCrossentropy) and model.loss.label_smoothing == 0.1
    assert model.optimizer.weight_decay == pytest.approx(1e-3)


def test_the_ladder_holds_each_steps_gain_against_its_seeds_spread():
    import pandas as pd

    from ann_keras.report.plots.ladder import FALL, GAIN, WITHIN, measured

    data = pd.DataFrame(
        {
            "step": [1, 2, 3, 4, 5],
            "variant": ["a", "b", "c", "d", "ensemble_of_3_d"],
            "test_accuracy_mean": [0.870, 0.869, 0.900, 0.898, 0.902],
            "test_accuracy_std": [0.003, 0.005, 0.001, 0.001, float("nan")],  # the ensemble: one score
        }
    )
    found = {
        variant: (kind, round(gain, 4), round(spread, 4)) for _, variant, kind, gain, spread in measured(data)
    }
    assert found == {
        "b": (WITHIN, -0.001, 0.005),  # |-0.001| < max(0.003, 0.005)
        "c": (GAIN, 0.031, 0.005),
        "d": (FALL, -0.002, 0.001),
        "ensemble_of_3_d": (GAIN, 0.004, 0.001),  # against the step before's spread
    }
