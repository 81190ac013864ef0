"""Gradients of the notes' small nets from `tf.GradientTape`, to check the hand-written ones.

Everything runs in float64 (Keras' floatx is switched for the duration), so the
results can be compared with the chain rule to 8 decimals and beyond. The nets are
built by `ann_keras.models.build_model`; the worked example has no biases, so its
zero biases are kept out of the gradient step. Needs the TensorFlow backend.
"""

from __future__ import annotations

import contextlib

import keras
import numpy as np

from ann_keras.errors import UserError
from ann_keras.textbook import backprop
from ann_keras.textbook.keras_xor import sigmoid_net


def _tensorflow():
    if keras.backend.backend() != "tensorflow":
        raise UserError(
            f"tf.GradientTape needs the TensorFlow backend, not {keras.backend.backend()}: run with "
            "--backend tensorflow"
        )
    import tensorflow as tf

    return tf


@contextlib.contextmanager
def float64():
    """Build layers in float64 inside the block; floatx and the dtype policy are restored afterwards.

    Both, because Keras caches the global dtype policy from floatx the first time it is read:
    restoring floatx alone would leave every later layer in float64.
    """
    previous_floatx, previous_policy = keras.config.floatx(), keras.config.dtype_policy()
    keras.config.set_floatx("float64")
    keras.config.set_dtype_policy("float64")
    try:
        yield
    finally:
        keras.config.set_floatx(previous_floatx)
        keras.config.set_dtype_policy(previous_policy)


def xor_mlp_gradients(
    params: dict[str, np.ndarray], x: np.ndarray, targets: np.ndarray
) -> dict[str, np.ndarray]:
    """d(sum 1/2 (output - target)^2)/d(W1, B1, W2, B2) of the 2-2-1 net, by GradientTape."""
    tf = _tensorflow()
    with float64():
        model = sigmoid_net(2, name="xor_mlp_float64")
        model.set_weights([params[name] for name in backprop.PARAMETER_NAMES])
        with tf.GradientTape() as tape:
            loss = 0.5 * tf.reduce_sum((model(np.atleast_2d(x)) - np.atleast_2d(targets)) ** 2)
        grads = tape.gradient(loss, model.trainable_variables)
    return {name: np.asarray(g, dtype=float) for name, g in zip(backprop.PARAMETER_NAMES, grads)}


def worked_example(
    x=backprop.WORKED_EXAMPLE["x"],
    targets=backprop.WORKED_EXAMPLE["targets"],
    weights=backprop.WORKED_EXAMPLE["weights"],
    learning_rate=backprop.WORKED_EXAMPLE["learning_rate"],
) -> dict[str, float]:
    """The worked example's numbers from a Keras net, GradientTape and one Keras SGD step.

    Same keys as `backprop.worked_example` for everything a net computes: forward values,
    E_o1, E_o2, E_total, dE_dW1..dE_dW8, W1+..W8+ and E_total_after.
    """
    tf = _tensorflow()
    w1, w2, w3, w4, w5, w6, w7, w8 = weights
    inputs = np.array([x], dtype=float)
    target = np.array([targets], dtype=float)
    with float64():
        model = sigmoid_net(2, outputs=2, name="worked_example")
        hidden, output = model.get_layer("hidden_1"), model.get_layer("output")
        # Keras kernels are (inputs, units): column j holds the weights into unit j.
        hidden.kernel.assign([[w1, w3], [w2, w4]])
        output.kernel.assign([[w5, w7], [w6, w8]])
        kernels = [hidden.kernel, output.kernel]  # biases stay 0: the notes' net has none

        def error(per_output: bool = False):
            e = 0.5 * (target - model(inputs)) ** 2
            return e if per_output else tf.reduce_sum(e)

        with tf.GradientTape() as tape:
            total = error()
        grads = tape.gradient(total, kernels)
        h = np.asarray(hidden(inputs))[0]
        v = {
            "z1": float((inputs @ np.asarray(hidden.kernel))[0, 0]),
            "z2": float((inputs @ np.asarray(hidden.kernel))[0, 1]),
            "h1": float(h[0]),
            "h2": float(h[1]),
            "z3": float((h @ np.asarray(output.kernel))[0]),
            "z4": float((h @ np.asarray(output.kernel))[1]),
        }
        o = np.asarray(model(inputs))[0]
        e = np.asarray(error(per_output=True))[0]
        v.update(o1=float(o[0]), o2=float(o[1]), E_o1=float(e[0]), E_o2=float(e[1]), E_total=float(total))
        g_hidden, g_output = (np.asarray(g) for g in grads)
        for name, value in zip(("dE_dW1", "dE_dW3", "dE_dW2", "dE_dW4"), g_hidden.ravel()):
            v[name] = float(value)
        for name, value in zip(("dE_dW5", "dE_dW7", "dE_dW6", "dE_dW8"), g_output.ravel()):
            v[name] = float(value)
        keras.optimizers.SGD(learning_rate).apply(grads, kernels)
        k_hidden, k_output = np.asarray(hidden.kernel).ravel(), np.asarray(output.kernel).ravel()
        for name, value in zip(
            ("W1+", "W3+", "W2+", "W4+", "W5+", "W7+", "W6+", "W8+"), [*k_hidden, *k_output]
        ):
            v[name] = float(value)
        v["E_total_after"] = float(error())
    return v


def chain_rule_linear(w: float = -2.0, x: float = 5.0, b: float = 3.0) -> dict[str, float]:
    """f = w x + b and df/dw, df/dx, df/db by GradientTape."""
    tf = _tensorflow()
    variables = [tf.Variable(value, dtype=tf.float64) for value in (w, x, b)]
    with tf.GradientTape() as tape:
        f = variables[0] * variables[1] + variables[2]
    df_dw, df_dx, df_db = tape.gradient(f, variables)
    return {"f": float(f), "df_dw": float(df_dw), "df_dx": float(df_dx), "df_db": float(df_db)}
