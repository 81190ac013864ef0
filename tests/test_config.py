"""Typed overrides and their errors."""

import re

import pytest

from ann_keras import config as cfg
from ann_keras.errors import UserError


def test_overrides_are_parsed_into_the_field_types():
    c = cfg.apply_overrides(
        cfg.default_config(),
        {
            "train.epochs": "3",
            "train.learning_rate": "1e-3",
            "train.shuffle": "false",
            "model.hidden.0.units": "300",
            "train.early_stopping_patience": "none",
            "data.train_samples": "1_000",
        },
    )
    assert c.train.epochs == 3 and isinstance(c.train.epochs, int)
    assert c.train.learning_rate == pytest.approx(0.001)
    assert c.train.shuffle is False
    assert c.model.hidden[0].units == 300
    assert c.train.early_stopping_patience is None
    assert c.data.train_samples == 1000


def test_overrides_do_not_touch_the_original():
    base = cfg.default_config()
    cfg.apply_overrides(base, {"train.epochs": 9})
    assert base.train.epochs == cfg.TrainConfig().epochs


def test_hidden_layers_from_a_list_keep_the_first_layers_settings():
    base = cfg.apply_overrides(
        cfg.default_config(), {"model.hidden.0.activation": "tanh", "model.hidden.0.dropout": 0.2}
    )
    c = cfg.apply_overrides(base, {"model.hidden": "[300, 100]"})
    assert [layer.units for layer in c.model.hidden] == [300, 100]
    assert all(layer.activation == "tanh" and layer.dropout == 0.2 for layer in c.model.hidden)
    c = cfg.apply_overrides(base, {"model.hidden": '[{"units": 50, "activation": "sigmoid"}]'})
    assert c.model.hidden[0].units == 50 and c.model.hidden[0].activation == "sigmoid"
    assert cfg.apply_overrides(base, {"model.hidden": "[]"}).model.hidden == []


def test_unknown_key_suggests_one_and_names_the_groups_not_every_key():
    with pytest.raises(UserError) as info:
        cfg.apply_overrides(cfg.default_config(), {"train.epoch": "3"})
    message = str(info.value)
    assert "train.epoch" in message and "did you mean train.epochs?" in message
    assert "the groups: seed, seeds, data, model, train, params" in message
    assert "train.batch_size" not in message and "model.hidden.0.units" not in message
    assert "\n" not in message
    group = [k for k in cfg.flat_keys(cfg.default_config()) if k.startswith("data.")]
    assert len(group) <= 12  # a small group is listed whole
    with pytest.raises(UserError, match="the keys of data: " + re.escape(", ".join(group))):
        cfg.apply_overrides(cfg.default_config(), {"data.nosuch": "3"})


@pytest.mark.parametrize(
    "key,value,needle",
    [
        ("train.epochs", "three", "needs an integer"),
        ("train.epochs", "2.5", "needs an integer"),
        ("train.learning_rate", "fast", "needs a number"),
        ("train.learning_rate", "nan", "finite"),
        ("train.shuffle", "maybe", "true or false"),
        ("train.optimizer", "adamm", "is not one of"),
        ("data.scaling", "zscore", "is not one of"),
        ("train.epochs", "0", "needs 1 or more"),
        ("model.hidden.0.dropout", "1.5", "[0, 1)"),
        ("model.hidden.3.units", "5", "not a layer index"),
        ("model.hidden", "[300, ", "is not a list"),
        ("train.learning_rate", "-1", "positive"),
        ("train.epochs.x", "1", "is a value, not a group"),
    ],
)
def test_wrong_values_are_one_line_errors(key, value, needle):
    with pytest.raises(UserError) as info:
        cfg.apply_overrides(cfg.default_config(), {key: value})
    assert needle in str(info.value)
    assert key.split(".")[0] in str(info.value)
    assert "\n" not in str(info.value)


def test_experiment_params_are_typed_by_their_defaults():
    base = cfg.default_config()
    base.params = {"steps": 10, "rate": 0.5, "name": "a", "flag": False}
    c = cfg.apply_overrides(base, {"params.steps": "20", "params.rate": "1", "params.flag": "yes"})
    assert c.params == {"steps": 20, "rate": 1.0, "name": "a", "flag": True}
    with pytest.raises(UserError, match="needs an integer"):
        cfg.apply_overrides(base, {"params.steps": "x"})
    with pytest.raises(UserError, match="unknown config key 'params.stepz'"):
        cfg.apply_overrides(base, {"params.stepz": "1"})


def test_set_arguments_must_be_key_value():
    assert cfg.parse_set_args(["a.b=1", "c= x "]) == {"a.b": "1", "c": "x"}
    with pytest.raises(UserError, match="is not key=value"):
        cfg.parse_set_args(["train.epochs"])


def test_round_trip_through_a_dict():
    c = cfg.apply_overrides(cfg.default_config(), {"model.hidden": "[30, 20]", "train.optimizer": "sgd"})
    again = cfg.from_dict(cfg.to_dict(c))
    assert again == c


def test_flat_keys_cover_every_field():
    keys = cfg.flat_keys(cfg.default_config())
    assert {
        "seed",
        "train.epochs",
        "data.flatten",
        "model.hidden",
        "model.hidden.0.units",
        "model.api",
    } <= set(keys)


@pytest.mark.parametrize(
    "key, value, message",
    [
        ("model.hidden.0.kernel_initializer", "constant", "needs its VALUE, like constant:0.1"),
        ("model.hidden.0.kernel_initializer", "uniform:0", "LIMIT needs to be above 0"),
        ("model.hidden.0.activation", "maxout:2.5", "K needs a whole number"),
        ("model.hidden.0.activation", "relu:2", "relu takes no argument"),
        ("model.hidden.0.activation", "leaky_relu:-0.1", "SLOPE needs to be 0 or more"),
        ("model.output_activation", "leaky_relu:0.1", "needs a plain Keras activation name"),
        ("model.num_classes", "5", "the labels go up to 9"),
        ("seeds", "3", "past 4294967295"),
    ],
)
def test_the_forms_keras_cannot_check_are_checked_here(key, value, message):
    """Each was accepted and failed in the model builder or in NumPy, after the data was loaded."""
    base = cfg.apply_overrides(cfg.default_config(), {"seed": 2**32 - 2})
    with pytest.raises(UserError, match=re.escape(message)):
        cfg.apply_overrides(base, {key: value})
