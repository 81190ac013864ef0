"""The PNGs an experiment page shows, drawn from its files into report_files/ (no Keras)."""

from __future__ import annotations

from pathlib import Path

from ann_keras.data import class_names
from ann_keras.evaluation import restored_epoch
from ann_keras.report import plots
from ann_keras.report.load import PAGE_FILES, ResultFolder


def draw(experiment: ResultFolder, folder: Path, lang: str) -> dict[str, str]:
    """Write every figure the page needs into `folder`; returns {figure: path relative to the page}."""
    drawn: dict[str, str] = {}

    def place(name: str) -> Path:
        drawn[name] = f"{PAGE_FILES}/{name}.png"
        return folder / f"{name}.png"

    metrics = experiment.metrics
    if experiment.history:
        plots.learning_curves(
            experiment.history, place("learning_curves"), best_epoch=restored_epoch(metrics), lang=lang
        )
    if metrics and metrics.get("confusion_matrix") and not experiment.diverged():
        names = class_names(lang)
        plots.confusion_matrix(metrics["confusion_matrix"], names, place("confusion_counts"), lang=lang)
        plots.confusion_matrix(
            metrics["confusion_matrix"], names, place("confusion_normalized"), normalize=True, lang=lang
        )
    runs: dict[str, list[dict]] = {}
    for fit in experiment.fits:
        if fit.history:
            runs.setdefault(fit.variant, []).append(fit.history)
    if runs:
        plots.compare_curves(runs, place("compare_curves"), lang=lang)
    if experiment.trials is not None and experiment.search_space:
        plots.scores_against(
            experiment.trials.to_dict("records"),
            experiment.search_space,
            experiment.search.get("objective", "score"),
            place("search_scores"),
            best_trial=experiment.search.get("best_trial_id"),
            lang=lang,
        )
    if experiment.best_trial_history:
        plots.learning_curves(experiment.best_trial_history, place("best_trial_curves"), lang=lang)
    return drawn
