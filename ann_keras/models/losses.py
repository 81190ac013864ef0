"""Losses the config can name beyond Keras' own (`train.loss`).

`sparse_mean_squared_error` is the notes' mean squared error on a classifier:
the softmax output against the one-hot label, so it works with the integer labels
every experiment uses. Keras' own `mean_squared_error` would need one-hot targets.
"""

from __future__ import annotations

import keras


@keras.saving.register_keras_serializable(package="ann_keras")
def sparse_mean_squared_error(y_true, y_pred):
    """mean over classes of (one_hot(label) - output)^2, per sample."""
    labels = keras.ops.cast(keras.ops.reshape(y_true, (-1,)), "int32")
    one_hot = keras.ops.one_hot(labels, y_pred.shape[-1], dtype=y_pred.dtype)
    return keras.ops.mean(keras.ops.square(one_hot - y_pred), axis=-1)


LOSSES = {"sparse_mean_squared_error": sparse_mean_squared_error}


def get(name: str):
    """The loss called `name`: one of LOSSES, else Keras' own (ValueError when neither knows it)."""
    return LOSSES[name] if name in LOSSES else keras.losses.get(name)
