"""A search experiment's run: search (here, as a chief with workers, or as a worker), retrain the
best configuration, evaluate it once on test, and write the search's files.

`ann-keras tune NAME` and `ann-keras run NAME` of a search experiment both come here (`tune`).
The search reads only the train and validation splits. Running the same command again
continues a stopped search (see `plan`) and `--overwrite` starts afresh.
"""

from __future__ import annotations

import dataclasses
import io
import os
import time
from pathlib import Path
from typing import Any

import pandas as pd

from ann_keras import board, files
from ann_keras import config as cfg
from ann_keras.errors import UserError
from ann_keras.pipeline.context import RunContext
from ann_keras.pipeline.experiments import Experiment
from ann_keras.pipeline.options import RunOptions
from ann_keras.pipeline.run import run_experiment
from ann_keras.tuning import trials as trials_mod
from ann_keras.tuning.plan import (
    SETTINGS_FILE,
    Plan,
    TuneSettings,
    check_same_search,
    make_plan,
    prepare_project,
    worker_command,
)

# ---------------------------------------------------------------- the command


def tune(
    experiment: Experiment,
    overrides: dict[str, Any] | None = None,
    options: RunOptions | None = None,
    settings: TuneSettings | None = None,
) -> Path | None:
    """Search, retrain the best, evaluate once on test; returns results/<experiment>/.

    In a worker process (KERASTUNER_TUNER_ID=tunerN) only trials run, and None is returned.
    """
    overrides = dict(overrides or {})
    options = options or RunOptions()
    settings = settings or TuneSettings()
    configs = experiment.configs(overrides, options.quick)
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
    return run_experiment(
        experiment,
        overrides,
        options,
        kind="tune",
        body=lambda ctx: search_and_retrain(ctx, settings, worker_argv),
    )


# ---------------------------------------------------------------- search, retrain, write


def search_and_retrain(
    ctx: RunContext, settings: TuneSettings | None = None, worker_argv: list[str] | None = None
) -> None:
    """The body of a tune run: search on train/validation, retrain the best, test it once."""
    settings = settings or TuneSettings()
    plan = make_plan(ctx.experiment, ctx.config, settings, ctx.options, ctx.overrides)
    if plan.role == "worker":
        raise UserError(
            "a worker (KERASTUNER_TUNER_ID=tunerN) runs trials only: use `ann-keras tune`, not `run`"
        )
    lock = files.FileLock(
        plan.project.parent / f"{plan.project.name}.lock",
        busy=f"a search is already running in {plan.project}; wait for it, or pass another --work-dir",
    )
    with lock:
        before = prepare_project(plan)
        started = time.perf_counter()
        summary = run_search(
            ctx, plan, worker_argv or worker_command(ctx.experiment.name, {}, ctx.options, plan)
        )
        summary["wall_time_s"] = round(time.perf_counter() - started, 2)
    summary["trials_before"] = before
    retrain_and_write(ctx, plan, summary)


def run_search(ctx: RunContext, plan: Plan, worker_argv: list[str]) -> dict:
    """The search itself, in this process or as keras-tuner's chief with worker processes."""
    from ann_keras.tuning import hypermodel as hm
    from ann_keras.tuning import workers as distributed

    hypermodel = hm.ConfigHyperModel(
        plan.space, plan.base, ctx.data.splits, plan.epochs, plan.objective, ctx.options.verbose
    )
    hypermodel.tensorboard = board.experiment_dir(ctx.options.work_root(), ctx.experiment.name)
    progress = hm.Progress(
        plan.space,
        plan.objective,
        plan.direction,
        plan.max_trials,
        max(1, plan.workers),
        stream=None if ctx.options.verbose else io.StringIO(),
    )
    budget = f"at most {plan.max_trials}" if plan.max_trials is not None else "Hyperband's schedule of"
    ctx.log(
        f"-- {plan.tuner} search of {ctx.experiment.name}: {budget} trials of "
        f"{plan.epochs} epochs, objective {plan.objective} "
        f"({len(plan.space)} hyperparameters: {', '.join(plan.space.names)}); state in {plan.project}"
    )
    workers: list = []
    if plan.role == "single":
        tuner = _make_tuner(plan, hypermodel)
        _resumed(ctx, tuner, progress)
        tuner.progress = progress
        distributed.run_here(tuner, plan.project)
    else:
        host = os.environ.get("KERASTUNER_ORACLE_IP", "127.0.0.1")
        port = int(os.environ.get("KERASTUNER_ORACLE_PORT") or distributed.free_port(host))
        with distributed.environment(
            KERASTUNER_TUNER_ID="chief", KERASTUNER_ORACLE_IP=host, KERASTUNER_ORACLE_PORT=str(port)
        ):
            tuner = _make_tuner(plan, hypermodel)
            _resumed(ctx, tuner, progress)
            connect = "127.0.0.1" if host in ("0.0.0.0", "::") else host
            workers = distributed.start_workers(
                worker_argv, plan.workers, (connect, port), plan.project / "logs"
            )
            ctx.log(
                f"   chief serving the oracle on {host}:{port}; {plan.workers} local worker(s), logs in "
                f"{plan.project / 'logs'}"
            )
            distributed.run_chief(tuner, workers, progress, plan.project)
    return {
        "tuner": tuner,  # the best trial's model is loaded from it when the refit asks for it
        "workers": plan.workers,
        "peak_rss_mb": round(hm.peak_rss_mb(), 1),
        "workers_peak_rss_mb": round(hm.peak_rss_mb(children=True), 1) if workers else None,
        "trials_finished_here": len(progress.finished_here),
    }


def _make_tuner(plan: Plan, hypermodel):
    from ann_keras.tuning import hypermodel as hm

    try:
        tuner = hm.make_tuner(
            plan.tuner,
            hypermodel,
            plan.project,
            plan.max_trials,
            plan.base.seed,
            plan.direction,
            plan.options,
        )
    except (ValueError, KeyError, RuntimeError) as exc:  # a state file cut short by a kill
        if not (plan.project / "oracle.json").exists():
            raise
        raise UserError(
            f"the saved search in {plan.project} cannot be read ({type(exc).__name__}: "
            f"{str(exc).splitlines()[0][:120]}); run with --overwrite to start afresh"
        ) from None
    oracle = tuner.oracle
    # A trial saved as running but missing from the oracle's own list (killed in between) runs again.
    pending = set(oracle._retry_queue) | {t.trial_id for t in oracle.ongoing_trials.values()}
    for trial_id, trial in oracle.trials.items():
        if trial.status == "RUNNING" and trial_id not in pending:
            oracle._retry_queue.append(trial_id)
    return tuner


def _resumed(ctx: RunContext, tuner, progress) -> None:
    oracle = tuner.oracle
    progress.prime(oracle.trials)
    if oracle.trials:
        again = len(oracle._retry_queue)
        ctx.log(
            f"   resuming: {progress.done} trial(s) finished earlier are kept"
            + (f", {again} interrupted trial(s) run again" if again else "")
        )


def retrain_and_write(ctx: RunContext, plan: Plan, summary: dict) -> None:
    """Retrain the best configuration (early stopping on validation), test it once, write the files."""
    records = trials_mod.read_trials(plan.project)
    frame = trials_mod.trials_frame(records, plan.space, plan.objective)
    out = ctx.out
    files.write_csv(out / "trials.csv", frame)
    files.write_json(out / "search_space.json", plan.space.to_json())
    best = trials_mod.best_trial(frame, plan.direction)
    if best is None:
        raise UserError(
            f"no trial of the search completed ({len(frame)} trial(s): "
            f"{', '.join(frame['status'].astype(str))}); see {plan.project} and narrow the search space"
        )
    record = next(r for r in records if r["trial_id"] == best["trial_id"])
    values = {name: record["hyperparameters"]["values"][name] for name in plan.space.names}
    files.write_json(out / "best_hyperparameters.json", values)
    history = trials_mod.history_frame(plan.project, best["trial_id"])
    if history is not None:
        files.write_csv(out / "best_trial_history.csv", history)
    config = plan.space.apply(plan.base, values)
    if plan.refit == "retrain":
        ctx.log(
            f"== retraining the best configuration (trial {best['trial_id']}, {plan.objective} "
            f"{best['score']:.4f}): "
            f"{trials_mod.describe(values, plan.space)}; up to {config.train.epochs} epochs, then one "
            "evaluation on test"
        )
        fit = ctx.fits.train(config, variant=ctx.primary)
    else:
        fit = best_trial_fit(ctx, plan, summary["tuner"], best["trial_id"], config)
    files.write_json(out / "config.json", cfg.to_dict(config))
    metrics = fit.metrics
    completed = frame[frame["status"] == "COMPLETED"]
    hours = summary["wall_time_s"] / 3600
    search_info = {
        "tuner": plan.tuner,
        "objective": plan.objective,
        "direction": plan.direction,
        "max_trials": plan.max_trials,
        "search_epochs": plan.epochs,
        "refit": plan.refit,
        "tuner_options": plan.options,
        "trials_completed": int(len(completed)),
        "trials_total": int(len(frame)),
        "trials_failed": int((frame["status"] == "FAILED").sum()),
        "best_trial_id": best["trial_id"],
        "best_score": float(best["score"]),
        "best_epoch": best["best_epoch"],
        "workers": plan.workers,
        "wall_time_s": summary["wall_time_s"],
        "resumed": summary["trials_before"] > 0,
        "trials_before_resume": summary["trials_before"],
        "trials_run": summary["trials_finished_here"],
        "trials_per_hour": round(summary["trials_finished_here"] / hours, 1)
        if hours > 0 and summary["trials_finished_here"]
        else None,
        "search_score": float(best["score"]),
        "test_accuracy": metrics["test_accuracy"],
        "retrained_val_accuracy": metrics.get("val_accuracy"),
        "retrained_epochs_run": metrics["epochs_run"],
        "test_minus_search": metrics["test_accuracy"] - float(best["score"])
        if plan.objective == "val_accuracy"
        else None,
        "peak_rss_mb": summary["peak_rss_mb"],
        "workers_peak_rss_mb": summary["workers_peak_rss_mb"],
        "tuner_dir": files.shown_path(plan.project, plan.project.parents[2]),
    }
    files.write_json(out / "search.json", search_info)
    add_report_sections(ctx, plan, frame, search_info, config)
    ctx.log(
        f"   search score ({plan.objective}, best trial) {search_info['search_score']:.4f} -> "
        f"{'retrained ' if plan.refit == 'retrain' else ''}test accuracy {metrics['test_accuracy']:.4f}"
    )


def best_trial_fit(ctx: RunContext, plan: Plan, tuner, trial_id: str, config: cfg.Config):
    """핸즈온 10.3's way after a search: the best trial's model itself (its best epoch's weights, as
    `get_best_models` loads them), trained on for train.epochs more epochs over all the training images,
    validation ones included ("continue_on_all"), or as the search left it ("best_model"); then tested once.
    """
    import contextlib
    import warnings

    import numpy as np

    from ann_keras import training
    from ann_keras.data import Splits
    from ann_keras.pipeline.fit import test_and_write

    keras = training.load_keras()
    with contextlib.redirect_stdout(io.StringIO()), warnings.catch_warnings():
        # The checkpoint holds the trial's optimizer too; the model gets a fresh one, as get_best_models's.
        warnings.filterwarnings("ignore", message="Skipping variable loading for optimizer")
        model = tuner.load_model(tuner.oracle.get_trial(trial_id))
    splits = ctx.data.splits(config.data)
    if plan.refit == "continue_on_all":
        every = Splits(
            np.concatenate([splits.x_train, splits.x_val]),
            np.concatenate([splits.y_train, splits.y_val]),
            splits.x_val[:0],
            splits.y_val[:0],
            splits.scaler,
        )
        ctx.log(
            f"== the best trial's model (trial {trial_id}) trained on for {config.train.epochs} epochs over "
            f"all {len(every.x_train):,} training images, validation ones included, then one evaluation on "
            "test"
        )
        history = training.fit(
            model,
            every,
            config,
            None,
            callbacks=[keras.callbacks.TerminateOnNaN()],
            label="best trial, all images",
            verbose=ctx.options.verbose,
        )
    else:
        ctx.log(f"== the best trial's model (trial {trial_id}) as the search left it: one evaluation on test")
        frame = trials_mod.history_frame(plan.project, trial_id)
        history = {} if frame is None else {c: frame[c].astype(float).tolist() for c in frame if c != "epoch"}
    fit = test_and_write(
        model,
        config,
        history,
        splits,
        ctx.data,
        ctx.paths.fit_dir(ctx.primary, config.seed),
        ctx.primary,
        config.seed,
    )
    ctx.fits.done.append(fit)
    return fit


def add_report_sections(
    ctx: RunContext, plan: Plan, frame: pd.DataFrame, info: dict, config: cfg.Config
) -> None:
    """The search's computed values for the page. The page's search section (report/pages.py) shows
    the search itself from search.json and trials.csv, in the page's language: how it ran, the best
    hyperparameters, what mattered, the figures, the trials and search score against test score."""
    ctx.page.add_facts(
        search_score=info["search_score"],
        test_accuracy=info["test_accuracy"],
        test_minus_search=info["test_minus_search"],
        best_trial_id=info["best_trial_id"],
        trials_completed=info["trials_completed"],
        search_wall_time_s=info["wall_time_s"],
    )


def run_worker(plan: Plan, options: RunOptions) -> None:
    """Run trials for the chief named by KERASTUNER_ORACLE_IP/PORT until it says stop."""
    from ann_keras.data import DataCache
    from ann_keras.training import device

    device.load_keras()
    device.setup_device()
    from ann_keras.tuning import hypermodel as hm
    from ann_keras.tuning import workers as distributed

    distributed.watch_parent()
    tuner_id = os.environ["KERASTUNER_TUNER_ID"]
    if plan.overwrite:
        print(f"worker {tuner_id}: --overwrite is the chief's to do; ignored here", flush=True)
    saved = files.try_read_json(plan.project / SETTINGS_FILE)
    check_same_search(plan, saved)  # on a shared work folder, the chief's settings are there
    data = DataCache(options.data_dir)
    hypermodel = hm.ConfigHyperModel(
        plan.space, plan.base, data.splits, plan.epochs, plan.objective, options.verbose
    )
    hypermodel.tensorboard = board.experiment_dir(options.work_root(), plan.project.parent.parent.name)
    address = f"{os.environ['KERASTUNER_ORACLE_IP']}:{os.environ['KERASTUNER_ORACLE_PORT']}"
    print(
        f"worker {tuner_id}: asking the chief at {address} for {plan.tuner} trials; trial folders in "
        f"{plan.project}",
        flush=True,
    )
    tuner = hm.make_tuner(
        plan.tuner, hypermodel, plan.project, plan.max_trials, plan.base.seed, plan.direction, plan.options
    )
    tuner.progress = hm.Progress(plan.space, plan.objective, plan.direction, None)
    started = time.perf_counter()
    tuner.search()
    print(
        f"worker {tuner_id}: the chief has no more trials; ran {len(tuner.progress.finished_here)} in "
        f"{(time.perf_counter() - started) / 60:.1f} min",
        flush=True,
    )
