"""`ann-keras bench`: the textbook's training code against the package's trainer.

One benchmark trains, in alternating fresh processes and several repeats,

- **textbook**: the 혼공머신 7-3 cell as written (`keras.Sequential` of Flatten,
  Dense(100, relu), Dropout(0.3), Dense(10, softmax); `compile("adam",
  "sparse_categorical_crossentropy", metrics=["accuracy"])`; `fit(batch_size=32,
  validation_data=...)`, defaults everywhere), and
- **package**: the same model through `ann_keras` (`models.build_model`,
  `training.compile_model`, `training.fit` with the configured `train.trainer`),

on the same data, epochs and batch size. Each process times every epoch (validation
included) with a callback; the first epoch, which holds tracing and compilation, is
reported on its own and the later ones make the steady-state figure. The results go
to `results/benchmarks/<device>-<backend>.json` (`"kind": "bench"`); the report stage
makes its page (`ann_keras.report.bench_page`).

Keras is imported only inside the worker processes, each with its own backend.
"""

from __future__ import annotations

import dataclasses
import json
import os
import re
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ann_keras import config as cfg
from ann_keras import files
from ann_keras.errors import UserError

EXPERIMENT = "hg7_3_dropout_early_stopping"  # the model the textbook cell trains
SIDES = ("textbook", "package")


@dataclass
class BenchOptions:
    """What one `ann-keras bench` measures; none of it is read from argv here."""

    epochs: int = 3
    repeats: int = 3
    train_samples: int | None = None  # None: all 48,000
    val_samples: int | None = None  # None: all 12,000
    seed: int = 42
    backend: str = "tensorflow"  # the package side's backend
    baseline_backend: str | None = None  # the textbook side's; None: the same as `backend`
    overrides: dict[str, Any] = field(default_factory=dict)  # --set, for the package side
    results_dir: Path = Path("results")
    data_dir: str | None = None
    command: str = ""

    def baseline(self) -> str:
        return self.baseline_backend or self.backend


def bench_config(options: BenchOptions) -> cfg.Config:
    """The 7-3 experiment's config with a fixed number of epochs: both sides make the same updates."""
    from ann_keras.pipeline.experiments import get_experiment

    config = get_experiment(EXPERIMENT).get_config()
    fixed = {
        "train.epochs": options.epochs,
        "train.early_stopping_patience": None,  # early stopping would end the sides at different epochs
        "train.checkpoint": False,  # the textbook cell saves nothing either
        "data.train_samples": options.train_samples,
        "data.val_samples": options.val_samples,
        "seed": options.seed,
    }
    return cfg.apply_overrides(config, {**fixed, **options.overrides})


# ---------------------------------------------------------------- the worker (one fresh process)


def worker(spec: dict) -> dict:
    """Train one side once and return its timings; runs inside a fresh process."""
    import resource

    started = time.perf_counter()
    from ann_keras import data
    from ann_keras.training import device as device_mod

    keras = device_mod.load_keras()
    from ann_keras.training.fitting import EpochTimer

    config = cfg.from_dict(spec["config"])
    device = device_mod.setup_device()
    splits = data.load_splits(config.data, spec.get("data_dir"))
    timer = EpochTimer()
    fit_started = time.perf_counter()
    if spec["side"] == "textbook":
        history = textbook_fit(keras, splits, config, timer)
    else:
        history = package_fit(keras, splits, config, timer)
    fit_s = time.perf_counter() - fit_started
    return {
        "side": spec["side"],
        "backend": keras.backend.backend(),
        "device": device,
        "epoch_s": timer.wall,
        "epoch_cpu_s": timer.cpu,
        "fit_s": fit_s,
        "setup_s": fit_started - started,
        "history": history,
        "final_val_accuracy": history["val_accuracy"][-1],
        "train_samples": int(len(splits.x_train)),
        "val_samples": int(len(splits.x_val)),
        "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
        "peak_device_mb": device_peak_mb(keras),
    }


def textbook_fit(keras, splits, config: cfg.Config, timer) -> dict:
    """혼공머신 7-3's cell as the book writes it (seeded so that repeats are comparable)."""
    keras.utils.set_random_seed(config.seed)
    model = keras.Sequential(
        [
            keras.Input(shape=(28, 28)),
            keras.layers.Flatten(),
            keras.layers.Dense(100, activation="relu"),
            keras.layers.Dropout(0.3),
            keras.layers.Dense(10, activation="softmax"),
        ]
    )
    model.compile(optimizer="adam", loss="sparse_categorical_crossentropy", metrics=["accuracy"])
    history = model.fit(
        splits.x_train,
        splits.y_train,
        epochs=config.train.epochs,
        batch_size=config.train.batch_size,
        validation_data=(splits.x_val, splits.y_val),
        callbacks=[timer],
        verbose=0,
    )
    return {k: [float(v) for v in values] for k, values in history.history.items()}


def package_fit(keras, splits, config: cfg.Config, timer) -> dict:
    """The same model through the package: its builder, compile and trainer."""
    from ann_keras import models, training

    training.seed_everything(config.seed, config.train.deterministic)
    model = models.build_model(config.model, splits.input_shape)
    training.compile_model(model, config.train)
    return training.fit(model, splits, config, work_dir=None, callbacks=[timer], verbose=False)


def device_peak_mb(keras) -> float | None:
    """Peak memory on the accelerator, where the backend tells it."""
    try:
        if keras.backend.backend() == "jax":
            import jax

            stats = jax.devices()[0].memory_stats() or {}
            return stats["peak_bytes_in_use"] / 2**20 if "peak_bytes_in_use" in stats else None
        if keras.backend.backend() == "tensorflow":
            import tensorflow as tf

            if tf.config.list_physical_devices("GPU"):
                return tf.config.experimental.get_memory_info("GPU:0")["peak"] / 2**20
    except Exception:  # memory statistics are optional in every backend
        return None
    return None


def worker_from_stdin() -> None:
    """Entry point of a worker process: the spec comes on stdin, the result goes to spec["out"]."""
    spec = json.loads(sys.stdin.read())
    result = worker(spec)
    Path(spec["out"]).write_text(json.dumps(result))


# ---------------------------------------------------------------- the benchmark (parent process)


def run_bench(options: BenchOptions, stream=None) -> Path:
    """Alternate fresh textbook and package processes; write the JSON; returns its path."""
    stream = stream or sys.stdout
    if options.epochs < 1 or options.repeats < 1:
        raise UserError("--epochs and --repeats need 1 or more")
    config = bench_config(options)
    load_before = os.getloadavg()
    started, clock = files.now(), time.perf_counter()
    runs: dict[str, list[dict]] = {side: [] for side in SIDES}
    total = options.repeats * len(SIDES)
    done = 0
    for repeat in range(options.repeats):
        order = SIDES if repeat % 2 == 0 else SIDES[::-1]  # alternate who goes first
        for side in order:
            done += 1
            backend = options.baseline() if side == "textbook" else options.backend
            print(
                f"[{done}/{total}] repeat {repeat + 1}: {side} ({backend}), {config.train.epochs} epoch(s) "
                "...",
                file=stream,
                flush=True,
            )
            # A new seed per repeat (the same for both sides): accuracy is compared over several draws.
            result = run_worker(
                side, backend, dataclasses.replace(config, seed=config.seed + repeat), options
            )
            runs[side].append(result)
            times = ", ".join(f"{t:.2f}" for t in result["epoch_s"])
            print(
                f"      epochs {times} s; val_accuracy {result['final_val_accuracy']:.4f}",
                file=stream,
                flush=True,
            )
    summary = {side: summarize(runs[side]) for side in SIDES}
    report = {
        "kind": "bench",
        "status": "complete",
        "command": options.command or "ann-keras bench",
        "started": started,
        "finished": files.now(),
        "wall_time_s": round(time.perf_counter() - clock, 2),
        "backend": options.backend,
        "baseline_backend": options.baseline(),
        "device": runs["package"][0]["device"],
        "baseline_device": runs["textbook"][0]["device"],
        "epochs": config.train.epochs,
        "repeats": options.repeats,
        "batch_size": config.train.batch_size,
        "train_samples": runs["package"][0]["train_samples"],
        "val_samples": runs["package"][0]["val_samples"],
        "trainer": config.train.trainer,
        "config": cfg.to_dict(config),
        "overrides": {k: str(v) for k, v in options.overrides.items()},
        "load_average_before": [round(v, 2) for v in load_before],
        "load_average_after": [round(v, 2) for v in os.getloadavg()],
        "cpu_count": os.cpu_count(),
        "versions": versions(),
        "summary": summary,
        "speedup": speedup(summary),
        "runs": runs,
    }
    path = write_report(report, options.results_dir)
    up = report["speedup"]
    print(
        f"\nSpeed-up: {up['samples_per_s']:.2f}x samples/s in steady epochs; written to {path}",
        file=stream,
        flush=True,
    )
    return path


def run_worker(side: str, backend: str, config: cfg.Config, options: BenchOptions) -> dict:
    """One side, once, in a fresh Python process with its own Keras backend."""
    with tempfile.TemporaryDirectory(prefix="ann-keras-bench-") as folder:
        out = Path(folder) / "result.json"
        spec = {"side": side, "config": cfg.to_dict(config), "data_dir": options.data_dir, "out": str(out)}
        env = {
            **os.environ,
            "KERAS_BACKEND": backend,
            "TF_CPP_MIN_LOG_LEVEL": os.environ.get("TF_CPP_MIN_LOG_LEVEL", "3"),
        }
        code = "from ann_keras.bench import worker_from_stdin; worker_from_stdin()"
        process = subprocess.run(
            [sys.executable, "-c", code], input=json.dumps(spec), text=True, env=env, capture_output=True
        )
        if process.returncode != 0 or not out.is_file():
            last = (process.stderr.strip().splitlines() or ["no output"])[-1]
            raise UserError(f"the {side} benchmark process ({backend}) failed: {last}")
        return json.loads(out.read_text())


def summarize(runs: list[dict]) -> dict:
    """Pooled over repeats: later epochs' seconds (median, min, max), the first epoch, samples/s."""
    steady = [t for run in runs for t in run["epoch_s"][1:]] or [run["epoch_s"][0] for run in runs]
    steady_cpu = [t for run in runs for t in run["epoch_cpu_s"][1:]] or [
        run["epoch_cpu_s"][0] for run in runs
    ]
    first = [run["epoch_s"][0] for run in runs]
    median = statistics.median(steady)
    samples = runs[0]["train_samples"]
    accuracies = [run["final_val_accuracy"] for run in runs]
    device_peaks = [run["peak_device_mb"] for run in runs if run.get("peak_device_mb") is not None]
    return {
        "epoch_s_median": median,
        "epoch_s_min": min(steady),
        "epoch_s_max": max(steady),
        "epoch_cpu_s_median": statistics.median(steady_cpu),
        "first_epoch_s_median": statistics.median(first),
        # What the first epoch costs beyond a steady one: tracing and compilation.
        "first_epoch_overhead_s": statistics.median(first) - median,
        "samples_per_s": samples / median,
        "fit_s_median": statistics.median(run["fit_s"] for run in runs),
        "final_val_accuracy_mean": statistics.fmean(accuracies),
        "final_val_accuracy": accuracies,
        "peak_rss_mb": max(run["peak_rss_mb"] for run in runs),
        "peak_device_mb": max(device_peaks) if device_peaks else None,
        "steady_epochs_counted": len(steady),
    }


def speedup(summary: dict) -> dict:
    textbook, package = summary["textbook"], summary["package"]
    return {
        "samples_per_s": package["samples_per_s"] / textbook["samples_per_s"],
        "fit_s": textbook["fit_s_median"] / package["fit_s_median"],
        "val_accuracy_points": 100
        * (package["final_val_accuracy_mean"] - textbook["final_val_accuracy_mean"]),
    }


def versions() -> dict:
    from ann_keras.pipeline.run import package_versions

    return package_versions()


# ---------------------------------------------------------------- output


def slug(text: str) -> str:
    return re.sub(r"[^a-z0-9]+", "-", text.lower()).strip("-")


def device_slug(device: dict) -> str:
    """'nvidia-h100-80gb-hbm3' for a GPU, 'cpu-2-cores' for a CPU."""
    if device.get("type", "CPU") == "CPU":
        return f"cpu-{os.cpu_count()}-cores"
    return slug(device.get("name", device.get("type", "device")))


def report_name(report: dict) -> str:
    name = f"{device_slug(report['device'])}-{report['backend']}"
    if report["baseline_backend"] != report["backend"]:
        name += f"-vs-{report['baseline_backend']}"
    return name


def write_report(report: dict, results_dir: Path) -> Path:
    folder = Path(results_dir) / "benchmarks"
    path = folder / f"{report_name(report)}.json"
    return files.write_json(path, report)


# ---------------------------------------------------------------- whole-suite timing


def write_suite_timing(
    results_dir: Path, written: list[Path], total_s: float, quick: bool, command: str
) -> Path:
    """results/benchmarks/suite[-quick]-<device>-<backend>.json: each experiment's wall time and the total.

    Written by `ann-keras run` when it runs several experiments (`--all`, `--all --quick`).
    """
    experiments = []
    trained: dict = {}  # the last run that trained a model names the backend and device
    for path in written:
        run = json.loads((Path(path) / "run.json").read_text())
        experiments.append(
            {
                "experiment": run["experiment"],
                "wall_time_s": run.get("wall_time_s"),
                "epochs_run": run.get("epochs_run"),
            }
        )
        trained = run if run.get("device") else trained
    device = trained.get("device") or {"type": "CPU", "name": "CPU"}
    backend = trained.get("backend") or os.environ.get("KERAS_BACKEND", "tensorflow")
    name = f"suite{'-quick' if quick else ''}-{device_slug(device)}-{backend}"
    report = {
        "kind": "bench",
        "benchmark": "suite",
        "command": command,
        "quick": quick,
        "finished": files.now(),
        "backend": backend,
        "device": device,
        "total_wall_time_s": round(total_s, 2),
        "load_average_after": [round(v, 2) for v in os.getloadavg()],
        "cpu_count": os.cpu_count(),
        "experiments": experiments,
    }
    return files.write_json(Path(results_dir) / "benchmarks" / f"{name}.json", report)
