"""The figures a student would draw, from saved results (matplotlib, no Keras).

Labels come in English or Korean (`lang="ko"`). Hangul is drawn with NanumGothic
from the koreanize-matplotlib package (found by path, not imported: importing it
changes matplotlib's global settings), so Korean figures never depend on a
system font.
"""

from __future__ import annotations

import contextlib
import functools
import importlib.util
import io
from collections.abc import Sequence
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from ann_keras import files  # noqa: E402
from ann_keras.errors import UserError  # noqa: E402

HANGUL_FONT = "NanumGothic"
LABELS = {
    "en": {"no finite values": "no finite values (NaN or infinite)"},
    "ko": {
        "epoch": "에포크",
        "predicted": "예측한 클래스",
        "true": "실제 클래스",
        "best epoch": "복원한 에포크",
        "trial": "시도",
        "failed": "실패",
        "no finite values": "유한한 값 없음 (NaN 또는 무한대)",
    },
}


def label(text: str, lang: str = "en") -> str:
    """An axis or legend label in `lang`; metric names (loss, val_accuracy) are never translated."""
    return LABELS.get(lang, {}).get(text, text)


@functools.lru_cache(maxsize=1)
def hangul_font_path() -> str | None:
    """NanumGothic.ttf of koreanize-matplotlib, registered with matplotlib; None when not installed."""
    spec = importlib.util.find_spec("koreanize_matplotlib")
    if spec is None or not spec.submodule_search_locations:
        return None
    path = Path(list(spec.submodule_search_locations)[0]) / "fonts" / "NanumGothic.ttf"
    if not path.is_file():
        return None
    from matplotlib import font_manager

    font_manager.fontManager.addfont(str(path))
    return str(path)


def fonts(lang: str = "en"):
    """A context in which figures draw Hangul (class names, titles, labels in `ko`, user text in any
    language)."""
    if hangul_font_path() is None:
        if lang == "ko":
            raise UserError(
                "Korean figures need the koreanize-matplotlib package: pip install koreanize-matplotlib"
            )
        return contextlib.nullcontext()
    # DejaVu first and NanumGothic as the per-glyph fallback: Hangul comes from NanumGothic, and
    # tick labels such as 10^-3 (mathtext, which has no fallback) keep DejaVu's minus sign.
    return plt.rc_context({"font.family": ["DejaVu Sans", HANGUL_FONT]})


def save(fig, path: Path, dpi: int = 110) -> Path:
    """Render `fig` to PNG and write it atomically."""
    buffer = io.BytesIO()
    fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    plt.close(fig)
    return files.write_bytes(path, buffer.getvalue())


def learning_curves(
    history: dict[str, Sequence[float]],
    path: Path,
    best_epoch: int | None = None,
    title: str = "",
    lang: str = "en",
) -> Path:
    """Train vs validation loss and accuracy per epoch, the restored best epoch marked."""
    with fonts(lang):
        return save(_learning_curves(history, best_epoch, title, lang), path)


def epoch_ticks(ax, epochs: int) -> None:
    """Whole epochs on the x axis (every one when there are few)."""
    if epochs <= 20:
        ax.set_xticks(range(1, epochs + 1))
    else:
        ax.xaxis.get_major_locator().set_params(integer=True)


def _learning_curves(history, best_epoch, title, lang):
    fig, axes = plt.subplots(1, 2, figsize=(10, 3.8))
    epochs = max((len(v) for v in history.values()), default=1)
    for ax, metric in zip(axes, ("loss", "accuracy")):
        finite = False
        for key, style in ((metric, "-o"), (f"val_{metric}", "-s")):
            if key in history:
                values = np.asarray(history[key], dtype=float)
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
    if title:
        fig.suptitle(title)
    return fig


def confusion_matrix(
    matrix: Sequence[Sequence[int]],
    class_names: Sequence[str],
    path: Path,
    normalize: bool = False,
    title: str = "",
    lang: str = "en",
) -> Path:
    """Heatmap of counts (or of row-normalised rates) with the numbers written in."""
    with fonts(lang):
        return save(_confusion_matrix(matrix, class_names, normalize, title, lang), path)


def _confusion_matrix(matrix, class_names, normalize, title, lang):
    counts = np.asarray(matrix, dtype=float)
    shown = counts / np.maximum(counts.sum(axis=1, keepdims=True), 1) if normalize else counts
    fig, ax = plt.subplots(figsize=(7.5, 6.5))
    image = ax.imshow(shown, cmap="Blues")
    fig.colorbar(image, ax=ax, fraction=0.046)
    ticks = range(len(class_names))
    ax.set_xticks(ticks, class_names, rotation=45, ha="right")
    ax.set_yticks(ticks, class_names)
    ax.set_xlabel(label("predicted", lang))
    ax.set_ylabel(label("true", lang))
    threshold = shown.max() / 2 if shown.size else 0
    for i in ticks:
        for j in ticks:
            text = f"{shown[i, j]:.2f}" if normalize else f"{int(counts[i, j])}"
            ax.text(
                j,
                i,
                text,
                ha="center",
                va="center",
                fontsize=7,
                color="white" if shown[i, j] > threshold else "black",
            )
    if title:
        ax.set_title(title)
    return fig


def overlay(
    curves: dict[str, Sequence[float]],
    path: Path,
    ylabel: str,
    xlabel: str = "epoch",
    title: str = "",
    logy: bool = False,
) -> Path:
    """Several named curves on one axis (variants compared)."""
    fig, ax = plt.subplots(figsize=(7, 4))
    for name, values in curves.items():
        values = list(values)
        ax.plot(range(1, len(values) + 1), values, "-o", markersize=3, label=name)
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if logy:
        ax.set_yscale("log")
    ax.grid(alpha=0.3)
    ax.legend(fontsize=8)
    if title:
        ax.set_title(title)
    return save(fig, path)


def compare_curves(runs: dict[str, list[dict[str, Sequence[float]]]], path: Path, lang: str = "en") -> Path:
    """loss, val_loss, accuracy and val_accuracy of every variant: a colour per variant, a line per seed."""
    with fonts(lang):
        fig, axes = plt.subplots(2, 2, figsize=(10, 6.4), sharex=True)
        colours = plt.rcParams["axes.prop_cycle"].by_key()["color"]
        for ax, metric in zip(axes.flat, ("loss", "val_loss", "accuracy", "val_accuracy")):
            for number, (variant, histories) in enumerate(runs.items()):
                for seed_number, history in enumerate(histories):
                    values = np.asarray(history.get(metric, []), dtype=float)
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
            epoch_ticks(ax, max((len(h.get(metric, [])) for hs in runs.values() for h in hs), default=1))
        for ax in axes[1]:
            ax.set_xlabel(label("epoch", lang))
        handles, names = axes[0, 0].get_legend_handles_labels()
        if handles:
            fig.legend(
                handles,
                names,
                loc="upper center",
                ncol=min(4, len(names)),
                fontsize=9,
                bbox_to_anchor=(0.5, 1.04),
            )
        fig.tight_layout()
        return save(fig, path)


def scores_against(
    trials: Sequence[dict],
    space: Sequence[dict],
    objective: str,
    path: Path,
    best_trial: str | None = None,
    lang: str = "en",
) -> Path:
    """The search's score of every completed trial against each hyperparameter, the best trial starred."""
    with fonts(lang):
        columns = max(1, min(3, len(space)))
        rows = -(-max(1, len(space)) // columns)
        fig, axes = plt.subplots(rows, columns, figsize=(3.6 * columns, 3.1 * rows), squeeze=False)
        scored = [t for t in trials if _is_number(t.get("score"))]
        for ax, item in zip(axes.flat, space):
            name = item["name"]
            values = [t.get(name) for t in scored]
            scores = [float(t["score"]) for t in scored]
            if item.get("type") in ("choice", "boolean") or not all(_is_number(v) for v in values):
                categories = [str(v) for v in (item.get("values") or sorted({str(v) for v in values}))]
                positions = {c: i for i, c in enumerate(categories)}
                xs = [positions.get(str(v), len(categories)) for v in values]
                ax.set_xticks(range(len(categories)), categories, rotation=30 if len(categories) > 4 else 0)
            else:
                xs = [float(v) for v in values]
                if item.get("sampling") == "log":
                    ax.set_xscale("log")
            ax.scatter(xs, scores, s=28, alpha=0.8)
            for x, t in zip(xs, scored):
                if best_trial is not None and str(t.get("trial_id")) == str(best_trial):
                    ax.scatter([x], [float(t["score"])], s=160, marker="*", color="tab:red", zorder=3)
            ax.set_xlabel(name)
            ax.set_ylabel(objective)
            ax.grid(alpha=0.3)
        for ax in list(axes.flat)[len(space) :]:
            ax.set_visible(False)
        fig.tight_layout()
        return save(fig, path)


def _is_number(value) -> bool:
    try:
        return value is not None and np.isfinite(float(value))
    except (TypeError, ValueError):
        return False


def image_png(image: np.ndarray) -> bytes:
    """One 28x28 Fashion-MNIST image as a small PNG, dark on light like the book's `cmap='gray_r'`."""
    buffer = io.BytesIO()
    plt.imsave(buffer, np.asarray(image), cmap="gray_r", vmin=0, vmax=255, format="png")
    return buffer.getvalue()
