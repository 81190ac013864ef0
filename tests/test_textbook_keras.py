"""The Keras side of the textbook experiments: Maxout, the MSE loss, XOR nets, GradientTape checks."""

import math

import numpy as np
import pytest

keras = pytest.importorskip("keras")

from ann_keras import config as cfg  # noqa: E402
from ann_keras import models, training
from ann_keras.errors import UserError  # noqa: E402
from ann_keras.models import layers, losses  # noqa: E402
from ann_keras.textbook import backprop, keras_xor, tape  # noqa: E402

needs_tensorflow = pytest.mark.skipif(
    keras.backend.backend() != "tensorflow", reason="tf.GradientTape needs the TensorFlow backend"
)


# ---------------------------------------------------------------- Maxout


def test_maxout_takes_the_max_of_each_group():
    x = np.array([[1.0, 3.0, -2.0, -5.0, 0.5, 0.4]], dtype="float32")
    assert np.asarray(layers.Maxout(2)(x)).tolist() == [[3.0, -2.0, 0.5]]
    assert np.asarray(layers.Maxout(3)(x)).tolist() == [[3.0, 0.5]]
    assert layers.Maxout(2).compute_output_shape((None, 6)) == (None, 3)


def test_maxout_spec_builds_twice_the_hidden_weights():
    maxout = cfg.ModelConfig(hidden=[cfg.LayerConfig(units=100, activation="maxout:2")])
    relu = cfg.ModelConfig(hidden=[cfg.LayerConfig(units=100, activation="relu")])
    for api in models.BUILDERS:
        maxout.api = api
        model = models.build_model(maxout, (28, 28))
        assert model.count_params() == 784 * 200 + 200 + 100 * 10 + 10  # 158,010
        assert tuple(model.compute_output_shape((None, 28, 28))) == (None, 10)
    assert models.build_model(relu, (28, 28)).count_params() == 79_510
    info = models.describe(
        models.build_model(
            cfg.ModelConfig(hidden=[cfg.LayerConfig(units=100, activation="maxout:2")]), (784,)
        ),
        (784,),
    )
    assert [layer["type"] for layer in info["layers"]] == ["Dense", "Maxout", "Dense"]
    assert [layer["output_shape"] for layer in info["layers"]] == [[None, 200], [None, 100], [None, 10]]


def test_maxout_unit_is_the_max_of_two_linear_pieces():
    model = models.build_model(
        cfg.ModelConfig(hidden=[cfg.LayerConfig(units=3, activation="maxout:2")]), (4,)
    )
    x = np.random.default_rng(0).normal(size=(5, 4)).astype("float32")
    kernel, bias = model.get_layer("hidden_1").get_weights()
    pieces = (x @ kernel + bias).reshape(5, 3, 2)
    hidden = keras.Model(model.inputs[0], model.get_layer("activation_1").output)
    np.testing.assert_allclose(np.asarray(hidden(x)), pieces.max(axis=-1), rtol=1e-6)


def test_maxout_model_saves_and_loads(tmp_path):
    model = models.build_model(
        cfg.ModelConfig(hidden=[cfg.LayerConfig(units=8, activation="maxout:2")]), (784,)
    )
    model.save(tmp_path / "m.keras")
    again = keras.models.load_model(tmp_path / "m.keras")
    x = np.ones((2, 784), "float32")
    np.testing.assert_allclose(np.asarray(again(x)), np.asarray(model(x)), rtol=1e-6)


@pytest.mark.parametrize("spec, message", [("maxout:two", "whole number"), ("maxout:0", "1 or more")])
def test_bad_maxout_spec_is_a_user_error(spec, message):
    with pytest.raises(UserError, match=message):
        models.build_model(cfg.ModelConfig(hidden=[cfg.LayerConfig(activation=spec)]), (784,))


# ---------------------------------------------------------------- the MSE loss on integer labels


def test_sparse_mse_equals_keras_mse_on_one_hot_labels():
    labels = np.array([0, 2, 1])
    outputs = np.array([[0.7, 0.2, 0.1], [0.1, 0.1, 0.8], [0.3, 0.3, 0.4]], dtype="float32")
    ours = np.asarray(losses.sparse_mean_squared_error(labels, outputs))
    reference = np.asarray(keras.losses.mean_squared_error(np.eye(3, dtype="float32")[labels], outputs))
    np.testing.assert_allclose(ours, reference, rtol=1e-6)
    assert ours[0] == pytest.approx((0.09 + 0.04 + 0.01) / 3, rel=1e-5)


def test_config_can_name_the_sparse_mse_loss():
    config = cfg.apply_overrides(cfg.default_config(), {"train.loss": "sparse_mean_squared_error"})
    model = models.build_model(config.model, (784,))
    training.compile_model(model, config.train)
    history = model.fit(
        np.random.default_rng(0).random((64, 784), dtype="float32"), np.arange(64) % 10, epochs=1, verbose=0
    )
    assert np.isfinite(history.history["loss"][0]) and "accuracy" in history.history
    with pytest.raises(UserError, match="not a Keras loss"):
        training.compile_model(
            model, cfg.apply_overrides(cfg.default_config(), {"train.loss": "nonsense"}).train
        )


# ---------------------------------------------------------------- XOR with Keras


def test_single_layer_reaches_ln_2_and_logs_the_notes_steps():
    # the full 10,001 steps run in test_textbook_experiments.py::test_xor_single_layer
    result = keras_xor.train_single_layer(steps=301, learning_rate=1.0, log_every=100, seed=777)
    assert result["steps"] == 301 and [s for s, _ in result["costs"]] == [0, 100, 200, 300]
    assert result["costs"][0][1] > 0.7  # the start is worse than chance
    assert abs(result["final_cost"] - math.log(2)) < 1e-5
    assert np.all(np.abs(result["outputs"] - 0.5) < 1e-3)


def test_keras_mlp_follows_the_hand_written_backprop():
    start = backprop.init_params(np.random.default_rng(42))
    by_hand = backprop.train_xor_mlp(start, epochs=300, learning_rate=0.2)
    with_keras = keras_xor.train_mlp(start, epochs=300, learning_rate=0.2, log_every=100)
    assert [epoch for epoch, _ in with_keras["losses"]] == [100, 200, 300]
    for name in backprop.PARAMETER_NAMES:
        np.testing.assert_allclose(with_keras["params"][name], by_hand.params[name], atol=1e-5)
    assert with_keras["losses"][-1][1] == pytest.approx(by_hand.losses[-1], abs=1e-5)


# ---------------------------------------------------------------- GradientTape


@needs_tensorflow
def test_gradient_tape_gives_the_worked_example_to_8_decimals():
    by_tape = tape.worked_example()
    by_hand = backprop.worked_example()
    for key, value in by_tape.items():
        assert value == pytest.approx(by_hand[key], abs=1e-14), key
    assert round(by_tape["dE_dW5"], 8) == 0.02592286
    assert round(by_tape["W8+"], 8) == 0.59624247
    assert round(by_tape["E_total_after"], 8) == 0.02323634


@needs_tensorflow
def test_gradient_tape_agrees_with_the_hand_written_deltas():
    params = backprop.init_params(np.random.default_rng(5))
    by_tape = tape.xor_mlp_gradients(params, backprop.XOR_INPUTS, backprop.XOR_TARGETS)
    assert (
        backprop.relative_error(
            backprop.gradients(params, backprop.XOR_INPUTS, backprop.XOR_TARGETS), by_tape
        )
        < 1e-12
    )


@needs_tensorflow
def test_gradient_tape_chain_rule():
    assert tape.chain_rule_linear(-2.0, 5.0, 3.0) == {"f": -7.0, "df_dw": 5.0, "df_dx": -2.0, "df_db": 1.0}


def test_float64_block_leaves_later_layers_in_float32():
    with tape.float64():
        assert keras.layers.Dense(1).dtype_policy.name == "float64"
    dense = keras.layers.Dense(1)
    dense.build((None, 2))
    assert keras.config.floatx() == "float32" and dense.kernel.dtype == "float32"
