"""The command that runs one experiment again as it was run, from its run.json (no Keras).

A run made by `ann-keras run --all` or by a pattern is written down with that command; a page
gives the experiment's own: `ann-keras tune NAME` for a search, `ann-keras run NAME` otherwise,
with the options that changed what it trained (--quick, --seed, --seeds, --only, --set).
"""

from __future__ import annotations

import shlex


def declared_tuning(name: str) -> dict:
    """The experiment's TUNING with the defaults (tuner, max_trials, epochs); {} when it cannot be read."""
    try:
        from ann_keras.pipeline.experiments import get_experiment
        from ann_keras.tuning.plan import DEFAULTS

        return {**DEFAULTS, **getattr(get_experiment(name).module, "TUNING", {})}
    except Exception:  # an experiment renamed or removed since the run: no options can be told apart
        return {}


def reproduce_command(name: str, run: dict, is_search: bool = False, search: dict | None = None) -> str:
    """`ann-keras run NAME [options]` (or `tune`) for the run described by `run` (run.json) and, for a
    search, `search` (search.json: a tuner, budget or epochs other than the experiment's are spelled out)."""
    search_run = is_search or run.get("kind") == "tune"
    # A kept run's folder is named after the run; the command names its experiment, and the run.
    words = ["ann-keras", "tune" if search_run else "run", run.get("experiment") or name]
    if run.get("run_name"):
        words += ["--name", str(run["run_name"])]
    if search_run and search:
        declared = declared_tuning(name)
        for option, key, declared_key in (
            ("--tuner", "tuner", "tuner"),
            ("--max-trials", "max_trials", "max_trials"),
            ("--epochs", "search_epochs", "epochs"),
        ):
            if search.get(key) is not None and declared and search[key] != declared.get(declared_key):
                words += [option, str(search[key])]
        if search.get("workers"):
            words += ["--workers", str(search["workers"])]
    if run.get("quick"):
        words.append("--quick")
    overrides = dict(run.get("overrides") or {})  # --seed and --seeds are recorded here too
    if "seed" in overrides:
        words += ["--seed", str(overrides.pop("seed"))]
    if "seeds" in overrides:
        words += ["--seeds", str(overrides.pop("seeds"))]
    for variant in run.get("only") or []:
        words += ["--only", str(variant)]
    for key, value in overrides.items():
        words += ["--set", f"{key}={value}"]
    return shlex.join(words)
