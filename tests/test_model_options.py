"""The builder's options for the training experiments: augmentation, wide & deep, output initializer."""

import numpy as np
import pytest

keras = pytest.importorskip("keras")

from ann_keras import config as cfg  # noqa: E402
from ann_keras import models  # noqa: E402
from ann_keras.errors import UserError  # noqa: E402

BOOK_NETWORK = {"model.hidden": "[300, 100]"}  # 핸즈온 10's 784-300-100-10


def model_config(**overrides):
    return cfg.apply_overrides(cfg.default_config(), {**BOOK_NETWORK, **overrides}).model


@pytest.mark.parametrize("api", sorted(models.BUILDERS))
def test_book_network_has_266_610_parameters(api):
    assert models.build_model(model_config(**{"model.api": api}), (28, 28)).count_params() == 266_610


def test_wide_and_deep_adds_the_pixels_to_the_output_layer():
    model = models.build_model(model_config(**{"model.api": "functional", "model.wide": True}), (28, 28))
    assert model.count_params() == 266_610 + 784 * 10
    assert model.get_layer("output").kernel.shape == (784 + 100, 10)
    x = np.random.default_rng(0).random((3, 28, 28)).astype("float32")
    assert np.allclose(np.asarray(model(x)).sum(axis=1), 1.0, atol=1e-5)
    flat = models.build_model(model_config(**{"model.api": "functional", "model.wide": True}), (784,))
    assert flat.count_params() == model.count_params()


@pytest.mark.parametrize("api", ["sequential", "subclassed"])
def test_wide_needs_the_functional_api(api):
    with pytest.raises(UserError, match="model.wide.*model.api=functional"):
        model_config(**{"model.api": api, "model.wide": True})


def test_output_initializer_is_configurable():
    model = models.build_model(model_config(**{"model.output_initializer": "zeros"}), (784,))
    assert not np.any(model.get_layer("output").kernel.numpy())
    assert np.any(model.get_layer("hidden_1").kernel.numpy())


@pytest.mark.parametrize("api", sorted(models.BUILDERS))
@pytest.mark.parametrize("input_shape", [(28, 28), (784,)])
def test_augmentation_changes_images_in_training_only(api, input_shape):
    config = cfg.apply_overrides(
        cfg.default_config(),
        {"model.api": api, "model.augmentation.flip": "horizontal", "model.augmentation.shift": 0.2},
    ).model
    keras.utils.set_random_seed(0)
    model = models.build_model(config, input_shape)
    names = [
        layer.name
        for layer in (model.stack if api == "subclassed" else model.layers)
        if layer.name != "input"
    ]
    assert names[:4] == ["to_image", "random_flip", "random_shift", "flatten"]
    assert model.count_params() == 79_510  # augmentation adds no weights
    x = np.random.default_rng(0).random((8, *input_shape)).astype("float32")
    inference = [np.asarray(model(x, training=False)) for _ in range(2)]
    np.testing.assert_allclose(inference[0], inference[1])
    assert not np.allclose(np.asarray(model(x, training=True)), inference[0])


def test_augmentation_options_are_checked():
    with pytest.raises(UserError, match="model.augmentation.flip"):
        cfg.apply_overrides(cfg.default_config(), {"model.augmentation.flip": "sideways"})
    with pytest.raises(UserError, match="model.augmentation.shift"):
        cfg.apply_overrides(cfg.default_config(), {"model.augmentation.shift": 1.5})
    with pytest.raises(UserError, match="square images"):
        models.build_model(
            cfg.apply_overrides(cfg.default_config(), {"model.augmentation.shift": 0.1}).model, (780,)
        )


def test_no_augmentation_keeps_the_plain_stack():
    model = models.build_model(cfg.default_config().model, (784,))
    assert [layer.name for layer in model.layers] == ["hidden_1", "output"]
