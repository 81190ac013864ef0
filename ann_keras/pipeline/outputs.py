"""A run's top-level files: the primary fit's results, the comparison over fits, the page material (no Keras).

The pictures and pages are the report stage's job (`ann_keras.report`); here only
data files are written.
"""

from __future__ import annotations

import shutil

import pandas as pd

from ann_keras import evaluation, files
from ann_keras.pipeline.context import RunContext
from ann_keras.pipeline.fit import FIT_FILES, Fit


def primary_fit(ctx: RunContext) -> Fit | None:
    """The fit whose numbers are the headline: the primary variant's first seed."""
    done = ctx.fits.done
    return next((f for f in done if f.variant == ctx.primary), done[0] if done else None)


def finish(ctx: RunContext) -> dict:
    """Write the top-level files of a run; returns what run.json adds about its fits.

    The primary fit's files are copied to the top level; a run of one fit keeps them
    there only. Several fits get comparison.csv and summary.csv.
    """
    out, done = ctx.out, ctx.fits.done
    facts: dict = {}
    primary = primary_fit(ctx)
    if primary is not None:
        for name in FIT_FILES:
            files.write_bytes(out / name, (primary.path / name).read_bytes())
        if len(done) == 1:
            shutil.rmtree(out / "fits")
        m = primary.metrics
        facts.update(epochs_run=m["epochs_run"], primary_seed=primary.seed, params=m["params"])
    if len(done) > 1:
        write_comparison(ctx)
    diverged = [
        {
            "variant": f.variant,
            "seed": f.seed,
            "epoch": f.metrics.get("diverged_at_epoch"),
            "learning_rate": f.metrics.get("learning_rate"),
        }
        for f in done
        if f.metrics.get("diverged")
    ]
    if diverged:
        facts["diverged"] = diverged
    facts["fits"] = [
        {"variant": f.variant, "seed": f.seed, "path": str(f.path.relative_to(out)) if len(done) > 1 else "."}
        for f in done
    ]
    ctx.page.save()
    return facts


def write_comparison(ctx: RunContext) -> None:
    """comparison.csv (one row per fit) and summary.csv (mean and std per variant, diverged fits left out)."""
    rows = evaluation.fit_rows(ctx.fits.done, evaluation.HEADLINE)
    combined = ctx.fits.combined_rows()
    if len(combined):  # models made from the fits (an ensemble): a row each, with ensemble_members
        rows = pd.concat([rows, combined], ignore_index=True)
    files.write_csv(ctx.out / "comparison.csv", rows)
    summary = evaluation.summarize(rows, evaluation.SUMMARISED)
    if len(combined):
        members = dict(zip(combined["variant"], combined["ensemble_members"]))
        summary["ensemble_members"] = [members.get(v) for v in summary["variant"]]
    files.write_csv(ctx.out / "summary.csv", summary)
