"""Models: the one builder (Sequential, subclassed, Functional), and the layers and losses Keras lacks.

builder     build_model and its parts: layers, activations, initializers, the three APIs
layers      Maxout
losses      sparse_mean_squared_error
keras_code  a config as a standalone Keras program (no Keras needed to write it)

The builder's names are loaded when first used, so `ann_keras.models.keras_code` is
importable without Keras (the report stage writes a page's Keras code that way).
"""

import importlib

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


def __getattr__(name: str):
    if name in __all__:
        return getattr(importlib.import_module("ann_keras.models.builder"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
