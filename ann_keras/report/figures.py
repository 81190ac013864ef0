"""The PNGs an experiment page shows, drawn from its files into report_files/ (no Keras).

Two sources, one way of drawing (`plots.draw`): the figures every page has, from the
run's own files (history.csv, metrics.json, the fits' histories, trials.csv), and the
figures the experiment declared in sections.json: a kind, the table of the run it is
drawn from, which rows (`where`) and the kind's options. A declared figure whose table
is missing or unreadable, or that cannot be drawn, becomes a line of text on the page
saying so, never a broken image.
"""

from __future__ import annotations

import dataclasses
import re
from pathlib import Path
from typing import Any

import pandas as pd

from ann_keras.evaluation import history_rows, restored_epoch
from ann_keras.report import plots
from ann_keras.report.load import PAGE_FILES, ResultFolder

DECLARED = "figures"  # declared figures go to report_files/figures/<name>.png
_NAME = re.compile(r"^[A-Za-z0-9_][A-Za-z0-9_.-]*$")


@dataclasses.dataclass
class Drawn:
    """A figure of the page: its PNG relative to the page, or the data file it could not be drawn from.

    `missing`: the file is not there or not a table (`problem` says which); otherwise the
    figure failed to draw from it (`problem` is the error).
    """

    src: str | None = None
    file: str = ""
    problem: str = ""
    missing: bool = True


class DataProblem(Exception):
    """A declared figure's table is missing, unreadable or lacks a column it names."""


def select(frame: pd.DataFrame, where: dict[str, Any] | None) -> pd.DataFrame:
    """The rows a declaration's `where` asks for.

    Args:
        frame: the table.
        where: {column: value}; a list of values keeps rows with any of them; "first" keeps
            the smallest value of the column (the first seed).
    Returns:
        The rows kept, in their order.
    """
    for column, wanted in (where or {}).items():
        if column not in frame:
            raise DataProblem(f"no column {column!r}")
        if wanted == "first":
            wanted = frame[column].min()
        frame = frame[frame[column].isin(wanted) if isinstance(wanted, list) else frame[column] == wanted]
    return frame


def read_table(folder: Path, file: str) -> pd.DataFrame:
    """A declared figure's CSV, which must lie inside the run's folder."""
    path = (folder / file).resolve()
    if folder.resolve() not in path.parents or not path.is_file():
        raise DataProblem("not found")
    try:
        return pd.read_csv(path)
    except (OSError, ValueError, pd.errors.EmptyDataError) as exc:
        raise DataProblem(f"unreadable: {exc}") from None


def declared(experiment: ResultFolder, folder: Path, lang: str) -> dict[str, Drawn]:
    """Draw every figure sections.json declares; keyed `figures/<name>`."""
    drawn: dict[str, Drawn] = {}
    for item in experiment.sections:
        if item.get("kind") != "figure" or "plot" not in item:
            continue
        name, file = str(item.get("name", "")), str(item.get("data", ""))
        key, relative = f"{DECLARED}/{name}", f"{DECLARED}/{name}.png"
        try:
            if not _NAME.match(name):
                raise ValueError(f"{name!r} is not a figure name")
            data = select(read_table(experiment.path, file), item.get("where"))
            if data.empty:
                raise DataProblem(f"no rows where {item.get('where')}")
            plots.draw(item["plot"], data, folder / relative, lang, **(item.get("options") or {}))
        except DataProblem as exc:
            drawn[key] = Drawn(None, file, str(exc))
        except Exception as exc:  # an unknown kind or option, a column the table lacks: said on the page
            drawn[key] = Drawn(None, file, f"{type(exc).__name__}: {exc}", missing=False)
        else:
            drawn[key] = Drawn(f"{PAGE_FILES}/{relative}")
    return drawn


def draw(experiment: ResultFolder, folder: Path, lang: str) -> dict[str, Drawn]:
    """Write every figure the page needs into `folder`; returns {figure: Drawn}."""
    drawn: dict[str, Drawn] = {}

    def figure(name: str, kind: str, data, **options) -> None:
        plots.draw(kind, data, folder / f"{name}.png", lang, **options)
        drawn[name] = Drawn(f"{PAGE_FILES}/{name}.png")

    metrics = experiment.metrics
    if experiment.history:
        history = pd.DataFrame(experiment.history)
        figure("learning_curves", "learning_curves", history, best_epoch=restored_epoch(metrics))
    if metrics and metrics.get("confusion_matrix") and not experiment.diverged():
        figure("confusion_counts", "confusion_matrix", metrics["confusion_matrix"])
        figure("confusion_normalized", "confusion_matrix", metrics["confusion_matrix"], normalize=True)
    histories = history_rows(experiment.fits)
    if len(histories):
        figure("compare_curves", "compare_curves", histories)
    search = experiment.search
    if experiment.trials is not None and "score" in experiment.trials:
        objective = search.get("objective", "score")
        figure(
            "trial_scores",
            "trial_scores",
            experiment.trials,
            objective=objective,
            direction=search.get("direction", "max"),
        )
        if experiment.search_space:
            figure(
                "search_scores",
                "search_scores",
                experiment.trials,
                space=experiment.search_space,
                objective=objective,
                best_trial=search.get("best_trial_id"),
            )
    if experiment.best_trial_history:
        figure("best_trial_curves", "learning_curves", pd.DataFrame(experiment.best_trial_history))
    drawn.update(declared(experiment, folder, lang))
    return drawn
