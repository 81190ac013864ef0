"""Facts of the training experiments that do not depend on training (핸즈온 10/11, notes 000, 003, 004)."""

import numpy as np
import pytest

from ann_keras.pipeline import experiments as registry

keras = pytest.importorskip("keras")

from ann_keras import models, training
from ann_keras.training import probes  # noqa: E402

COMPARISONS = [
    "vanishing_gradients",
    "initialization",
    "optimizers",
    "batch_norm",
    "regularization",
    "batch_vs_online",
    "lr_range_test",
    "batch_size",
    "depth_width",
    "hml10_apis",
]


def configs(name, quick=False):
    return registry.get_experiment(name).configs({}, quick=quick)


@pytest.mark.parametrize("name", COMPARISONS)
def test_comparisons_run_three_seeds_by_default_and_one_when_quick(name):
    experiment = registry.get_experiment(name)
    assert 100 <= experiment.order < 200 and len(experiment.variants()) >= 2
    assert {c.seeds for c in configs(name).values()} == {3}
    assert {c.seeds for c in configs(name, quick=True).values()} == {1}


def test_depth_and_width_pairs_have_equal_parameter_counts():
    counts = {
        name: models.build_model(config.model, (28, 28)).count_params()
        for name, config in configs("depth_width").items()
    }
    assert len(counts) == 3 and set(counts.values()) == {177_295}, counts
    depths = sorted(len(config.model.hidden) for config in configs("depth_width").values())
    assert depths == [1, 3, 3]


def test_hands_on_models_parameter_counts():
    (sequential,) = configs("hml10_sequential").values()
    assert models.build_model(sequential.model, (28, 28)).count_params() == 266_610
    counts = {
        name: models.build_model(config.model, (28, 28)).count_params()
        for name, config in configs("hml10_apis").items()
    }
    assert counts == {
        "sequential": 266_610,
        "functional": 266_610,
        "subclassed": 266_610,
        "wide_and_deep": 266_610 + 7_840,
    }


def test_initialization_zero_variant_keeps_units_identical_through_training():
    config = configs("initialization")["sigmoid_zeros"]
    assert {layer.kernel_initializer for layer in config.model.hidden} == {
        "zeros"
    } and config.model.output_initializer == "zeros"
    rng = np.random.default_rng(0)
    x = rng.random((256, 28, 28)).astype("float32")
    y = (x[:, :14].mean(axis=(1, 2)) > x[:, 14:].mean(axis=(1, 2))).astype("int32")
    training.seed_everything(0)
    model = models.build_model(config.model, (28, 28))
    training.compile_model(model, config.train)
    model.fit(x, y, batch_size=32, epochs=2, verbose=0)
    assert (
        np.abs(model.get_layer("hidden_5").kernel.numpy()).max() > 1e-4
    )  # the layers learn (the lower ones by vanishingly small steps)
    assert [probes.distinct_units(v) for v in probes.hidden_activations(model, x).values()] == [1] * 5
    other = models.build_model(configs("initialization")["sigmoid_xavier"].model, (28, 28))
    assert [probes.distinct_units(v) for v in probes.hidden_activations(other, x).values()] == [100] * 5


def test_initialization_schemes_have_the_notes_scales():
    layer = {name: c.model.hidden[1] for name, c in configs("initialization").items()}

    def std(name):
        return float(np.std(models.make_initializer(layer[name].kernel_initializer)((100, 100))))

    assert std("relu_normal_1") == pytest.approx(1.0, rel=0.05)
    assert std("relu_normal_0.01") == pytest.approx(0.01, rel=0.05)
    assert std("tanh_xavier") == pytest.approx(
        1 / np.sqrt(100), rel=0.1
    )  # randn / sqrt(n_in) for a 100x100 layer
    assert std("relu_he") == pytest.approx(1 / np.sqrt(100 / 2), rel=0.1)  # randn / sqrt(n_in / 2)


def test_batch_size_follows_the_linear_scaling_rule():
    for name, config in configs("batch_size").items():
        assert config.train.learning_rate == pytest.approx(0.01 * config.train.batch_size / 32)
        assert (config.params["warmup_epochs"] > 0) == name.endswith("_warmup")
    sizes = sorted({c.train.batch_size for c in configs("batch_size").values()})
    assert sizes[0] == 2 and sizes[-1] >= 4096


def test_batch_vs_online_uses_the_notes_32000_samples():
    variants = configs("batch_vs_online")
    assert {c.data.train_samples for c in variants.values()} == {32_000}
    assert sorted(c.train.batch_size for c in variants.values()) == [1, 32, 32_000]
