"""Keras and its backend, loaded quietly; the device a model trains on; one seed for everything.

TensorFlow writes lines such as "Could not find cuda drivers on your machine" to
file descriptor 2 before its logging settings apply, so `TF_CPP_MIN_LOG_LEVEL`
cannot hide them. `load_keras` captures the descriptor while Keras loads and
writes back every line that is not known chatter.
"""

from __future__ import annotations

import contextlib
import os
import platform
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
    if "keras" in sys.modules:
        return sys.modules["keras"]
    with filtered_stderr():
        import keras

        if keras.backend.backend() == "tensorflow":
            import tensorflow as tf

            tf.config.list_physical_devices("GPU")
    return keras


def setup_device() -> dict:
    """Use a GPU when the backend sees one (TensorFlow: memory growth on); describe what runs."""
    keras = load_keras()
    backend = keras.backend.backend()
    info = {"backend": backend, "type": "CPU", "name": cpu_name(), "count": 1}
    if backend == "tensorflow":
        import tensorflow as tf

        gpus = tf.config.list_physical_devices("GPU")
        for gpu in gpus:
            try:
                tf.config.experimental.set_memory_growth(gpu, True)
            except RuntimeError:  # already initialised: growth was set earlier in this process
                pass
        if gpus:
            details = tf.config.experimental.get_device_details(gpus[0])
            info.update(type="GPU", name=details.get("device_name", gpus[0].name), count=len(gpus))
    elif backend == "jax":
        import jax

        device = jax.devices()[0]
        if device.platform != "cpu":
            info.update(type=device.platform.upper(), name=device.device_kind, count=len(jax.devices()))
    elif backend == "torch":
        import torch

        if torch.cuda.is_available():
            info.update(type="GPU", name=torch.cuda.get_device_name(0), count=torch.cuda.device_count())
    return info


def cpu_name() -> str:
    try:
        with open("/proc/cpuinfo") as handle:
            for line in handle:
                if line.startswith("model name"):
                    return f"{line.split(':', 1)[1].strip()} ({os.cpu_count()} cores)"
    except OSError:
        pass
    return f"{platform.processor() or platform.machine()} ({os.cpu_count()} cores)"


def seed_everything(seed: int, deterministic: bool = True) -> None:
    """One seed for Python, NumPy and the backend; op determinism on TensorFlow when asked."""
    keras = load_keras()
    keras.utils.set_random_seed(seed)
    if keras.backend.backend() == "tensorflow":
        # The switch is process-wide; the public API can only turn it on.
        from tensorflow.python.framework import config as tf_config

        if deterministic:
            tf_config.enable_op_determinism()
        else:
            tf_config.disable_op_determinism()
