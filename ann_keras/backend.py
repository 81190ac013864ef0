"""Loading Keras and its backend, with TensorFlow's C++ start-up chatter filtered out.

TensorFlow writes lines such as "Could not find cuda drivers on your machine" to
file descriptor 2 before its logging settings apply, so `TF_CPP_MIN_LOG_LEVEL`
cannot hide them. Here the descriptor is captured while Keras loads and every
line that is not known chatter is written back.
"""

from __future__ import annotations

import contextlib
import os
import sys
import tempfile

NOISE = (
    "absl::InitializeLog",
    "cudart_stub.cc",
    "cuda_platform.cc",
    "cuInit",
    "oneDNN custom operations",
    "Unable to register cu",
    "computation_placer",
    "TF-TRT Warning",
    "This TensorFlow binary is optimized",
    "rebuild TensorFlow with the appropriate compiler flags",
)


@contextlib.contextmanager
def filtered_stderr():
    """Capture fd 2; on exit, replay the lines that are not TensorFlow start-up noise."""
    sys.stderr.flush()
    saved = os.dup(2)
    with tempfile.TemporaryFile() as capture:
        os.dup2(capture.fileno(), 2)
        try:
            yield
        finally:
            sys.stderr.flush()
            os.dup2(saved, 2)
            os.close(saved)
            capture.seek(0)
            for line in capture.read().decode("utf-8", "replace").splitlines():
                if line.strip() and not any(marker in line for marker in NOISE):
                    print(line, file=sys.stderr)


def load_keras():
    """Import Keras with the chosen backend (and let TensorFlow look for GPUs) quietly."""
    os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
    with filtered_stderr():
        import keras

        if keras.backend.backend() == "tensorflow":
            import tensorflow as tf

            tf.config.list_physical_devices("GPU")
    return keras
