"""Gradients, activations and the training callbacks, against references and pinned facts."""

import numpy as np
import pandas as pd
import pytest

keras = pytest.importorskip("keras")

from ann_keras import config as cfg  # noqa: E402
from ann_keras import models, training  # noqa: E402
from ann_keras.training import callbacks, probes  # noqa: E402


def tiny_data(count=256, features=12, classes=3, seed=0):
    rng = np.random.default_rng(seed)
    x = rng.normal(size=(count, features)).astype("float32")
    y = (x[:, 0] > 0).astype("int32") + (x[:, 1] > 0).astype("int32")  # learnable: 3 classes
    return x, y


def build(hidden, features=12, classes=3, optimizer="sgd", learning_rate=0.1, seed=0, **model_fields):
    keras.utils.set_random_seed(seed)
    model_config = cfg.ModelConfig(hidden=hidden, num_classes=classes, **model_fields)
    model = models.build_model(model_config, (features,))
    training.compile_model(model, cfg.TrainConfig(optimizer=optimizer, learning_rate=learning_rate))
    return model


def test_gradient_of_softmax_regression_matches_the_formula():
    # For softmax + mean cross-entropy, dL/dW = x^T (p - onehot(y)) / n.
    x, y = tiny_data()
    model = build([])
    kernel, bias = model.get_layer("output").get_weights()
    logits = x @ kernel + bias
    p = np.exp(logits - logits.max(axis=1, keepdims=True))
    p /= p.sum(axis=1, keepdims=True)
    expected = x.T @ (p - np.eye(3)[y]) / len(x)
    grads = dict(zip([v.path for v in model.trainable_variables], probes.gradients(model, x, y)))
    np.testing.assert_allclose(grads["mlp/output/kernel"], expected, rtol=1e-4, atol=1e-6)
    norms = probes.layer_gradient_norms(model, x, y)
    assert norms == {"output": pytest.approx(float(np.linalg.norm(expected)), rel=1e-4)}


def test_loss_on_matches_keras_evaluate():
    x, y = tiny_data()
    model = build([cfg.LayerConfig(units=8)])
    evaluated = model.evaluate(x, y, batch_size=len(x), verbose=0, return_dict=True)["loss"]
    assert probes.loss_on(model, x, y) == pytest.approx(evaluated, rel=1e-5)


def sigmoid_layers(count, initializer):
    return [
        cfg.LayerConfig(units=16, activation="sigmoid", kernel_initializer=initializer) for _ in range(count)
    ]


def test_zero_initialisation_keeps_every_hidden_unit_identical():
    x, y = tiny_data()
    model = build(sigmoid_layers(3, "zeros"), output_initializer="zeros", learning_rate=0.5)
    model.fit(x, y, batch_size=32, epochs=3, verbose=0)
    for layer in probes.dense_layers(model)[:-1]:
        kernel = layer.kernel.numpy()
        assert np.abs(kernel).max() > 0  # the weights did learn ...
        np.testing.assert_allclose(
            kernel, np.repeat(kernel[:, :1], kernel.shape[1], axis=1), atol=1e-6
        )  # ... the same thing in every unit
    output_kernel = model.get_layer("output").kernel.numpy()
    np.testing.assert_allclose(
        output_kernel, np.repeat(output_kernel[:1], len(output_kernel), axis=0), atol=1e-6
    )
    activations = probes.hidden_activations(model, x)
    assert [probes.distinct_units(a) for a in activations.values()] == [1, 1, 1]
    assert [row["distinct_units"] for row in probes.activation_statistics(activations)] == [1, 1, 1]


def test_random_initialisation_gives_distinct_units():
    x, _ = tiny_data()
    model = build(sigmoid_layers(2, "glorot_uniform"))
    assert [probes.distinct_units(a) for a in probes.hidden_activations(model, x).values()] == [16, 16]


@pytest.mark.parametrize("api", sorted(models.BUILDERS))
def test_hidden_activations_are_the_activation_outputs(api):
    x, _ = tiny_data(count=64)
    layers = [
        cfg.LayerConfig(units=8, activation="tanh"),
        cfg.LayerConfig(units=6, activation="relu", batch_norm="before"),
    ]
    model = build(layers, api=api)
    outputs = probes.hidden_activations(model, x)
    assert list(outputs) == ["hidden_1", "hidden_2"]
    assert outputs["hidden_1"].shape == (64, 8) and outputs["hidden_2"].shape == (64, 6)
    kernel, bias = (
        model.get_layer("hidden_1").get_weights() if api != "subclassed" else model.stack[0].get_weights()
    )
    np.testing.assert_allclose(outputs["hidden_1"], np.tanh(x @ kernel + bias), rtol=1e-5, atol=1e-6)
    assert outputs["hidden_2"].min() >= 0  # ReLU after BN, not BN's output


def test_activation_statistics_on_known_values():
    rows = probes.activation_statistics({"hidden_1": np.array([[0.0, 0.005], [0.5, 0.995]])})
    row = rows[0]
    assert row["mean"] == pytest.approx(0.375) and row["zero_fraction"] == 0.25
    assert row["small_fraction"] == 0.5 and row["near_one_fraction"] == 0.25 and row["distinct_units"] == 2


def test_gradient_norms_callback_records_every_n_updates():
    x, y = tiny_data()
    model = build([cfg.LayerConfig(units=8), cfg.LayerConfig(units=8)])
    recorder = callbacks.GradientNorms(x[:64], y[:64], every=3)
    model.fit(x, y, batch_size=32, epochs=2, verbose=0, callbacks=[recorder])  # 8 updates per epoch
    frame = recorder.frame()
    assert sorted(frame["update"].unique()) == [0, 3, 6, 8, 9, 12, 15, 16]
    assert set(frame["layer"]) == {"hidden_1", "hidden_2", "output"}
    first = frame[frame["update"] == 0].set_index("layer")["norm"]
    assert first.to_dict() == pytest.approx(
        probes.layer_gradient_norms(
            build([cfg.LayerConfig(units=8), cfg.LayerConfig(units=8)]), x[:64], y[:64]
        ),
        rel=1e-5,
    )


def test_activation_statistics_callback_records_before_and_after_each_epoch():
    x, y = tiny_data()
    model = build([cfg.LayerConfig(units=8, activation="sigmoid")])
    recorder = callbacks.ActivationStatistics(x[:32])
    model.fit(x, y, batch_size=32, epochs=2, verbose=0, callbacks=[recorder])
    assert list(recorder.frame()["epoch"]) == [0, 1, 2]


def test_loss_by_update_is_log_spaced_and_exact():
    x, y = tiny_data()
    model = build([cfg.LayerConfig(units=8)])
    recorder = callbacks.LossByUpdate(x[:100], y[:100], growth=2.0)
    model.fit(x, y, batch_size=16, epochs=2, verbose=0, callbacks=[recorder])  # 32 updates
    frame = recorder.frame()
    assert list(frame["update"]) == [0, 1, 2, 4, 8, 16, 32]
    assert frame["seconds"].is_monotonic_increasing and frame["seconds"].iloc[0] == 0
    assert frame["loss"].iloc[-1] == pytest.approx(probes.loss_on(model, x[:100], y[:100]), rel=1e-5)


def test_loss_by_update_stops_at_the_time_budget():
    x, y = tiny_data()
    model = build([cfg.LayerConfig(units=8)])
    recorder = callbacks.LossByUpdate(x[:50], y[:50], time_budget_s=0.0)
    history = model.fit(x, y, batch_size=16, epochs=5, verbose=0, callbacks=[recorder])
    assert recorder.stopped_by_budget and recorder.updates == 1 and len(history.history["loss"]) == 1


def test_warmup_raises_the_rate_linearly_then_holds_it():
    x, y = tiny_data()
    model = build([cfg.LayerConfig(units=8)], learning_rate=0.2)
    warmup = callbacks.LearningRateWarmup(0.2, steps=4)
    model.fit(x, y, batch_size=32, epochs=1, verbose=0, callbacks=[warmup])
    assert list(warmup.frame()["learning_rate"]) == pytest.approx([0.05, 0.1, 0.15, 0.2])
    assert probes.learning_rate(model) == pytest.approx(0.2)


def test_epoch_timer_and_val_train_ratio():
    x, y = tiny_data()
    model = build([cfg.LayerConfig(units=8)])
    timer, ratio = training.EpochTimer(), callbacks.ValTrainRatio(verbose=False)
    history = model.fit(
        x, y, batch_size=32, epochs=3, validation_data=(x[:64], y[:64]), verbose=0, callbacks=[timer, ratio]
    )
    assert len(timer.train) == len(timer.wall) == len(timer.cpu) == 3 and all(s > 0 for s in timer.train)
    assert all(train < wall for train, wall in zip(timer.train, timer.wall))  # validation is left out
    assert timer.typical() > 0 and history.history["epoch_seconds"] == timer.wall
    expected = np.asarray(history.history["val_loss"]) / np.asarray(history.history["loss"])
    np.testing.assert_allclose(ratio.frame()["val_train_ratio"], expected, rtol=1e-6)
    assert isinstance(ratio.frame(), pd.DataFrame)
