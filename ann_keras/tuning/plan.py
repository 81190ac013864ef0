"""A search, checked and resolved before anything starts: tuner, budget, space, role, folder (no Keras).

`make_plan` turns an experiment's SEARCH_SPACE and TUNING with the command's settings into a
`Plan`; every mistake is a one-line error before data is loaded. The search's state
(keras-tuner's oracle and trial folders) lives in `<work>/<experiment>/tuner/<tuner>/`,
never in results/; `prepare_project` starts it afresh or checks that the saved one is this one.
"""

from __future__ import annotations

import dataclasses
import json
import os
import shutil
from pathlib import Path
from typing import Any

from ann_keras import config as cfg
from ann_keras import files
from ann_keras.errors import UserError
from ann_keras.pipeline.experiments import Experiment
from ann_keras.pipeline.options import RunOptions
from ann_keras.tuning import space as space_mod
from ann_keras.tuning import trials as trials_mod

TUNERS = ("random", "hyperband", "bayesian", "grid")
OBJECTIVES = {
    "val_accuracy": "max",
    "val_loss": "min",
}  # validation metrics only: the test set is for the end
DEFAULTS = {"tuner": "random", "max_trials": 10, "epochs": 10, "objective": "val_accuracy"}
# After the search (TUNING "refit"): "retrain" trains the best configuration again from scratch (early
# stopping as the config says); "continue_on_all" trains the best trial's model on for train.epochs
# more epochs on all the training images, validation ones included (핸즈온 10.3's
# best_model.fit(X_train_full, ...));
# "best_model" tests the best trial's model as the search left it. All three then test once.
REFITS = ("retrain", "continue_on_all", "best_model")
# Keyword arguments of keras-tuner's tuners an experiment may set (TUNING "options"), as the book passes them.
TUNER_OPTIONS = {
    "hyperband": ("hyperband_iterations", "factor"),
    "bayesian": ("alpha", "beta", "num_initial_points"),
    "random": (),
    "grid": (),
}
OPTIONAL = {"refit": "retrain", "options": {}}
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
    max_trials: int | None  # None: Hyperband's own schedule decides (핸즈온 10.3 sets no bound)
    epochs: int
    objective: str
    direction: str
    workers: int
    overwrite: bool
    role: str  # "single", "chief" or "worker"
    project: Path  # keras-tuner's folder for this search
    refit: str = "retrain"  # what follows the search (REFITS)
    options: dict = dataclasses.field(default_factory=dict)  # the tuner's own keyword arguments

    @property
    def tuner_id(self) -> str:
        return os.environ.get("KERASTUNER_TUNER_ID", "tuner0") if self.role != "single" else "tuner0"

    def fingerprint(self) -> dict:
        """What a resumed search must share with the one it continues."""
        config = cfg.to_dict(self.base)
        return {
            "experiment": self.experiment.name,
            "tuner": self.tuner,
            "objective": self.objective,
            "search_epochs": self.epochs,
            "search_space": self.space.to_json(),
            **({"tuner_options": self.options} if self.options else {}),
            "config": {k: v for k, v in cfg.flatten(config).items() if k not in RESUMABLE_CHANGES},
        }


# ---------------------------------------------------------------- checking before anything starts


def search_space(experiment: Experiment) -> space_mod.SearchSpace:
    """The experiment's SEARCH_SPACE, parsed and checked."""
    declaration = getattr(experiment.module, "SEARCH_SPACE", None)
    if declaration is None:
        raise UserError(
            f"{experiment.name} declares no SEARCH_SPACE, so there is nothing to tune; see "
            "experiments/wider_search.py for one that does"
        )
    return space_mod.parse(declaration, f"{experiment.name}.SEARCH_SPACE")


def role_from_environment(workers: int) -> str:
    """keras-tuner's KERASTUNER_* variables make this process a chief or a worker."""
    tuner_id = os.environ.get("KERASTUNER_TUNER_ID")
    if tuner_id is None:
        return "chief" if workers > 0 else "single"
    for name in ("KERASTUNER_ORACLE_IP", "KERASTUNER_ORACLE_PORT"):
        if not os.environ.get(name):
            raise UserError(
                f"KERASTUNER_TUNER_ID={tuner_id} is set but {name} is not: set both KERASTUNER_ORACLE_IP "
                "and KERASTUNER_ORACLE_PORT (the chief's address), or unset KERASTUNER_TUNER_ID"
            )
    if not os.environ["KERASTUNER_ORACLE_PORT"].isdigit():
        raise UserError(
            f"KERASTUNER_ORACLE_PORT={os.environ['KERASTUNER_ORACLE_PORT']!r} is not a port number"
        )
    return "chief" if "chief" in tuner_id else "worker"


def make_plan(
    experiment: Experiment,
    base: cfg.Config,
    settings: TuneSettings,
    options: RunOptions,
    fixed: dict | None = None,
) -> Plan:
    """Resolve and check a search: tuner, budget, space against the config. No Keras is loaded."""
    space = search_space(experiment)
    declared = {**DEFAULTS, **OPTIONAL, **getattr(experiment.module, "TUNING", {})}
    unknown = sorted(set(declared) - set(DEFAULTS) - set(OPTIONAL))
    if unknown:
        raise UserError(
            f"{experiment.name}.TUNING: unknown key {unknown[0]!r}; the keys are "
            f"{', '.join([*DEFAULTS, *OPTIONAL])}"
        )
    tuner = settings.tuner or declared["tuner"]
    if tuner not in TUNERS:
        raise UserError(f"unknown tuner {tuner!r}: use one of {', '.join(TUNERS)}")
    max_trials = settings.max_trials if settings.max_trials is not None else declared["max_trials"]
    if max_trials is None and tuner != "hyperband":
        max_trials = DEFAULTS["max_trials"]  # only Hyperband has a schedule of its own
    if max_trials is not None and (not isinstance(max_trials, int) or max_trials < 1):
        raise UserError(f"--max-trials {max_trials}: a search needs 1 or more trials")
    if options.quick:
        max_trials = min(max_trials or QUICK_MAX_TRIALS, QUICK_MAX_TRIALS)
    refit = declared["refit"]
    if refit not in REFITS:
        raise UserError(f"{experiment.name}.TUNING refit {refit!r}: use one of {', '.join(REFITS)}")
    # The tuner's own options hold for the tuner they were written for (`--tuner` another: none).
    tuner_options = dict(declared["options"]) if tuner == (declared["tuner"]) else {}
    wrong = sorted(set(tuner_options) - set(TUNER_OPTIONS[tuner]))
    if wrong:
        raise UserError(
            f"{experiment.name}.TUNING options: {wrong[0]!r} is not an option of the {tuner} tuner here "
            f"({', '.join(TUNER_OPTIONS[tuner]) or 'it takes none'})"
        )
    # A trial never trains longer than the final retraining would.
    epochs = settings.epochs if settings.epochs is not None else min(declared["epochs"], base.train.epochs)
    if not isinstance(epochs, int) or epochs < 1:
        raise UserError(f"--epochs {epochs}: each trial needs 1 or more epochs")
    objective = declared["objective"]
    if objective not in OBJECTIVES:
        raise UserError(
            f"{experiment.name}.TUNING objective {objective!r}: use one of {', '.join(OBJECTIVES)} (the "
            "test set is never a tuning objective)"
        )
    if settings.workers < 0:
        raise UserError(f"--workers {settings.workers}: give 0 (search in this process) or more")
    space.check(base, fixed)
    role = role_from_environment(settings.workers)
    project = options.work_root().resolve() / experiment.name / "tuner" / tuner
    return Plan(
        experiment,
        space,
        base,
        tuner,
        max_trials,
        epochs,
        objective,
        OBJECTIVES[objective],
        settings.workers,
        settings.overwrite,
        role,
        project,
        refit,
        tuner_options,
    )


def worker_command(name: str, overrides: dict[str, Any], options: RunOptions, plan: Plan) -> list[str]:
    """`ann-keras` arguments that make a worker run the same search as this chief."""
    argv = [
        "tune",
        name,
        "--tuner",
        plan.tuner,
        *(["--max-trials", str(plan.max_trials)] if plan.max_trials is not None else []),
        "--epochs",
        str(plan.epochs),
        "--results-dir",
        str(Path(options.results_dir).resolve()),
        "--work-dir",
        str(options.work_root().resolve()),
    ]
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
        argv += [
            item
            for key, value in quick.items()
            if key not in overrides
            for item in ("--set", f"{key}={value}")
        ]
    return argv


# ---------------------------------------------------------------- the search's folder


def prepare_project(plan: Plan) -> int:
    """Start afresh (--overwrite) or check that the saved search is this one; returns the trials already
    there."""
    project = plan.project
    if plan.overwrite and project.exists():
        shutil.rmtree(project)
    settings_file = project / SETTINGS_FILE
    saved = files.try_read_json(settings_file)
    if (project / "oracle.json").exists():
        check_same_search(plan, saved)
        # keras-tuner reloads only when this process's own tuner file exists: a search begun
        # in one process may be resumed as a chief, or the other way round.
        own = project / f"{'chief' if plan.role == 'chief' else plan.tuner_id}.json"
        if not own.exists():
            own.write_text("{}")
    project.mkdir(parents=True, exist_ok=True)
    files.write_json(settings_file, plan.fingerprint())
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
            _differs(
                plan,
                key.replace("_", " "),
                saved.get(key) if key != "search_space" else "another space",
                current[key] if key != "search_space" else "this one",
            )


def _differs(plan: Plan, what: str, there, here) -> None:
    raise UserError(
        f"{plan.project} holds a search with other settings ({what}: {there!r} there, {here!r} here); "
        "run with --overwrite to start afresh, or pass another --work-dir"
    )
