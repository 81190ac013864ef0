"""What an experiment's `run(ctx)` works with: its configs and one small object per job.

    ctx.data    the data, loaded once (`ann_keras.data.DataCache`)
    ctx.paths   where files go: the run's folder, one folder per fit, the work folder
    ctx.fits    training and evaluating every (variant, seed) fit, resuming after a stop
    ctx.page    what the experiment adds to its page: tables, figures, text, computed values

A *fit* is one trained and evaluated model: a (variant, seed) pair of the experiment.
"""

from __future__ import annotations

import json
import shutil
from collections.abc import Callable, Iterator, Sequence
from pathlib import Path
from typing import Any

import pandas as pd

from ann_keras import config as cfg
from ann_keras import files
from ann_keras.data import DataCache, Splits
from ann_keras.pipeline import refit, sequence
from ann_keras.pipeline.experiments import Experiment
from ann_keras.pipeline.fit import Fit, load_fit, train_and_evaluate
from ann_keras.pipeline.options import RunOptions


class RunPaths:
    """Where a run's files go: results in its staging folder, heavy state in the work folder."""

    def __init__(self, out: Path, work_root: Path, experiment: str, run_name: str | None = None):
        self.out = Path(out)
        self.work_root = Path(work_root)
        self.experiment = experiment
        self.run_name = run_name

    def fit_dir(self, variant: str, seed: int) -> Path:
        """The result files of one fit (a single fit's are moved to the top level at the end)."""
        return self.out / "fits" / variant / f"seed-{seed}"

    def work_dir(self, variant: str, seed: int) -> Path:
        """Checkpoints, the training backup and logs of one fit (a kept run's under runs/<name>/)."""
        run = ("runs", self.run_name) if self.run_name else ()
        return self.work_root.joinpath(self.experiment, *run, variant, f"seed-{seed}")

    def tensorboard(self, variant: str, seed: int, fits: int) -> tuple[Path, Path]:
        """(the experiment's TensorBoard folder, this fit's session folder in it)."""
        from ann_keras import board

        fit = f"{variant}-seed-{seed}" if fits > 1 else None
        return (
            board.experiment_dir(self.work_root, self.experiment),
            board.session_for(self.work_root, self.experiment, self.run_name, fit),
        )

    def clear_backups(self, fits: Sequence[tuple[str, int]]) -> None:
        """A fresh run must not pick up the training backup (or saved random stream) of another run."""
        for variant, seed in fits:
            shutil.rmtree(self.work_dir(variant, seed) / "backup", ignore_errors=True)
            for name in (sequence.STATE_FILE, sequence.AFTER_FILE):
                (self.work_dir(variant, seed) / name).unlink(missing_ok=True)


def _numpy_scalar(value: Any) -> Any:
    """NumPy numbers are written as plain JSON numbers (files.write_json); anything else is not JSON."""
    if hasattr(value, "item") and callable(value.item):
        return value.item()
    raise TypeError(f"{type(value).__name__} is not a JSON value")


class PageMaterial:
    """Tables, figures, text and computed values an experiment adds to its page.

    Tables are written at once (tables/<name>.csv). A figure is declared, not drawn: a
    kind of plot, the table it is drawn from and its options go into sections.json, and
    the report stage draws it in the page's language. `save()` writes sections.json and
    facts.json.
    """

    def __init__(self, out: Path):
        self.out = Path(out)
        self.sections: list[dict] = []
        self.facts: dict[str, Any] = {}

    def save_table(self, name: str, frame: pd.DataFrame) -> str:
        """Save a table as tables/<name>.csv without showing it (the data of a figure, or for download).

        Returns:
            Its path relative to the run's folder, for `add_figure`.
        """
        files.write_csv(self.out / "tables" / f"{name}.csv", frame)
        return f"tables/{name}.csv"

    def add_table(
        self,
        name: str,
        frame: pd.DataFrame,
        title: str,
        caption: str = "",
        decimals: int | None = None,
        words: str | None = None,
    ) -> str:
        """A table for the page, saved as tables/<name>.csv; `decimals`: places the page shows (default 4).

        `words`: a key of `ann_keras.report.text`; the title and caption are then its entries
        `<words>_title` and `<words>_caption` in the page's language.

        Returns:
            Its path relative to the run's folder, for `add_figure`.
        """
        self._check_unique("table", f"tables/{name}.csv")
        file = self.save_table(name, frame)
        section = {"kind": "table", "title": title, "file": file, "caption": caption}
        if decimals is not None:
            section["decimals"] = decimals
        if words:
            section["words"] = words
        self.sections.append(section)
        return file

    def add_figure(
        self,
        name: str,
        plot: str,
        data: str,
        *,
        title: str,
        caption: str = "",
        where: dict[str, Any] | None = None,
        words: str | None = None,
        **options: Any,
    ) -> None:
        """A figure for the page, drawn by the report stage from a table of this run.

        Args:
            name: the figure's name (report_files/figures/<name>.png).
            plot: its kind: "lines", "scatter", "histograms", "decision_lines" or "range_test"
                (`ann_keras.report.plots`, where each kind lists its options).
            data: the CSV it is drawn from, relative to the run's folder (as `save_table` and
                `add_table` return it); it must be written already.
            title, caption: shown above and below the figure.
            where: which rows to draw: {column: value}, a list of values, or "first" for the
                smallest (the first seed).
            words: a key of `ann_keras.report.text`: the title and caption are then its entries
                `<words>_title` and `<words>_caption` in the page's language.
            **options: the kind's options, e.g. x="epoch", y="val_accuracy", group="variant".
        """
        if not (self.out / data).is_file():
            raise ValueError(f"figure {name!r}: its data {data} is not written yet (save_table, add_table)")
        section = {
            "kind": "figure",
            "name": name,
            "title": title,
            "plot": plot,
            "data": data,
            "where": where or {},
            "options": options,
            "caption": caption,
        }
        if words:
            section["words"] = words
        try:
            json.dumps(section, default=_numpy_scalar)
        except TypeError as exc:
            raise ValueError(f"figure {name!r}: its options must be JSON values ({exc})") from None
        self._check_unique("figure", name)
        self.sections.append(section)

    def add_history_figure(self, name: str, fits: Sequence[Fit], y: str | list[str], **options: Any) -> None:
        """A "lines" figure of the fits' learning curves per epoch, one line per variant, first seed.

        The curves are saved once as tables/histories.csv (every fit, every seed) and shared
        by all the history figures of the run.

        Args:
            name: the figure's name.
            fits: the trained fits (`ctx.fits.done` or a part of it).
            y: the history column(s) to draw, e.g. "val_accuracy" or ["loss", "val_loss"].
            **options: `add_figure`'s (title= is required; caption=, where=, ...) and the kind's.
        """
        from ann_keras import evaluation

        data = "tables/histories.csv"
        if not (self.out / data).is_file():
            data = self.save_table("histories", evaluation.history_rows(fits))
        options = {"x": "epoch", "group": "variant", "where": {"seed": "first"}, "markers": True, **options}
        self.add_figure(name, "lines", data, y=y, **options)

    def add_loss_by_update_figure(self, data: str, title: str, caption: str) -> None:
        """The "lines" figure of `LossByUpdate`'s probe loss against updates, log x, first seed.

        Args:
            data: the saved table of its rows (`save_table("loss_by_update_all", ...)`).
            title: the figure's title.
            caption: its caption.
        """
        self.add_figure(
            "loss_by_update",
            "lines",
            data,
            x="update",
            y="loss",
            group="variant",
            where={"seed": "first"},
            logx=True,
            x_min=0.8,
            xlabel="updates (log scale; 0 drawn at 0.8)",
            ylabel="loss on 2,000 training images",
            title=title,
            caption=caption,
        )

    def add_test_accuracies(self, fits: Sequence[Fit], seed: int) -> None:
        """Facts <variant>_test_accuracy, one per variant, from the fits of `seed`."""
        self.add_facts(
            **{f"{f.variant}_test_accuracy": f.metrics["test_accuracy"] for f in fits if f.seed == seed}
        )

    def _check_unique(self, kind: str, key: str) -> None:
        """Two sections of one name would share one file and show the last one twice."""
        taken = {
            s.get("name") if kind == "figure" else s.get("file") for s in self.sections if s["kind"] == kind
        }
        if key in taken:
            raise ValueError(f"{kind} {key!r} is added twice; give each its own name")

    def add_text(self, title: str, text: str) -> None:
        self.sections.append({"kind": "text", "title": title, "text": text})

    def add_words(self, key: str, **values: Any) -> None:
        """A text section in the page's language: its title and text are the entries `<key>_title` and
        `<key>` of `ann_keras.report.text`, filled with `values` (the English kept as title and text)."""
        from ann_keras.report.text import words

        say = words("en")
        self.sections.append(
            {
                "kind": "text",
                "title": say(f"{key}_title", **values),
                "text": say(key, **values),
                "words": key,
                "values": values,
            }
        )

    def add_facts(self, **facts: Any) -> None:
        """Named numbers the experiment computed (kept in facts.json, shown on the page)."""
        self.facts.update(facts)

    def save(self) -> None:
        if self.facts:
            files.write_json(self.out / "facts.json", self.facts)
        if self.sections:
            files.write_json(self.out / "sections.json", self.sections)


class Fits:
    """Trains and evaluates the fits of a run, keeping those a stopped run had finished.

    Args:
        experiment: the experiment's name (progress lines, work folders).
        configs: variant name -> resolved config.
        data: the run's data cache.
        paths: the run's folders.
        log: prints a progress line (or not).
        resuming: the run reopened a stopped one; finished fits are kept, not retrained.
        verbose: one line per epoch.
        notebook: the fits are one notebook sequence (`ann_keras.pipeline.sequence`): seeded once,
            before the first model, and then one random stream, in the order they are trained.
    """

    def __init__(
        self,
        experiment: str,
        configs: dict[str, cfg.Config],
        data: DataCache,
        paths: RunPaths,
        log: Callable[[str], None],
        resuming: bool = False,
        verbose: bool = True,
        notebook: bool = False,
    ):
        self.experiment = experiment
        self.configs = configs
        self.data = data
        self.paths = paths
        self.log = log
        self.resuming = resuming
        self.verbose = verbose
        self.done: list[Fit] = []
        self.notebook = notebook
        self._seeded = False  # the sequence's one seeding is done
        self._stream_live = True  # the stream runs on from fits trained in this process
        self._kept_work_dir: Path | None = None  # the last fit kept from a stopped run
        self.combined: list[dict] = []  # models made from trained fits (add_combined)

    def begin_sequence(self) -> None:
        """Seed a notebook sequence once (Keras' session cleared, `keras.utils.set_random_seed`, op
        determinism), as the notebook's first cell does; nothing when it is seeded or not a sequence.

        `train` calls it before the first model; a `run(ctx)` whose notebook draws from the stream
        before its first trained model (a model built only for its summary) calls it first.
        """
        if not self.notebook or self._seeded:
            return
        from ann_keras import training

        keras = training.load_keras()
        keras.backend.clear_session()
        first = next(iter(self.configs.values()))
        training.seed_everything(first.seed, first.train.deterministic)
        self._seeded = True

    def plan(self) -> list[tuple[str, cfg.Config, int]]:
        """(variant, config, seed) of every fit, in order."""
        return [
            (variant, config, seed)
            for variant, config in self.configs.items()
            for seed in cfg.seed_list(config)
        ]

    def each(self) -> Iterator[tuple[str, cfg.Config, int]]:
        """Yield (variant, config, seed) for every fit, announcing each (loops in `run(ctx)` use it too)."""
        planned = self.plan()
        for number, (variant, config, seed) in enumerate(planned, 1):
            if len(planned) > 1:
                self.log(f"-- {self.experiment}: fit {number}/{len(planned)}: {variant}, seed {seed}")
            yield variant, config, seed

    def train(
        self,
        config: cfg.Config,
        variant: str = "main",
        seed: int | None = None,
        callbacks: Sequence = (),
        keep_model: bool = False,
        split: Fit | None = None,
    ) -> Fit:
        """Build, compile, fit on train/validation, evaluate once on test, write the fit's files.

        `split`: with `train.refit_full`, a fit of this config without the refit and the same seed,
        whose run on the split is taken instead of training the same run again (`train_and_evaluate`).
        """
        if split is not None:
            same = cfg.to_dict(split.config) == cfg.to_dict(refit.without_refit(config))
            if (
                not same
                or split.seed != (config.seed if seed is None else seed)
                or split.metrics.get("diverged")
            ):
                split = None
        seed = config.seed if seed is None else seed
        label = variant if len(self.configs) > 1 or config.seeds > 1 else self.experiment
        if config.seeds > 1:
            label += f" seed {seed}"
        path = self.paths.fit_dir(variant, seed)
        work_dir = self.paths.work_dir(variant, seed)
        if self.resuming and not keep_model and (path / "metrics.json").is_file():
            self._stream_live, self._kept_work_dir = False, work_dir
            fit = load_fit(path, variant, seed, config)
            self.log(
                f"  [{label}] finished before the stop: kept (test_accuracy "
                f"{fit.metrics['test_accuracy']:.4f})"
            )
            self.done.append(fit)
            return fit
        if self.notebook:
            self._continue_stream(work_dir, label)
        from ann_keras.training.tensorboard import EpochScalars

        root, session = self.paths.tensorboard(variant, seed, len(self.plan()))
        backup = work_dir / "backup"
        scalars = EpochScalars(root, session, config, fresh=not (self.resuming and backup.exists()))
        fit = train_and_evaluate(
            config,
            variant,
            seed,
            self.data,
            path,
            work_dir,
            [*callbacks, scalars],
            label,
            self.verbose,
            keep_model,
            seed_now=not self.notebook,
            split=split,
        )
        if self.notebook:  # where the next model starts when a stop comes before it
            sequence.save_state(work_dir, sequence.AFTER_FILE)
        scalars.finish(fit.metrics)
        self.done.append(fit)
        return fit

    def _continue_stream(self, work_dir: Path, label: str) -> None:
        """Before a model of a notebook sequence is built: seed once, put the stream back where a stopped
        run left it when earlier fits were kept instead of trained, and save it for a later resume."""
        self.begin_sequence()
        if not self._stream_live:
            saved = sequence.load_state(work_dir)  # this model had started before the stop
            if saved is None and self._kept_work_dir is not None:  # the stop came after the kept one
                saved = sequence.load_state(self._kept_work_dir, sequence.AFTER_FILE)
            if saved is not None:
                sequence.restore_stream_state(saved)
            else:
                self.log(
                    f"  [{label}] the random stream of the stopped notebook sequence was not saved before "
                    "this model: its numbers may differ from an unstopped run's (--restart runs the whole "
                    "sequence)"
                )
            self._stream_live = True
        sequence.save_state(work_dir)

    def add_combined(self, variant: str, seeds: Sequence[int], metrics: dict) -> None:
        """A model made from trained fits rather than trained (an ensemble: the mean of their probabilities).

        It gets its own row in comparison.csv and summary.csv, named `variant`, with the number of
        its members in the column `ensemble_members` (their seeds: `seeds`, the first as its seed);
        `metrics` holds its test scores (`evaluation.evaluate`).
        """
        from ann_keras import evaluation

        row = {"variant": variant, "seed": min(seeds), "diverged": False}
        row.update({k: metrics.get(k) for k in evaluation.HEADLINE})
        row["ensemble_members"] = len(seeds)
        self.combined.append(row)

    def combined_rows(self) -> pd.DataFrame:
        """The rows of `add_combined`, as comparison.csv has them."""
        return pd.DataFrame(self.combined)

    def train_all(self) -> list[Fit]:
        """Every (variant, seed) fit with the standard pipeline."""
        for variant, config, seed in self.each():
            self.train(config, variant, seed)
        return self.done

    def train_recording(self, make_recorder: Callable[[Splits, cfg.Config], Any]) -> pd.DataFrame:
        """Train every fit with one recorder callback each; their tables in one, tagged by variant and seed.

        `make_recorder(splits, config)` returns a callback with a `frame()` method. Each
        fit's table is also kept in its folder, so a resumed run has the tables of the
        fits it did not need to train again.
        """
        frames = []
        for variant, config, seed in self.each():
            recorder = make_recorder(self.data.splits(config.data), config)
            fit = self.train(config, variant, seed, callbacks=[recorder])
            kept = fit.path / "recorded.csv"
            frame = recorder.frame()
            if len(frame):
                files.write_csv(kept, frame)
            elif kept.is_file():  # finished before a stop: the recorder did not run this time
                frame = pd.read_csv(kept)
            frames.append(frame.assign(variant=variant, seed=seed))
        return pd.concat(frames, ignore_index=True)


class RunContext:
    """An experiment run: its configs, its log, and the four helpers above.

    Attributes:
        experiment: the experiment module.
        configs: variant name -> resolved config; `config` is the primary variant's.
        overrides: the user's --set values (typed as given).
        data, paths, fits, page: see the module docstring.
    """

    def __init__(
        self,
        experiment: Experiment,
        configs: dict[str, cfg.Config],
        out: Path,
        options: RunOptions,
        overrides: dict[str, Any] | None = None,
        resuming: bool = False,
    ):
        self.experiment = experiment
        self.configs = configs
        self.primary = experiment.primary if experiment.primary in configs else next(iter(configs))
        self.options = options
        self.overrides = dict(overrides or {})
        self.data = DataCache(options.data_dir)
        self.paths = RunPaths(out, options.work_root(), experiment.name, options.run_name)
        notebook = sequence.is_sequence(experiment.notebook, self.config.seeds)
        self.fits = Fits(
            experiment.name, configs, self.data, self.paths, self.log, resuming, options.verbose, notebook
        )
        self.page = PageMaterial(out)

    @property
    def config(self) -> cfg.Config:
        return self.configs[self.primary]

    @property
    def out(self) -> Path:
        return self.paths.out

    def log(self, message: str) -> None:
        if self.options.verbose:
            print(message, flush=True)

    def set_configs(self, configs: dict[str, cfg.Config]) -> None:
        """Replace the configs (an experiment that chooses a value by measuring, before it trains)."""
        self.configs = configs
        self.fits.configs = configs
