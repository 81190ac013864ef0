"""`ann-keras fidelity`: the books' own cells against the package's experiment, number by number.

For each mirrored book section, two fresh processes with the same seed:

- **book**: the notebook's cells as plain Keras code (`book_program`): seeded once at the
  top, the models built and trained in the notebook's order, with its `validation_data`,
  its float64 pixels and its extra builds (a model built for its summary, `load_model`).
  The program runs where `ann_keras` cannot be imported (a launcher sets
  `sys.modules["ann_keras"] = None`), in an empty folder, and prints one JSON line.
- **package**: `ann-keras run NAME` in its own process, read back from its result files.

Every number is set side by side (`compare`) with "identical" or the difference. The
results go to `results/benchmarks/fidelity-<device>-<backend>.json` (one entry per
experiment, kept when another experiment is compared later); the report stage makes its
page (`ann_keras.report.bench_page`). `load_fidelity(results_dir, experiment)` reads one
experiment's numbers back for other pages.

The only change made to the books' cells: the data is read from the local Fashion-MNIST
files instead of Keras' download, and 핸즈온 10's cell, which seeds only TensorFlow
(`tf.random.set_seed(42)`, which under Keras 3 leaves the initial weights unseeded), is
seeded as the 혼공머신 notebooks are (`keras.utils.set_random_seed(42)` and op
determinism). Its split is the package's current one (`data.*`), so that both sides see
the same images. Keras' accuracy metric is a float32; test accuracies are compared at
float32 precision (the package computes its own as a float64 ratio).
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import numpy as np

from ann_keras import config as cfg
from ann_keras import files
from ann_keras.errors import UserError

EXPERIMENTS = (
    "hg7_1_softmax_regression",
    "hg7_2_deep_network",
    "hg7_3_dropout_early_stopping",
    "hml10_sequential",
)
FOLDER = "benchmarks"
RESULT_PREFIX = "ANN_KERAS_RESULT "
# What `--set` may change on both sides alike: how much data, how many epochs, which trainer.
ALLOWED_SETS = (
    "data.train_samples",
    "data.val_samples",
    "data.test_samples",
    "train.epochs",
    "train.trainer",
)
GUARD = (
    "import runpy, sys; "
    "sys.modules['ann_keras'] = None; "  # from here on, `import ann_keras` raises ModuleNotFoundError
    "sys.argv = sys.argv[1:]; "
    "runpy.run_path(sys.argv[0], run_name='__main__')"
)
HISTORY_KEYS = ("loss", "accuracy", "val_loss", "val_accuracy")


# ---------------------------------------------------------------- the book's cells as a program


def _header(title: str) -> str:
    from ann_keras.training.device import load_keras

    load_keras()  # ann_keras.models imports Keras: quietly, first
    from ann_keras.models.keras_code import IDX_SOURCE

    loader = IDX_SOURCE.replace("{fallback_doc}", ", else Keras' download").replace(
        "{fallback}", "    return keras.datasets.fashion_mnist.load_data()  # not on disk: Keras downloads it"
    )
    return f'''"""{title}: the notebook's cells, run for `ann-keras fidelity` (written by ann_keras).

The data comes from the local Fashion-MNIST files instead of Keras' download; every other line
is the notebook's. Each model's numbers are collected in RESULT and printed as one JSON line.
"""

import gzip
import json
import os

import keras
import numpy as np
from sklearn.model_selection import train_test_split

{loader.strip()}


RESULT = {{"models": []}}


def record(name, model, history, val_data, test_data, **extra):
    """One model's numbers: its history, parameters, evaluate() on validation and test data."""
    val = model.evaluate(*val_data, verbose=0)
    test = model.evaluate(*test_data, verbose=0)
    RESULT["models"].append({{
        "name": name, "params": model.count_params(),
        "history": {{k: [float(v) for v in values] for k, values in history.history.items()}},
        "val": [float(v) for v in val], "test": [float(v) for v in test], **extra,
    }})
    epochs = len(history.history["loss"])
    print(f"model {{name}}: {{epochs}} epoch(s), evaluate(val) {{val[1]:.4f}}", flush=True)
'''


def _seed_cell(extra_tf_seed: bool = False) -> str:
    tf_seed = "    tf.random.set_seed(42)\n" if extra_tf_seed else ""
    return (
        "# The notebook's first cell: one seed for everything, and deterministic TensorFlow ops.\n"
        "keras.utils.set_random_seed(42)\n"
        'if keras.backend.backend() == "tensorflow":\n'
        "    import tensorflow as tf\n\n"
        f"{tf_seed}"
        "    tf.config.experimental.enable_op_determinism()\n"
    )


def _subset_lines(config: cfg.Config, train: str, val: str, test: str) -> str:
    """The package's subsets (`data.train_samples`, ...) applied to the book's arrays."""
    d = config.data
    lines = []
    for (x, y), count in zip((train, val, test), (d.train_samples, d.val_samples, d.test_samples)):
        if count is not None:
            lines.append(f"{x}, {y} = {x}[:{count}], {y}[:{count}]  # a subset, as the package's run")
    return "\n".join(lines) + ("\n" if lines else "")


def _epochs(configs: dict[str, cfg.Config], variant: str) -> int:
    return configs[variant].train.epochs


def _book_data(configs: dict[str, cfg.Config], flatten: bool) -> str:
    """혼공머신's data cell: the images / 255 (float64, as the book), flattened or not, split 80/20."""
    subsets = _subset_lines(
        next(iter(configs.values())),
        ("train_scaled", "train_target"),
        ("val_scaled", "val_target"),
        ("test_scaled", "test_target"),
    )
    reshape = "\ntrain_scaled = train_scaled.reshape(-1, 28*28)" if flatten else ""
    test = "(test_input / 255.0).reshape(-1, 28*28)" if flatten else "test_input / 255.0"
    return f"""(train_input, train_target), (test_input, test_target) = load_fashion_mnist()
train_scaled = train_input / 255.0{reshape}
test_scaled = {test}
train_scaled, val_scaled, train_target, val_target = train_test_split(
    train_scaled, train_target, test_size=0.2, random_state=42)
{subsets}"""


def _hg7_1(configs: dict[str, cfg.Config]) -> str:
    return f"""{_header("혼공머신 7-1")}
{_seed_cell()}
{_book_data(configs, flatten=True)}
inputs = keras.layers.Input(shape=(784,))
dense = keras.layers.Dense(10, activation='softmax')
model = keras.Sequential([inputs, dense])
model.compile(loss='sparse_categorical_crossentropy', metrics=['accuracy'])
history = model.fit(train_scaled, train_target, epochs={_epochs(configs, "main")}, verbose=0)
record("main", model, history, (val_scaled, val_target), (test_scaled, test_target))
"""


def _hg7_2(configs: dict[str, cfg.Config]) -> str:
    return f"""{_header("혼공머신 7-2")}
{_seed_cell()}
{_book_data(configs, flatten=True)}
# The same network built three ways for model.summary(); the third is trained.
inputs = keras.layers.Input(shape=(784,))
dense1 = keras.layers.Dense(100, activation='sigmoid')
dense2 = keras.layers.Dense(10, activation='softmax')
model = keras.Sequential([inputs, dense1, dense2])
model = keras.Sequential([
    keras.layers.Input(shape=(784,)),
    keras.layers.Dense(100, activation='sigmoid', name='은닉층'),
    keras.layers.Dense(10, activation='softmax', name='출력층')
], name='패션 MNIST 모델')
model = keras.Sequential()
model.add(keras.layers.Input(shape=(784,)))
model.add(keras.layers.Dense(100, activation='sigmoid'))
model.add(keras.layers.Dense(10, activation='softmax'))
model.compile(loss='sparse_categorical_crossentropy', metrics=['accuracy'])
history = model.fit(train_scaled, train_target, epochs={_epochs(configs, "sigmoid_784")}, verbose=0)
record("sigmoid_784", model, history, (val_scaled, val_target), (test_scaled, test_target))

model = keras.Sequential()
model.add(keras.layers.Input(shape=(28,28)))
model.add(keras.layers.Flatten())
model.add(keras.layers.Dense(100, activation='relu'))
model.add(keras.layers.Dense(10, activation='softmax'))

{_book_data(configs, flatten=False)}
model.compile(loss='sparse_categorical_crossentropy', metrics=['accuracy'])
history = model.fit(train_scaled, train_target, epochs={_epochs(configs, "relu_flatten")}, verbose=0)
record("relu_flatten", model, history, (val_scaled, val_target), (test_scaled, test_target))

# The optimizers the book shows next are compiled but never trained; compile() draws nothing.
model = keras.Sequential()
model.add(keras.layers.Input(shape=(28,28)))
model.add(keras.layers.Flatten())
model.add(keras.layers.Dense(100, activation='relu'))
model.add(keras.layers.Dense(10, activation='softmax'))
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy',
              metrics=['accuracy'])
history = model.fit(train_scaled, train_target, epochs={_epochs(configs, "relu_flatten_adam")}, verbose=0)
record("relu_flatten_adam", model, history, (val_scaled, val_target), (test_scaled, test_target))
"""


def _hg7_3(configs: dict[str, cfg.Config]) -> str:
    e = {name: config.train.epochs for name, config in configs.items()}
    val, test = "(val_scaled, val_target)", "(test_scaled, test_target)"
    return f"""{_header("혼공머신 7-3")}
{_seed_cell(extra_tf_seed=True)}
{_book_data(configs, flatten=False)}

def model_fn(a_layer=None):
    model = keras.Sequential()
    model.add(keras.layers.Input(shape=(28,28)))
    model.add(keras.layers.Flatten())
    model.add(keras.layers.Dense(100, activation='relu'))
    if a_layer:
        model.add(a_layer)
    model.add(keras.layers.Dense(10, activation='softmax'))
    return model


model = model_fn()
model.compile(loss='sparse_categorical_crossentropy', metrics=['accuracy'])
history = model.fit(train_scaled, train_target, epochs={e["fit1_5_epochs"]}, verbose=0)
record("fit1_5_epochs", model, history, {val}, {test})

model = model_fn()
model.compile(loss='sparse_categorical_crossentropy', metrics=['accuracy'])
history = model.fit(train_scaled, train_target, epochs={e["fit2_20_epochs"]}, verbose=0)
record("fit2_20_epochs", model, history, {val}, {test})

model = model_fn()
model.compile(loss='sparse_categorical_crossentropy', metrics=['accuracy'])
history = model.fit(train_scaled, train_target, epochs={e["fit3_validation"]}, verbose=0,
                    validation_data=(val_scaled, val_target))
record("fit3_validation", model, history, {val}, {test})

model = model_fn()
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy',
              metrics=['accuracy'])
history = model.fit(train_scaled, train_target, epochs={e["fit4_adam"]}, verbose=0,
                    validation_data=(val_scaled, val_target))
record("fit4_adam", model, history, {val}, {test})

model = model_fn(keras.layers.Dropout(0.3))
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy',
              metrics=['accuracy'])
history = model.fit(train_scaled, train_target, epochs={e["fit5_dropout"]}, verbose=0,
                    validation_data=(val_scaled, val_target))
record("fit5_dropout", model, history, {val}, {test})

model = model_fn(keras.layers.Dropout(0.3))
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy',
              metrics=['accuracy'])
history = model.fit(train_scaled, train_target, epochs={e["fit6_dropout_11_epochs"]}, verbose=0,
                    validation_data=(val_scaled, val_target))
trained = model
model.save('model-whole.keras')
model.save_weights('model.weights.h5')
model = model_fn(keras.layers.Dropout(0.3))
model.load_weights('model.weights.h5')
val_labels = np.argmax(model.predict(val_scaled, verbose=0), axis=-1)
predict_accuracy = float(np.mean(val_labels == val_target))
model = keras.models.load_model('model-whole.keras')
loaded = model.evaluate(val_scaled, val_target, verbose=0)
record("fit6_dropout_11_epochs", trained, history, {val}, {test},
       load_weights_predict_accuracy=predict_accuracy, load_model_val_accuracy=float(loaded[1]))

model = model_fn(keras.layers.Dropout(0.3))
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy',
              metrics=['accuracy'])
checkpoint_cb = keras.callbacks.ModelCheckpoint('best-model.keras',
                                                save_best_only=True)
history = model.fit(train_scaled, train_target, epochs={e["fit7_checkpoint"]}, verbose=0,
                    validation_data=(val_scaled, val_target),
                    callbacks=[checkpoint_cb])
trained = model
model = keras.models.load_model('best-model.keras')
best = model.evaluate(val_scaled, val_target, verbose=0)
record("fit7_checkpoint", trained, history, {val}, {test}, checkpoint_val_accuracy=float(best[1]))

model = model_fn(keras.layers.Dropout(0.3))
model.compile(optimizer='adam', loss='sparse_categorical_crossentropy',
              metrics=['accuracy'])
checkpoint_cb = keras.callbacks.ModelCheckpoint('best-model.keras',
                                                save_best_only=True)
early_stopping_cb = keras.callbacks.EarlyStopping(patience=2,
                                                  restore_best_weights=True)
history = model.fit(train_scaled, train_target, epochs={e["fit8_early_stopping"]}, verbose=0,
                    validation_data=(val_scaled, val_target),
                    callbacks=[checkpoint_cb, early_stopping_cb])
record("fit8_early_stopping", model, history, {val}, {test},
       stopped_epoch=int(early_stopping_cb.stopped_epoch))
"""


def _hml10(configs: dict[str, cfg.Config]) -> str:
    c = configs["main"]
    d = c.data
    if getattr(d, "split", "train_test_split") == "tail":  # the book's 55,000 / 5,000
        count = int(d.validation_size)
        split = (
            f"X_train, y_train = X_train_full[:-{count}], y_train_full[:-{count}]\n"
            f"X_valid, y_valid = X_train_full[-{count}:], y_train_full[-{count}:]\n"
        )
    else:  # the package's current split, so that both sides see the same images
        split = (
            "X_train, X_valid, y_train, y_valid = train_test_split(\n"
            f"    X_train_full, y_train_full, test_size={d.validation_size!r}, random_state={d.split_seed})"
            "  # the package's split\n"
        )
    subsets = _subset_lines(c, ("X_train", "y_train"), ("X_valid", "y_valid"), ("X_test", "y_test"))
    return f"""{_header("핸즈온 10.2.2")}
(X_train_full, y_train_full), (X_test, y_test) = load_fashion_mnist()
{split}{subsets}X_train, X_valid, X_test = X_train / 255., X_valid / 255., X_test / 255.

# The book seeds only TensorFlow here (tf.random.set_seed(42)); seeded fully instead, as 혼공머신 does.
{_seed_cell()}
model = keras.Sequential()
model.add(keras.layers.Input(shape=[28, 28]))
model.add(keras.layers.Flatten())
model.add(keras.layers.Dense(300, activation="relu"))
model.add(keras.layers.Dense(100, activation="relu"))
model.add(keras.layers.Dense(10, activation="softmax"))
model.compile(loss="sparse_categorical_crossentropy",
              optimizer="sgd",
              metrics=["accuracy"])
history = model.fit(X_train, y_train, epochs={_epochs(configs, "main")}, verbose=0,
                    validation_data=(X_valid, y_valid))
record("main", model, history, (X_valid, y_valid), (X_test, y_test))
"""


BOOK_CELLS: dict[str, Callable[[dict[str, cfg.Config]], str]] = {
    "hg7_1_softmax_regression": _hg7_1,
    "hg7_2_deep_network": _hg7_2,
    "hg7_3_dropout_early_stopping": _hg7_3,
    "hml10_sequential": _hml10,
}


def book_program(experiment: str, configs: dict[str, cfg.Config]) -> str:
    """The notebook's cells of `experiment` as one program, with the subsets and epochs of `configs`.

    Args:
        experiment: one of EXPERIMENTS.
        configs: the experiment's resolved configs (variant -> config), as the package's run trains them.
    Returns:
        Python source that imports only keras, numpy, scikit-learn (and TensorFlow on that backend)
        and, with `ANN_KERAS_RESULT` set, prints `ANN_KERAS_RESULT {json}` with each model's numbers.
    """
    return BOOK_CELLS[experiment](configs) + '\nprint("ANN_KERAS_RESULT", json.dumps(RESULT))\n'


# ---------------------------------------------------------------- comparing


def verdict(book: Any, package: Any, float32: bool = False) -> str:
    """ "identical", the difference (package - book), or "–" when a side has no number.

    Args:
        book, package: numbers (or None).
        float32: compare at float32 precision (a Keras metric against the package's float64 ratio).
    """
    if book is None or package is None:
        return "–"
    if isinstance(book, (int, np.integer)) and isinstance(package, (int, np.integer)):
        return "identical" if int(book) == int(package) else f"differs by {int(package) - int(book):+d}"
    a, b = float(book), float(package)
    if float32:
        a, b = float(np.float32(a)), float(np.float32(b))
    if a == b:
        return "identical"
    return f"differs by {b - a:+.3g}"


def _history_verdict(book: dict, package: dict) -> tuple[str, str]:
    """(keys compared, verdict) over every epoch of the keys both histories have."""
    keys = [k for k in HISTORY_KEYS if k in book and k in package]
    if not keys:
        return "", "–"
    for key in keys:
        a, b = list(book[key]), list(package[key])
        if len(a) != len(b):
            return ", ".join(keys), f"{len(b)} epochs against {len(a)}"
        for epoch, (x, y) in enumerate(zip(a, b), 1):
            if float(x) != float(y):
                return ", ".join(keys), f"differs from epoch {epoch} ({key}: {y - x:+.3g})"
    return ", ".join(keys), "identical"


def compare(book: dict, package: dict) -> list[dict]:
    """Rows model | number | book's code | package | verdict, for every model both sides trained.

    Args:
        book: {"models": [{"name", "params", "history", "val": [loss, acc], "test": [loss, acc], ...}]}
            as the book's program prints it.
        package: {"models": [{"name", "params", "history", "val_accuracy", "val_loss", "test_accuracy",
            "stopped_epoch", ...}]} as `package_numbers` reads them.
    """
    theirs = {m["name"]: m for m in package.get("models", [])}
    rows = []

    def row(model, number, a, b, float32=False):
        rows.append(
            {"model": model, "number": number, "book": a, "package": b, "verdict": verdict(a, b, float32)}
        )

    for m in book.get("models", []):
        name, p = m["name"], theirs.get(m["name"])
        if p is None:
            rows.append({"model": name, "number": "-", "book": None, "package": None, "verdict": "not run"})
            continue
        history = m.get("history", {})
        row(name, "val_accuracy", m["val"][1], p.get("val_accuracy"))
        row(name, "val_loss", m["val"][0], p.get("val_loss"))
        if "stopped_epoch" in m:
            row(name, "stopped_epoch", m["stopped_epoch"], p.get("stopped_epoch"))
        row(name, "parameters", m.get("params"), p.get("params"))
        row(name, "test_accuracy", m["test"][1], p.get("test_accuracy"), float32=True)
        if history.get("loss"):
            row(
                name,
                "loss (last epoch)",
                history["loss"][-1],
                (p.get("history", {}).get("loss") or [None])[-1],
            )
            row(
                name,
                "accuracy (last epoch)",
                history["accuracy"][-1],
                (p.get("history", {}).get("accuracy") or [None])[-1],
            )
        keys, said = _history_verdict(history, p.get("history", {}))
        rows.append(
            {"model": name, "number": f"every epoch ({keys})", "book": None, "package": None, "verdict": said}
        )
        for extra in ("load_weights_predict_accuracy", "load_model_val_accuracy", "checkpoint_val_accuracy"):
            if extra in m:
                row(name, extra, m[extra], p.get(extra))
    return rows


def all_identical(rows: Sequence[dict]) -> bool:
    return bool(rows) and all(r["verdict"] in ("identical", "–") for r in rows)


# ---------------------------------------------------------------- the two sides


def _stream(process: subprocess.Popen, prefix: str, sink: list[str], out) -> None:
    """Keep every line of a side; show its progress, without TensorFlow's start-up chatter."""
    from ann_keras.training.device import NOISE

    quiet = (*NOISE, "port.cc", "All log messages before absl", "triggered tf.function retracing")
    for line in process.stdout:
        sink.append(line)
        if not line.startswith(RESULT_PREFIX) and line.strip() and not any(q in line for q in quiet):
            print(f"  {prefix} {line.rstrip()}", file=out, flush=True)


def _start(
    argv: list[str], cwd: Path, env: dict, prefix: str, out
) -> tuple[subprocess.Popen, list, threading.Thread]:
    process = subprocess.Popen(
        argv, cwd=cwd, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, bufsize=1
    )
    lines: list[str] = []
    reader = threading.Thread(target=_stream, args=(process, prefix, lines, out), daemon=True)
    reader.start()
    return process, lines, reader


def _book_env(folder: Path, data_dir: Path, backend: str) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "KERAS_BACKEND": backend,
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "ANN_KERAS_DATA": str(data_dir),
        "ANN_KERAS_RESULT": "1",
    }


def result_folder(experiment_dir: Path) -> Path:
    """Where a fresh results folder holds the experiment's one run: its own folder, or the kept run a
    run with `--set` makes (results/<experiment>/runs/<name>/)."""
    for folder in [experiment_dir, *sorted((experiment_dir / "runs").glob("*"))]:
        if (folder / "run.json").is_file():
            return folder
    return experiment_dir


def package_numbers(run_dir: Path, variants: Sequence[str]) -> dict:
    """The package's numbers from a run's result files, in the shape `compare` takes."""
    import pandas as pd

    facts = files.try_read_json(run_dir / "facts.json") or {}
    models = []
    for variant in variants:
        fit_dir = run_dir / "fits" / variant / "seed-42"
        folder = fit_dir if (fit_dir / "metrics.json").is_file() else run_dir
        metrics = files.read_json(folder / "metrics.json")
        history = pd.read_csv(folder / "history.csv").drop(columns="epoch")
        model = {
            "name": variant,
            "params": metrics.get("params"),
            "val_accuracy": metrics.get("val_accuracy"),
            "val_loss": metrics.get("val_loss"),
            "test_accuracy": metrics.get("test_accuracy"),
            "stopped_epoch": metrics["epochs_run"] - 1 if metrics.get("stopped_early") else 0,
            "history": {k: [float(v) for v in history[k]] for k in HISTORY_KEYS if k in history},
        }
        if variant == "fit6_dropout_11_epochs":
            model["load_weights_predict_accuracy"] = facts.get("load_weights_predict_accuracy")
            model["load_model_val_accuracy"] = facts.get("load_model_val_accuracy")
        if variant == "fit7_checkpoint":
            model["checkpoint_val_accuracy"] = facts.get("checkpoint_val_accuracy")
        models.append(model)
    run = files.try_read_json(run_dir / "run.json") or {}
    return {"models": models, "device": run.get("device"), "wall_time_s": run.get("wall_time_s")}


def check_overrides(overrides: dict[str, Any]) -> None:
    """Only what both sides can change alike; anything else is a one-line error before anything runs."""
    for key in overrides:
        if key not in ALLOWED_SETS:
            raise UserError(
                f"ann-keras fidelity compares the book's own cells: --set {key} is not one of what both "
                f"sides can change ({', '.join(ALLOWED_SETS)})"
            )


def compare_experiment(
    name: str,
    overrides: dict[str, Any],
    backend: str,
    data_dir: str | None,
    out=None,
) -> dict:
    """Run both sides of one experiment (at the same time, each in a fresh process) and compare them."""
    from ann_keras import data
    from ann_keras.pipeline.experiments import get_experiment

    out = out or sys.stdout
    experiment = get_experiment(name)
    configs = experiment.configs(overrides)
    source = book_program(name, configs)
    data_folder = data.find_data_dir(data_dir)
    with tempfile.TemporaryDirectory(prefix="ann-keras-fidelity-") as tmp:
        root = Path(tmp)
        (root / "book").mkdir()
        (root / "book" / "program.py").write_text(source, encoding="utf-8")
        sets = [a for k, v in overrides.items() for a in ("--set", f"{k}={'none' if v is None else v}")]
        package_argv = [
            sys.executable, "-m", "ann_keras", "run", name, "--seed", "42", *sets,
            "--results-dir", str(root / "results"), "--work-dir", str(root / "work"),
            "--data-dir", str(data_folder),
        ]  # fmt: skip
        env = {**os.environ, "KERAS_BACKEND": backend, "TF_CPP_MIN_LOG_LEVEL": "3"}
        clock = time.perf_counter()
        book = _start(
            [sys.executable, "-c", GUARD, "program.py"],
            root / "book",
            _book_env(root / "book", data_folder, backend),
            "[book]   ",
            out,
        )
        package = _start(package_argv, Path.cwd(), env, "[package]", out)
        codes = {}
        seconds = {}
        for side, (process, _, reader) in (("book", book), ("package", package)):
            codes[side] = process.wait()
            reader.join()
            seconds[side] = round(time.perf_counter() - clock, 1)
        if codes["book"] != 0:
            tail = "".join(book[1][-5:]).strip().splitlines()
            raise UserError(f"{name}: the book's cells failed: {tail[-1] if tail else 'no output'}")
        if codes["package"] != 0:
            tail = "".join(package[1][-5:]).strip().splitlines()
            raise UserError(f"{name}: the package's run failed: {tail[-1] if tail else 'no output'}")
        results = [line for line in book[1] if line.startswith(RESULT_PREFIX)]
        book_numbers = json.loads(results[-1][len(RESULT_PREFIX) :])
        package_side = package_numbers(result_folder(root / "results" / name), list(configs))
    rows = compare(book_numbers, package_side)
    return {
        "experiment": name,
        "book_section": experiment.book_section,
        "overrides": {k: str(v) for k, v in overrides.items()},
        "trainer": next(iter(configs.values())).train.trainer,
        "identical": all_identical(rows),
        "rows": rows,
        "book": book_numbers,
        "package": {k: v for k, v in package_side.items() if k != "device"},
        "device": package_side.get("device"),
        "wall_time_s": seconds,
        "finished": files.now(),
    }


def run_fidelity(
    names: Sequence[str] | None,
    overrides: dict[str, Any] | None = None,
    backend: str | None = None,
    results_dir: Path = Path("results"),
    data_dir: str | None = None,
    command: str = "",
    out=None,
) -> Path:
    """`ann-keras fidelity`: compare each experiment, print its table, write the JSON; returns its path."""
    from ann_keras.pipeline.experiments import get_experiment

    out = out or sys.stdout
    overrides = dict(overrides or {})
    names = list(names or EXPERIMENTS)
    for name in names:
        if name not in EXPERIMENTS:
            get_experiment(name)  # an unknown name: its own error, with the close match
            raise UserError(
                f"{name} mirrors no notebook cells to compare; fidelity knows: {', '.join(EXPERIMENTS)}"
            )
    check_overrides(overrides)
    backend = backend or os.environ.get("KERAS_BACKEND", "tensorflow")
    for name in names:  # every config checked before anything runs
        get_experiment(name).configs(overrides)
    from ann_keras import data

    data.find_data_dir(data_dir, download=False)
    path = None
    for number, name in enumerate(names, 1):
        print(
            f"[{number}/{len(names)}] {name}: the book's cells and the package's run ({backend}) ...",
            file=out,
            flush=True,
        )
        entry = compare_experiment(name, overrides, backend, data_dir, out)
        entry["command"] = command
        print(format_rows(entry["rows"]), file=out, flush=True)
        path = write([entry], backend, entry.get("device") or {"type": "CPU"}, results_dir)  # one by one
    print(f"\nFidelity: {path}", file=out, flush=True)
    return path


def format_rows(rows: Sequence[dict]) -> str:
    """The comparison as aligned text lines."""

    def shown(value):
        if value is None:
            return ""
        if isinstance(value, float):
            return repr(value)
        return str(value)

    table = [["model", "number", "book's code", "package", "verdict"]]
    table += [[r["model"], r["number"], shown(r["book"]), shown(r["package"]), r["verdict"]] for r in rows]
    widths = [max(len(line[i]) for line in table) for i in range(5)]
    return "\n".join(
        "  " + "  ".join(cell.ljust(w) for cell, w in zip(line, widths)).rstrip() for line in table
    )


def report_name(device: dict, backend: str) -> str:
    from ann_keras.bench import device_slug

    return f"fidelity-{device_slug(device)}-{backend}"


def write(entries: Sequence[dict], backend: str, device: dict, results_dir: Path) -> Path:
    """Add (or replace) these experiments' entries in results/benchmarks/fidelity-<device>-<backend>.json."""
    path = Path(results_dir) / FOLDER / f"{report_name(device, backend)}.json"
    report = files.try_read_json(path) if path.is_file() else None
    if not isinstance(report, dict) or report.get("kind") != "fidelity":
        report = {"kind": "fidelity", "backend": backend, "device": device, "experiments": {}}
    report["experiments"].update({e["experiment"]: e for e in entries})
    report["experiments"] = {n: report["experiments"][n] for n in EXPERIMENTS if n in report["experiments"]}
    report.update(finished=files.now(), device=device, backend=backend, cpu_count=os.cpu_count())
    report["identical"] = all(e.get("identical") for e in report["experiments"].values())
    return files.write_json(path, report)


def load_fidelity(results_dir: Path, experiment: str, backend: str | None = None) -> dict | None:
    """The last fidelity comparison of `experiment` in results/benchmarks/ (None when there is none).

    Args:
        results_dir: the results folder.
        experiment: an experiment's name.
        backend: only comparisons on this backend (default: any; the newest wins).
    Returns:
        The experiment's entry: "rows" (model, number, book, package, verdict), "book" (the numbers the
        book's cells gave, per model), "package", "identical", "trainer", "overrides", "finished", plus
        "backend", "device" and "file" of the comparison it came from.
    """
    found = []
    for path in sorted((Path(results_dir) / FOLDER).glob("fidelity-*.json")):
        report = files.try_read_json(path)
        if not isinstance(report, dict) or report.get("kind") != "fidelity":
            continue
        if backend is not None and report.get("backend") != backend:
            continue
        entry = (report.get("experiments") or {}).get(experiment)
        if entry:
            found.append(
                {**entry, "backend": report.get("backend"), "device": report.get("device"), "file": str(path)}
            )
    return max(found, key=lambda e: e.get("finished") or "") if found else None
