"""The one builder: three APIs, the same layers, the book's parameter counts."""

import numpy as np
import pytest

keras = pytest.importorskip("keras")

from ann_keras import config as cfg  # noqa: E402
from ann_keras import models  # noqa: E402
from ann_keras.errors import UserError  # noqa: E402


def sigmoid_config():
    return cfg.apply_overrides(cfg.default_config(), {"model.hidden.0.activation": "sigmoid"}).model


@pytest.mark.parametrize("api", models.BUILDERS)
def test_book_parameter_count_for_every_api(api):
    model_config = sigmoid_config()
    model_config.api = api
    model = models.build_model(model_config, (784,))
    assert model.count_params() == 79_510  # 78,500 + 1,010, as 혼공머신 7-2's summary
    assert tuple(model.compute_output_shape((None, 784))) == (None, 10)
    flat = models.build_model(model_config, (28, 28))
    assert flat.count_params() == 79_510  # Flatten has no weights


def test_apis_compute_the_same_function():
    model_config = sigmoid_config()
    built = {}
    for api in models.BUILDERS:
        model_config.api = api
        keras.utils.set_random_seed(0)
        built[api] = models.build_model(model_config, (28, 28))
    x = np.random.default_rng(0).random((4, 28, 28)).astype("float32")
    reference = built["sequential"]
    for model in built.values():
        model.set_weights(reference.get_weights())
        np.testing.assert_allclose(np.asarray(model(x)), np.asarray(reference(x)), rtol=1e-5, atol=1e-6)


def test_single_layer_model():
    model = models.build_model(cfg.ModelConfig(hidden=[]), (784,))
    assert model.count_params() == 7_850


def test_dropout_batch_norm_and_regularisers():
    layer = cfg.LayerConfig(units=32, dropout=0.3, batch_norm="before", l2=0.01, activation="leaky_relu:0.1")
    model = models.build_sequential(
        cfg.ModelConfig(hidden=[layer, cfg.LayerConfig(units=16, batch_norm="after")]), (28, 28)
    )
    kinds = [type(layer).__name__ for layer in model.layers]
    assert kinds == [
        "Flatten",
        "Dense",
        "BatchNormalization",
        "LeakyReLU",
        "Dropout",
        "Dense",
        "BatchNormalization",
        "Dense",
    ]
    assert model.get_layer("hidden_1").activation.__name__ == "linear"  # activation after BN
    assert model.get_layer("activation_1").negative_slope == pytest.approx(0.1)
    assert model.get_layer("hidden_1").kernel_regularizer is not None
    assert model.get_layer("hidden_2").activation.__name__ == "relu"
    # 784*32+32 + 4*32 (BN) + 32*16+16 + 4*16 + 16*10+10
    assert model.count_params() == 784 * 32 + 32 + 128 + 32 * 16 + 16 + 64 + 170


def test_initializers_by_name_and_scale():
    assert isinstance(models.make_initializer("normal:0.01"), keras.initializers.RandomNormal)
    assert models.make_initializer("normal:0.01").stddev == pytest.approx(0.01)
    assert isinstance(models.make_initializer("he_normal"), keras.initializers.HeNormal)
    with pytest.raises(UserError, match="initializer 'bogus' is unknown"):
        models.make_initializer("bogus")
    with pytest.raises(UserError, match="activation 'bogus' is unknown"):
        models.build_model(cfg.ModelConfig(hidden=[cfg.LayerConfig(activation="bogus")]), (784,))


def test_describe_lists_layers_and_counts():
    for api in models.BUILDERS:
        model_config = sigmoid_config()
        model_config.api = api
        info = models.describe(models.build_model(model_config, (28, 28)), (28, 28))
        assert [layer["output_shape"] for layer in info["layers"]] == [[None, 784], [None, 100], [None, 10]]
        assert [layer["params"] for layer in info["layers"]] == [0, 78_500, 1_010]
        assert info["total_params"] == info["trainable_params"] == 79_510


def test_subclassed_model_saves_and_loads(tmp_path):
    model = models.build_subclassed(sigmoid_config(), (784,))
    model.compile(loss="sparse_categorical_crossentropy")
    path = tmp_path / "m.keras"
    model.save(path)
    again = keras.models.load_model(path)
    x = np.ones((2, 784), "float32")
    np.testing.assert_allclose(np.asarray(again(x)), np.asarray(model(x)), rtol=1e-6)
