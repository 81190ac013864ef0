"""The fast trainer does what `model.fit` does: same batches, same updates, same callbacks.

No timings here: `ann-keras bench` measures speed; these tests check the mathematics.
"""

import importlib.util
import json
import os
import subprocess
import sys

import numpy as np
import pytest

from ann_keras import config as cfg
from ann_keras import data
from ann_keras.training.fused import split_batches, updates_per_epoch

keras = pytest.importorskip("keras")

from ann_keras import models, training
from ann_keras.training import fused  # noqa: E402

HAS_JAX = importlib.util.find_spec("jax") is not None


def splits(train=200, val=100, dataset="synthetic", data_dir=None):
    return data.load_splits(cfg.DataConfig(dataset=dataset, train_samples=train, val_samples=val), data_dir)


def model_73(seed=7, learning_rate=None, optimizer="adam", dropout=0.3):
    """혼공머신 7-3's model (Dropout included, so the random stream is compared too)."""
    config = cfg.default_config()
    config.model.hidden[0].dropout = dropout
    config.train.optimizer = optimizer
    config.train.learning_rate = learning_rate
    training.seed_everything(seed)
    model = models.build_model(config.model, (28, 28))
    return training.compile_model(model, config.train)


def fit_both(data_splits, epochs=2, shuffle=False, callbacks=(), **model_args):
    """The same model trained by model.fit and by the fast trainer, from the same seed."""
    results = []
    for train in (keras.Model.fit, fused.fit):
        model = model_73(**model_args)
        history = train(
            model,
            data_splits.x_train,
            data_splits.y_train,
            batch_size=32,
            epochs=epochs,
            validation_data=(data_splits.x_val, data_splits.y_val),
            shuffle=shuffle,
            callbacks=list(callbacks),
            **({"verbose": 0} if train is keras.Model.fit else {}),
        )
        results.append((model, history.history))
    return results


def test_batches_cover_every_sample_once_with_a_partial_last_batch():
    order = np.random.default_rng(0).permutation(1000).astype(np.int32)
    full, rest = split_batches(order, 32)
    assert full.shape == (31, 32) and len(rest) == 8
    assert sorted(np.concatenate([full.ravel(), rest])) == list(range(1000))
    assert (
        updates_per_epoch(1000, 32) == 32
        and updates_per_epoch(48000, 32) == 1500
        and updates_per_epoch(5, 32) == 1
    )


def test_same_updates_and_weights_as_fit_in_the_same_order():
    """Without shuffling both see the same batches: every weight and logged number must match."""
    (fit_model, fit_history), (fast_model, fast_history) = fit_both(splits(train=200), epochs=2)
    assert (
        int(fast_model.optimizer.iterations.numpy()) == int(fit_model.optimizer.iterations.numpy()) == 2 * 7
    )
    assert list(fast_history) == list(fit_history) == ["accuracy", "loss", "val_accuracy", "val_loss"]
    for key in fit_history:
        np.testing.assert_allclose(fast_history[key], fit_history[key], rtol=1e-5)
    for a, b in zip(fit_model.get_weights(), fast_model.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_shuffled_training_lands_in_the_same_accuracy_band(real_data_dir):
    """With shuffling the batches differ by draw only: validation accuracy within a few points."""
    (_, fit_history), (fast_model, fast_history) = fit_both(
        splits(3000, 1000, "fashion_mnist", real_data_dir), epochs=3, shuffle=True
    )
    assert int(fast_model.optimizer.iterations.numpy()) == 3 * updates_per_epoch(3000, 32)
    assert fit_history["val_accuracy"][-1] > 0.75
    assert abs(fast_history["val_accuracy"][-1] - fit_history["val_accuracy"][-1]) < 0.03


class WeightsPerEpoch(keras.callbacks.Callback):
    def __init__(self):
        super().__init__()
        self.weights, self.epochs = [], []

    def on_epoch_end(self, epoch, logs=None):
        self.epochs.append(epoch)
        self.weights.append(self.model.get_weights())


def test_early_stopping_restores_the_best_weights_and_checkpoint_saves_them(tmp_path):
    data_splits = splits(train=300)
    model = model_73(optimizer="sgd", learning_rate=2.0)  # unstable on purpose: val_loss gets worse soon
    snapshots = WeightsPerEpoch()
    callbacks = [
        keras.callbacks.EarlyStopping(patience=1, restore_best_weights=True),
        keras.callbacks.ModelCheckpoint(str(tmp_path / "best.keras"), save_best_only=True),
        snapshots,
    ]
    history = fused.fit(
        model,
        data_splits.x_train,
        data_splits.y_train,
        epochs=30,
        validation_data=(data_splits.x_val, data_splits.y_val),
        callbacks=callbacks,
    ).history
    assert len(history["loss"]) < 30
    best = int(np.argmin(history["val_loss"]))
    for a, b in zip(model.get_weights(), snapshots.weights[best]):
        np.testing.assert_array_equal(a, b)
    saved = keras.saving.load_model(tmp_path / "best.keras")
    for a, b in zip(saved.get_weights(), snapshots.weights[best]):
        np.testing.assert_array_equal(a, b)


def test_terminate_on_nan_stops_after_the_epoch_that_diverged():
    # A huge learning rate overflows the weights in the first epoch. (A NaN pixel is no way to get a
    # NaN loss: on some CPUs the oneDNN ReLU turns NaN into 0.)
    data_splits = splits(train=100)
    x = data_splits.x_train
    model = model_73(optimizer="sgd", learning_rate=1e12)
    history = fused.fit(
        model,
        x,
        data_splits.y_train,
        epochs=5,
        validation_data=(data_splits.x_val, data_splits.y_val),
        callbacks=[keras.callbacks.TerminateOnNaN()],
    ).history
    assert len(history["loss"]) == 1 and np.isnan(history["loss"][0])


class StopAt(keras.callbacks.Callback):
    """Interrupts training at the end of one epoch, like a killed run."""

    def __init__(self, epoch):
        super().__init__()
        self.stop_epoch = epoch

    def on_epoch_end(self, epoch, logs=None):
        if epoch == self.stop_epoch:
            raise KeyboardInterrupt


def test_backup_and_restore_resumes_where_the_run_stopped(tmp_path):
    """An interrupted run resumed with BackupAndRestore ends with the same weights as an uninterrupted one."""
    data_splits = splits(train=200)
    arguments = dict(epochs=4, validation_data=(data_splits.x_val, data_splits.y_val), shuffle=False)
    # No dropout: the backup holds weights and optimizer state, not the dropout random stream.
    whole = model_73(dropout=0.0)
    fused.fit(whole, data_splits.x_train, data_splits.y_train, **arguments)

    backup = keras.callbacks.BackupAndRestore(str(tmp_path / "backup"))
    with pytest.raises(KeyboardInterrupt):
        fused.fit(
            model_73(dropout=0.0),
            data_splits.x_train,
            data_splits.y_train,
            callbacks=[backup, StopAt(1)],
            **arguments,
        )
    resumed = model_73(dropout=0.0)
    epochs = WeightsPerEpoch()
    history = fused.fit(
        resumed,
        data_splits.x_train,
        data_splits.y_train,
        callbacks=[keras.callbacks.BackupAndRestore(str(tmp_path / "backup")), epochs],
        **arguments,
    ).history
    assert epochs.epochs == [2, 3] and len(history["loss"]) == 2
    assert int(resumed.optimizer.iterations.numpy()) == int(whole.optimizer.iterations.numpy()) == 4 * 7
    for a, b in zip(whole.get_weights(), resumed.get_weights()):
        np.testing.assert_allclose(a, b, rtol=1e-5, atol=1e-6)


def test_the_runner_uses_the_configured_trainer(tmp_path):
    from ann_keras.pipeline.experiments import get_experiment
    from ann_keras.pipeline.options import RunOptions
    from ann_keras.pipeline.run import run_experiment

    overrides = {
        **cfg.SMOKE_OVERRIDES,
        "data.dataset": "synthetic",
        "train.trainer": "fast",
        "train.epochs": 2,
    }
    out = run_experiment(
        get_experiment("hg7_3_dropout_early_stopping"),
        overrides,
        RunOptions(results_dir=tmp_path, verbose=False),
    )
    metrics = json.loads((out / "metrics.json").read_text())
    assert metrics["epochs_run"] == 2
    assert json.loads((out / "config.json").read_text())["train"]["trainer"] == "fast"


# ---------------------------------------------------- JAX (in a subprocess: the backend is fixed at import)

JAX_CHECK = """
import json
import numpy as np
import keras
from ann_keras import config as cfg, data, models, training
from ann_keras.training import fused

splits = data.load_splits(cfg.DataConfig(dataset="synthetic", train_samples=200, val_samples=100))
results = []
for train in (keras.Model.fit, fused.fit):
    config = cfg.default_config()
    config.model.hidden[0].dropout = 0.3
    config.train.optimizer = "adam"
    training.seed_everything(7)
    model = training.compile_model(models.build_model(config.model, (28, 28)), config.train)
    extra = {"verbose": 0} if train is keras.Model.fit else {}
    history = train(model, splits.x_train, splits.y_train, batch_size=32, epochs=2, shuffle=False,
                    validation_data=(splits.x_val, splits.y_val), **extra).history
    results.append((model, history))
(a, ha), (b, hb) = results
print(json.dumps({
    "backend": keras.backend.backend(),
    "iterations": [int(a.optimizer.iterations.numpy()), int(b.optimizer.iterations.numpy())],
    "max_weight_difference": max(
        float(np.abs(x - y).max()) for x, y in zip(a.get_weights(), b.get_weights())
    ),
    "val_accuracy": [ha["val_accuracy"], hb["val_accuracy"]],
}))
"""


def run_with_jax(*args):
    env = {**os.environ, "KERAS_BACKEND": "jax", "TF_CPP_MIN_LOG_LEVEL": "3"}
    return subprocess.run([sys.executable, *args], capture_output=True, text=True, env=env, timeout=600)


@pytest.mark.skipif(not HAS_JAX, reason="JAX is not installed (pip install -e '.[jax]')")
def test_jax_fast_trainer_matches_fit():
    result = run_with_jax("-c", JAX_CHECK)
    assert result.returncode == 0, result.stderr
    found = json.loads(result.stdout.strip().splitlines()[-1])
    assert found["backend"] == "jax" and found["iterations"] == [14, 14]
    assert found["max_weight_difference"] < 1e-5
    np.testing.assert_allclose(found["val_accuracy"][0], found["val_accuracy"][1], atol=1e-6)


@pytest.mark.skipif(not HAS_JAX, reason="JAX is not installed (pip install -e '.[jax]')")
def test_an_experiment_runs_on_the_jax_backend(tmp_path):
    sets = [
        f"--set={k}={v}"
        for k, v in {**cfg.SMOKE_OVERRIDES, "data.dataset": "synthetic", "train.epochs": 2}.items()
    ]
    result = run_with_jax(
        "-m",
        "ann_keras",
        "run",
        "hg7_3_dropout_early_stopping",
        "--backend",
        "jax",
        "--results-dir",
        str(tmp_path),
        "--name",
        "on_jax",
        *sets,
    )
    assert result.returncode == 0, result.stderr
    run = json.loads((tmp_path / "hg7_3_dropout_early_stopping" / "runs" / "on_jax" / "run.json").read_text())
    assert run["status"] == "complete" and run["backend"] == "jax" and run["epochs_run"] == 2


@pytest.mark.skipif(not HAS_JAX, reason="JAX is not installed (pip install -e '.[jax]')")
def test_a_search_runs_on_the_jax_backend(tmp_path):
    sets = [
        f"--set={k}={v}"
        for k, v in {
            "data.dataset": "synthetic",
            "data.train_samples": 300,
            "data.val_samples": 100,
            "data.test_samples": 100,
            "train.epochs": 1,
        }.items()
    ]
    result = run_with_jax(
        "-m",
        "ann_keras",
        "tune",
        "wider_search",
        "--backend",
        "jax",
        "--max-trials",
        "2",
        "--epochs",
        "1",
        "--results-dir",
        str(tmp_path / "results"),
        "--work-dir",
        str(tmp_path / "work"),
        *sets,
    )
    assert result.returncode == 0, result.stderr
    out = tmp_path / "results" / "wider_search"
    search = json.loads((out / "search.json").read_text())
    assert search["trials_completed"] == 2 and search["trials_failed"] == 0
    assert json.loads((out / "run.json").read_text())["backend"] == "jax"


@pytest.mark.skipif(keras.backend.backend() != "tensorflow", reason="the TensorFlow engine's traced graph")
def test_the_traced_epoch_does_not_capture_the_training_data():
    """A tensor captured by a traced graph lives as long as the graph: with the data captured,
    every tuner trial kept its own copy of the training set (about 150 MB on Fashion-MNIST)."""
    s = splits(train=300, val=100)
    model = model_73()
    validations = fused.MIN_CHUNKED_VALIDATIONS  # so that the chunked validation is traced too
    engine = fused.TensorFlowEngine(
        model, s.x_train, s.y_train, (s.x_val, s.y_val), 32, False, validations=validations
    )
    engine.train_steps(fused.EpochOrders(len(s.x_train), shuffle=False).next(), 0, 10, True)
    engine.evaluate()
    assert engine._chunked is True
    for function, smallest in [
        (engine._train_function(True), s.x_train.size),
        (engine._test_all, s.x_val.size),
        (engine._test_chunked, s.x_val.size),
    ]:
        concrete = function.get_concrete_function()
        biggest = max((int(np.prod(t.shape)) for t in concrete.captured_inputs if t.shape.rank), default=0)
        assert biggest < smallest
