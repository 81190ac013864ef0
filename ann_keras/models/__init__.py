"""Models: the one builder (Sequential, subclassed, Functional), and the layers and losses Keras lacks.

builder     build_model and its parts: layers, activations, initializers, the three APIs
layers      Maxout
losses      sparse_mean_squared_error
"""

from ann_keras.models.builder import (
    BUILDERS,
    SubclassedMLP,
    build_functional,
    build_model,
    build_sequential,
    build_subclassed,
    describe,
    hidden_block,
    make_activation,
    make_initializer,
)

__all__ = [
    "BUILDERS",
    "SubclassedMLP",
    "build_functional",
    "build_model",
    "build_sequential",
    "build_subclassed",
    "describe",
    "hidden_block",
    "make_activation",
    "make_initializer",
]
