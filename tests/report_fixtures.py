"""A results folder with one experiment of every shape the report pages must render.

Every file is written by the real runner on synthetic data (tiny subsets, a few
seconds each), so the pages are tested on genuine result files: a single run, a
comparison over variants and seeds, early stopping, a diverged model, a custom
analysis with tables, figures and facts, a tuner search, a failed run and a
killed one. The tuner search follows docs' FORMATS ("Files of a tuner search"):
each trial is a real training run, the best one is retrained and evaluated once.

    python tests/report_fixtures.py OUT_DIR     # writes OUT_DIR/results
"""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import textwrap
import time
import types
from pathlib import Path

import pandas as pd

from ann_keras import config as cfg
from ann_keras import files
from ann_keras.pipeline import experiments as registry
from ann_keras.pipeline.experiments import Experiment
from ann_keras.pipeline.options import RunOptions
from ann_keras.pipeline.run import run_experiment

SYNTHETIC = {
    "data.dataset": "synthetic",
    "data.train_samples": 600,
    "data.val_samples": 200,
    "data.test_samples": 300,
}
HOSTILE_TITLE = 'Toy <script>alert("title")</script> & "quotes"'
HOSTILE_TEXT = "<img src=x onerror=alert(1)> 7 < 8 & 9 > 3"


def _module(name: str, title: str, description: str, **attrs) -> Experiment:
    module = types.ModuleType(name)
    module.TITLE, module.NOTES, module.BOOK, module.DESCRIPTION = (
        title,
        "000_fixture.txt: 혼공머신 7장 > 시험",
        "핸즈온 10",
        description,
    )

    def get_config():
        config = cfg.default_config()
        config.model.hidden[0].units = 16
        return config

    module.get_config = get_config
    for key, value in attrs.items():
        setattr(module, key, value)
    return Experiment(name, module)


def _options(results_dir: Path, command: str) -> RunOptions:
    return RunOptions(results_dir=results_dir, verbose=False, command=command)


def _run(results_dir: Path, experiment: Experiment, overrides: dict, command: str = "") -> Path:
    return run_experiment(
        experiment, overrides, _options(results_dir, command or f"ann-keras run {experiment.name}")
    )


def _custom_analysis(ctx) -> None:
    import numpy as np

    steps = np.arange(1, 6)
    table = ctx.page.add_table(
        "activations",
        pd.DataFrame({"x": steps, "relu(x - 3)": np.maximum(steps - 3, 0)}),
        "ReLU <table>",
        "A caption & more",
    )
    ctx.page.add_figure(
        "relu", "lines", table, x="x", y="relu(x - 3)", title="ReLU 그래프", caption="The ReLU of x - 3."
    )
    ctx.page.add_text("What it shows", "ReLU is zero below 3. " + HOSTILE_TEXT)
    ctx.page.add_facts(zero_below=3, slope=1.0, note=HOSTILE_TEXT)


def _broken(ctx) -> None:
    raise RuntimeError("the data folder went away <oops>")


KILLED_SCRIPT = textwrap.dedent(
    """
    import sys, time, types
    from pathlib import Path
    from ann_keras.pipeline.options import RunOptions
    from ann_keras.pipeline.run import run_experiment
    from ann_keras.pipeline.experiments import Experiment
    from ann_keras.config import default_config
    module = types.ModuleType("killed_run")
    module.TITLE, module.NOTES, module.BOOK = "A run killed midway", "000", "none"
    module.DESCRIPTION = "Killed."
    module.TRAINS = False
    module.get_config = default_config
    module.run = lambda ctx: time.sleep(120)
    options = RunOptions(results_dir=Path(sys.argv[1]), verbose=False)
    run_experiment(Experiment("killed_run", module), {}, options)
    """
)


def _killed_run(results_dir: Path) -> None:
    """Start a run in another process and kill it while it works: its staging folder stays behind."""
    process = subprocess.Popen(
        [sys.executable, "-c", KILLED_SCRIPT, str(results_dir)],
        env={**os.environ, "TF_CPP_MIN_LOG_LEVEL": "3"},
    )
    deadline = time.monotonic() + 120
    staging = results_dir / files.STAGING
    while time.monotonic() < deadline and not list(staging.glob("killed_run-*/run.json")):
        if process.poll() is not None:
            raise RuntimeError("the run to kill ended on its own")
        time.sleep(0.1)
    process.send_signal(signal.SIGKILL)
    process.wait(timeout=30)


def _tuner_search(results_dir: Path) -> Path:
    """Trials trained for real over a small search space, then the best retrained once (FORMATS.md)."""
    name = "tune_fixture"
    space = [
        {
            "name": "units",
            "type": "int",
            "min": 8,
            "max": 64,
            "step": 8,
            "sampling": "linear",
            "values": None,
            "config_key": "model.hidden.0.units",
        },
        {
            "name": "learning_rate",
            "type": "float",
            "min": 1e-4,
            "max": 1e-1,
            "step": None,
            "sampling": "log",
            "values": None,
            "config_key": "train.learning_rate",
        },
        {
            "name": "activation",
            "type": "choice",
            "min": None,
            "max": None,
            "step": None,
            "sampling": None,
            "values": ["relu", "tanh"],
            "config_key": "model.hidden.0.activation",
        },
    ]
    trials = [
        {"units": 8, "learning_rate": 0.0003, "activation": "tanh"},
        {"units": 32, "learning_rate": 0.003, "activation": "relu"},
        {"units": 64, "learning_rate": 0.03, "activation": "relu"},
    ]
    base = {**SYNTHETIC, "train.epochs": 2, "train.optimizer": "adam"}
    started = time.perf_counter()
    # The trials train as the variants of one run (real training, one process), kept out of results/.
    variants = {
        f"trial_{number:02d}": {item["config_key"]: values[item["name"]] for item in space}
        for number, values in enumerate(trials)
    }
    scratch = _run(
        results_dir.parent / "tuner-trials",
        _module("trials", "trials", "The trials.", VARIANTS=variants),
        base,
    )
    rows, histories = [], {}
    for number, values in enumerate(trials):
        unit = scratch / "fits" / f"trial_{number:02d}" / "seed-42"
        metrics = files.read_json(unit / "metrics.json")
        histories[number] = pd.read_csv(unit / "history.csv")
        rows.append(
            {
                "trial_id": f"{number:02d}",
                "status": "COMPLETED",
                **values,
                "score": metrics["best_val_accuracy"],
                "best_epoch": metrics["best_val_accuracy_epoch"],
                "epochs_run": metrics["epochs_run"],
                "wall_time_s": round(metrics["train_time_s"], 2),
            }
        )
    rows.append(
        {
            "trial_id": "03",
            "status": "FAILED",
            "units": 24,
            "learning_rate": 0.05,
            "activation": "relu",
            "score": None,
            "best_epoch": None,
            "epochs_run": 0,
            "wall_time_s": 0.1,
        }
    )
    best = max((r for r in rows if r["score"] is not None), key=lambda r: r["score"])
    best_values = {item["name"]: best[item["name"]] for item in space}
    command = "ann-keras tune tune_fixture --max-trials 4"
    experiment = _module(
        name, "Search: units, learning rate and activation", "A random search over three hyperparameters."
    )
    out = _run(
        results_dir,
        experiment,
        {**base, **{item["config_key"]: best_values[item["name"]] for item in space}},
        command,
    )
    metrics = files.read_json(out / "metrics.json")
    files.write_csv(out / "trials.csv", pd.DataFrame(rows))
    files.write_json(out / "search_space.json", space)
    files.write_json(out / "best_hyperparameters.json", best_values)
    files.write_csv(out / "best_trial_history.csv", histories[int(best["trial_id"])])
    files.write_json(
        out / "search.json",
        {
            "tuner": "RandomSearch",
            "objective": "val_accuracy",
            "direction": "max",
            "max_trials": 4,
            "trials_completed": 3,
            "best_trial_id": best["trial_id"],
            "best_score": best["score"],
            "workers": 1,
            "wall_time_s": round(time.perf_counter() - started, 2),
            "search_score": best["score"],
            "test_accuracy": metrics["test_accuracy"],
        },
    )
    run_info = files.read_json(out / "run.json")
    run_info["kind"] = "tune"
    files.write_json(out / "run.json", run_info)
    return out


def build(root: Path) -> Path:
    """Write every fixture experiment into root/results and return that folder."""
    results_dir = Path(root) / "results"
    # A small learning rate leaves mistakes to show (the synthetic classes are easy to tell apart).
    _run(
        results_dir,
        registry.get_experiment("hg7_1_softmax_regression"),
        {**SYNTHETIC, "train.epochs": 2, "train.learning_rate": 0.0001},
    )
    _run(
        results_dir,
        registry.get_experiment("hg7_2_deep_network"),
        {**SYNTHETIC, "train.epochs": 2, "seeds": 2},
        "ann-keras run hg7_2_deep_network --seeds 2",
    )
    # Plain SGD at a high learning rate overshoots soon, so early stopping stops and restores.
    _run(
        results_dir,
        registry.get_experiment("hg7_3_dropout_early_stopping"),
        {
            **SYNTHETIC,
            "train.epochs": 12,
            "train.early_stopping_patience": 1,
            "train.optimizer": "sgd",
            "train.learning_rate": 0.5,
        },
    )
    diverging = _module(
        "diverging_lr",
        "Too large a learning rate",
        "SGD with a learning rate that blows the weights up. " + HOSTILE_TEXT,
        VARIANTS={"lr_ok": {"train.learning_rate": 0.01}, "lr_huge": {"train.learning_rate": 1e30}},
    )
    _run(
        results_dir,
        diverging,
        {**SYNTHETIC, "train.epochs": 2, "train.optimizer": "sgd"},
        "ann-keras run diverging_lr --set 'x=<b>bold</b>'",
    )
    _run(
        results_dir,
        _module(
            "custom_analysis",
            HOSTILE_TITLE,
            "An analysis that trains nothing.",
            TRAINS=False,
            run=_custom_analysis,
        ),
        {},
    )
    _tuner_search(results_dir)
    try:
        _run(results_dir, _module("failed_run", "A run that fails", "Raises.", TRAINS=False, run=_broken), {})
    except RuntimeError:
        pass
    _killed_run(results_dir)
    return results_dir


if __name__ == "__main__":
    print(build(Path(sys.argv[1])))
