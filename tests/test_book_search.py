"""핸즈온 10.3's searches as the book runs them: the space pinned against the book's own build_model, the
trials RandomSearch draws with seed 42, the tuners' settings, `normalize`, and the book's refit."""

from __future__ import annotations

import json

import numpy as np
import pytest

from ann_keras import config as cfg
from ann_keras import data
from ann_keras.errors import UserError
from ann_keras.pipeline import experiments as registry
from ann_keras.pipeline.options import RunOptions
from ann_keras.tuning import TuneSettings, tune
from ann_keras.tuning import plan as plan_mod
from ann_keras.tuning import space as space_mod

kt = pytest.importorskip("keras_tuner")

BOOK_SEARCHES = ("hml10_3_random_search", "hml10_3_hyperband", "hml10_3_bayesian")


def book_build_model(hp):
    """Cell 156 of 10_neural_nets_with_keras.ipynb, as the book writes it (keras instead of tf.keras)."""
    import keras

    n_hidden = hp.Int("n_hidden", min_value=0, max_value=8, default=2)
    n_neurons = hp.Int("n_neurons", min_value=16, max_value=256)
    learning_rate = hp.Float("learning_rate", min_value=1e-4, max_value=1e-2, sampling="log")
    optimizer = hp.Choice("optimizer", values=["sgd", "adam"])
    if optimizer == "sgd":
        optimizer = keras.optimizers.SGD(learning_rate=learning_rate)
    else:
        optimizer = keras.optimizers.Adam(learning_rate=learning_rate)
    model = keras.Sequential()
    model.add(keras.layers.Flatten())
    for _ in range(n_hidden):
        model.add(keras.layers.Dense(n_neurons, activation="relu"))
    model.add(keras.layers.Dense(10, activation="softmax"))
    model.compile(loss="sparse_categorical_crossentropy", optimizer=optimizer, metrics=["accuracy"])
    return model


def book_hyperparameters(with_normalize: bool):
    hp = kt.HyperParameters()
    book_build_model(hp)
    if with_normalize:  # MyClassificationHyperModel.fit: hp.Boolean("normalize")
        hp.Boolean("normalize")
    return hp


def ours(name: str):
    from ann_keras.tuning import hypermodel as hm

    experiment = registry.get_experiment(name)
    space = plan_mod.search_space(experiment)
    hp = kt.HyperParameters()
    for h in space:
        hm.declare(hp, h)
    return experiment, space, hp


@pytest.mark.parametrize("name", BOOK_SEARCHES)
def test_the_space_is_the_books_build_model(name):
    _, space, hp = ours(name)
    book = book_hyperparameters(with_normalize=name != "hml10_3_random_search")
    assert [h.get_config() for h in hp.space] == [h.get_config() for h in book.space]
    assert hp.values == book.values  # the same defaults: n_hidden 2, n_neurons 16, 1e-4, "sgd" (False)


def test_the_book_spaces_as_written():
    _, space, _ = ours("hml10_3_hyperband")
    assert [h.to_json() for h in space] == [
        {"name": "n_hidden", "type": "int", "min": 0, "max": 8, "step": None, "sampling": "linear",
         "values": None, "default": 2, "config_key": "model.hidden"},
        {"name": "n_neurons", "type": "int", "min": 16, "max": 256, "step": None, "sampling": "linear",
         "values": None, "default": 16, "config_key": "model.hidden.*.units"},
        {"name": "learning_rate", "type": "float", "min": 1e-4, "max": 1e-2, "step": None, "sampling": "log",
         "values": None, "default": 1e-4, "config_key": "train.learning_rate"},
        {"name": "optimizer", "type": "choice", "min": None, "max": None, "step": None, "sampling": None,
         "values": ["sgd", "adam"], "default": "sgd", "config_key": "train.optimizer"},
        {"name": "normalize", "type": "boolean", "min": None, "max": None, "step": None, "sampling": None,
         "values": [False, True], "default": False, "config_key": "data.scaling",
         "config_values": ["raw", "standardize"]},
    ]  # fmt: skip


def test_random_search_draws_the_books_five_trials(tmp_path):
    """The same oracle, seed 42, 5 trials: the book's build_model and this package's hypermodel draw the
    same hyperparameter values in the same order."""
    from ann_keras.tuning import hypermodel as hm

    experiment, space, _ = ours("hml10_3_random_search")
    base = experiment.configs({"data.dataset": "synthetic", "data.validation_size": "500"})["main"]
    hypermodel = hm.ConfigHyperModel(space, base, data.load_splits, 10, "val_accuracy", verbose=False)

    def drawn(model, folder):
        tuner = kt.RandomSearch(
            model,
            objective="val_accuracy",
            max_trials=5,
            seed=42,
            directory=str(tmp_path),
            project_name=folder,
        )
        return [tuner.oracle.create_trial(f"t{i}").hyperparameters.values for i in range(5)]

    book = drawn(book_build_model, "book")
    assert drawn(hypermodel, "ours") == book
    assert len({json.dumps(values, sort_keys=True) for values in book}) == 5


def test_the_tuning_declarations_are_the_books():
    random_search = registry.get_experiment("hml10_3_random_search")
    hyperband = registry.get_experiment("hml10_3_hyperband")
    bayesian = registry.get_experiment("hml10_3_bayesian")
    assert random_search.module.TUNING == {
        "tuner": "random",
        "max_trials": 5,
        "epochs": 10,
        "objective": "val_accuracy",
        "refit": "continue_on_all",
    }
    assert (hyperband.module.TUNING["tuner"], hyperband.module.TUNING["max_trials"]) == ("hyperband", None)
    assert hyperband.module.TUNING["options"] == {"hyperband_iterations": 2, "factor": 3}
    assert bayesian.module.TUNING["options"] == {"alpha": 1e-4, "beta": 2.6, "num_initial_points": None}
    assert (bayesian.module.TUNING["max_trials"], bayesian.module.TUNING["epochs"]) == (10, 10)
    for experiment in (random_search, hyperband, bayesian):
        config = experiment.get_config()
        assert (config.data.split, cfg.validation_count(config.data, 60_000)) == ("tail", 5000)
        assert config.data.scaling == "raw" and config.seed == 42 and config.train.epochs == 10
    assert random_search.get_config().train.early_stopping_patience is None
    for experiment in (hyperband, bayesian):  # EarlyStopping(patience=2): val_loss, weights not restored
        t = experiment.get_config().train
        assert (t.early_stopping_patience, t.monitor, t.restore_best_weights) == (2, "val_loss", False)


def test_the_tuners_get_the_books_settings(tmp_path):
    from ann_keras.tuning import hypermodel as hm

    for name, check in (
        ("hml10_3_hyperband", lambda o: (o.hyperband_iterations, o.max_epochs, o.factor, o.max_trials)),
        ("hml10_3_bayesian", lambda o: (o.alpha, o.beta, o.num_initial_points, o.max_trials)),
    ):
        experiment, space, _ = ours(name)
        base = experiment.configs({"data.dataset": "synthetic", "data.validation_size": "500"})["main"]
        plan = plan_mod.make_plan(experiment, base, TuneSettings(), RunOptions(work_dir=tmp_path))
        model = hm.ConfigHyperModel(space, base, data.load_splits, plan.epochs, plan.objective, verbose=False)
        tuner = hm.make_tuner(plan.tuner, model, tmp_path / name, plan.max_trials, 42, "max", plan.options)
        expected = (2, 10, 3, None) if name == "hml10_3_hyperband" else (1e-4, 2.6, None, 10)
        assert check(tuner.oracle) == expected
        assert tuner.oracle.seed == 42
    # keras-tuner's default num_initial_points, 3 per hyperparameter, covers all 10 trials (the page says so).
    assert 3 * len(space) > 10


def test_normalize_is_really_searched_and_sets_the_scaling():
    _, space, _ = ours("hml10_3_hyperband")
    base = registry.get_experiment("hml10_3_hyperband").get_config()
    values = {"n_hidden": 0, "n_neurons": 16, "learning_rate": 1e-3, "optimizer": "adam"}
    assert space.apply(base, {**values, "normalize": True}).data.scaling == "standardize"
    assert space.apply(base, {**values, "normalize": False}).data.scaling == "raw"
    assert space.apply(base, {**values, "normalize": False}).model.hidden == []  # n_hidden=0: no hidden layer


BOOLEAN = {"name": "x", "type": "boolean", "config_key": "data.scaling"}


@pytest.mark.parametrize(
    "entry, message",
    [
        (
            {
                "name": "x",
                "type": "int",
                "min": 1,
                "max": 3,
                "config_key": "train.epochs",
                "config_values": [1, 2],
            },
            "only a boolean",
        ),
        ({**BOOLEAN, "config_values": ["raw"]}, "two different"),
        ({**BOOLEAN, "config_values": ["raw", "nosuch"]}, "nosuch"),
    ],
)
def test_config_values_mistakes(entry, message):
    with pytest.raises(UserError, match=message):
        space_mod.parse([entry]).check(cfg.default_config())


@pytest.mark.parametrize(
    "tuning, message",
    [
        ({"tuner": "random", "refit": "nosuch"}, "refit 'nosuch'"),
        ({"tuner": "hyperband", "options": {"alpha": 1}}, "'alpha' is not an option of the hyperband tuner"),
    ],
)
def test_tuning_mistakes(tmp_path, tuning, message):
    module = type(registry)("toy")
    module.SEARCH_SPACE, module.TUNING = (
        [{"name": "lr", "type": "float", "min": 1e-3, "max": 1e-2, "config_key": "train.learning_rate"}],
        tuning,
    )
    toy = registry.Experiment("toy", module)
    with pytest.raises(UserError, match=message):
        plan_mod.make_plan(toy, cfg.default_config(), TuneSettings(), RunOptions(work_dir=tmp_path))


def test_the_books_refit_continues_the_best_trial_on_every_training_image(tmp_path):
    """A tiny RandomSearch, then the best trial's checkpoint trained on over train + validation with plain
    Keras in this test: the same test predictions as the package's refit."""
    import keras

    from ann_keras import models, training

    overrides = {
        "data.dataset": "synthetic",
        "data.validation_size": "200",
        "data.train_samples": "400",
        "data.test_samples": "300",
        "train.epochs": "2",
        "train.trainer": "keras",
    }
    experiment = registry.get_experiment("hml10_3_random_search")
    out = tune(
        experiment,
        overrides,
        RunOptions(results_dir=tmp_path / "results", work_dir=tmp_path / "work", verbose=False),
        TuneSettings(max_trials=2),
    )
    search = json.loads((out / "search.json").read_text())
    metrics = json.loads((out / "metrics.json").read_text())
    assert search["refit"] == "continue_on_all" and metrics["epochs_run"] == 2
    assert "val_accuracy" not in metrics  # no validation images left to validate on
    config = cfg.from_dict(json.loads((out / "config.json").read_text()))
    best = json.loads((out / "best_hyperparameters.json").read_text())
    assert len(config.model.hidden) == best["n_hidden"] and config.train.optimizer == best["optimizer"]

    splits = data.load_splits(config.data)
    training.seed_everything(config.seed, True)
    model = models.build_model(config.model, splits.input_shape)
    training.compile_model(model, config.train)
    trial = (
        tmp_path / "work" / "hml10_3_random_search" / "tuner" / "random" / f"trial_{search['best_trial_id']}"
    )
    model.load_weights(str(trial / "checkpoint.weights.h5"))
    x = np.concatenate([splits.x_train, splits.x_val])
    assert len(x) == 600  # 400 training + 200 validation images
    model.fit(x, np.concatenate([splits.y_train, splits.y_val]), epochs=2, batch_size=32, verbose=0)
    x_test, y_test, _ = data.load_test(config.data, splits.scaler)
    expected = (np.argmax(model.predict(x_test, verbose=0), axis=1) == y_test).mean()
    assert metrics["test_accuracy"] == pytest.approx(float(expected), abs=1e-9)
    keras.backend.clear_session()
