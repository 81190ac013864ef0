"""The fused trainer shuffles and steps exactly like `model.fit`, and calls batch hooks where they ask.

Every comparison trains the same model twice from the same seed, once with Keras'
`model.fit` and once with `ann_keras.training.fused.fit`, with shuffling on, and asks for
bit-identical weights and histories: the reference is plain Keras. The JAX backend is
checked in a subprocess (the backend is fixed when Keras is imported).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

keras = pytest.importorskip("keras")

from ann_keras import config as cfg  # noqa: E402
from ann_keras import data, models, training  # noqa: E402
from ann_keras.errors import UserError  # noqa: E402
from ann_keras.training import callbacks, fused, probes  # noqa: E402

TESTS = Path(__file__).resolve().parent
HAS_JAX = __import__("importlib").util.find_spec("jax") is not None


def splits(train, val, dataset="synthetic", data_dir=None):
    return data.load_splits(cfg.DataConfig(dataset=dataset, train_samples=train, val_samples=val), data_dir)


def model_73(seed=42, optimizer="adam", learning_rate=None):
    """혼공머신 7-3's model: Flatten, Dense(100, relu), Dropout(0.3), Dense(10, softmax)."""
    config = cfg.default_config()
    config.model.hidden[0].dropout = 0.3
    config.train.optimizer = optimizer
    config.train.learning_rate = learning_rate
    training.seed_everything(seed)
    return training.compile_model(models.build_model(config.model, (28, 28)), config.train)


def train_both(s, epochs=2, validation=True, make_callbacks=lambda: [], **model_args):
    """[(model, history, callbacks)] for model.fit, then the fused trainer, shuffle=True, batch 32."""
    results = []
    for train in (keras.Model.fit, fused.fit):
        model = model_73(**model_args)
        extra = make_callbacks()
        history = train(
            model,
            s.x_train,
            s.y_train,
            batch_size=32,
            epochs=epochs,
            shuffle=True,
            validation_data=(s.x_val, s.y_val) if validation else None,
            callbacks=extra,
            **({"verbose": 0} if train is keras.Model.fit else {}),
        )
        results.append((model, history.history, extra))
    return results


def compare(train, val, epochs=2, validation=True, dataset="synthetic", data_dir=None) -> dict:
    """What the tests assert, as JSON-ready values (the JAX check prints them from a subprocess)."""
    (a, ha, _), (b, hb, _) = train_both(splits(train, val, dataset, data_dir), epochs, validation)
    return {
        "backend": keras.backend.backend(),
        "iterations": [int(a.optimizer.iterations.numpy()), int(b.optimizer.iterations.numpy())],
        "weights_identical": all(np.array_equal(x, y) for x, y in zip(a.get_weights(), b.get_weights())),
        "max_weight_difference": max(
            float(np.abs(x - y).max()) for x, y in zip(a.get_weights(), b.get_weights())
        ),
        "histories": [ha, hb],
    }


def check(found: dict, train: int, epochs: int, validation: bool) -> None:
    steps = -(-train // 32)
    assert found["iterations"] == [epochs * steps] * 2
    assert found["weights_identical"], found["max_weight_difference"]
    fit_history, fused_history = found["histories"]
    keys = ["accuracy", "loss", "val_accuracy", "val_loss"] if validation else ["accuracy", "loss"]
    assert sorted(fit_history) == sorted(fused_history) == keys
    assert fused_history == fit_history  # every logged number, bit for bit


CASES = [(1000, 100, True), (1000, 100, False), (960, 96, True)]  # 1000 = 31 x 32 + 8; 960 = 30 x 32


@pytest.mark.parametrize("train, val, validation", CASES)
def test_shuffled_fused_training_equals_fit(train, val, validation):
    found = compare(train, val, epochs=3, validation=validation)
    check(found, train, 3, validation)


def record_engines(monkeypatch) -> list:
    """The TensorFlow engines the fused trainer makes from now on, in order."""
    engines = []

    class Recorded(fused.TensorFlowEngine):
        def __init__(self, *args, **kwargs):
            super().__init__(*args, **kwargs)
            engines.append(self)

    monkeypatch.setattr(fused, "TensorFlowEngine", Recorded)
    return engines


tensorflow_only = pytest.mark.skipif(
    keras.backend.backend() != "tensorflow", reason="the chunked validation is TensorFlow's"
)


@tensorflow_only
@pytest.mark.parametrize("chunk", [fused.VALIDATION_CHUNK, 40])
def test_chunked_validation_equals_fit(monkeypatch, chunk):
    """Validation's forward pass in chunks (40 rows: chunk edges inside fit's batches of 32, and
    100 = 3 x 32 + 4 leaves a partial last batch): every epoch's val_loss and val_accuracy as fit's."""
    monkeypatch.setattr(fused, "VALIDATION_CHUNK", chunk)
    engines = record_engines(monkeypatch)
    epochs = fused.MIN_CHUNKED_VALIDATIONS
    check(compare(1000, 100, epochs=epochs), 1000, epochs, True)
    assert [e._chunked for e in engines] == [True]


@keras.saving.register_keras_serializable(package="tests")
class BatchCentered(keras.layers.Layer):
    """Subtracts a tenth of the batch's mean: a row's output depends on the rows beside it."""

    def call(self, x):
        return x - 0.1 * keras.ops.mean(x, axis=0, keepdims=True)


@tensorflow_only
def test_chunked_validation_is_dropped_where_it_would_change_a_number(monkeypatch):
    """A model whose rows are not computed one by one: chunking would change val_loss, so the
    first validation's check keeps fit's way, and the history is fit's."""
    engines = record_engines(monkeypatch)
    s = splits(1000, 100)
    histories = []
    for train in (keras.Model.fit, fused.fit):
        keras.utils.set_random_seed(42)
        model = keras.Sequential(
            [
                keras.Input((28, 28)),
                keras.layers.Flatten(),
                keras.layers.Dense(20, activation="relu"),
                BatchCentered(),
                keras.layers.Dense(10, activation="softmax"),
            ]
        )
        model.compile("adam", "sparse_categorical_crossentropy", metrics=["accuracy"])
        kwargs = {"verbose": 0} if train is keras.Model.fit else {}
        history = train(
            model, s.x_train, s.y_train, batch_size=32, epochs=4, validation_data=(s.x_val, s.y_val), **kwargs
        )
        histories.append(history.history)
    assert [e._chunked for e in engines] == [False]
    assert histories[1] == histories[0]


JAX_COMPARE = """
import json, sys
sys.path.insert(0, {tests!r})
from test_fused_exact import compare
found = [compare(*case, epochs={epochs}, dataset={dataset!r}, data_dir={data_dir!r}) for case in {cases!r}]
print(json.dumps(found))
"""


def run_with_jax(script: str) -> list[dict]:
    env = {**os.environ, "KERAS_BACKEND": "jax", "TF_CPP_MIN_LOG_LEVEL": "3", "JAX_PLATFORMS": "cpu"}
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, env=env, timeout=900, cwd=TESTS
    )
    assert result.returncode == 0, result.stderr[-3000:]
    return json.loads(result.stdout.strip().splitlines()[-1])


@pytest.mark.skipif(not HAS_JAX, reason="JAX is not installed (pip install -e '.[jax]')")
def test_shuffled_fused_training_equals_fit_on_jax():
    cases = [(1000, 100), (960, 96)]
    found = run_with_jax(
        JAX_COMPARE.format(tests=str(TESTS), epochs=3, dataset="synthetic", data_dir=None, cases=cases)
    )
    for (train, _), result in zip(cases, found):
        assert result["backend"] == "jax"
        check(result, train, 3, True)


@pytest.mark.realdata
def test_fused_training_equals_fit_on_the_book_split(real_data_dir, monkeypatch):
    """48,000 Fashion-MNIST images (1,500 batches of 32), 12,000 validated: both backends.
    On TensorFlow enough epochs for the chunked validation to be tried, and it is kept."""
    engines = record_engines(monkeypatch)
    epochs = fused.MIN_CHUNKED_VALIDATIONS
    check(compare(48_000, 12_000, epochs, True, "fashion_mnist", real_data_dir), 48_000, epochs, True)
    assert [e._chunked for e in engines] == [True]
    if HAS_JAX:
        script = JAX_COMPARE.format(
            tests=str(TESTS),
            epochs=2,
            dataset="fashion_mnist",
            data_dir=str(real_data_dir),
            cases=[(48_000, 12_000)],
        )
        check(run_with_jax(script)[0], 48_000, 2, True)


# ---------------------------------------------------------------- batch-level callbacks


def test_loss_by_update_probes_after_1_2_4_8_updates_as_under_fit():
    s = splits(1000, 100)  # 32 updates per epoch
    (fit_model, _, [by_fit]), (fused_model, _, [by_fused]) = train_both(
        s, epochs=2, make_callbacks=lambda: [callbacks.LossByUpdate(s.x_train[:200], s.y_train[:200])]
    )
    assert list(by_fused.frame()["update"]) == [0, 1, 2, 4, 8, 16, 32, 64]
    assert list(by_fit.frame()["update"]) == [0, 1, 2, 4, 8, 16, 32, 64]
    assert list(by_fused.frame()["loss"]) == list(by_fit.frame()["loss"])  # the same model after each
    assert by_fused.frame()["loss"].nunique() == 8


def test_loss_by_update_also_probes_the_milestones():
    s = splits(1000, 100)
    (_, _, [by_fit]), (_, _, [by_fused]) = train_both(
        s,
        epochs=1,
        make_callbacks=lambda: [callbacks.LossByUpdate(s.x_train[:200], s.y_train[:200], also=(10, 20))],
    )
    assert (
        list(by_fused.frame()["update"]) == list(by_fit.frame()["update"]) == [0, 1, 2, 4, 8, 10, 16, 20, 32]
    )
    assert list(by_fused.frame()["loss"]) == list(by_fit.frame()["loss"])


def test_loss_by_update_with_an_unusable_schedule_is_refused():
    x, y = np.zeros((4, 28, 28), "float32"), np.zeros(4, "int32")
    with pytest.raises(UserError, match="growth"):
        callbacks.LossByUpdate(x, y, growth=1.0)
    with pytest.raises(UserError, match="also"):
        callbacks.LossByUpdate(x, y, also=(0,))


def test_time_budget_stops_after_the_update_that_used_it_up():
    s = splits(1000, 100)
    model = model_73()
    recorder = callbacks.LossByUpdate(s.x_train[:50], s.y_train[:50], time_budget_s=0.0)
    history = fused.fit(model, s.x_train, s.y_train, epochs=5, callbacks=[recorder]).history
    assert recorder.stopped_by_budget and recorder.updates == 1 and len(history["loss"]) == 1
    assert int(model.optimizer.iterations.numpy()) == 1


class EveryFive(keras.callbacks.Callback):
    """Declares its batches: the weights after every fifth update."""

    def __init__(self):
        super().__init__()
        self.updates, self.before_epoch, self.seen = 0, 0, []

    def next_batch_call(self):
        return 5 - self.updates % 5

    def on_epoch_begin(self, epoch, logs=None):
        self.before_epoch = self.updates

    def on_train_batch_end(self, batch, logs=None):
        self.updates = self.before_epoch + batch + 1
        if self.updates % 5 == 0:
            probes.sync_state(self.model)
            self.seen.append((self.updates, batch, float(np.sum(self.model.get_weights()[0]))))


def test_a_declared_callback_is_called_after_exactly_its_batches():
    (_, _, [at_fit]), (_, fused_history, [at_fused]) = train_both(
        splits(1000, 100), epochs=2, make_callbacks=lambda: [EveryFive()]
    )
    assert [u for u, _, _ in at_fused.seen] == list(range(5, 65, 5))
    assert at_fused.seen == at_fit.seen  # same batch index within the epoch, same weights


def test_warmup_is_served_before_every_update_it_sets():
    (fit_model, _, [at_fit]), (fused_model, _, [at_fused]) = train_both(
        splits(1000, 100),
        epochs=1,
        optimizer="sgd",
        learning_rate=0.2,
        make_callbacks=lambda: [callbacks.LearningRateWarmup(0.2, steps=6)],
    )
    assert list(at_fused.frame()["learning_rate"]) == list(at_fit.frame()["learning_rate"])
    assert len(at_fused.frame()) == 6
    for a, b in zip(fit_model.get_weights(), fused_model.get_weights()):
        np.testing.assert_array_equal(a, b)


def test_gradient_norms_every_n_updates():
    s = splits(1000, 100)
    (_, _, [at_fit]), (_, _, [at_fused]) = train_both(
        s,
        epochs=1,
        make_callbacks=lambda: [callbacks.GradientNorms(s.x_train[:64], s.y_train[:64], every=10)],
    )
    assert sorted(at_fused.frame()["update"].unique()) == [0, 10, 20, 30, 32]
    assert at_fused.frame().equals(at_fit.frame())


def test_terminate_on_nan_stops_after_the_same_batch_as_fit():
    (fit_model, fit_history, _), (fused_model, fused_history, _) = train_both(
        splits(1000, 100),
        epochs=3,
        optimizer="sgd",
        learning_rate=1e12,
        make_callbacks=lambda: [keras.callbacks.TerminateOnNaN()],
    )
    iterations = int(fused_model.optimizer.iterations.numpy())
    assert iterations == int(fit_model.optimizer.iterations.numpy()) and iterations < 32  # within epoch 1
    assert len(fused_history["loss"]) == 1 and not np.isfinite(fused_history["loss"][0])
    for key in fit_history:
        np.testing.assert_array_equal(fused_history[key], fit_history[key])


class EveryBatch(keras.callbacks.Callback):
    """A user's callback that wants every batch and says nothing about it."""

    def __init__(self):
        super().__init__()
        self.calls = 0

    def on_train_batch_end(self, batch, logs=None):
        self.calls += 1


def test_an_undeclared_batch_callback_falls_back_to_fit_and_says_so(capsys):
    s = splits(1000, 100)
    every = EveryBatch()
    fused.fit(model_73(), s.x_train, s.y_train, epochs=2, callbacks=[every, keras.callbacks.TerminateOnNaN()])
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "EveryBatch" in err[0] and "model.fit" in err[0]
    assert every.calls == 2 * 32


def test_keras_callbacks_saving_per_epoch_keep_the_fused_trainer(tmp_path, capsys):
    s = splits(200, 50)
    fused.fit(
        model_73(),
        s.x_train,
        s.y_train,
        epochs=1,
        validation_data=(s.x_val, s.y_val),
        callbacks=[
            keras.callbacks.ModelCheckpoint(str(tmp_path / "m.keras")),
            keras.callbacks.BackupAndRestore(str(tmp_path / "backup")),
            keras.callbacks.TensorBoard(str(tmp_path / "tb")),
            keras.callbacks.EarlyStopping(),
        ],
    )
    assert capsys.readouterr().err == ""
    assert (
        fused.batch_hooks(keras.callbacks.ModelCheckpoint(str(tmp_path / "m.keras"), save_freq=5)) == "every"
    )


def test_a_search_keeps_the_fused_trainer(tmp_path):
    keras_tuner = pytest.importorskip("keras_tuner")
    from keras_tuner.src.engine.tuner_utils import TunerCallback

    tuner = keras_tuner.RandomSearch(
        lambda hp: model_73(), objective="val_loss", max_trials=1, directory=str(tmp_path), overwrite=True
    )
    assert fused.batch_hooks(TunerCallback(tuner, None)) == "none"

    class Watching(keras_tuner.RandomSearch):
        def on_batch_end(self, trial, model, batch, logs=None):
            pass

    watching = Watching(
        lambda hp: model_73(), objective="val_loss", max_trials=1, directory=str(tmp_path), overwrite=True
    )
    assert fused.batch_hooks(TunerCallback(watching, None)) == "every"
