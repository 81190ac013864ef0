"""The package's trainer: Keras' own training step, a whole epoch per call into the backend.

`model.fit` spends most of its time between the steps, not in them: at batch 32 on
a small MLP, Keras fetches every batch from an input pipeline on the host and
dispatches every step from Python. This trainer keeps the mathematics and removes
that overhead:

- the training and validation arrays go to the device once per `fit`;
- each epoch draws one permutation of the training set (as `fit(shuffle=True)` does)
  and cuts it into the same batches: batch size `train.batch_size`, the last batch
  partial when the batch size does not divide the sample count, so every epoch
  makes ceil(N / batch_size) updates, exactly like `fit`;
- each batch is trained by the model's own `train_step` (same loss, regularisation,
  dropout random stream, optimizer update and metrics), looped on the device:
  `jax.lax.scan` over the epoch's batches on the JAX backend, a `tf.while_loop`
  inside one `tf.function` on TensorFlow;
- validation runs the model's own `test_step` over the validation set in large
  chunks: the same loss and accuracy (means over the samples) as `fit`'s batch-32
  validation, up to float rounding.

Callbacks see what they see under `fit(steps_per_execution=<one epoch>)`:
`on_epoch_begin` / `on_epoch_end` with the same logs (`loss`, `accuracy`,
`val_loss`, `val_accuracy`), and the batch hooks once per epoch. EarlyStopping
(with restore_best_weights), ModelCheckpoint, TensorBoard, TerminateOnNaN (checked
once per epoch), CSV loggers and BackupAndRestore work unchanged, because the
model's variables hold the current state at every epoch boundary.

Backends other than TensorFlow and JAX fall back to `model.fit`.
"""

from __future__ import annotations

import contextlib
import math
from collections.abc import Sequence

import keras
import numpy as np

EVAL_CHUNK = 4096  # validation samples per test_step call; the result is a mean over all of them
SUPPORTED_BACKENDS = ("tensorflow", "jax")


def supported() -> bool:
    """Whether the current Keras backend has an epoch-fused trainer here."""
    return keras.backend.backend() in SUPPORTED_BACKENDS


def updates_per_epoch(samples: int, batch_size: int) -> int:
    """ceil(samples / batch_size): what `fit` does, the last batch partial."""
    return math.ceil(samples / batch_size)


def epoch_order(samples: int, shuffle: bool) -> np.ndarray:
    """One epoch's sample order: a permutation from NumPy's global generator (seeded by
    `seed_everything`), as `fit(shuffle=True)` draws one per epoch, or 0..N-1."""
    return (np.random.permutation(samples) if shuffle else np.arange(samples)).astype(np.int32)


def split_batches(order: np.ndarray, batch_size: int) -> tuple[np.ndarray, np.ndarray]:
    """(full batches as [steps, batch_size], the partial last batch, possibly empty)."""
    full = len(order) // batch_size
    return order[: full * batch_size].reshape(full, batch_size), order[full * batch_size :]


def fit(
    model: keras.Model,
    x: np.ndarray,
    y: np.ndarray,
    validation_data: tuple[np.ndarray, np.ndarray] | None = None,
    batch_size: int = 32,
    epochs: int = 1,
    shuffle: bool = True,
    callbacks: Sequence[keras.callbacks.Callback] = (),
    initial_epoch: int = 0,
) -> keras.callbacks.History:
    """`model.fit(x, y, batch_size, epochs, validation_data, shuffle, callbacks, verbose=0)`, faster.

    The model must be compiled. Returns the `History` callback, like `fit`.
    """
    if not supported():
        return model.fit(
            x,
            y,
            batch_size=batch_size,
            epochs=epochs,
            validation_data=validation_data,
            shuffle=shuffle,
            callbacks=list(callbacks),
            initial_epoch=initial_epoch,
            verbose=0,
        )
    engine = (JaxEngine if keras.backend.backend() == "jax" else TensorFlowEngine)(
        model, x, y, validation_data
    )
    steps = updates_per_epoch(len(x), batch_size)
    callback_list = keras.callbacks.CallbackList(
        list(callbacks),
        add_history=True,
        add_progbar=False,
        model=model,
        verbose=0,
        epochs=epochs,
        steps=steps,
    )
    model.stop_training = False
    callback_list.on_train_begin()
    # BackupAndRestore sets this in on_train_begin when it resumes an interrupted run.
    initial_epoch = getattr(model, "_initial_epoch", None) or initial_epoch
    logs: dict = {}
    for epoch in range(initial_epoch, epochs):
        model.reset_metrics()
        callback_list.on_epoch_begin(epoch)
        callback_list.on_train_batch_begin(0)
        engine.train_epoch(epoch_order(len(x), shuffle), batch_size)
        logs = metric_logs(model)
        callback_list.on_train_batch_end(steps - 1, logs)
        if validation_data is not None:
            logs = {**logs, **{f"val_{k}": v for k, v in evaluate(model, engine, callback_list).items()}}
        callback_list.on_epoch_end(epoch, logs)
        if model.stop_training:
            break
    if epochs > 0 and isinstance(model.optimizer, keras.optimizers.Optimizer):
        model.optimizer.finalize_variable_values(model.trainable_weights)
    callback_list.on_train_end(logs)
    return model.history


def evaluate(model: keras.Model, engine, callback_list) -> dict[str, float]:
    """The validation loss and metrics, with the test hooks `fit`'s validation calls."""
    model.reset_metrics()
    callback_list.on_test_begin()
    callback_list.on_test_batch_begin(0)
    engine.evaluate()
    logs = metric_logs(model)
    callback_list.on_test_batch_end(0, logs)
    callback_list.on_test_end(logs)
    return logs


def metric_logs(model: keras.Model) -> dict[str, float]:
    """The model's metrics as plain floats, in the order `fit` logs them."""
    return {name: float(value) for name, value in model.get_metrics_result().items()}


def prepare(model: keras.Model, x: np.ndarray, y: np.ndarray) -> None:
    """Create the loss, metric and optimizer variables `train_step` works on, as `fit` does first."""
    if hasattr(model, "_symbolic_build"):
        model._symbolic_build(data_batch=(x[:1], y[:1]))
    else:  # older Keras 3: one evaluation builds the compiled loss and metrics
        model.evaluate(x[:1], y[:1], verbose=0)
    if not model.optimizer.built:
        model.optimizer.build(model.trainable_variables)


# ---------------------------------------------------------------- JAX


class JaxEngine:
    """Epochs as one `jax.lax.scan` over Keras' stateless `train_step`."""

    def __init__(self, model: keras.Model, x: np.ndarray, y: np.ndarray, validation_data):
        import jax
        import jax.numpy as jnp

        prepare(model, x, y)
        self.model = model
        self.jax = jax
        self.x, self.y = jnp.asarray(x), jnp.asarray(y)
        self.val = tuple(jnp.asarray(a) for a in validation_data) if validation_data is not None else None

        def take(data, index):
            return tuple(jnp.take(a, index, axis=0) for a in data)

        def train_batches(state, data, batches):
            def body(state, index):
                _, state = model.train_step(state, take(data, index))
                return state, None

            state, _ = jax.lax.scan(body, state, batches)
            return state

        def train_one(state, data, index):
            return model.train_step(state, take(data, index))[1]

        def test_one(state, batch):
            return model.test_step(state, batch)[1]

        self._train_batches = jax.jit(train_batches)
        self._train_one = jax.jit(train_one)
        self._test_one = jax.jit(test_one)

    def _variables(self):
        m = self.model
        return (m.trainable_variables, m.non_trainable_variables, m.optimizer.variables, m.metrics_variables)

    def _read(self, groups):
        return tuple([v.value for v in group] for group in groups)

    def _write(self, groups, values):
        for group, new in zip(groups, values):
            for variable, value in zip(group, new):
                variable.assign(value)

    def train_epoch(self, order: np.ndarray, batch_size: int) -> None:
        full, rest = split_batches(order, batch_size)
        groups = self._variables()
        state = self._read(groups)  # a callback may have changed the weights since the last epoch
        data = (self.x, self.y)
        if len(full):
            state = self._train_batches(state, data, full)
        if len(rest):
            state = self._train_one(state, data, rest)
        self._write(groups, state)

    def evaluate(self) -> None:
        m = self.model
        groups = (m.trainable_variables, m.non_trainable_variables, m.metrics_variables)
        state = self._read(groups)
        samples = len(self.val[0])
        for start in range(0, samples, EVAL_CHUNK):
            state = self._test_one(state, tuple(a[start : start + EVAL_CHUNK] for a in self.val))
        self._write(groups, state)


# ---------------------------------------------------------------- TensorFlow


class TensorFlowEngine:
    """Epochs as one `tf.while_loop` over the model's `train_step`, inside one `tf.function`."""

    def __init__(self, model: keras.Model, x: np.ndarray, y: np.ndarray, validation_data):
        import tensorflow as tf

        prepare(model, x, y)
        self.model = model
        self.tf = tf
        self.x, self.y = tf.constant(x), tf.constant(y)
        self.val = tuple(tf.constant(a) for a in validation_data) if validation_data is not None else None
        # XLA only where Keras itself would use it (compile(jit_compile="auto") turns it off on CPU).
        jit = bool(getattr(model, "jit_compile", False))

        # The data is an argument, not a capture: a captured tensor would stay alive with the
        # traced graph after the fit (about 150 MB per fit of Fashion-MNIST, for every tuner trial).
        def train_epoch(x_all, y_all, order, batch_size):
            samples = tf.shape(order)[0]
            steps = (samples + batch_size - 1) // batch_size

            def body(step):
                index = order[step * batch_size : (step + 1) * batch_size]  # the last batch may be partial
                model.train_step((tf.gather(x_all, index), tf.gather(y_all, index)))
                return (step + 1,)

            tf.while_loop(lambda step: step < steps, body, (tf.constant(0),))
            return steps

        def test_chunk(x_chunk, y_chunk):
            model.test_step((x_chunk, y_chunk))
            return tf.constant(0)

        spec = tf.TensorSpec
        data_spec = [spec([None, *x.shape[1:]], self.x.dtype), spec([None, *y.shape[1:]], self.y.dtype)]
        self._train_epoch = tf.function(
            train_epoch,
            autograph=False,
            jit_compile=jit,
            input_signature=[*data_spec, spec([None], tf.int32), spec([], tf.int32)],
        )
        self._test_chunk = tf.function(
            test_chunk, autograph=False, jit_compile=jit, input_signature=data_spec
        )

    def train_epoch(self, order: np.ndarray, batch_size: int) -> None:
        with quiet_retracing(self.tf):
            self._train_epoch(
                self.x, self.y, self.tf.constant(order), self.tf.constant(batch_size, self.tf.int32)
            )

    def evaluate(self) -> None:
        samples = int(self.val[0].shape[0])
        with quiet_retracing(self.tf):
            for start in range(0, samples, EVAL_CHUNK):
                self._test_chunk(*(a[start : start + EVAL_CHUNK] for a in self.val))


@contextlib.contextmanager
def quiet_retracing(tf):
    """Each fit traces its own epoch function once; TensorFlow's 'excessive retracing' warning
    would otherwise fire when one process trains many models (seeds, variants, tuner trials)."""
    logger = tf.get_logger()
    level = logger.level
    logger.setLevel("ERROR")
    try:
        yield
    finally:
        logger.setLevel(level)
