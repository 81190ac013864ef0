"""`ak.keras_code`'s standalone program: runs without ann_keras and trains to the package's numbers.

What is compared. For each config below, shrunk to 2,000 training / 500 validation /
500 test images and 2 epochs (7-3 keeps its 20 epochs so that early stopping really
stops, after 9), with the package's default trainer (`train.trainer=fast`, the fused
trainer of `ann_keras.training.fused`) on the package side and `model.fit` in the program:
- the package trains it in this process (`package_history`: `training.seed_everything`,
  `data.load_splits`, `models.build_model`, `training.compile_model`, `training.fit`, then
  `model.evaluate` on `data.load_test`), as `ann-keras run` trains it by default;
- the generated program runs in a subprocess and prints its history, parameter count
  and test loss and accuracy as one JSON line (it does only when `ANN_KERAS_RESULT` is set).
Parameter counts, every epoch's loss, accuracy, val_loss and val_accuracy, and the test
loss and accuracy must be exactly equal floats (JSON carries Python floats exactly).
A control makes sure this is not vacuous: seed 43 in the package gives another history.

Where the program runs. A temporary folder holding only the program, an environment
with nothing but PATH, HOME (that folder), KERAS_BACKEND (this process's),
TF_CPP_MIN_LOG_LEVEL, ANN_KERAS_DATA (the folder this process reads) and
ANN_KERAS_RESULT, and no PYTHONPATH. That alone is not enough: the venv's Python has an
editable install of a checkout of ann_keras (a `.pth` import hook in site-packages), so
`import ann_keras` would still succeed. Isolating Python harder (`-S`, `-I`) would also
hide keras and numpy, which live in the same site-packages. So the program is started by
a three-line launcher, `python -c GUARD program.py`, that sets `sys.modules["ann_keras"]
= None` (after which any `import ann_keras...` raises ModuleNotFoundError) and then runs
the file as `__main__` with `runpy`. The fixture first runs a file holding only
`import ann_keras` the same way and requires that to fail; and every generated program
is also checked statically to import nothing but keras, numpy, scikit-learn, TensorFlow
and the standard library.

What it took to make the histories exactly equal. Nothing in the package changed; the
program does what the package does, in the same order:
- layers are created in `ann_keras.models`' order (for hidden layers: Dense, then
  BatchNormalization / activation / Dropout). Keras draws a seed from Python's `random`
  for each unseeded initializer, Dropout and random augmentation layer when it is
  created; creating the Dropout before its Dense (same network) changes val_loss
  0.8304 -> 0.8248 after one epoch of 7-3, and so does one extra `random.random()`
  between the seeding and the model;
- `tf.config.experimental.enable_op_determinism()` when `train.deterministic`, as the
  package's `seed_everything` does: without it the numbers drift (val_loss 0.8304189 ->
  0.8304166 after one epoch, 0.70430 -> 0.70497 after two);
- a subclassed model's `call` takes `training` and passes it to Dropout,
  BatchNormalization and the random augmentation layers. Under `model.fit`, Keras 3.15
  does not hand fit's `training=True` to the inner layers through a `call` without that
  argument: BatchNormalization's moving mean stays 0 and Dropout does not drop. The first
  version of the program wrote such a `call` and gave other numbers; the plain
  subclassed variant has neither layer and would pass without the flag, so the
  subclassed case here adds a Dropout and a BatchNormalization to 핸즈온 10's network.
Found not to matter, but kept so that the program hands Keras the very arrays the
package does: float32 pixels (`x.astype("float32") / 255.0` gives the same bits as the
book's float64 `x / 255.0` cast by Keras) and the uint8 labels the files hold (int32 labels
give the same numbers on TensorFlow; on JAX they compile another loss program, whose logged
loss can differ in the last bit). Where `keras.utils.set_random_seed` sits (before or after loading the data)
and NumPy or `keras.random` draws before `fit` do not matter either: `model.fit`
shuffles with `tf.random.shuffle`, seeded by the TensorFlow seed, and the fused trainer
takes each epoch's order from the same Keras data adapter, drawn at the same moment.

Time: the programs (mostly importing TensorFlow, about 7 of each one's 11 CPU seconds) run
two at a time in threads while this process trains the package's side. The file costs
about 130 CPU seconds (user + sys, subprocesses included); on the project's 2-core CPU,
shared with other jobs at load average 5-6 when measured, it took 2.6-3.2 minutes of wall
time (3.4 at load 4-5). With KERAS_BACKEND=jax every comparison is exactly equal too.
"""

from __future__ import annotations

import ast
import json
import os
import random
import subprocess
import sys
import tempfile
from concurrent.futures import Future, ThreadPoolExecutor
from pathlib import Path

import pytest

keras = pytest.importorskip("keras")

from ann_keras import config as cfg  # noqa: E402
from ann_keras.errors import UserError  # noqa: E402
from ann_keras.models.keras_code import keras_code  # noqa: E402
from ann_keras.pipeline import experiments as registry  # noqa: E402

SMALL = {
    "data.train_samples": 2000,
    "data.val_samples": 500,
    "data.test_samples": 500,
    "train.epochs": 2,
    "seeds": 1,
}
# case -> (experiment, variant or None, overrides after SMALL)
CASES = {
    "hg7_1_softmax_regression": ("hg7_1_softmax_regression", None, {}),
    "hg7_3_early_stopping": ("hg7_3_dropout_early_stopping", None, {"train.epochs": 20}),
    "batch_norm_relu_before": ("batch_norm", "relu_before", {}),
    "subclassed_dropout_bn": (
        "hml10_apis",
        "subclassed",
        {"model.hidden.0.dropout": 0.2, "model.hidden.1.batch_norm": "after"},
    ),
    "wide_and_deep": ("hml10_apis", "wide_and_deep", {}),
    "maxout_2": ("activation_functions", "maxout_2", {}),
    "sparse_mean_squared_error": ("loss_functions", "rmsprop_mse", {}),
    # AdamW's weight decay, a warm-up and cosine schedule, label smoothing; then the refit on train + val
    "schedule_smoothing_adamw": ("beyond_the_book_mlp", "label_smoothing_0.1", {"train.epochs": 3}),
    "refit_full": ("beyond_the_book_mlp", "refit_60000", {"train.epochs": 3}),
}
HISTORY_KEYS = ("loss", "accuracy", "val_loss", "val_accuracy")
ALLOWED_IMPORTS = {"gzip", "os", "json", "keras", "numpy", "sklearn", "tensorflow"}
GUARD = (
    "import runpy, sys; "
    "sys.modules['ann_keras'] = None; "  # from here on, `import ann_keras` raises ModuleNotFoundError
    "sys.argv = sys.argv[1:]; "
    "runpy.run_path(sys.argv[0], run_name='__main__')"
)
RESULT_PREFIX = "ANN_KERAS_RESULT "


def case_config(case: str) -> cfg.Config:
    experiment, variant, overrides = CASES[case]
    exp = registry.get_experiment(experiment)
    config = exp.get_config()
    if variant is not None:
        config = cfg.apply_overrides(config, exp.variants()[variant])
    return cfg.apply_overrides(config, {**SMALL, **overrides})


def package_history(config: cfg.Config, data_dir=None) -> dict:
    """The package's own training of `config`: history, parameter count, test loss and accuracy.

    Args:
        config: the config (its `train.trainer`, the default fused one unless it says otherwise).
        data_dir: the Fashion-MNIST folder (None: the package's search).
    Returns:
        {"history": {metric: [float per epoch]}, "params": int, "test_loss": float, "test_accuracy": float}.
    """
    from ann_keras import data, models, training

    keras.backend.clear_session()  # as the runner does before each model
    training.seed_everything(config.seed, config.train.deterministic)
    splits = data.load_splits(config.data, data_dir)
    model = models.build_model(config.model, splits.input_shape)
    training.compile_model(model, config.train, len(splits.x_train))
    with tempfile.TemporaryDirectory() as work_dir:  # ModelCheckpoint writes there
        history = training.fit(model, splits, config, Path(work_dir), verbose=False)
        if config.train.refit_full:  # the model tested is the one refitted on train + validation
            from ann_keras import evaluation
            from ann_keras.pipeline import refit

            t = config.train
            epochs = evaluation.training_summary(
                history, t.epochs, t.monitor, t.early_stopping_patience is not None, t.restore_best_weights
            )["evaluated_epoch"]
            model, _ = refit.train_full(
                config, config.seed, splits, epochs, Path(work_dir) / "refit", verbose=False
            )
    x_test, y_test, _ = data.load_test(config.data, splits.scaler, data_dir)
    test_loss, test_accuracy = model.evaluate(x_test, y_test, verbose=0)
    return {
        "history": {k: v for k, v in history.items() if k != "epoch_seconds"},
        "params": int(model.count_params()),
        "test_loss": float(test_loss),
        "test_accuracy": float(test_accuracy),
    }


def clean_env(folder: Path, data_dir: Path) -> dict[str, str]:
    return {
        "PATH": os.environ.get("PATH", "/usr/bin:/bin"),
        "HOME": str(folder),
        "KERAS_BACKEND": keras.backend.backend(),
        "TF_CPP_MIN_LOG_LEVEL": "3",
        "ANN_KERAS_DATA": str(data_dir),
        "ANN_KERAS_RESULT": "1",
    }


def run_guarded(
    source: str, folder: Path, data_dir: Path, timeout: float = 300
) -> subprocess.CompletedProcess:
    """`source` as program.py in `folder`, run where ann_keras cannot be imported."""
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "program.py").write_text(source, encoding="utf-8")
    return subprocess.run(
        [sys.executable, "-c", GUARD, "program.py"],
        check=False,
        cwd=folder,
        env=clean_env(folder, data_dir),
        capture_output=True,
        text=True,
        timeout=timeout,
    )


def program_result(source: str, folder: Path, data_dir: Path) -> dict:
    done = run_guarded(source, folder, data_dir)
    assert done.returncode == 0, f"the program failed:\n{done.stderr[-3000:]}"
    lines = [line for line in done.stdout.splitlines() if line.startswith(RESULT_PREFIX)]
    assert len(lines) == 1, f"expected one result line, stdout ends:\n{done.stdout[-2000:]}"
    return json.loads(lines[0][len(RESULT_PREFIX) :])


@pytest.fixture(scope="module")
def programs(real_data_dir, tmp_path_factory) -> dict[str, Future]:
    """Each case's program running in a subprocess (two at a time) while the tests train the package side."""
    root = tmp_path_factory.mktemp("keras_code")
    probe = run_guarded("import ann_keras\n", root / "probe", real_data_dir, timeout=60)
    assert probe.returncode != 0 and "ModuleNotFoundError" in probe.stderr and "ann_keras" in probe.stderr, (
        "ann_keras is importable where the programs run:\n" + probe.stderr
    )
    pool = ThreadPoolExecutor(max_workers=2)
    futures = {
        case: pool.submit(
            program_result, keras_code(case_config(case), result_line=True), root / case, real_data_dir
        )
        for case in CASES
    }
    yield futures
    pool.shutdown(wait=True, cancel_futures=True)


# ---------------------------------------------------------------- the programs train as the package does


@pytest.mark.parametrize("case", list(CASES))
def test_program_reproduces_the_package_exactly(case, programs, real_data_dir):
    config = case_config(case)
    assert config.train.trainer == cfg.TrainConfig().trainer == "fast"  # the default: the fused trainer
    expected = package_history(config, real_data_dir)
    got = programs[case].result()
    assert got["params"] == expected["params"]
    assert set(got["history"]) == set(HISTORY_KEYS)
    for key in HISTORY_KEYS:
        assert got["history"][key] == expected["history"][key], key
    assert (got["test_loss"], got["test_accuracy"]) == (expected["test_loss"], expected["test_accuracy"])
    if (
        case == "hg7_3_early_stopping"
    ):  # early stopping stopped both, at the same epoch, and restored the same weights
        assert len(got["history"]["loss"]) < config.train.epochs


def test_another_seed_gives_another_history(programs, real_data_dir):
    """The control: exact equality above is not something any two runs would show."""
    config = cfg.apply_overrides(case_config("hg7_1_softmax_regression"), {"seed": 43})
    other = package_history(config, real_data_dir)
    assert other["history"]["loss"] != programs["hg7_1_softmax_regression"].result()["history"]["loss"]


# ---------------------------------------------------------------- the programs' text


def every_config():
    for experiment in registry.all_experiments():
        base = experiment.get_config()
        for variant, overrides in experiment.variants().items():
            yield f"{experiment.name}/{variant}", cfg.apply_overrides(base, overrides)


def imported_modules(source: str) -> set[str]:
    names = set()
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Import):
            names.update(alias.name.split(".")[0] for alias in node.names)
        elif isinstance(node, ast.ImportFrom):
            names.add((node.module or "").split(".")[0])
    return names


def test_every_experiment_gives_a_short_lined_program_that_imports_no_ann_keras():
    count = 0
    for name, config in every_config():
        for source in (keras_code(config), keras_code(config, "keras"), keras_code(config, "local")):
            compile(source, name, "exec")
            assert imported_modules(source) <= ALLOWED_IMPORTS, name
            assert max(len(line) for line in source.splitlines()) <= 110, name
            assert "ANN_KERAS_RESULT" not in source, name  # a program for people: no test lines
        # The tests' program prints its result line only when asked for.
        source = keras_code(config, result_line=True)
        head, _, tail = source.partition('if os.environ.get("ANN_KERAS_RESULT"):')
        assert tail and "ANN_KERAS_RESULT" not in head and 'print("ANN_KERAS_RESULT"' in tail, name
        count += 1
    assert count > 50


def test_7_3_reads_like_the_book():
    source = keras_code(registry.get_experiment("hg7_3_dropout_early_stopping").get_config())
    for line in (
        "keras.utils.set_random_seed(42)",
        "    tf.config.experimental.enable_op_determinism()",
        (
            "x_train, x_val, y_train, y_val = "
            "train_test_split(x_train_full, y_train_full, test_size=0.2, random_state=42)"
        ),
        "        keras.Input(shape=(28, 28)),",
        "        keras.layers.Flatten(),",
        "dropout1 = keras.layers.Dropout(0.3)",  # created first, as model_fn(keras.layers.Dropout(0.3))
        '        keras.layers.Dense(100, activation="relu"),',
        "        dropout1,",
        '        keras.layers.Dense(10, activation="softmax"),',
        'model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])',
        'checkpoint_cb = keras.callbacks.ModelCheckpoint("best-model.keras", save_best_only=True)',
        "early_stopping_cb = keras.callbacks.EarlyStopping(patience=2, restore_best_weights=True)",
        "test_loss, test_accuracy = model.evaluate(x_test, y_test)",
    ):
        assert line in source.splitlines(), line
    fit = source[source.index("history = model.fit(") : source.index("test_loss, test_accuracy")]
    assert (
        "epochs=20" in fit
        and "validation_data=(x_val, y_val)" in fit
        and "callbacks=[checkpoint_cb, early_stopping_cb]" in fit
    )
    assert "batch_size" not in fit and "TensorBoard" not in source and "ann_keras." not in source


def test_only_what_the_config_changes_appears():
    softmax = keras_code(registry.get_experiment("hg7_1_softmax_regression").get_config())
    assert 'model.compile(optimizer="rmsprop",' in softmax
    assert "callbacks" not in softmax and "kernel_initializer" not in softmax and "Flatten" not in softmax
    assert "keras.Input(shape=(784,))" in softmax and ".reshape(-1, 28 * 28)" in softmax
    config = cfg.default_config()
    config.train.optimizer, config.train.learning_rate, config.train.momentum = "sgd", 0.01, 0.9
    sgd = keras_code(config)
    assert (
        "sgd = keras.optimizers.SGD(learning_rate=0.01, momentum=0.9)" in sgd
        and "model.compile(optimizer=sgd," in sgd
    )
    config.train.learning_rate, config.train.momentum = None, 0.0
    assert 'model.compile(optimizer="sgd",' in keras_code(config)


def test_definitions_keras_lacks_are_written_in():
    maxout = cfg.apply_overrides(
        registry.get_experiment("activation_functions").get_config(),
        registry.get_experiment("activation_functions").variants()["maxout_2"],
    )
    source = keras_code(maxout)
    assert "class Maxout(keras.layers.Layer):" in source and "Maxout(2)," in source
    assert "keras.layers.Dense(200)," in source  # 100 units x 2 pieces
    mse = cfg.apply_overrides(cfg.default_config(), {"train.loss": "sparse_mean_squared_error"})
    source = keras_code(mse)
    assert (
        "def sparse_mean_squared_error(y_true, y_pred):" in source
        and "loss=sparse_mean_squared_error," in source
    )


def test_data_sources():
    config = cfg.default_config()
    assert "load_fashion_mnist()" in keras_code(
        config
    ) and "keras.datasets.fashion_mnist.load_data()" in keras_code(config)
    book = keras_code(config, "keras")
    assert (
        "import gzip" not in book
        and "(x_train_full, y_train_full), (x_test, y_test) = keras.datasets" in book
    )
    assert "load_data" not in keras_code(config, "local")
    synthetic = keras_code(cfg.apply_overrides(config, {"data.dataset": "synthetic"}))
    assert "synthetic(6000, seed=0)" in synthetic and "load_fashion_mnist" not in synthetic


@pytest.mark.parametrize(
    "overrides, message",
    [
        ({"model.output_activation": "leaky_relu:0.1"}, "output layer"),
        ({"model.hidden.0.activation": "maxout:two"}, "whole number"),
        ({"model.hidden.0.activation": "swishy"}, "Keras has no activation .swishy."),
        ({"model.hidden.0.kernel_initializer": "normal:wide"}, "initializer"),
        ({"train.loss": "hinge_loss_of_mine"}, "Keras has no such loss"),
    ],
)
def test_values_a_program_cannot_express_are_user_errors(overrides, message):
    with pytest.raises(UserError, match=message):
        keras_code(cfg.apply_overrides(cfg.default_config(), overrides))


def test_unknown_data_source_is_a_user_error():
    with pytest.raises(UserError, match="data source"):
        keras_code(cfg.default_config(), "internet")


def test_writing_a_program_draws_no_random_number():
    """The checks build Keras objects; the caller's next random draws stay what they were."""
    random.seed(7)
    expected = random.random()
    random.seed(7)
    keras_code(cfg.apply_overrides(cfg.default_config(), {"model.hidden.0.kernel_initializer": "normal:0.1"}))
    assert random.random() == expected
