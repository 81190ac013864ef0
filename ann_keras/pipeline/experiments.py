"""Finding and loading the experiment modules in `experiments/`, and resolving their configs (no Keras).

An experiment is a small module that states what it mirrors and changes only what
differs from the defaults (see experiments/README.md):

    TITLE = "..."; NOTES = "003 ..."; BOOK = "혼공머신 7-3"; DESCRIPTION = "..."
    def get_config(): ...                    # required: defaults + overrides
    VARIANTS = {"name": {"key": value}}      # optional: models compared on one page
    PRIMARY = "name"                         # optional: the variant the headline shows
    QUICK = {"key": value}                   # optional: what --quick changes
    TRAINS = False                           # optional: no Keras model (the notes' NumPy arithmetic)
    SEARCH_SPACE = [...]; TUNING = {...}     # optional: a keras-tuner search (ann_keras.tuning)
    BOOK_NUMBERS = [...]                     # optional: what the books print (ann_keras/book.py)
    def check(config): ...                   # optional: what it needs of every config (raise UserError)
    def run(ctx): ...                        # optional: anything beyond train-and-evaluate
    NOTEBOOK = True                          # optional: its models are one notebook sequence (seeded once)

Modules are loaded by path and never import Keras at top level, so listing stays fast.
"""

from __future__ import annotations

import dataclasses
import fnmatch
import importlib.util
import os
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

from ann_keras import config as cfg
from ann_keras.errors import UserError
from ann_keras.suggest import book_aliases, did_you_mean


def experiments_dir() -> Path:
    """`ANN_KERAS_EXPERIMENTS`, else the `experiments/` folder of the checkout this package lives in."""
    env = os.environ.get("ANN_KERAS_EXPERIMENTS")
    if env:
        return Path(env)
    return Path(__file__).resolve().parent.parent.parent / "experiments"


def check_keras_names(config: cfg.Config) -> None:
    """Ask Keras (loaded quietly first) about every name `config` uses; a UserError for the
    first one no run could use. What every run and `ak.run` call before reading data."""
    from ann_keras.training.device import load_keras

    load_keras()  # quietly, before the builder imports it
    from ann_keras.models.builder import check_names

    check_names(config)


@dataclasses.dataclass
class Experiment:
    """One experiment module and what it declares."""

    name: str
    module: ModuleType

    @property
    def title(self) -> str:
        return getattr(self.module, "TITLE", self.name)

    @property
    def notes_section(self) -> str:
        """The section of the lecture notes (shared/seeds) it mirrors."""
        return getattr(self.module, "NOTES", "")

    @property
    def book_section(self) -> str:
        return getattr(self.module, "BOOK", "")

    @property
    def description(self) -> str:
        return " ".join(getattr(self.module, "DESCRIPTION", "").split())

    @property
    def order(self) -> float:
        return float(getattr(self.module, "ORDER", 1000.0))

    @property
    def trains(self) -> bool:
        """False for the notes' NumPy experiments: Keras is then never loaded."""
        return bool(getattr(self.module, "TRAINS", True))

    @property
    def notebook(self) -> bool:
        """Its models are one notebook sequence: seeded once, built and trained in order in one random
        stream (`ann_keras.pipeline.sequence`)."""
        return bool(getattr(self.module, "NOTEBOOK", False))

    @property
    def is_search(self) -> bool:
        """A keras-tuner search (`ann-keras tune`, and `ann-keras run` does the same)."""
        return getattr(self.module, "SEARCH_SPACE", None) is not None

    def get_config(self) -> cfg.Config:
        return self.module.get_config()

    def variants(self) -> dict[str, dict]:
        """Variant name -> overrides; one variant named 'main' when the module declares none."""
        return dict(getattr(self.module, "VARIANTS", None) or {"main": {}})

    @property
    def primary(self) -> str:
        names = list(self.variants())
        return getattr(self.module, "PRIMARY", names[-1])

    @property
    def quick(self) -> dict:
        return dict(getattr(self.module, "QUICK", {}))

    def configs(self, overrides: dict[str, Any] | None = None, quick: bool = False) -> dict[str, cfg.Config]:
        """Variant name -> fully resolved config: defaults, the experiment's changes, the
        variant's, --quick's, then the user's overrides, which win over everything.

        Each is validated, and checked by the experiment's own `check(config)` when it has one."""
        overrides = overrides or {}
        base = self.get_config()
        quick_overrides = {**cfg.QUICK_OVERRIDES, **self.quick} if quick else {}
        check = getattr(self.module, "check", None)
        resolved = {}
        for name, variant_overrides in self.variants().items():
            config = cfg.apply_overrides(base, {**variant_overrides, **quick_overrides, **overrides})
            if quick and "train.epochs" not in overrides and "train.epochs" not in self.quick:
                config.train.epochs = min(config.train.epochs, cfg.QUICK_MAX_EPOCHS)
            if config.train.refit_full and not self.trains:
                raise UserError(
                    f"{self.name}: train.refit_full=true refits a model on train + validation, and this "
                    "experiment trains none on a validation split; leave train.refit_full off"
                )
            if callable(check):
                try:
                    check(config)
                except UserError as exc:
                    raise UserError(f"{self.name}: {exc}") from None
            resolved[name] = config
        return resolved

    def run_configs(
        self, overrides: dict[str, Any] | None = None, quick: bool = False
    ) -> dict[str, cfg.Config]:
        """`configs`, and for an experiment that trains, every name in them checked with Keras:
        what a run calls before it reads any data."""
        configs = self.configs(overrides, quick)
        if self.trains:
            for config in configs.values():
                check_keras_names(config)
        return configs

    @property
    def book_numbers(self) -> list:
        """What the books print for the cells it mirrors (`BOOK_NUMBERS`, see ann_keras/book.py)."""
        from ann_keras import book

        return book.parse(getattr(self.module, "BOOK_NUMBERS", None), f"{self.name}.BOOK_NUMBERS")

    def summary(self) -> dict:
        return {
            "name": self.name,
            "title": self.title,
            "notes": self.notes_section,
            "book_section": self.book_section,
        }


def _load(path: Path) -> ModuleType:
    module_name = f"ann_keras_experiment_{path.stem}"
    spec = importlib.util.spec_from_file_location(module_name, path)
    module = importlib.util.module_from_spec(spec)
    sys.modules[module_name] = module
    spec.loader.exec_module(module)
    return module


def all_experiments(folder: Path | None = None) -> list[Experiment]:
    """Every experiment module in the folder, in the order of the book."""
    folder = folder or experiments_dir()
    if not folder.is_dir():
        raise UserError(
            f"no experiments folder at {folder}: run from a clone of ann_keras or set ANN_KERAS_EXPERIMENTS"
        )
    found = []
    for path in sorted(folder.glob("*.py")):
        if path.name.startswith("_"):
            continue
        module = _load(path)
        if hasattr(module, "get_config"):
            found.append(Experiment(path.stem, module))
    return sorted(found, key=lambda e: (e.order, e.name))


def get_experiment(name: str, folder: Path | None = None) -> Experiment:
    """The experiment called `name` (its file name without .py)."""
    experiments = all_experiments(folder)
    for experiment in experiments:
        if experiment.name == name:
            return experiment
    names = [e.name for e in experiments]
    aliases = {e.name: book_aliases(e.book_section) for e in experiments}
    hint = did_you_mean(name, names, aliases)
    raise UserError(f"unknown experiment {name!r}{hint}; `ann-keras list` shows all {len(names)}")


def select(patterns: list[str], folder: Path | None = None) -> list[Experiment]:
    """Experiments named by exact names or shell patterns ('hg7_*'), in the book's order, each once."""
    experiments = all_experiments(folder)
    chosen: list[Experiment] = []
    for pattern in patterns:
        if any(ch in pattern for ch in "*?["):
            matches = [e for e in experiments if fnmatch.fnmatchcase(e.name, pattern)]
            if not matches:
                raise UserError(f"no experiment matches {pattern!r}; `ann-keras list` shows them all")
        else:
            matches = [get_experiment(pattern, folder)]
        chosen.extend(m for m in matches if m not in chosen)
    return sorted(chosen, key=lambda e: (e.order, e.name))
