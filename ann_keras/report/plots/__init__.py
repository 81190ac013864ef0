"""Every figure of the pages, drawn by the report stage from saved result files (matplotlib, no Keras).

A figure is a *kind* applied to data read from the files, with options, in the page's
language: `KINDS[kind](data, lang, **options)` returns a matplotlib figure.

    results.py   what every page has: learning curves, confusion matrices, the curves of every
                 variant, a search's scores (drawn from history.csv, metrics.json, trials.csv, ...)
    charts.py    what an experiment declares on a table of its own: lines, scatter, histograms
    topics.py    one topic's figure: perceptrons' decision lines, the learning-rate range test
    style.py     the Hangul font, Korean labels, saving to PNG

Experiments name a kind and its table with `ctx.page.add_figure(name, kind, data, ...)`;
`ann_keras.report.figures` reads the table and draws it here.
"""

from __future__ import annotations

from pathlib import Path

from ann_keras.report.plots import charts, diff, ladder, results, topics
from ann_keras.report.plots.style import fonts, hangul_font_path, image_png, label, plt, save

KINDS = {
    # declared by experiments, drawn from a table (tables/<name>.csv)
    "lines": charts.lines,
    "scatter": charts.scatter,
    "histograms": charts.histograms,
    "decision_lines": topics.decision_lines,
    "range_test": topics.range_test,
    "ladder": ladder.ladder,
    # every page's own figures
    "learning_curves": results.learning_curves,
    "confusion_matrix": results.confusion_matrix,
    "compare_curves": results.compare_curves,
    "search_scores": results.search_scores,
    "trial_scores": results.trial_scores,
    "confusion_difference": diff.confusion_difference,  # a comparison page's (ann_keras.report.compare)
}


def draw(kind: str, data, path: Path, lang: str = "en", **options) -> Path:
    """Draw figure `kind` of `data` with `options` in `lang` and save it as the PNG `path`.

    Args:
        kind: a key of KINDS.
        data: what the kind draws (a table for most).
        path: where the PNG goes.
        lang: "en" or "ko" (labels, class names, the Hangul font).
        **options: the kind's own options.
    Returns:
        `path`.
    """
    if kind not in KINDS:
        raise ValueError(f"unknown figure kind {kind!r}; the kinds are: {', '.join(KINDS)}")
    with fonts(lang):
        try:
            fig = KINDS[kind](data, lang, **options)
        except BaseException:
            plt.close("all")  # a half-drawn figure would stay in pyplot's list
            raise
        return save(fig, path)


__all__ = ["KINDS", "draw", "fonts", "hangul_font_path", "image_png", "label", "save"]
