"""Layers Keras does not ship: Maxout (notes 002 and 004).

Maxout(k) takes the maximum over groups of k consecutive features: a unit with
inputs z_1..z_k (k linear pieces w_i . x + b_i computed by the Dense layer before
it) outputs max(z_1, ..., z_k). TF-Addons had such a layer; it is end-of-life, so
the package keeps its own, written with `keras.ops` for every backend.
"""

from __future__ import annotations

import keras

from ann_keras.errors import UserError


@keras.saving.register_keras_serializable(package="ann_keras")
class Maxout(keras.layers.Layer):
    """max over each group of `pieces` consecutive features: (..., units * pieces) -> (..., units)."""

    def __init__(self, pieces: int = 2, **kwargs):
        super().__init__(**kwargs)
        if int(pieces) < 1:
            raise UserError(f"maxout:{pieces}: the number of pieces needs to be 1 or more, like maxout:2")
        self.pieces = int(pieces)

    @property
    def features_per_unit(self) -> int:
        """How many input features make one output unit (what the Dense layer before it multiplies by)."""
        return self.pieces

    def build(self, input_shape):
        features = input_shape[-1]
        if features is not None and features % self.pieces:
            raise ValueError(
                f"Maxout({self.pieces}) needs a feature count divisible by {self.pieces}, got {features}"
            )
        self.built = True

    def call(self, inputs):
        units = inputs.shape[-1] // self.pieces
        grouped = keras.ops.reshape(inputs, (-1, *inputs.shape[1:-1], units, self.pieces))
        return keras.ops.max(grouped, axis=-1)

    def compute_output_shape(self, input_shape):
        features = input_shape[-1]
        return (*input_shape[:-1], None if features is None else features // self.pieces)

    def get_config(self):
        return {**super().get_config(), "pieces": self.pieces}


def maxout_from_spec(argument: str | None) -> Maxout:
    """The activation spec 'maxout' or 'maxout:K' -> Maxout(K) (K = 2 by default, as in the notes)."""
    if argument is None:
        return Maxout(2)
    try:
        pieces = int(argument)
    except ValueError:
        raise UserError(
            f"activation 'maxout:{argument}': the number of pieces must be a whole number, like maxout:2"
        ) from None
    return Maxout(pieces)
