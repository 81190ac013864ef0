"""A notebook sequence: an experiment's models built and trained in one random stream, as a notebook does.

The 혼공머신 notebooks seed once at the top (`keras.utils.set_random_seed(42)` and
TensorFlow's op determinism) and then build and train their models in order in one
process: each layer created draws its seed from Python's generator, so the second
model's initial weights depend on everything drawn before it. An experiment that declares
`NOTEBOOK = True` is run the same way (`Fits` seeds once, before its first model, and
never again), unless it runs several seeds: a comparison over seeds seeds each run.

A stopped sequence resumes to the same numbers: before each model is built the state of
every random stream (Python's, NumPy's and, on TensorFlow, the eager context's
generator of operation seeds) is saved beside the model's training backup, and a
resumed run that skips finished models puts the state back before it builds the next.

No Keras here until a state is read or restored.
"""

from __future__ import annotations

import json
import random
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ann_keras import files

STATE_FILE = "stream-before.json"  # the stream as the model's build found it
AFTER_FILE = "stream-after.json"  # the stream when the model was trained and evaluated
# --set keys that change nothing a notebook sequence computes.
NEUTRAL_KEYS = ("train.trainer", "train.tensorboard", "train.steps_per_execution")


def _tf_context():
    """TensorFlow's eager context when TensorFlow is the loaded backend, else None."""
    keras = sys.modules.get("keras")
    if keras is None or keras.backend.backend() != "tensorflow":
        return None
    from tensorflow.python.eager import context

    return context.context()


def stream_state() -> dict[str, Any]:
    """Every random stream a notebook's next cell draws from, JSON-ready."""
    version, internal, gauss = random.getstate()
    name, keys, position, has_gauss, cached = np.random.get_state()
    state: dict[str, Any] = {
        "python": [version, list(internal), gauss],
        "numpy": [name, keys.tolist(), int(position), int(has_gauss), float(cached)],
    }
    context = _tf_context()
    rng = getattr(context, "_rng", None)
    if rng is not None:
        version, internal, gauss = rng.getstate()
        state["tensorflow_op_seeds"] = [version, list(internal), gauss]
    return state


def restore_stream_state(state: dict[str, Any]) -> None:
    """Undo `stream_state`: the next draws are those the saved run made next."""
    version, internal, gauss = state["python"]
    random.setstate((version, tuple(internal), gauss))
    name, keys, position, has_gauss, cached = state["numpy"]
    np.random.set_state((name, np.asarray(keys, dtype=np.uint32), position, has_gauss, cached))
    context = _tf_context()
    if "tensorflow_op_seeds" in state and getattr(context, "_rng", None) is not None:
        version, internal, gauss = state["tensorflow_op_seeds"]
        context._rng.setstate((version, tuple(internal), gauss))


def save_state(folder: Path, name: str = STATE_FILE) -> Path:
    return files.write_json(Path(folder) / name, stream_state())


def load_state(folder: Path, name: str = STATE_FILE) -> dict[str, Any] | None:
    path = Path(folder) / name
    if not path.is_file():
        return None
    try:
        return json.loads(path.read_text())
    except (OSError, ValueError):
        return None


def is_sequence(notebook: bool, seeds: int) -> bool:
    """A notebook experiment runs as one sequence unless it compares several seeds."""
    return bool(notebook) and seeds == 1


def breaks(
    experiment: str,
    variants: Sequence[str],
    only: Sequence[str] | None,
    overrides: dict[str, Any],
    seed: int | None = None,
    book_seed: int = 42,
    quick: bool = False,
) -> str | None:
    """The one line a run prints when its options break the book's notebook sequence, else None.

    Args:
        experiment: the experiment's name.
        variants: its variants, in the book's order.
        only: the variants `--only` keeps (None: all).
        overrides: the user's `--set` values (and `--seeds` as "seeds").
        seed: the run's seed; book_seed: the notebook's.
        quick: `--quick` (subsets).
    """
    reasons = []
    if only and [v for v in variants if v in only] != list(variants):
        reasons.append(f"--only {' '.join(only)} leaves out models the notebook trains before or between")
    if int(overrides.get("seeds", 1) or 1) > 1:
        reasons.append("several seeds are seeded one by one")
    if seed is not None and seed != book_seed:
        reasons.append(f"seed {seed} is not the notebook's {book_seed}")
    changed = sorted(k for k in overrides if k not in NEUTRAL_KEYS and k not in ("seeds", "seed"))
    if changed:
        reasons.append(f"--set {', '.join(changed)} changes what the notebook runs")
    if quick:
        reasons.append("--quick trains on subsets")
    if not reasons:
        return None
    return (
        f"ann-keras: note: {experiment} is the book's notebook sequence and "
        f"{'; '.join(reasons)}: the numbers will no longer match the book's"
    )
