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


@keras.saving.register_keras_serializable(package="ann_keras")
class SparseSmoothedCrossentropy(keras.losses.Loss):
    """Keras' categorical crossentropy with `label_smoothing`, on integer labels.

    Keras 3's SparseCategoricalCrossentropy takes no label smoothing; its categorical
    crossentropy does, on one-hot targets. This makes the one-hot targets from the
    integer labels inside the loss (the data stays as it is) and calls
    `keras.losses.categorical_crossentropy(..., label_smoothing=e)`: the targets become
    (1 - e) * one_hot + e / classes. Used only when `train.label_smoothing` > 0.
    """

    def __init__(self, label_smoothing: float = 0.0, name: str = "sparse_smoothed_crossentropy", **kwargs):
        super().__init__(name=name, **kwargs)
        self.label_smoothing = float(label_smoothing)

    def call(self, y_true, y_pred):
        labels = keras.ops.cast(keras.ops.reshape(y_true, (-1,)), "int32")
        one_hot = keras.ops.one_hot(labels, y_pred.shape[-1], dtype=y_pred.dtype)
        return keras.losses.categorical_crossentropy(one_hot, y_pred, label_smoothing=self.label_smoothing)

    def get_config(self):
        return {**super().get_config(), "label_smoothing": self.label_smoothing}


LOSSES = {"sparse_mean_squared_error": sparse_mean_squared_error}


def get(name: str, label_smoothing: float = 0.0):
    """The loss called `name`: one of LOSSES, else Keras' own (ValueError when neither knows it).

    With `label_smoothing` > 0 (sparse_categorical_crossentropy only, as `config.validate`
    checks), the smoothed crossentropy above; at 0 the loss is exactly what it was.
    """
    if label_smoothing:
        if name != "sparse_categorical_crossentropy":
            raise ValueError(f"label smoothing applies to sparse_categorical_crossentropy, not {name}")
        return SparseSmoothedCrossentropy(label_smoothing)
    return LOSSES[name] if name in LOSSES else keras.losses.get(name)
