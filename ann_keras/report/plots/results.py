"""The figures every experiment page has, from the run's own files: curves, confusion matrices, searches."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np
import pandas as pd

from ann_keras.data import class_names
from ann_keras.report.plots.style import clipped_outliers, epoch_ticks, is_number, label, plt, tidy_axis

METRICS = ("loss", "val_loss", "accuracy", "val_accuracy")


def learning_curves(history: pd.DataFrame, lang: str = "en", best_epoch: int | None = None):
    """Train vs validation loss and accuracy per epoch (history.csv), the restored best epoch marked."""
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    epochs = max(len(history), 1)
    for ax, metric in zip(axes, ("loss", "accuracy")):
        finite = False
        for key, style in ((metric, "-o"), (f"val_{metric}", "-s")):
            if key in history:
                values = history[key].to_numpy(dtype=float)
                finite = finite or bool(np.isfinite(values).any())
                ax.plot(range(1, len(values) + 1), values, style, markersize=3, label=key)
        if not finite:  # a diverged run: say so rather than leave an empty frame
            ax.text(
                0.5,
                0.5,
                label("no finite values", lang),
                transform=ax.transAxes,
                ha="center",
                va="center",
                color="tab:red",
            )
            ax.set_yticks([])
        ax.set_xlim(0.5, epochs + 0.5)
        if best_epoch:
            ax.axvline(
                best_epoch,
                color="gray",
                linestyle="--",
                linewidth=1,
                label=f"{label('best epoch', lang)} {best_epoch}",
            )
        ax.set_xlabel(label("epoch", lang))
        ax.set_ylabel(metric)
        epoch_ticks(ax, epochs)
        ax.grid(alpha=0.3)
        ax.legend()
    return fig


def confusion_matrix(matrix: Sequence[Sequence[int]], lang: str = "en", normalize: bool = False):
    """Heatmap of counts (or of row-normalised rates) with the numbers written in; class names in `lang`."""
    counts = np.asarray(matrix, dtype=float)
    names = class_names(lang)
    shown = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1) if normalize else counts
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    image = ax.imshow(shown, cmap="Blues")
    ax.tick_params(labelsize=11)
    fig.colorbar(image, ax=ax, fraction=0.046)
    ticks = range(len(names))
    ax.set_xticks(ticks, names, rotation=45, ha="right")
    ax.set_yticks(ticks, names)
    ax.set_xlabel(label("predicted", lang))
    ax.set_ylabel(label("true", lang))
    threshold = shown.max() / 2 if shown.size else 0
    for i in ticks:
        for j in ticks:
            ax.text(
                j,
                i,
                f"{shown[i, j]:.2f}" if normalize else f"{int(counts[i, j])}",
                ha="center",
                va="center",
                fontsize=10 if normalize else 11,
                color="white" if shown[i, j] > threshold else "black",
            )
    return fig


def compare_curves(histories: pd.DataFrame, lang: str = "en"):
    """loss, val_loss, accuracy and val_accuracy of every variant: a colour per variant, a line per seed.

    `histories` has one row per epoch of every fit: variant, seed, epoch and the metrics.
    """
    fig, axes = plt.subplots(2, 2, figsize=(10, 6.4), sharex=True)
    colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
    variants = list(dict.fromkeys(histories["variant"]))
    for ax, metric in zip(axes.flat, METRICS):
        for number, variant in enumerate(variants):
            fits = histories[histories["variant"] == variant]
            for seed_number, (_, fit) in enumerate(fits.groupby("seed", sort=False)):
                values = fit[metric].to_numpy(dtype=float) if metric in fit else np.array([])
                if values.size:
                    ax.plot(
                        range(1, values.size + 1),
                        values,
                        "-o",
                        markersize=2.5,
                        color=colours[number % len(colours)],
                        linewidth=1.6 if seed_number == 0 else 0.9,
                        alpha=1.0 if seed_number == 0 else 0.6,
                        label=variant if seed_number == 0 else None,
                    )
        finite = [v for line in ax.get_lines() for v in line.get_ydata() if np.isfinite(v) and v > 0]
        if metric.endswith("loss") and finite and max(finite) / min(finite) > 100:
            ax.set_yscale("log")  # one diverging variant would flatten every other curve
        ax.set_title(metric, fontsize=10)
        ax.grid(alpha=0.3)
        epoch_ticks(ax, int(histories.groupby(["variant", "seed"]).size().max()) if len(histories) else 1)
    for ax in axes[1]:
        ax.set_xlabel(label("epoch", lang))
    fig.tight_layout()
    handles, names = axes[0, 0].get_legend_handles_labels()
    if handles:  # above the panels, clear of their titles (the saved PNG's bounding box takes it in)
        fig.legend(
            handles,
            names,
            loc="lower center",
            ncol=min(4, len(names)),
            fontsize=9,
            bbox_to_anchor=(0.5, 1.0),
            frameon=False,
        )
    return fig


def search_scores(
    trials: pd.DataFrame,
    lang: str = "en",
    space: Sequence[dict] = (),
    objective: str = "score",
    best_trial: str | None = None,
):
    """The search's score of every completed trial against each hyperparameter, the best trial starred."""
    columns = max(1, min(3, len(space)))
    rows = -(-max(1, len(space)) // columns)
    fig, axes = plt.subplots(rows, columns, figsize=(3.6 * columns, 3.1 * rows), squeeze=False)
    scored = [t for t in trials.to_dict("records") if is_number(t.get("score"))]
    for ax, item in zip(axes.flat, space):
        name = item["name"]
        values = [t.get(name) for t in scored]
        scores = [float(t["score"]) for t in scored]
        if item.get("type") in ("choice", "boolean") or not all(is_number(v) for v in values):
            categories = [str(v) for v in (item.get("values") or sorted({str(v) for v in values}))]
            positions = {c: i for i, c in enumerate(categories)}
            xs = [positions.get(str(v), len(categories)) for v in values]
            ax.set_xticks(range(len(categories)), categories, rotation=30 if len(categories) > 4 else 0)
        else:
            xs = [float(v) for v in values]
            if item.get("sampling") == "log":
                ax.set_xscale("log")
            tidy_axis(ax, "x", xs, item.get("sampling") == "log")
        clipped_outliers(ax, xs, scores, lang)
        for x, t in zip(xs, scored):
            if best_trial is not None and str(t.get("trial_id")) == str(best_trial):
                ax.scatter([x], [float(t["score"])], s=160, marker="*", color="tab:red", zorder=3)
        ax.set_xlabel(name)
        ax.set_ylabel(objective)
        ax.grid(alpha=0.3)
    for ax in list(axes.flat)[len(space) :]:
        ax.set_visible(False)
    fig.tight_layout()
    return fig


def trial_scores(trials: pd.DataFrame, lang: str = "en", objective: str = "score", direction: str = "max"):
    """Each trial's best objective in the order the trials were created, and the best so far."""
    fig, ax = plt.subplots(figsize=(6, 3.5))
    order = np.arange(1, len(trials) + 1)
    scores = pd.to_numeric(trials["score"], errors="coerce").to_numpy(dtype=float)
    best = label("trial's best", lang)
    clipped_outliers(ax, order, scores, lang)
    ax.scatter([], [], color="C0", label=f"{best} {objective}")
    running = pd.Series(scores).cummax() if direction != "min" else pd.Series(scores).cummin()
    ax.step(order, running.ffill(), where="post", color="C1", label=label("best so far", lang))
    if len(trials) <= 30:
        ax.set_xticks(order, trials["trial_id"].astype(str), rotation=90 if len(trials) > 15 else 0)
    ax.set_xlabel(label("trial id (in the order they were created)", lang))
    ax.set_ylabel(objective)
    ax.grid(alpha=0.3)
    ax.legend(loc="best", fontsize=8, framealpha=0.85)
    return fig
