"""Running one experiment: resolve its configs, stage its folder, train its fits, write run.json.

`run_experiment` resolves an experiment's configs (defaults, the experiment's own
changes, each variant's changes, then the user's `--set`), runs the experiment's
body (its own `run(ctx)`, else every fit with the standard pipeline), and writes
`results/<experiment>/` through a staging folder so that only a complete run ever
lands there. Pages are drawn afterwards by the report stage from these files.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import os
import shlex
import sys
import time
from collections.abc import Callable, Sequence
from importlib import metadata
from pathlib import Path
from typing import Any

from ann_keras import config as cfg
from ann_keras import files
from ann_keras.errors import UserError
from ann_keras.pipeline import outputs
from ann_keras.pipeline.context import RunContext
from ann_keras.pipeline.experiments import Experiment
from ann_keras.pipeline.options import RunOptions
from ann_keras.pipeline.staging import RunDir

PACKAGES = (
    "keras",
    "tensorflow",
    "jax",
    "torch",
    "keras-tuner",
    "scikit-learn",
    "numpy",
    "pandas",
    "matplotlib",
)


@dataclasses.dataclass
class RunRecord:
    """run.json: what ran, how, and how it ended. Written when the run starts and when it ends."""

    experiment: str
    title: str
    notes_section: str
    book_section: str
    description: str
    kind: str  # "run", "tune" or "bench"
    run_id: str
    fingerprint: str
    command: str
    seed: int
    seeds: list[int]
    quick: bool
    overrides: dict[str, str]
    variants: dict[str, dict[str, str]]
    primary: str
    started: str
    versions: dict[str, str]
    status: str = "running"
    pid: int = dataclasses.field(default_factory=os.getpid)
    backend: str | None = None
    device: dict | None = None
    finished: str | None = None
    wall_time_s: float | None = None
    error: str | None = None
    fits: dict = dataclasses.field(default_factory=dict)  # what outputs.finish says about the fits
    run_name: str | None = None  # a kept run: results/<experiment>/runs/<run_name>/
    only: list[str] | None = None  # the variants named by --only

    def to_json(self) -> dict:
        data = dataclasses.asdict(self)
        data.update(data.pop("fits"))
        return {k: v for k, v in data.items() if v is not None}

    def write(self, folder: Path) -> None:
        files.write_json(folder / "run.json", self.to_json())


def package_versions() -> dict[str, str]:
    versions = {"python": sys.version.split()[0]}
    for name in PACKAGES:
        try:
            versions[name] = metadata.version(name)
        except metadata.PackageNotFoundError:
            pass
    return versions


def config_fingerprint(name: str, configs: dict[str, cfg.Config]) -> str:
    """Identifies a run's resolved configuration: a stopped run is resumed only by the same one."""
    text = json.dumps(
        {"experiment": name, "variants": {k: cfg.to_dict(v) for k, v in configs.items()}}, sort_keys=True
    )
    return hashlib.sha256(text.encode()).hexdigest()[:16]


def command_line(argv: Sequence[str]) -> str:
    """The command as a user would type it again."""
    return shlex.join(["ann-keras", *argv])


def resolve(experiment: Experiment, overrides: dict[str, Any], options: RunOptions) -> dict[str, cfg.Config]:
    """The configs a run trains: every variant, or those named by `--only`, each checked before any data
    is read."""
    configs = experiment.run_configs(overrides, options.quick)
    if options.only:
        unknown = [v for v in options.only if v not in configs]
        if unknown:
            raise UserError(
                f"{experiment.name} has no variant {unknown[0]!r}; its variants are: {', '.join(configs)}"
            )
        configs = {k: v for k, v in configs.items() if k in options.only}
    return configs


def run_experiment(
    experiment: Experiment,
    overrides: dict[str, Any] | None = None,
    options: RunOptions | None = None,
    body: Callable[[RunContext], None] | None = None,
    kind: str = "run",
) -> Path:
    """Run one experiment end to end; returns results/<experiment>/.

    With `options.pages` (the caller makes the page next), a complete result of the same
    configuration that has no page yet (its run was stopped after the result moved into
    place, before the page) is kept, not trained again. `options.restart` trains again.

    Args:
        experiment: the experiment module.
        overrides: the user's --set values.
        options: folders, --quick, --only, --restart, verbosity.
        body: replaces the experiment's own `run(ctx)` (a tuner search passes its own).
        kind: recorded in run.json ("run", "tune").
    """
    options = options or RunOptions()
    overrides = dict(overrides or {})
    configs = resolve(experiment, overrides, options)
    if experiment.notebook and options.verbose:
        from ann_keras.pipeline import sequence

        note = sequence.breaks(
            experiment.name,
            list(experiment.variants()),
            options.only,
            overrides,
            overrides.get("seed"),
            experiment.get_config().seed,
            options.quick,
        )
        if note:
            print(note, file=sys.stderr, flush=True)
    started, clock = files.now(), time.perf_counter()
    fingerprint = config_fingerprint(experiment.name, configs)
    with RunDir(options.results_dir, experiment.name, options.work_root(), options.run_name) as run_dir:
        kept = None
        if options.pages and not options.restart and body is None:
            from ann_keras.report.load import PAGE  # here: the report stage loads matplotlib

            kept = run_dir.kept(fingerprint, PAGE)
        if kept is not None:
            if options.verbose:
                print(
                    f"{experiment.name}: the complete result of this configuration in {run_dir.final} "
                    f"(finished {kept.get('finished')}) has no page yet: kept, only its page is made "
                    "(--restart trains again)",
                    flush=True,
                )
            return run_dir.final
        run_dir.start(fingerprint, restart=options.restart)
        ctx = RunContext(
            experiment, configs, run_dir.path, options, overrides, resuming=run_dir.resumed is not None
        )
        planned = [(variant, seed) for variant, _, seed in ctx.fits.plan()]
        if run_dir.resumed is not None:
            done = len(list(run_dir.path.glob("fits/*/*/metrics.json")))
            ctx.log(
                f"Resuming the stopped run {run_dir.run_id} ({run_dir.resumed.get('status')}, started "
                f"{run_dir.resumed.get('started')}): {done} of {len(planned)} model(s) finished; --restart "
                "starts over"
            )
        else:
            ctx.paths.clear_backups(planned)
        record = RunRecord(
            experiment=experiment.name,
            title=experiment.title,
            notes_section=experiment.notes_section,
            book_section=experiment.book_section,
            description=experiment.description,
            kind=kind,
            run_id=run_dir.run_id,
            fingerprint=fingerprint,
            command=options.command or f"ann-keras run {experiment.name}",
            seed=ctx.config.seed,
            seeds=cfg.seed_list(ctx.config),
            quick=options.quick,
            overrides={k: str(v) for k, v in overrides.items()},
            variants={
                name: {k: str(v) for k, v in experiment.variants().get(name, {}).items()} for name in configs
            },
            primary=ctx.primary,
            only=list(options.only or []) or None,
            started=started,
            versions=package_versions(),
            run_name=options.run_name,
        )
        record.write(run_dir.path)
        files.write_json(run_dir.path / "config.json", cfg.to_dict(ctx.config))
        try:
            if experiment.trains:
                from ann_keras.training import device

                device.load_keras()
                record.device = device.setup_device()
                record.backend = record.device["backend"]
            if body is not None:
                body(ctx)
            elif hasattr(experiment.module, "run"):
                experiment.module.run(ctx)
            else:
                ctx.fits.train_all()
            record.fits = outputs.finish(ctx)
        except BaseException as exc:
            record.status = "interrupted" if isinstance(exc, (KeyboardInterrupt, SystemExit)) else "failed"
            record.error = f"{type(exc).__name__}: {exc}"[:500]
            record.finished = files.now()
            record.write(run_dir.path)
            raise
        record.status, record.finished = "complete", files.now()
        record.wall_time_s = round(time.perf_counter() - clock, 2)
        record.write(run_dir.path)
        return run_dir.commit()
