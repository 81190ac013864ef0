"""The learning-rate range test: the rate schedule, the suggestion, and weights restored exactly."""

import os
import subprocess
import sys
import textwrap

import numpy as np
import pytest

keras = pytest.importorskip("keras")

from ann_keras import config as cfg  # noqa: E402
from ann_keras import models, training
from ann_keras.errors import UserError  # noqa: E402
from ann_keras.training import lr_finder  # noqa: E402


def compiled_model(optimizer="sgd", momentum=0.9, batch_norm="before"):
    keras.utils.set_random_seed(1)
    model = models.build_model(
        cfg.ModelConfig(hidden=[cfg.LayerConfig(units=16, batch_norm=batch_norm)], num_classes=3), (12,)
    )
    training.compile_model(
        model,
        cfg.TrainConfig(
            optimizer=optimizer, learning_rate=0.01, momentum=momentum if optimizer == "sgd" else 0.0
        ),
    )
    return model


def data(count=640, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(count, 12)).astype("float32")
    return x, ((x[:, 0] > 0).astype("int32") + (x[:, 1] > 0).astype("int32"))


def snapshot(model):
    values = lambda variables: [keras.ops.convert_to_numpy(v) for v in variables]  # noqa: E731
    return values(model.variables), values(model.optimizer.variables)


@pytest.mark.parametrize("optimizer", ["sgd", "adam"])
def test_range_test_restores_weights_and_optimizer_exactly(optimizer):
    x, y = data()
    model = compiled_model(optimizer)
    model.fit(x, y, batch_size=32, epochs=1, verbose=0)  # momentum / moment slots hold values now
    weights, slots = snapshot(model)
    result = lr_finder.range_test(model, x, y, min_rate=1e-4, max_rate=100.0, batch_size=32)
    assert result.steps_run >= 2
    after_weights, after_slots = snapshot(model)
    assert len(after_weights) == len(weights) and len(after_slots) == len(slots)
    for before, after in zip(weights + slots, after_weights + after_slots):
        np.testing.assert_array_equal(
            before, after
        )  # BN statistics, iteration count and learning rate included
    assert float(np.asarray(model.optimizer.learning_rate)) == pytest.approx(0.01)


def test_range_test_restores_an_optimizer_that_never_ran():
    x, y = data()
    model = compiled_model()
    weights, _ = snapshot(model)
    lr_finder.range_test(model, x, y, max_rate=1.0)
    assert int(np.asarray(model.optimizer.iterations)) == 0
    assert all(
        not np.any(keras.ops.convert_to_numpy(v)) for v in model.optimizer.variables if "momentum" in v.path
    )
    for before, after in zip(weights, snapshot(model)[0]):
        np.testing.assert_array_equal(before, after)


def test_rates_grow_geometrically_and_the_suggestion_follows_the_turning_point():
    x, y = data()
    result = lr_finder.range_test(
        compiled_model(), x, y, min_rate=1e-4, max_rate=1e3, batch_size=32, stop_factor=1e9
    )
    rates = np.asarray(result.rates)
    assert result.steps_planned == 20 and result.steps_run == 20  # 640 / 32, no early stop
    assert rates[0] == pytest.approx(1e-4) and rates[-1] == pytest.approx(1e3)
    np.testing.assert_allclose(rates[1:] / rates[:-1], (1e7) ** (1 / 19), rtol=1e-9)
    assert result.turning_rate == pytest.approx(rates[int(np.nanargmin(result.smoothed))])
    assert result.suggestion == pytest.approx(result.turning_rate / 10)
    low, high = result.tuner_bounds()
    assert low < result.suggestion < high
    frame = result.frame()
    assert list(frame.columns) == ["step", "learning_rate", "loss", "smoothed_loss"] and len(frame) == 20


def test_batch_losses_are_recovered_from_the_running_mean():
    # At rates this small the weights do not move: every batch loss is the loss of that batch
    # under the initial weights, and their mean is the loss of the whole (shuffled) pass.
    # (No BatchNormalization: in training mode it would normalise with each batch's statistics.)
    x, y = data()
    model = compiled_model(momentum=0.0, batch_norm="none")
    initial = model.evaluate(x, y, batch_size=len(x), verbose=0, return_dict=True)["loss"]
    result = lr_finder.range_test(model, x, y, min_rate=1e-12, max_rate=1e-11, stop_factor=1e9)
    assert np.mean(result.losses) == pytest.approx(initial, rel=1e-4)
    assert np.std(result.losses) > 0  # batches differ: these are per-batch losses, not the running mean


def test_range_test_stops_when_the_loss_explodes():
    x, y = data(count=3200)
    result = lr_finder.range_test(compiled_model(momentum=0.0), x, y, min_rate=1e-3, max_rate=1e6)
    assert result.diverged and result.steps_run < result.steps_planned
    assert result.turning_rate < 1e6


def test_range_test_user_errors():
    x, y = data()
    model = models.build_model(cfg.ModelConfig(hidden=[], num_classes=3), (12,))
    with pytest.raises(UserError, match="compiled model"):
        lr_finder.range_test(model, x, y)
    with pytest.raises(UserError, match="min_rate < max_rate"):
        lr_finder.range_test(compiled_model(), x, y, min_rate=1.0, max_rate=0.1)
    with pytest.raises(UserError, match="at least 2 batches"):
        lr_finder.range_test(compiled_model(), x[:40], y[:40], batch_size=32)


JAX_SCRIPT = textwrap.dedent("""
    import numpy as np, keras
    from ann_keras import config as cfg, models, training
    from ann_keras.training import callbacks, lr_finder, probes
    assert keras.backend.backend() == "jax"
    rng = np.random.default_rng(0)
    x = rng.normal(size=(320, 12)).astype("float32"); y = (x[:, 0] > 0).astype("int32")
    keras.utils.set_random_seed(1)
    model = models.build_model(cfg.ModelConfig(hidden=[cfg.LayerConfig(units=8)], num_classes=2), (12,))
    training.compile_model(model, cfg.TrainConfig(optimizer="sgd", learning_rate=0.05, momentum=0.9))
    # gradients on JAX against the softmax-regression formula for the output kernel
    hidden = probes.hidden_activations(model, x)["hidden_1"]
    kernel, bias = model.get_layer("output").get_weights()
    logits = hidden @ kernel + bias
    p = np.exp(logits - logits.max(1, keepdims=True))
    p /= p.sum(1, keepdims=True)
    expected = hidden.T @ (p - np.eye(2)[y]) / len(x)
    grads = dict(zip([v.path for v in model.trainable_variables], probes.gradients(model, x, y)))
    np.testing.assert_allclose(grads["mlp/output/kernel"], expected, rtol=1e-4, atol=1e-6)
    norms = callbacks.GradientNorms(x[:64], y[:64], every=5)
    warmup = callbacks.LearningRateWarmup(0.05, steps=4)
    model.fit(x, y, batch_size=32, epochs=1, verbose=0, callbacks=[norms, warmup])
    np.testing.assert_allclose(warmup.frame()["learning_rate"], [0.0125, 0.025, 0.0375, 0.05])
    assert sorted(norms.frame()["update"].unique()) == [0, 5, 10]
    # the weights moved between records
    assert len(set(norms.frame()[norms.frame()["layer"] == "hidden_1"]["norm"].round(8))) == 3
    before = [np.array(v) for v in model.variables] + [np.array(v) for v in model.optimizer.variables]
    result = lr_finder.range_test(model, x, y, min_rate=1e-4, max_rate=10.0)
    after = [np.array(v) for v in model.variables] + [np.array(v) for v in model.optimizer.variables]
    assert all(np.array_equal(a, b) for a, b in zip(before, after))
    assert result.steps_run >= 2 and len(set(np.round(result.losses, 6))) > 1
    print("jax ok")
""")


def test_probes_callbacks_and_range_test_on_the_jax_backend():
    pytest.importorskip("jax")
    env = {**os.environ, "KERAS_BACKEND": "jax", "TF_CPP_MIN_LOG_LEVEL": "3", "JAX_PLATFORMS": "cpu"}
    result = subprocess.run(
        [sys.executable, "-c", JAX_SCRIPT], capture_output=True, text=True, env=env, timeout=300
    )
    assert result.returncode == 0 and "jax ok" in result.stdout, result.stderr[-3000:]
