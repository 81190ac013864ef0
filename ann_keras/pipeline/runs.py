"""Kept runs: a run with --set (or --name) goes to results/<experiment>/runs/<name>/ (no Keras).

An experiment's own result (its declared config) stays in results/<experiment>/; a run
that changes something is kept beside it, named by `--name` or from what it changes
(`dropout=0.5,epochs=3`), so a second run never replaces the first. The same command
again makes the same name: it resumes that run when it was stopped, or redoes it.
"""

from __future__ import annotations

import hashlib
import json
import re
from pathlib import Path
from typing import Any

from ann_keras import config as cfg
from ann_keras import files
from ann_keras.errors import UserError

_NAME = re.compile(r"^[A-Za-z0-9][A-Za-z0-9_.=,+-]{0,99}$")
_UNSAFE = re.compile(r"[^A-Za-z0-9_.=,+-]+")
MAX_NAME = 100


def check_name(name: str) -> str:
    """A run name must be a plain folder name."""
    if not isinstance(name, str) or not _NAME.match(name) or name in (".", ".."):
        raise UserError(
            f"run name {name!r} cannot be a folder name: use letters, digits and _ . = , + - (at most 100 "
            "characters, starting with a letter or digit)"
        )
    return name


def _shown(value: Any) -> str:
    if value is None:
        return "none"
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float):
        return repr(value)
    if isinstance(value, (list, dict)):
        return json.dumps(value, separators=(",", ":"))
    return str(value)


def name_from(overrides: dict[str, Any], config: cfg.Config | None = None, quick: bool = False) -> str:
    """The run's name from its overrides: `dropout=0.5,epochs=3` (keys sorted, so any order gives it).

    Each key is shortened to its last word (`model.hidden.0.dropout` -> `dropout`) unless two
    would then be the same; the value is the one the config holds (`--set x=0.50` -> 0.5).
    """
    typed = cfg.flatten(config, list_keys=True) if config is not None else {}
    keys = sorted(overrides)
    short = {k: next((p for p in reversed(k.split(".")) if not p.isdigit()), k) for k in keys}
    clash = {s for s in short.values() if list(short.values()).count(s) > 1}
    parts = []
    for key in keys:
        value = typed.get(key, overrides[key])
        if isinstance(value, list) and value and all(isinstance(v, dict) for v in value):
            value = overrides[key]  # a list of layers: as the user wrote it
        text = _UNSAFE.sub("-", re.sub(r"[\s\[\]]", "", _shown(value))).strip("-") or "-"
        parts.append(f"{key if short[key] in clash else short[key]}={text}")
    if quick:
        parts.append("quick")
    name = ",".join(parts) or "declared"
    if len(name) > MAX_NAME:
        digest = hashlib.sha1(name.encode()).hexdigest()[:8]
        name = f"{name[: MAX_NAME - 9].rstrip(',')}-{digest}"
    return check_name(name)


def existing(results_dir: Path, experiment: str) -> list[str]:
    """The names of an experiment's kept runs."""
    folder = Path(results_dir) / experiment / files.RUNS
    if not folder.is_dir():
        return []
    return sorted(p.name for p in folder.glob("[A-Za-z0-9]*/") if (p / "run.json").is_file())


def check_same_changes(results_dir: Path, experiment: str, name: str, overrides: dict, quick: bool) -> None:
    """`--name` of an existing run with other changes would replace another run: refused."""
    info = files.try_read_json(Path(results_dir) / experiment / files.RUNS / name / "run.json")
    if not isinstance(info, dict):
        return
    theirs = (info.get("overrides") or {}, bool(info.get("quick")))
    ours = ({k: str(v) for k, v in overrides.items()}, bool(quick))
    if theirs != ours:
        changes = ", ".join(f"{k}={v}" for k, v in theirs[0].items()) or "nothing"
        raise UserError(
            f"{experiment} already has a run named {name!r} with other changes ({changes}"
            f"{', --quick' if theirs[1] else ''}); pass another --name (its runs: "
            f"{', '.join(existing(results_dir, experiment))})"
        )
