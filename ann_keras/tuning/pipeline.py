"""`ann-keras tune`: check everything, search (here, as a chief with workers, or as a worker),
retrain the best configuration, evaluate it once on test, and write the search's files.

The search reads only the train and validation splits. Its state (keras-tuner's trial folders
and oracle) lives in `<work>/<experiment>/tuner/<tuner>/`, never in results/, so running the
same command again continues a stopped search and `--overwrite` starts afresh.
"""

from __future__ import annotations

import dataclasses
import fcntl
import io
import os
import shutil
import time
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

from ann_keras import config as cfg
from ann_keras import results, runner
from ann_keras.errors import UserError
from ann_keras.registry import Experiment
from ann_keras.tuning import space as space_mod
from ann_keras.tuning import trials as trials_mod

TUNERS = ("random", "hyperband", "bayesian", "grid")
OBJECTIVES = {"val_accuracy": "max", "val_loss": "min"}  # validation metrics only: the test set is for the end
DEFAULTS = {"tuner": "random", "max_trials": 10, "epochs": 10, "objective": "val_accuracy"}
QUICK_MAX_TRIALS = 3
SETTINGS_FILE = "ann_keras_search.json"
# Config keys that do not change what a trial does, so a search may resume across them.
RESUMABLE_CHANGES = ("train.epochs", "data.test_samples", "seeds", "train.checkpoint", "train.tensorboard")


@dataclasses.dataclass
class TuneSettings:
    """What `ann-keras tune` was asked for; None means the experiment's TUNING, then DEFAULTS."""

    tuner: str | None = None
    max_trials: int | None = None
    epochs: int | None = None  # epochs per trial (Hyperband: the most a trial trains)
    workers: int = 0  # local worker processes beside a chief; 0: the search runs in this process
    overwrite: bool = False


@dataclasses.dataclass
class Plan:
    """A checked search, ready to run."""

    experiment: Experiment
    space: space_mod.SearchSpace
    base: cfg.Config
    tuner: str
    max_trials: int
    epochs: int
    objective: str
    direction: str
    workers: int
    overwrite: bool
    role: str  # "single", "chief" or "worker"
    project: Path  # keras-tuner's folder for this search

    @property
    def tuner_id(self) -> str:
        return os.environ.get("KERASTUNER_TUNER_ID", "tuner0") if self.role != "single" else "tuner0"

    def fingerprint(self) -> dict:
        """What a resumed search must share with the one it continues."""
        config = cfg.to_dict(self.base)
        return {
            "experiment": self.experiment.name, "tuner": self.tuner, "objective": self.objective,
            "search_epochs": self.epochs, "search_space": self.space.to_json(),
            "config": {k: v for k, v in _flatten(config).items() if k not in RESUMABLE_CHANGES},
        }


def _flatten(value: Any, prefix: str = "") -> dict[str, Any]:
    if isinstance(value, dict):
        out = {}
        for key, item in value.items():
            out.update(_flatten(item, f"{prefix}{key}."))
        return out
    if isinstance(value, list) and value and isinstance(value[0], dict):
        out = {prefix.rstrip(".") + "#": len(value)}
        for i, item in enumerate(value):
            out.update(_flatten(item, f"{prefix}{i}."))
        return out
    return {prefix.rstrip("."): value}


# ---------------------------------------------------------------- checking before anything starts


def search_space(experiment: Experiment) -> space_mod.SearchSpace:
    """The experiment's SEARCH_SPACE, parsed and checked."""
    declaration = getattr(experiment.module, "SEARCH_SPACE", None)
    if declaration is None:
        raise UserError(f"{experiment.name} declares no SEARCH_SPACE, so there is nothing to tune; see experiments/hml10_3_tuning.py for one that does")
    return space_mod.parse(declaration, f"{experiment.name}.SEARCH_SPACE")


def role_from_environment(workers: int) -> str:
    """keras-tuner's KERASTUNER_* variables make this process a chief or a worker."""
    tuner_id = os.environ.get("KERASTUNER_TUNER_ID")
    if tuner_id is None:
        return "chief" if workers > 0 else "single"
    for name in ("KERASTUNER_ORACLE_IP", "KERASTUNER_ORACLE_PORT"):
        if not os.environ.get(name):
            raise UserError(f"KERASTUNER_TUNER_ID={tuner_id} is set but {name} is not: set both KERASTUNER_ORACLE_IP and KERASTUNER_ORACLE_PORT (the chief's address), or unset KERASTUNER_TUNER_ID")
    if not os.environ["KERASTUNER_ORACLE_PORT"].isdigit():
        raise UserError(f"KERASTUNER_ORACLE_PORT={os.environ['KERASTUNER_ORACLE_PORT']!r} is not a port number")
    return "chief" if "chief" in tuner_id else "worker"


def make_plan(experiment: Experiment, base: cfg.Config, settings: TuneSettings, options: runner.RunOptions, fixed: dict | None = None) -> Plan:
    """Resolve and check a search: tuner, budget, space against the config. No Keras is loaded."""
    space = search_space(experiment)
    declared = {**DEFAULTS, **getattr(experiment.module, "TUNING", {})}
    unknown = sorted(set(declared) - set(DEFAULTS))
    if unknown:
        raise UserError(f"{experiment.name}.TUNING: unknown key {unknown[0]!r}; the keys are {', '.join(DEFAULTS)}")
    tuner = settings.tuner or declared["tuner"]
    if tuner not in TUNERS:
        raise UserError(f"unknown tuner {tuner!r}: use one of {', '.join(TUNERS)}")
    max_trials = settings.max_trials if settings.max_trials is not None else declared["max_trials"]
    if not isinstance(max_trials, int) or max_trials < 1:
        raise UserError(f"--max-trials {max_trials}: a search needs 1 or more trials")
    if options.quick:
        max_trials = min(max_trials, QUICK_MAX_TRIALS)
    # A trial never trains longer than the final retraining would.
    epochs = settings.epochs if settings.epochs is not None else min(declared["epochs"], base.train.epochs)
    if not isinstance(epochs, int) or epochs < 1:
        raise UserError(f"--epochs {epochs}: each trial needs 1 or more epochs")
    objective = declared["objective"]
    if objective not in OBJECTIVES:
        raise UserError(f"{experiment.name}.TUNING objective {objective!r}: use one of {', '.join(OBJECTIVES)} (the test set is never a tuning objective)")
    if settings.workers < 0:
        raise UserError(f"--workers {settings.workers}: give 0 (search in this process) or more")
    space.check(base, fixed)
    role = role_from_environment(settings.workers)
    project = options.work_root().resolve() / experiment.name / "tuner" / tuner
    return Plan(experiment, space, base, tuner, max_trials, epochs, objective, OBJECTIVES[objective], settings.workers, settings.overwrite, role, project)


# ---------------------------------------------------------------- the command


def tune(experiment: Experiment, overrides: dict[str, Any] | None = None, options: runner.RunOptions | None = None, settings: TuneSettings | None = None) -> Path | None:
    """Search, retrain the best, evaluate once on test; returns results/<experiment>/.

    In a worker process (KERASTUNER_TUNER_ID=tunerN) only trials run, and None is returned.
    """
    overrides = dict(overrides or {})
    options = options or runner.RunOptions()
    settings = settings or TuneSettings()
    configs = runner.resolve_variants(experiment, overrides, options.quick)
    base = configs.get(experiment.primary) or next(iter(configs.values()))
    plan = make_plan(experiment, base, settings, options, overrides)  # every mistake before any work
    if options.data_dir:
        from ann_keras.data import find_data_dir

        find_data_dir(options.data_dir, download=False)
    if plan.role == "worker":
        run_worker(plan, options)
        return None
    if not options.command:
        options = dataclasses.replace(options, command=f"ann-keras tune {experiment.name}")
    worker_argv = worker_command(experiment.name, overrides, options, plan)
    return runner.run_experiment(
        experiment, overrides, options, kind="tune",
        body=lambda ctx: search_and_retrain(ctx, settings, worker_argv),
    )


def worker_command(name: str, overrides: dict[str, Any], options: runner.RunOptions, plan: Plan) -> list[str]:
    """`ann-keras` arguments that make a worker run the same search as this chief."""
    import json

    argv = ["tune", name, "--tuner", plan.tuner, "--max-trials", str(plan.max_trials), "--epochs", str(plan.epochs),
            "--results-dir", str(Path(options.results_dir).resolve()), "--work-dir", str(options.work_root().resolve())]
    if options.data_dir:
        argv += ["--data-dir", str(options.data_dir)]
    for key, value in overrides.items():
        if key == "seed":
            argv += ["--seed", str(value)]
        else:
            text = value if isinstance(value, str) else json.dumps(cfg.to_dict(value))
            argv += ["--set", f"{key}={text}"]
    if options.quick:  # `tune` has no --quick: spell out what it changed
        quick = {**cfg.QUICK_OVERRIDES, **plan.experiment.quick, "train.epochs": plan.base.train.epochs}
        argv += [item for key, value in quick.items() if key not in overrides for item in ("--set", f"{key}={value}")]
    return argv


# ---------------------------------------------------------------- the search's folder


class ProjectLock:
    """One search at a time per tuner folder (a second command would corrupt its state)."""

    def __init__(self, project: Path):
        self.path = project.parent / f"{project.name}.lock"
        self.handle = None

    def __enter__(self):
        self.path.parent.mkdir(parents=True, exist_ok=True)
        self.handle = open(self.path, "a+")
        try:
            fcntl.flock(self.handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            self.handle.seek(0)
            holder = self.handle.read().strip() or "another process"
            self.handle.close()
            raise UserError(f"a search is already running in {self.path.parent / self.path.stem} ({holder}); wait for it, or pass another --work-dir") from None
        self.handle.seek(0)
        self.handle.truncate()
        self.handle.write(f"pid {os.getpid()}")
        self.handle.flush()
        return self

    def __exit__(self, *exc):
        fcntl.flock(self.handle, fcntl.LOCK_UN)
        self.handle.close()


def prepare_project(plan: Plan) -> int:
    """Start afresh (--overwrite) or check that the saved search is this one; returns the trials already there."""
    project = plan.project
    if plan.overwrite and project.exists():
        shutil.rmtree(project)
    settings_file = project / SETTINGS_FILE
    saved = trials_mod.read_json(settings_file)
    if (project / "oracle.json").exists():
        check_same_search(plan, saved)
        # keras-tuner reloads only when this process's own tuner file exists: a search begun
        # in one process may be resumed as a chief, or the other way round.
        own = project / f"{'chief' if plan.role == 'chief' else plan.tuner_id}.json"
        if not own.exists():
            own.write_text("{}")
    project.mkdir(parents=True, exist_ok=True)
    results.write_json(settings_file, plan.fingerprint())
    return sum(1 for t in trials_mod.read_trials(project) if t.get("status") in ("COMPLETED", "FAILED"))


def check_same_search(plan: Plan, saved: dict | None) -> None:
    """A saved search with other settings cannot be continued: say which setting differs."""
    if saved is None:
        return
    current = plan.fingerprint()
    for key in current:
        if key == "config":
            for name in sorted(set(current["config"]) | set(saved.get("config", {}))):
                here, there = current["config"].get(name), saved.get("config", {}).get(name)
                if here != there:
                    _differs(plan, f"config {name}", there, here)
        elif current[key] != saved.get(key):
            _differs(plan, key.replace("_", " "), saved.get(key) if key != "search_space" else "another space", current[key] if key != "search_space" else "this one")


def _differs(plan: Plan, what: str, there, here) -> None:
    raise UserError(
        f"{plan.project} holds a search with other settings ({what}: {there!r} there, {here!r} here); "
        "run with --overwrite to start afresh, or pass another --work-dir"
    )


# ---------------------------------------------------------------- search, retrain, write


def search_and_retrain(ctx: runner.RunContext, settings: TuneSettings | None = None, worker_argv: list[str] | None = None) -> None:
    """The body of a tune run: search on train/validation, retrain the best, test it once."""
    settings = settings or TuneSettings()
    plan = make_plan(ctx.experiment, ctx.config, settings, ctx.options, ctx.run_info.get("overrides"))
    ctx.run_info["kind"] = "tune"
    if plan.role == "worker":
        raise UserError("a worker (KERASTUNER_TUNER_ID=tunerN) runs trials only: use `ann-keras tune`, not `run`")
    with ProjectLock(plan.project):
        before = prepare_project(plan)
        started = time.perf_counter()
        summary = run_search(ctx, plan, worker_argv or worker_command(ctx.experiment.name, {}, ctx.options, plan))
        summary["wall_time_s"] = round(time.perf_counter() - started, 2)
    summary["trials_before"] = before
    retrain_and_write(ctx, plan, summary)


def run_search(ctx: runner.RunContext, plan: Plan, worker_argv: list[str]) -> dict:
    """The search itself, in this process or as keras-tuner's chief with worker processes."""
    from ann_keras.tuning import search

    hypermodel = search.ConfigHyperModel(plan.space, plan.base, ctx.splits, plan.epochs, plan.objective, ctx.options.verbose)
    progress = search.Progress(plan.space, plan.objective, plan.direction, plan.max_trials, max(1, plan.workers), stream=None if ctx.options.verbose else io.StringIO())
    ctx.log(f"-- {plan.tuner} search of {ctx.experiment.name}: at most {plan.max_trials} trials of {plan.epochs} epochs, objective {plan.objective} "
            f"({len(plan.space)} hyperparameters: {', '.join(plan.space.names)}); state in {plan.project}")
    workers: list = []
    if plan.role == "single":
        tuner = _make_tuner(search, plan, hypermodel)
        _resumed(ctx, tuner, progress)
        tuner.progress = progress
        search.run_here(tuner, plan.project)
    else:
        host = os.environ.get("KERASTUNER_ORACLE_IP", "127.0.0.1")
        port = int(os.environ.get("KERASTUNER_ORACLE_PORT") or search.free_port(host))
        with search.environment(KERASTUNER_TUNER_ID="chief", KERASTUNER_ORACLE_IP=host, KERASTUNER_ORACLE_PORT=str(port)):
            tuner = _make_tuner(search, plan, hypermodel)
            _resumed(ctx, tuner, progress)
            connect = "127.0.0.1" if host in ("0.0.0.0", "::") else host
            workers = search.start_workers(worker_argv, plan.workers, (connect, port), plan.project / "logs")
            ctx.log(f"   chief serving the oracle on {host}:{port}; {plan.workers} local worker(s), logs in {plan.project / 'logs'}")
            search.run_chief(tuner, workers, progress, plan.project)
    return {"workers": plan.workers, "peak_rss_mb": round(search.peak_rss_mb(), 1), "workers_peak_rss_mb": round(search.peak_rss_mb(children=True), 1) if workers else None,
            "trials_finished_here": len(progress.finished_here)}


def _make_tuner(search, plan: Plan, hypermodel):
    try:
        tuner = search.make_tuner(plan.tuner, hypermodel, plan.project, plan.max_trials, plan.base.seed, plan.direction)
    except (ValueError, KeyError, RuntimeError) as exc:  # a state file cut short by a kill
        if not (plan.project / "oracle.json").exists():
            raise
        raise UserError(f"the saved search in {plan.project} cannot be read ({type(exc).__name__}: {str(exc).splitlines()[0][:120]}); run with --overwrite to start afresh") from None
    oracle = tuner.oracle
    # A trial saved as running but missing from the oracle's own list (killed in between) runs again.
    pending = set(oracle._retry_queue) | {t.trial_id for t in oracle.ongoing_trials.values()}
    for trial_id, trial in oracle.trials.items():
        if trial.status == "RUNNING" and trial_id not in pending:
            oracle._retry_queue.append(trial_id)
    return tuner


def _resumed(ctx: runner.RunContext, tuner, progress) -> None:
    oracle = tuner.oracle
    progress.prime(oracle.trials)
    if oracle.trials:
        again = len(oracle._retry_queue)
        ctx.log(f"   resuming: {progress.done} trial(s) finished earlier are kept" + (f", {again} interrupted trial(s) run again" if again else ""))


def retrain_and_write(ctx: runner.RunContext, plan: Plan, summary: dict) -> None:
    """Retrain the best configuration (early stopping on validation), test it once, write the files."""
    records = trials_mod.read_trials(plan.project)
    frame = trials_mod.trials_frame(records, plan.space, plan.objective)
    out = ctx.out
    results.write_csv(out / "trials.csv", frame)
    results.write_json(out / "search_space.json", plan.space.to_json())
    best = trials_mod.best_trial(frame, plan.direction)
    if best is None:
        raise UserError(f"no trial of the search completed ({len(frame)} trial(s): {', '.join(frame['status'].astype(str))}); see {plan.project} and narrow the search space")
    record = next(r for r in records if r["trial_id"] == best["trial_id"])
    values = {name: record["hyperparameters"]["values"][name] for name in plan.space.names}
    results.write_json(out / "best_hyperparameters.json", values)
    history = trials_mod.history_frame(plan.project, best["trial_id"])
    if history is not None:
        results.write_csv(out / "best_trial_history.csv", history)
    config = plan.space.apply(plan.base, values)
    ctx.log(f"== retraining the best configuration (trial {best['trial_id']}, {plan.objective} {best['score']:.4f}): "
            f"{trials_mod.describe(values, plan.space)}; up to {config.train.epochs} epochs, then one evaluation on test")
    unit = ctx.train_and_evaluate(config, variant=ctx.run_info.get("primary", "main"))
    results.write_json(out / "config.json", cfg.to_dict(config))
    metrics = unit.metrics
    completed = frame[frame["status"] == "COMPLETED"]
    hours = summary["wall_time_s"] / 3600
    search_info = {
        "tuner": plan.tuner, "objective": plan.objective, "direction": plan.direction, "max_trials": plan.max_trials,
        "search_epochs": plan.epochs, "trials_completed": int(len(completed)), "trials_total": int(len(frame)),
        "trials_failed": int((frame["status"] == "FAILED").sum()), "best_trial_id": best["trial_id"],
        "best_score": float(best["score"]), "best_epoch": best["best_epoch"], "workers": plan.workers,
        "wall_time_s": summary["wall_time_s"], "resumed": summary["trials_before"] > 0,
        "trials_before_resume": summary["trials_before"], "trials_run": summary["trials_finished_here"],
        "trials_per_hour": round(summary["trials_finished_here"] / hours, 1) if hours > 0 and summary["trials_finished_here"] else None,
        "search_score": float(best["score"]), "test_accuracy": metrics["test_accuracy"],
        "retrained_val_accuracy": metrics.get("val_accuracy"), "retrained_epochs_run": metrics["epochs_run"],
        "test_minus_search": metrics["test_accuracy"] - float(best["score"]) if plan.objective == "val_accuracy" else None,
        "peak_rss_mb": summary["peak_rss_mb"], "workers_peak_rss_mb": summary["workers_peak_rss_mb"],
        "tuner_dir": str(plan.project),
    }
    results.write_json(out / "search.json", search_info)
    add_report_sections(ctx, plan, frame, search_info, config)
    ctx.log(f"   search score ({plan.objective}, best trial) {search_info['search_score']:.4f} -> retrained test accuracy {metrics['test_accuracy']:.4f}")


def add_report_sections(ctx: runner.RunContext, plan: Plan, frame: pd.DataFrame, info: dict, config: cfg.Config) -> None:
    """The report's part about the search: how it ran, the best trials, search vs test score."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    validation = len(ctx.splits(plan.base.data).y_val)
    where = "in one process" if not info["workers"] else f"in {info['workers']} worker process(es) beside a chief oracle"
    ctx.add_text("Search", (
        f"{plan.tuner} search over {len(plan.space)} hyperparameters ({', '.join(plan.space.names)}), "
        f"{info['trials_completed']} of {info['trials_total']} trials completed (at most {plan.max_trials}), "
        f"{plan.epochs} epochs per trial, objective {plan.objective} on {validation:,} validation images, {where}; "
        f"search wall time {info['wall_time_s'] / 60:.1f} min in this command"
        + (f", continuing {info['trials_before_resume']} trial(s) from an earlier command" if info["resumed"] else "") + ". "
        "Every trial builds its model with the same builder as a plain run; the test set is read only by the final evaluation."
    ))
    ctx.add_table("search_space", pd.DataFrame(
        [{"name": h.name, "type": h.type, "values": domain_text(h), "config_key": h.config_key} for h in plan.space]
    ), "Search space")
    done = frame[frame["status"] == "COMPLETED"].copy()
    done["score"] = done["score"].astype(float)
    top = done.sort_values("score", ascending=plan.direction == "min").head(10)
    ctx.add_table("best_trials", top.drop(columns=[c for c in ("worker",) if c in top and top[c].isna().all()]), "Best trials", "All trials: trials.csv.")
    fig, ax = plt.subplots(figsize=(6, 3.5))
    order = np.arange(1, len(frame) + 1)
    scores = pd.to_numeric(frame["score"], errors="coerce").to_numpy(dtype=float)
    ax.plot(order, scores, "o", label=f"trial's best {plan.objective}")
    running = pd.Series(scores).cummax() if plan.direction == "max" else pd.Series(scores).cummin()
    ax.step(order, running.ffill(), where="post", label="best so far")
    if len(frame) <= 30:
        ax.set_xticks(order, frame["trial_id"].astype(str), rotation=90 if len(frame) > 15 else 0)
    ax.set_xlabel("trial id (in the order they were created)")
    ax.set_ylabel(plan.objective)
    ax.legend()
    ctx.add_figure("trial_scores", fig, "Score of each trial")
    plt.close(fig)
    stopping = f"early stopping on {config.train.monitor} with patience {config.train.early_stopping_patience}" if config.train.early_stopping_patience is not None else "no early stopping"
    text = (
        f"The search score {info['search_score']:.4f} is the best {plan.objective} of trial {info['best_trial_id']} "
        f"(epoch {info['best_epoch']}), the best of {info['trials_completed']} trials. It chose the winner, so it is biased "
        "upward: among many noisy trials the highest score is partly luck. The best configuration was then trained "
        f"again from scratch (seed {config.seed}, up to {config.train.epochs} epochs, {stopping}), ran {info['retrained_epochs_run']} epochs"
        + (f", reached val_accuracy {info['retrained_val_accuracy']:.4f}" if info["retrained_val_accuracy"] is not None else "")
        + f", and was evaluated once on the test images: test accuracy {info['test_accuracy']:.4f}"
    )
    difference = info["test_minus_search"]
    if difference is not None:
        text += f", {abs(difference):.4f} {'below' if difference < 0 else 'above'} the search score" if round(difference, 4) else ", the same as the search score to four decimals"
    text += ". Only the test figure estimates accuracy on new images."
    ctx.add_text("Search score and test score", text)
    ctx.add_facts(search_score=info["search_score"], test_accuracy=info["test_accuracy"], test_minus_search=info["test_minus_search"],
                  best_trial_id=info["best_trial_id"], trials_completed=info["trials_completed"], search_wall_time_s=info["wall_time_s"])


def domain_text(h: space_mod.Hyperparameter) -> str:
    """'1e-04 to 0.01, log scale' for the report's table of the search space."""
    if h.type == "boolean":
        return "false, true"
    if h.type == "choice":
        return ", ".join(map(str, h.values))
    text = f"{h.min:g} to {h.max:g}"
    if h.step is not None:
        text += f", {'times' if h.sampling == 'log' else 'step'} {h.step:g}"
    return text + (", log scale" if h.sampling == "log" else "")


# ---------------------------------------------------------------- a worker


def run_worker(plan: Plan, options: runner.RunOptions) -> None:
    """Run trials for the chief named by KERASTUNER_ORACLE_IP/PORT until it says stop."""
    from ann_keras import data as data_mod
    from ann_keras.backend import load_keras
    from ann_keras.training import setup_device

    load_keras()
    setup_device()
    from ann_keras.tuning import search

    search.watch_parent()
    tuner_id = os.environ["KERASTUNER_TUNER_ID"]
    if plan.overwrite:
        print(f"worker {tuner_id}: --overwrite is the chief's to do; ignored here", flush=True)
    saved = trials_mod.read_json(plan.project / SETTINGS_FILE)
    check_same_search(plan, saved)  # on a shared work folder, the chief's settings are there
    cache: dict[str, Any] = {}

    def splits_for(data_config):
        key = cfg.dumps(data_config)
        if key not in cache:
            cache[key] = data_mod.load_splits(data_config, options.data_dir)
        return cache[key]

    hypermodel = search.ConfigHyperModel(plan.space, plan.base, splits_for, plan.epochs, plan.objective, options.verbose)
    address = f"{os.environ['KERASTUNER_ORACLE_IP']}:{os.environ['KERASTUNER_ORACLE_PORT']}"
    print(f"worker {tuner_id}: asking the chief at {address} for {plan.tuner} trials; trial folders in {plan.project}", flush=True)
    tuner = search.make_tuner(plan.tuner, hypermodel, plan.project, plan.max_trials, plan.base.seed, plan.direction)
    tuner.progress = search.Progress(plan.space, plan.objective, plan.direction, None)
    started = time.perf_counter()
    tuner.search()
    print(f"worker {tuner_id}: the chief has no more trials; ran {len(tuner.progress.finished_here)} in {(time.perf_counter() - started) / 60:.1f} min", flush=True)
