"""The package from Python or a notebook: `import ann_keras as ak`.

    config = ak.experiment_config("hg7_3_dropout_early_stopping", **{"train.epochs": 5})
    # trains, tests once, writes results/dropout_5_epochs/
    result = ak.run(config, name="dropout_5_epochs")
    result.metrics["test_accuracy"], result.history, result.model, result.page
    ak.run_experiment("hg7_3_dropout_early_stopping")    # what `ann-keras run NAME` does
    ak.tune("wider_search", max_trials=5)              # what `ann-keras tune NAME` does
    ak.report()                                          # rebuild results/index.html and the pages

The command line calls these same functions. A mistake raises `ak.UserError` with the
one line the command line prints. Keras is imported when something trains, not before.
"""

from __future__ import annotations

import dataclasses
import functools
import os
import types
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from ann_keras import config as cfg
from ann_keras import files
from ann_keras.errors import UserError
from ann_keras.pipeline import experiments as registry
from ann_keras.pipeline.options import RunOptions

RESULTS_DIR = Path(os.environ.get("ANN_KERAS_RESULTS", "results"))


@dataclasses.dataclass
class Result:
    """A finished run, read back from its folder.

    Attributes:
        path: the run's folder, results/<name>/.
        model: the trained Keras model (the primary one), when this process trained it.
    """

    path: Path
    model: Any = None

    @functools.cached_property
    def metrics(self) -> dict:
        """metrics.json: test_accuracy, per-class scores, confusion matrix, the training summary."""
        return files.try_read_json(self.path / "metrics.json") or {}

    @functools.cached_property
    def history(self):
        """history.csv as a pandas DataFrame: one row per epoch (epoch, loss, accuracy, val_loss,
        val_accuracy)."""
        import pandas as pd

        frame = files.try_read_csv(self.path / "history.csv")
        return frame if frame is not None else pd.DataFrame()

    @functools.cached_property
    def summary(self):
        """summary.csv of a comparison (mean and std per variant), else None."""
        return files.try_read_csv(self.path / "summary.csv")

    @functools.cached_property
    def config(self) -> cfg.Config:
        return cfg.from_dict(files.read_json(self.path / "config.json"))

    @property
    def page(self) -> Path:
        """The run's HTML page (made by `report`)."""
        return self.path / "report.html"

    @property
    def tables(self) -> dict:
        """The experiment's own tables (tables/*.csv) as pandas DataFrames, by file name without .csv."""
        found = {path.stem: files.try_read_csv(path) for path in sorted((self.path / "tables").glob("*.csv"))}
        return {name: frame for name, frame in found.items() if frame is not None}

    @property
    def figures(self) -> dict[str, Path]:
        """The page's figures (PNGs the report stage drew in report_files/), by name without .png, in the
        page's order: the learning curves, a comparison's curves, the confusion matrices, the others."""
        folder = self.path / "report_files"
        first = ("learning_curves", "compare_curves", "confusion_counts", "confusion_normalized")
        found = {p.relative_to(folder).with_suffix("").as_posix(): p for p in sorted(folder.rglob("*.png"))}
        order = sorted(found, key=lambda name: first.index(name) if name in first else len(first))
        return {name: found[name] for name in order}

    def show(self, figures=None, tables=None) -> None:
        """In Jupyter: the headline numbers, the comparison, the tables and the figures, inline.

        Args:
            figures, tables: names to show (None: all of them; [] none).
        """
        from ann_keras.notebook import show

        show(self, figures, tables)

    def __repr__(self) -> str:
        accuracy = self.metrics.get("test_accuracy")
        shown = f", test_accuracy={accuracy:.4f}" if isinstance(accuracy, float) else ""
        return f"Result({str(self.path)!r}{shown})"


# ---------------------------------------------------------------- configs


def default_config() -> cfg.Config:
    """The package defaults: Keras' own defaults and the book's data split."""
    return cfg.default_config()


def list_experiments() -> list[dict]:
    """Every experiment in the book's order: name, title, notes section, book section."""
    return [e.summary() for e in registry.all_experiments()]


def experiment_config(name: str, variant: str | None = None, **overrides: Any) -> cfg.Config:
    """An experiment's resolved config, with dotted overrides.

    Args:
        name: the experiment (`ann-keras list`).
        variant: one of its variants (default: the primary one).
        **overrides: dotted keys as in `--set`, e.g. `**{"train.epochs": 5}`.
    Returns:
        A `Config` to change further or pass to `run`.
    """
    experiment = registry.get_experiment(name)
    configs = experiment.configs(overrides)
    chosen = variant or experiment.primary
    if chosen not in configs:
        raise UserError(f"{name} has no variant {chosen!r}; its variants are: {', '.join(configs)}")
    return configs[chosen]


def keras_code(config: cfg.Config, data_source: str = "auto") -> str:
    """A standalone Keras program for `config`, written the way the books write it.

    It imports only Keras, NumPy and scikit-learn (TensorFlow for op determinism), loads
    and splits the data as the package does and, with `train.trainer="keras"`, trains to
    the same numbers as the package's run of that config.

    Args:
        config: from `experiment_config` or `default_config`.
        data_source: "auto" (the local files, else Keras' download), "keras" (only
            `keras.datasets.fashion_mnist.load_data()`, as the books write it) or "local".
    Returns:
        The program's source code.
    """
    from ann_keras.models.keras_code import keras_code as generate
    from ann_keras.training.device import load_keras

    load_keras()  # checking the config's names imports Keras: quietly
    return generate(config, data_source)


def fidelity(
    names: Sequence[str] | None = None,
    overrides: dict[str, Any] | None = None,
    results_dir=None,
    data_dir=None,
    command: str = "",
) -> Path:
    """What `ann-keras fidelity` does: the books' cells and the package's run, every number side by side.

    Args:
        names: experiments (default: the four that mirror notebook cells).
        overrides: --set values both sides take (data.train_samples, ..., train.epochs, train.trainer).
        results_dir: where results/benchmarks/fidelity-<device>-<backend>.json goes.
    Returns:
        The path of that JSON; `ann_keras.pipeline.fidelity.load_fidelity` reads an experiment's entry.
    """
    from ann_keras.pipeline.fidelity import run_fidelity

    results_dir = Path(results_dir) if results_dir is not None else RESULTS_DIR
    return run_fidelity(names, overrides, None, results_dir, data_dir, command or "ak.fidelity()")


# ---------------------------------------------------------------- running


def _options(
    results_dir: str | os.PathLike | None,
    data_dir,
    work_dir,
    quick: bool = False,
    only=None,
    restart: bool = False,
    verbose: bool = True,
    command: str = "",
    pages: bool = False,
) -> RunOptions:
    if data_dir:
        from ann_keras.data import find_data_dir

        find_data_dir(data_dir, download=False)
    return RunOptions(
        results_dir=Path(results_dir) if results_dir is not None else RESULTS_DIR,
        data_dir=data_dir,
        work_dir=Path(work_dir) if work_dir else None,
        command=command,
        quick=quick,
        only=only,
        restart=restart,
        verbose=verbose,
        pages=pages,
    )


def _config_experiment(name: str, config: cfg.Config) -> registry.Experiment:
    """A one-config experiment for `run`: no module file, the config as given."""
    module = types.ModuleType(f"ann_keras_run_{name}")
    module.TITLE = name
    module.DESCRIPTION = "A config run from Python (ak.run)."
    module.get_config = lambda: cfg.apply_overrides(config, {})
    return registry.Experiment(name, module)


def check_name(name: str) -> str:
    """A run name must be a plain folder name."""
    from ann_keras.pipeline.runs import check_name as check

    return check(name)


def run(
    config: cfg.Config,
    name: str = "my_run",
    results_dir=None,
    data_dir=None,
    work_dir=None,
    pages: bool = True,
    verbose: bool = True,
) -> Result:
    """Train `config`, evaluate it once on the test set, write results/<name>/ and its page.

    Args:
        config: from `experiment_config` or `default_config` (changed as you like).
        name: the result folder's name.
        results_dir, data_dir, work_dir: as the command line's options.
        pages: rebuild the HTML pages afterwards.
        verbose: one line per epoch.
    Returns:
        The `Result`, with the trained model in `result.model`.
    """
    from ann_keras.pipeline.run import run_experiment as run_pipeline

    if not isinstance(config, cfg.Config):
        raise UserError(
            "ak.run needs a Config (from ak.experiment_config or ak.default_config), got "
            f"{type(config).__name__}"
        )
    cfg.validate(config)
    registry.check_keras_names(config)
    experiment = _config_experiment(check_name(name), config)
    options = _options(
        results_dir, data_dir, work_dir, verbose=verbose, command=f"ak.run(config, name={name!r})"
    )
    trained = []

    def body(ctx) -> None:
        for variant, fit_config, seed in ctx.fits.each():
            trained.append(ctx.fits.train(fit_config, variant, seed, keep_model=True))

    path = run_pipeline(experiment, {}, options, body=body)
    if pages:
        pages_of_run(options.results_dir, path.name, verbose)
    return Result(path, trained[0].model if trained else None)


def run_experiment(
    name: str,
    overrides: dict[str, Any] | None = None,
    quick: bool = False,
    only: Sequence[str] | None = None,
    restart: bool = False,
    results_dir=None,
    data_dir=None,
    work_dir=None,
    pages: bool = True,
    verbose: bool = True,
    command: str = "",
    run_name: str | None = None,
) -> Result:
    """What `ann-keras run NAME` does: every variant and seed of the experiment, its files and page.

    With `overrides` (or a `run_name`) the run is kept beside the experiment's own result, in
    results/<name>/runs/<run_name>/ (the name from the overrides when not given): it never
    replaces the experiment's result nor another run. A search experiment (one with a
    SEARCH_SPACE) runs its search with the declared settings, exactly as `tune(name)` does.
    """
    from ann_keras.pipeline import runs
    from ann_keras.pipeline.run import run_experiment as run_pipeline

    experiment = registry.get_experiment(name)
    overrides = dict(overrides or {})
    if run_name is not None:
        runs.check_name(run_name)
    configs = experiment.run_configs(overrides, quick)  # every mistake before any data is read
    if experiment.is_search and run_name is not None:
        raise UserError(f"{name} is a search: its runs are its trials; run it without --name")
    if not experiment.is_search and (overrides or run_name is not None):
        if run_name is not None:
            runs.check_same_changes(results_dir or RESULTS_DIR, name, run_name, overrides, quick)
        else:
            primary = configs.get(experiment.primary) or next(iter(configs.values()))
            run_name = runs.name_from(overrides, primary, quick)
    options = _options(
        results_dir,
        data_dir,
        work_dir,
        quick,
        only,
        restart,
        verbose,
        command or f"ann-keras run {name}",
        pages,
    )
    options.run_name = run_name if not experiment.is_search else None
    if experiment.is_search:
        return tune(
            name,
            overrides=overrides,
            results_dir=results_dir,
            data_dir=data_dir,
            work_dir=work_dir,
            pages=pages,
            verbose=verbose,
            run_options=options,
        )
    path = run_pipeline(experiment, overrides, options)
    if pages:
        pages_of_run(options.results_dir, name, verbose)
    return Result(path)


def tune(
    name: str,
    tuner: str | None = None,
    max_trials: int | None = None,
    epochs: int | None = None,
    workers: int = 0,
    overwrite: bool = False,
    overrides: dict[str, Any] | None = None,
    results_dir=None,
    data_dir=None,
    work_dir=None,
    pages: bool = True,
    verbose: bool = True,
    command: str = "",
    run_options: RunOptions | None = None,
) -> Result | None:
    """What `ann-keras tune NAME` does: a keras-tuner search, the best retrained and tested once.

    Args:
        name: an experiment with a SEARCH_SPACE (e.g. wider_search).
        tuner, max_trials, epochs: override the experiment's TUNING (None: as declared).
        workers: local worker processes beside a chief oracle (0: search in this process).
        overwrite: discard a saved search instead of continuing it.
        overrides: dotted config overrides (not of searched keys).
        run_options: folders and flags already resolved (`run_experiment` passes its own).
    Returns:
        The `Result` (None in a keras-tuner worker process, whose trials went to the chief).
    """
    from ann_keras import tuning

    experiment = registry.get_experiment(name)
    settings = tuning.TuneSettings(
        tuner=tuner, max_trials=max_trials, epochs=epochs, workers=workers, overwrite=overwrite
    )
    options = run_options or _options(
        results_dir, data_dir, work_dir, verbose=verbose, command=command or f"ann-keras tune {name}"
    )
    path = tuning.tune(experiment, dict(overrides or {}), options, settings)
    if path is None:
        return None
    if pages:
        pages_of_run(options.results_dir, path.name, verbose)
    return Result(path)


# ---------------------------------------------------------------- comparing


def compare(*names: str, results_dir=None, output=None, lang: str | None = None) -> Path:
    """What `ann-keras compare A B [C ...]` does: the results side by side on one page.

    Args:
        *names: experiment names (their own result), kept runs (`experiment/run`, or a run's
            name) or result folders; at least two.
        results_dir: where they are (default results/).
        output: the comparison's folder (default results/comparisons/<A--vs--B>/).
        lang: "en" or "ko" (default: the language of the pages).
    Returns:
        The comparison's report.html.
    """
    from ann_keras.report.compare import compare as write_comparison

    results_dir = Path(results_dir) if results_dir is not None else RESULTS_DIR
    return write_comparison(list(names), results_dir, Path(output) if output else None, lang)


# ---------------------------------------------------------------- pages


def pages_of_run(results_dir, name: str, verbose: bool = True) -> Path | None:
    """A finished run's page and the index; returns index.html, or None when they could not be drawn.

    Other experiments' pages are left as they are. The results are already saved, so a page
    that cannot be drawn is a warning (`ann-keras report` tries again), not a failed run.
    """
    import sys

    try:
        return report(results_dir, quiet=not verbose, only=[name])
    except Exception as exc:  # noqa: BLE001 (the run itself succeeded)
        print(
            f"ann-keras: warning: the report pages were not rebuilt ({type(exc).__name__}: {exc}); "
            f"run `ann-keras report --results-dir {results_dir}` to try again",
            file=sys.stderr,
        )
        return None


def report(
    results_dir=None,
    lang: str | None = None,
    force: bool = False,
    quiet: bool = False,
    only: Sequence[str] | None = None,
) -> Path:
    """Rebuild results/index.html and the pages whose files changed (all of them with `force`).

    Args:
        results_dir: the results folder (default results/).
        lang: "en" or "ko"; None keeps the language the pages were last built in.
        force: redraw every page.
        quiet: print nothing.
        only: redraw only these experiments' pages (and the index), as a run does for its own.
    Returns:
        The path of index.html.
    """
    import sys

    from ann_keras.report import build_pages

    results_dir = Path(results_dir) if results_dir is not None else RESULTS_DIR
    built = build_pages(
        results_dir,
        lang=lang,
        force=force,
        log=None if quiet else (lambda line: print(f"  {line}", flush=True)),
        only=only,
    )
    if not quiet:
        print(f"   pages: {len(built.rebuilt)} redrawn in {built.seconds:.1f} s -> {built.index}", flush=True)
        for name, problem in built.damaged.items():
            print(
                f"ann-keras: warning: {results_dir / name}: damaged: {problem}", file=sys.stderr, flush=True
            )
    return built.index
