"""Training: compile and fit (Keras' `model.fit` or the fused trainer), callbacks, resume, device.

    device      Keras loaded quietly, the device, one seed for everything
    fitting     compile_model, fit, predict, the epoch timer
    fused       the fused trainer: Keras' train_step over a whole epoch on the device
    resume      a backup that resumes a stopped fit to the numbers of an unstopped one
    signals     Ctrl-C and SIGTERM stop at an epoch boundary (no Keras)
    callbacks   recorders of what happens inside a network while it learns
    probes      gradients and activations per layer, on any backend
    lr_finder   the learning-rate range test of 핸즈온 10.3

The names below are loaded on first use, so importing `ann_keras.training.signals`
does not import Keras.
"""

from __future__ import annotations

import importlib

_PUBLIC = {
    "load_keras": "device",
    "seed_everything": "device",
    "setup_device": "device",
    "EpochTimer": "fitting",
    "compile_model": "fitting",
    "fit": "fitting",
    "make_optimizer": "fitting",
    "predict": "fitting",
}
__all__ = sorted(_PUBLIC)


def __getattr__(name: str):
    if name not in _PUBLIC:
        raise AttributeError(f"module 'ann_keras.training' has no attribute {name!r}")
    if _PUBLIC[name] != "device":
        importlib.import_module("ann_keras.training.device").load_keras()  # Keras first, quietly
    return getattr(importlib.import_module(f"ann_keras.training.{_PUBLIC[name]}"), name)
