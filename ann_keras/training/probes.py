"""Looking inside a model: gradients per layer, activations per layer, identical units.

Gradients are taken with each backend's own automatic differentiation
(`tf.GradientTape`, `jax.grad` over `model.stateless_call`, `torch.autograd`), so
the same call works on the TensorFlow and JAX backends of Keras 3 (both tested; the
torch branch follows Keras' torch trainer but has no test, as torch is not a
dependency of this package). They are
gradients of the data loss alone (no weight penalties) on a fixed batch, taken in
inference mode (`training=False`): a probe must not move BatchNormalization's
moving statistics or depend on which units Dropout turned off.

Activations are read by running the model's layer chain (the one every API of
`ann_keras.models` stacks) on a batch, so they work for Sequential, Functional and
subclassed models alike.
"""

from __future__ import annotations

import keras
import numpy as np


def sync_state(model: keras.Model) -> None:
    """Make the model's variables current inside `fit` (the JAX trainer keeps them apart until asked)."""
    sync = getattr(model, "jax_state_sync", None)
    if sync is not None:
        sync()


def set_learning_rate(model: keras.Model, value: float) -> None:
    """Change the optimizer's learning rate between two steps of `fit`, on every backend."""
    sync_state(model)  # on JAX the next step then reads the optimizer state back from the variables
    model.optimizer.learning_rate = float(value)


def learning_rate(model: keras.Model) -> float:
    """The optimizer's current learning rate as a float."""
    return float(keras.ops.convert_to_numpy(model.optimizer.learning_rate))


def _loss_function(model: keras.Model):
    """The compiled loss as a function of (y_true, y_pred) -> mean over the batch."""
    loss = getattr(model, "loss", None) or "sparse_categorical_crossentropy"
    function = keras.losses.get(loss) if isinstance(loss, str) else loss
    return lambda y_true, y_pred: keras.ops.mean(
        function(y_true, y_pred)
    )  # named losses return one value per sample


def loss_on(model: keras.Model, x: np.ndarray, y: np.ndarray) -> float:
    """The model's loss on (x, y) in inference mode, without weight penalties."""
    sync_state(model)
    predictions = model(keras.ops.convert_to_tensor(x), training=False)
    return float(
        keras.ops.convert_to_numpy(_loss_function(model)(keras.ops.convert_to_tensor(y), predictions))
    )


def gradients(model: keras.Model, x: np.ndarray, y: np.ndarray) -> list[np.ndarray]:
    """Gradients of the model's loss on (x, y) for each of `model.trainable_variables`, as NumPy arrays."""
    sync_state(model)
    loss_fn = _loss_function(model)
    variables = model.trainable_variables
    backend = keras.backend.backend()
    if backend == "tensorflow":
        import tensorflow as tf

        with tf.GradientTape() as tape:
            loss = loss_fn(y, model(x, training=False))
        grads = tape.gradient(loss, [v.value for v in variables])
    elif backend == "jax":
        import jax

        non_trainable = [v.value for v in model.non_trainable_variables]

        def loss_of(trainable):
            predictions, _ = model.stateless_call(trainable, non_trainable, x, training=False)
            return loss_fn(y, predictions)

        grads = jax.grad(loss_of)([v.value for v in variables])
    elif backend == "torch":
        import torch

        loss = loss_fn(keras.ops.convert_to_tensor(y), model(keras.ops.convert_to_tensor(x), training=False))
        grads = torch.autograd.grad(loss, [v.value for v in variables], allow_unused=True)
    else:  # pragma: no cover - Keras has no other backend with gradients
        raise NotImplementedError(f"gradients on the {backend} backend")
    return [
        np.zeros(v.shape, dtype=np.float32) if g is None else np.asarray(keras.ops.convert_to_numpy(g))
        for v, g in zip(variables, grads)
    ]


def dense_layers(model: keras.Model) -> list[keras.layers.Dense]:
    """The Dense layers of a model, input side first (hidden_1, hidden_2, ..., output)."""
    return [layer for layer in model.layers if isinstance(layer, keras.layers.Dense)]


def layer_gradient_norms(model: keras.Model, x: np.ndarray, y: np.ndarray) -> dict[str, float]:
    """L2 norm of the loss gradient with respect to each Dense layer's kernel, by layer name."""
    grads = gradients(model, x, y)
    by_id = {id(v): g for v, g in zip(model.trainable_variables, grads)}
    return {layer.name: float(np.linalg.norm(by_id[id(layer.kernel)])) for layer in dense_layers(model)}


def layer_chain(model: keras.Model) -> list[keras.layers.Layer]:
    """The layers from input to output in the order `ann_keras.models` stacks them."""
    stack = getattr(model, "stack", None)  # SubclassedMLP keeps its layers here
    layers = (
        list(stack)
        if stack is not None
        else [layer for layer in model.layers if not isinstance(layer, keras.layers.InputLayer)]
    )
    if any(isinstance(layer, keras.layers.Concatenate) for layer in layers):
        raise ValueError(
            f"{model.name} is not a chain of layers (wide & deep); its activations are not read layer by "
            "layer"
        )
    return layers


def hidden_activations(model: keras.Model, x: np.ndarray) -> dict[str, np.ndarray]:
    """What each hidden layer outputs after its activation function, on `x` (inference mode).

    Keys are `hidden_1`, `hidden_2`, ... as in `ann_keras.models.hidden_block`; the
    value is the output of the activation (inside Dense, or its own layer).
    """
    sync_state(model)
    outputs: dict[str, np.ndarray] = {}
    current = None
    value = keras.ops.convert_to_tensor(x)
    for layer in layer_chain(model):
        value = layer(value, training=False)
        name = layer.name
        if name.startswith("hidden_"):
            current = name
            if _activation_inline(layer):
                outputs[current] = value
        elif name.startswith("activation_") and current is not None:
            outputs[current] = value
    return {name: np.asarray(keras.ops.convert_to_numpy(v)) for name, v in outputs.items()}


def _activation_inline(layer: keras.layers.Layer) -> bool:
    activation = getattr(layer, "activation", None)
    return activation is not None and getattr(activation, "__name__", "") != "linear"


def activation_statistics(activations: dict[str, np.ndarray]) -> list[dict]:
    """Mean, standard deviation and where the values sit, per hidden layer.

    `zero_fraction`: outputs exactly 0 (dead ReLUs, all-zero weights); `small_fraction`:
    |output| < 0.01 (sigmoid's lower end, collapsed activations); `near_one_fraction`:
    |output| > 0.99 (sigmoid's and tanh's saturated ends); `distinct_units`: how many
    units behave differently on these samples.
    """
    rows = []
    for name, values in activations.items():
        values = np.asarray(values, dtype=np.float64)
        magnitude = np.abs(values)
        rows.append(
            {
                "layer": name,
                "mean": float(values.mean()),
                "std": float(values.std()),
                "zero_fraction": float(np.mean(values == 0.0)),
                "small_fraction": float(np.mean(magnitude < 0.01)),
                "near_one_fraction": float(np.mean(magnitude > 0.99)),
                "distinct_units": distinct_units(values),
            }
        )
    return rows


def activation_histograms(
    activations: dict[str, np.ndarray], bins: int = 30, value_range: tuple[float, float] | None = None
) -> list[dict]:
    """Each hidden layer's outputs counted into `bins` bins, as `np.histogram` counts them.

    Args:
        activations: layer name -> outputs (`hidden_activations`).
        bins: bins per layer.
        value_range: (low, high) of the bins; None: each layer's own smallest and largest output.
    Returns:
        One row per bin: `layer` (1 next to the input), `bin_left`, `bin_right`, `count`.
    """
    rows = []
    for layer, values in enumerate(activations.values(), 1):
        counts, edges = np.histogram(
            np.asarray(values, dtype=np.float64).ravel(), bins=bins, range=value_range
        )
        rows += [
            {"layer": layer, "bin_left": float(left), "bin_right": float(right), "count": int(number)}
            for left, right, number in zip(edges[:-1], edges[1:], counts)
        ]
    return rows


def distinct_units(outputs: np.ndarray, atol: float = 1e-6) -> int:
    """How many different units a layer has: columns of `outputs` (samples x units) that differ.

    A network whose weights all start at zero keeps every hidden unit identical,
    so each of its hidden layers has 1 distinct unit however wide it is.
    """
    columns = np.asarray(outputs, dtype=np.float64).reshape(len(outputs), -1).T
    kept: list[np.ndarray] = []
    for column in columns:
        if not any(np.allclose(column, other, atol=atol, rtol=0.0) for other in kept):
            kept.append(column)
    return len(kept)
