"""The package's trainer: Keras' own training step, a whole epoch per call into the backend.

`model.fit` spends most of its time between the steps, not in them: at batch 32 on
a small MLP, Keras fetches every batch from an input pipeline on the host and
dispatches every step from Python. This trainer keeps the mathematics and removes
that overhead:

- the training and validation arrays go to the device once per `fit`;
- each epoch's sample order comes from where `fit` takes it: Keras' own array data
  adapter, with `shuffle` as given, drawn at the same moment (`EpochOrders`). On
  TensorFlow that is the adapter's `tf.data` shuffle (seeded by the global seed: with
  `keras.utils.set_random_seed`, Keras 3 gives the same order every epoch), on JAX
  NumPy's global generator (one permutation per epoch, and one more when the first
  `fit` builds the model's metrics). The order is cut into the same batches: batch
  size `train.batch_size`, the last batch partial when it does not divide the sample
  count, ceil(N / batch_size) updates per epoch;
- each batch is trained by the model's own `train_step` (same loss, regularisation,
  dropout random stream, optimizer update and metrics), looped on the device: a
  `jax.lax.while_loop` over Keras' stateless `train_step` on JAX, a `tf.while_loop`
  inside one `tf.function` on TensorFlow;
- validation runs the model's own `test_step` over the validation set in batches of
  the training batch size, as `fit` validates, looped on the device the same way (on
  TensorFlow its forward pass in large chunks, kept only where that gives every metric
  bit for bit: `TensorFlowEngine`).
So with the same seed it ends with the weights and history `model.fit` ends with.

Callbacks: `on_epoch_begin` / `on_epoch_end` with the same logs (`loss`, `accuracy`,
`val_loss`, `val_accuracy`). Batch hooks (`on_train_batch_begin` / `_end`) are called
at the batches a callback asks for, no others skipped silently:
- a callback that defines `next_batch_call()` (the number of updates after which it
  next needs its batch hooks, None for no more; the recorders of
  `ann_keras.training.callbacks` do) gets them exactly there: the epoch is split at
  those steps (the loop runs up to the next one, the hooks are called, it goes on);
- `TerminateOnNaN` is served in the loop: it stops after the first update whose
  running loss is NaN or infinite, and the hooks are called there, as in `fit`;
- Keras' TensorBoard, ModelCheckpoint and BackupAndRestore saving per epoch, and
  keras-tuner's trial callback (when the tuner has no batch hooks), use no batch hooks;
- any other callback with batch hooks makes `fit` hand the run to `model.fit`, and
  say so in one line.
EarlyStopping (with restore_best_weights), ModelCheckpoint, TensorBoard, CSV loggers
and BackupAndRestore work unchanged, because the model's variables hold the current
state at every call back.

Backends other than TensorFlow and JAX fall back to `model.fit`.
"""

from __future__ import annotations

import contextlib
import math
import sys
from collections.abc import Sequence

import keras
import numpy as np

SUPPORTED_BACKENDS = ("tensorflow", "jax")
BATCH_HOOKS = ("on_train_batch_begin", "on_train_batch_end", "on_batch_begin", "on_batch_end")


def supported() -> bool:
    """Whether the current Keras backend has an epoch-fused trainer here."""
    return keras.backend.backend() in SUPPORTED_BACKENDS


def updates_per_epoch(samples: int, batch_size: int) -> int:
    """ceil(samples / batch_size): what `fit` does, the last batch partial."""
    return math.ceil(samples / batch_size)


def split_batches(order: np.ndarray, batch_size: int) -> tuple[np.ndarray, np.ndarray]:
    """(full batches as [steps, batch_size], the partial last batch, possibly empty)."""
    full = len(order) // batch_size
    return order[: full * batch_size].reshape(full, batch_size), order[full * batch_size :]


class EpochOrders:
    """Each epoch's sample order, taken from Keras' own array data adapter as `fit` builds it.

    The adapter holds the sample indices instead of the data and cuts them into one batch
    of all of them: its shuffle draws one permutation of all samples per epoch whatever
    the batch size, so this is the order `fit` cuts into batches. On TensorFlow the
    adapter's `tf.data` pipeline is built once per fit, as `fit` builds it, and read once
    per epoch; on JAX its NumPy iterator draws from NumPy's global generator.
    """

    def __init__(self, samples: int, shuffle: bool):
        from keras.src.trainers.data_adapters import get_data_adapter

        self.samples, self.shuffle = samples, shuffle
        self.adapter = get_data_adapter(x=np.arange(samples), batch_size=max(samples, 1), shuffle=shuffle)
        self._dataset, self._seeded = None, False
        if shuffle and keras.backend.backend() == "tensorflow":
            self._dataset = self.adapter.get_tf_dataset()
            self._seeded = tensorflow_global_seed() is not None
        self._drawn: np.ndarray | None = None

    def next(self) -> np.ndarray:
        """The next epoch's order (int32), drawn now.

        With TensorFlow's global seed set when the pipeline was built, its shuffle op has
        fixed seeds and every new iterator (`fit` makes one per epoch) starts that op
        afresh: every epoch's order is the first one, which is kept instead of drawn again.
        """
        if not self.shuffle:
            return np.arange(self.samples, dtype=np.int32)
        if self._dataset is not None:
            if self._seeded and self._drawn is not None:
                return self._drawn
            batch = next(iter(self._dataset))
        else:
            batch = next(self.adapter.get_numpy_iterator())
        self._drawn = np.asarray(keras.tree.flatten(batch)[0], dtype=np.int32)
        return self._drawn


def tensorflow_global_seed() -> int | None:
    """TensorFlow's global seed (what `keras.utils.set_random_seed` sets), None when unset."""
    from tensorflow.python.eager import context

    return context.global_seed()


# ---------------------------------------------------------------- batch-level callbacks


def batch_hooks(callback: keras.callbacks.Callback) -> str:
    """What a callback needs of the batch hooks: 'none', 'declared' (it says which batches:
    `next_batch_call`), 'nan' (TerminateOnNaN) or 'every' (every batch, undeclared)."""
    if callable(getattr(callback, "next_batch_call", None)):
        return "declared"
    if isinstance(callback, keras.callbacks.TerminateOnNaN):
        return "nan"
    if isinstance(callback, (keras.callbacks.ModelCheckpoint, keras.callbacks.BackupAndRestore)):
        if getattr(callback, "save_freq", "epoch") in ("epoch", False):
            return "none"
    if isinstance(callback, keras.callbacks.TensorBoard):
        per_epoch = getattr(callback, "update_freq", "epoch") == "epoch"
        if (
            per_epoch
            and not getattr(callback, "_should_trace", False)
            and not callback.write_steps_per_second
        ):
            return "none"
    if type(callback).__name__ == "TunerCallback" and type(callback).__module__.startswith("keras_tuner"):
        import keras_tuner  # its batch hooks call the tuner's, which do nothing unless a tuner overrides them

        tuner = type(callback.tuner)
        if all(
            getattr(tuner, h) is getattr(keras_tuner.Tuner, h) for h in ("on_batch_begin", "on_batch_end")
        ):
            return "none"
    base = keras.callbacks.Callback
    overridden = any(getattr(type(callback), hook) is not getattr(base, hook) for hook in BATCH_HOOKS)
    return "every" if overridden else "none"


def unserved(callbacks: Sequence[keras.callbacks.Callback]) -> list[keras.callbacks.Callback]:
    """The callbacks this trainer cannot call after exactly the batches they ask for."""
    return [c for c in callbacks if batch_hooks(c) == "every"]


def next_stop(declared: Sequence[keras.callbacks.Callback], step: int, steps: int) -> int:
    """The step (within the epoch) after which the next declared batch call is due, else the epoch's end."""
    stop = steps
    for callback in declared:
        after = callback.next_batch_call()
        if after is not None:
            if int(after) < 1:
                raise ValueError(
                    f"{type(callback).__name__}.next_batch_call() returned {after}: must be 1 or more"
                )
            stop = min(stop, step + int(after))
    return stop


# ---------------------------------------------------------------- fit


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
    callbacks = list(callbacks)
    slow = unserved(callbacks) if supported() else []
    if supported() and loss_total(model) is None:  # no loss tracker to stop on: TerminateOnNaN per batch
        slow += [c for c in callbacks if batch_hooks(c) == "nan"]
    if slow:
        names = ", ".join(dict.fromkeys(type(c).__name__ for c in slow))
        print(
            f"ann-keras: {names} asks for its batch hooks after every batch and does not say after which "
            "it needs them (next_batch_call): training with model.fit",
            file=sys.stderr,
            flush=True,
        )
    if not supported() or slow:
        return model.fit(
            x,
            y,
            batch_size=batch_size,
            epochs=epochs,
            validation_data=validation_data,
            shuffle=shuffle,
            callbacks=callbacks,
            initial_epoch=initial_epoch,
            verbose=0,
        )
    engine = (JaxEngine if keras.backend.backend() == "jax" else TensorFlowEngine)(
        model, x, y, validation_data, batch_size, shuffle, validations=epochs - initial_epoch
    )
    orders = EpochOrders(len(x), shuffle)
    steps = updates_per_epoch(len(x), batch_size)
    declared = [c for c in callbacks if batch_hooks(c) == "declared"]
    stop_on_nan = any(batch_hooks(c) == "nan" for c in callbacks)
    callback_list = keras.callbacks.CallbackList(
        callbacks,
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
        order, step = None, 0
        while step < steps:
            callback_list.on_train_batch_begin(step)
            if order is None:  # fit draws the order when the epoch's first batch is fetched
                order = orders.next()
            stop = next_stop(declared, step, steps)
            step_reached = engine.train_steps(order, step, stop, stop_on_nan)
            logs = metric_logs(model)
            callback_list.on_train_batch_end(step_reached - 1, logs)
            if model.stop_training or step_reached < stop:
                break
            step = step_reached
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


def loss_total(model: keras.Model):
    """The variable that sums the epoch's training loss (the loss tracker's `total`), or None."""
    tracker = next((m for m in model.metrics if m.name == "loss"), None)
    return getattr(tracker, "total", None)


def prepare(model: keras.Model, x: np.ndarray, y: np.ndarray, batch_size: int, shuffle: bool) -> None:
    """Create the loss, metric and optimizer variables `train_step` works on, as `fit` does first.

    On JAX `fit` builds them from the first batch of its shuffled iterator, which draws one
    permutation from NumPy when anything is still unbuilt: the same iterator is used here.
    """
    if not hasattr(model, "_symbolic_build"):  # older Keras 3: one evaluation builds loss and metrics
        model.evaluate(x[:1], y[:1], verbose=0)
    elif keras.backend.backend() == "jax":
        from keras.src.trainers.epoch_iterator import EpochIterator

        model._symbolic_build(iterator=EpochIterator(x=x, y=y, batch_size=batch_size, shuffle=shuffle))
    else:  # TensorFlow's iterator draws nothing from NumPy
        model._symbolic_build(data_batch=(x[:1], y[:1]))
    if not model.optimizer.built:
        model.optimizer.build(model.trainable_variables)


# ---------------------------------------------------------------- JAX


class JaxEngine:
    """Steps as one `jax.lax.while_loop` over Keras' stateless `train_step`."""

    def __init__(
        self,
        model: keras.Model,
        x: np.ndarray,
        y: np.ndarray,
        validation_data,
        batch_size,
        shuffle,
        validations: int = 1,  # the TensorFlow engine's; validation here is already one scan
    ):
        import jax
        import jax.numpy as jnp

        prepare(model, x, y, batch_size, shuffle)
        self.model, self.jnp, self.batch_size = model, jnp, batch_size
        self.x, self.y = jnp.asarray(x), jnp.asarray(y)
        self.val_full = self.val_rest = None
        if validation_data is not None:
            full = len(validation_data[0]) // batch_size * batch_size
            self.val_full = tuple(
                jnp.asarray(a[:full]).reshape(-1, batch_size, *a.shape[1:]) for a in validation_data
            )
            self.val_rest = tuple(jnp.asarray(a[full:]) for a in validation_data)
        total = loss_total(model)
        self._loss_index = next((i for i, v in enumerate(model.metrics_variables) if v is total), None)
        self._order = self._full = self._rest = None
        loss_index = self._loss_index

        def take(data, index):
            return tuple(jnp.take(a, index, axis=0) for a in data)

        def finite(state):
            return jnp.isfinite(state[3][loss_index])

        def train_range(state, data, batches, start, stop, check):
            def cond(carry):
                step, state = carry
                going = step < stop
                return jnp.logical_and(going, finite(state)) if check else going

            def body(carry):
                step, state = carry
                _, state = model.train_step(state, take(data, batches[step]))
                return step + 1, state

            step, state = jax.lax.while_loop(cond, body, (jnp.asarray(start, jnp.int32), state))
            return state, step

        def train_one(state, data, index):
            return model.train_step(state, take(data, index))[1]

        def test_batches(state, batches):
            def body(state, batch):
                return model.test_step(state, batch)[1], None

            return jax.lax.scan(body, state, batches)[0]

        def test_one(state, batch):
            return model.test_step(state, batch)[1]

        self._finite = jax.jit(finite)
        self._train_range = jax.jit(train_range, static_argnames="check")
        self._train_one = jax.jit(train_one)
        self._test_batches = jax.jit(test_batches)
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

    def train_steps(self, order: np.ndarray, start: int, stop: int, check_nan: bool) -> int:
        """Train steps start..stop-1 of the epoch whose order is `order`; returns the step reached
        (less than `stop` when `check_nan` and the running loss stopped being finite)."""
        if order is not self._order:
            full, rest = split_batches(order, self.batch_size)
            self._order, self._full, self._rest = order, self.jnp.asarray(full), self.jnp.asarray(rest)
        groups = self._variables()
        state = self._read(groups)  # a callback may have changed the weights or the learning rate
        data = (self.x, self.y)
        full = len(self._full)
        step = start
        if start < full:
            state, step = self._train_range(state, data, self._full, start, min(stop, full), check=check_nan)
            step = int(step)
        if stop > full and step == full and len(self._rest):
            if not check_nan or bool(self._finite(state)):
                state = self._train_one(state, data, self._rest)
                step += 1
        self._write(groups, state)
        return step

    def evaluate(self) -> None:
        m = self.model
        groups = (m.trainable_variables, m.non_trainable_variables, m.metrics_variables)
        state = self._read(groups)
        if len(self.val_full[0]):
            state = self._test_batches(state, self.val_full)
        if len(self.val_rest[0]):
            state = self._test_one(state, self.val_rest)
        self._write(groups, state)


# ---------------------------------------------------------------- TensorFlow


class TensorFlowEngine:
    """Steps as one `tf.while_loop` over the model's `train_step`, inside one `tf.function`.

    Validation is `fit`'s: the model's `test_step` over batches of the training batch
    size. Most of its time is the forward pass, which a model computes row by row; so
    where the model uses Keras' own `test_step` and has one output, the forward pass is
    made in chunks of `VALIDATION_CHUNK` rows and the rest of `test_step` (loss, loss
    tracker, metrics) runs batch by batch on slices of it, in `fit`'s batches and order.
    The first validation of every fit of `MIN_CHUNKED_VALIDATIONS` or more epochs runs
    both ways and keeps the chunked way only when every metric variable comes out bit for
    bit the same; otherwise it validates as `fit` does.
    """

    def __init__(
        self,
        model: keras.Model,
        x: np.ndarray,
        y: np.ndarray,
        validation_data,
        batch_size,
        shuffle,
        validations: int = 1,
    ):
        import tensorflow as tf

        prepare(model, x, y, batch_size, shuffle)
        self.model, self.tf, self.batch_size = model, tf, batch_size
        self.x, self.y = tf.constant(x), tf.constant(y)
        self.val = tuple(tf.constant(a) for a in validation_data) if validation_data is not None else None
        # XLA only where Keras itself would use it (compile(jit_compile="auto") turns it off on CPU).
        self._jit = bool(getattr(model, "jit_compile", False))
        self._order = self._order_tensor = None
        self._train_functions: dict[bool, object] = {}
        # Tracing the chunked way and checking it once costs about what it saves in two validations.
        worth_it = validations >= MIN_CHUNKED_VALIDATIONS and self.val is not None and len(validation_data[0])
        self._chunked: bool | None = None if worth_it and chunked_validation_applies(model) else False
        spec = tf.TensorSpec
        self._data_spec = [spec([None, *x.shape[1:]], self.x.dtype), spec([None, *y.shape[1:]], self.y.dtype)]

        def test_all(x_val, y_val, batch_size):
            samples = tf.shape(x_val)[0]
            steps = (samples + batch_size - 1) // batch_size

            def body(step):
                window = slice(step * batch_size, (step + 1) * batch_size)
                model.test_step((x_val[window], y_val[window]))
                return (step + 1,)

            (step,) = tf.while_loop(lambda step: step < steps, body, (tf.constant(0),))
            return step

        self._test_all = tf.function(
            test_all,
            autograph=False,
            jit_compile=self._jit,
            input_signature=[*self._data_spec, spec([], tf.int32)],
        )
        self._test_chunked = None
        if self.val is not None and self._chunked is None:
            val_spec = [spec(a.shape, a.dtype) for a in self.val]  # fixed sizes: the chunks unroll
            self._test_chunked = tf.function(
                lambda x_val, y_val: chunked_test(model, tf, x_val, y_val, batch_size),
                autograph=False,
                jit_compile=self._jit,
                input_signature=val_spec,
            )

    def _train_function(self, check: bool):
        """The traced loop over steps; `check` (stop on a non-finite running loss) is traced in or out."""
        if check not in self._train_functions:
            tf, model = self.tf, self.model
            total = loss_total(model) if check else None

            # The data is an argument, not a capture: a captured tensor would stay alive with the
            # traced graph after the fit (about 150 MB per fit of Fashion-MNIST, for every tuner trial).
            def train_steps(x_all, y_all, order, batch_size, start, stop):
                def cond(step):
                    going = step < stop
                    if total is None:
                        return going
                    return tf.logical_and(going, tf.math.is_finite(tf.convert_to_tensor(total.value)))

                def body(step):
                    # The last batch may be partial.
                    index = order[step * batch_size : (step + 1) * batch_size]
                    model.train_step((tf.gather(x_all, index), tf.gather(y_all, index)))
                    return (step + 1,)

                (step,) = tf.while_loop(cond, body, (start,))
                return step

            spec, scalar = tf.TensorSpec, tf.TensorSpec([], tf.int32)
            self._train_functions[check] = tf.function(
                train_steps,
                autograph=False,
                jit_compile=self._jit,
                input_signature=[*self._data_spec, spec([None], tf.int32), scalar, scalar, scalar],
            )
        return self._train_functions[check]

    def train_steps(self, order: np.ndarray, start: int, stop: int, check_nan: bool) -> int:
        """Train steps start..stop-1 of the epoch whose order is `order`; returns the step reached
        (less than `stop` when `check_nan` and the running loss stopped being finite)."""
        tf = self.tf
        if order is not self._order:  # one copy of the order per epoch, whatever the number of calls
            self._order, self._order_tensor = order, tf.constant(order)
        with quiet_retracing(tf):
            step = self._train_function(check_nan)(
                self.x,
                self.y,
                self._order_tensor,
                tf.constant(self.batch_size, tf.int32),
                tf.constant(start, tf.int32),
                tf.constant(stop, tf.int32),
            )
        return int(step)

    def evaluate(self) -> None:
        tf = self.tf
        with quiet_retracing(tf):
            if self._chunked:
                self._test_chunked(*self.val)
                return
            if self._chunked is False:
                self._test_all(*self.val, tf.constant(self.batch_size, tf.int32))
                return
            # The fit's first validation: both ways from the same metric state; the same numbers?
            variables = self.model.metrics_variables
            before = [v.numpy() for v in variables]
            self._test_all(*self.val, tf.constant(self.batch_size, tf.int32))
            exact = [v.numpy() for v in variables]
            for variable, value in zip(variables, before):
                variable.assign(value)
            try:
                self._test_chunked(*self.val)
                self._chunked = all(np.array_equal(a, v.numpy()) for a, v in zip(exact, variables))
            except Exception:  # Keras internals it copies changed: validate as fit does, as just done
                self._chunked = False
            if not self._chunked:
                for variable, value in zip(variables, exact):
                    variable.assign(value)


VALIDATION_CHUNK = 4096  # rows per forward pass of the chunked validation
MIN_CHUNKED_VALIDATIONS = 3  # epochs a fit must have ahead of it to try the chunked validation


def chunked_validation_applies(model: keras.Model) -> bool:
    """Keras' own TensorFlow `test_step` and one output tensor: what the chunked validation copies."""
    from keras.src.backend.tensorflow.trainer import TensorFlowTrainer

    if type(model).test_step is not TensorFlowTrainer.test_step:
        return False
    outputs = getattr(model, "outputs", None)
    return isinstance(outputs, list) and len(outputs) == 1


def chunked_test(model: keras.Model, tf, x_val, y_val, batch_size: int):
    """`test_step` over `fit`'s validation batches, the forward pass made in chunks (traced)."""
    from keras.src.losses import loss as loss_module

    samples = int(x_val.shape[0])
    preds, logits = [], []
    for start in range(0, samples, VALIDATION_CHUNK):
        chunk = x_val[start : start + VALIDATION_CHUNK]
        pred = model(chunk, training=False) if model._call_has_training_arg else model(chunk)
        preds.append(pred)
        logits.append(getattr(pred, "_keras_logits", None))
    y_pred = tf.concat(preds, axis=0)
    y_logits = tf.concat(logits, axis=0) if all(t is not None for t in logits) else None
    steps = (samples + batch_size - 1) // batch_size

    def body(step):
        window = slice(step * batch_size, (step + 1) * batch_size)
        x, y, pred = x_val[window], y_val[window], y_pred[window]
        if y_logits is not None:  # what the output activation attached, for the loss to use
            pred._keras_logits = y_logits[window]
        loss = model._compute_loss(x=x, y=y, y_pred=pred, sample_weight=None, training=False)
        model._loss_tracker.update_state(
            loss_module.unscale_loss_for_distribution(loss), sample_weight=tf.shape(x)[0]
        )
        model.compute_metrics(x, y, pred, sample_weight=None)
        return (step + 1,)

    (step,) = tf.while_loop(lambda step: step < steps, body, (tf.constant(0),))
    return step


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
