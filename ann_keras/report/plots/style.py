"""What every figure shares: the Hangul font, axis labels in the page's language, saving to PNG.

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
from pathlib import Path

import matplotlib

matplotlib.use("Agg")
import matplotlib.pyplot as plt  # noqa: E402
import numpy as np  # noqa: E402

from ann_keras import files  # noqa: E402
from ann_keras.errors import UserError  # noqa: E402

HANGUL_FONT = "NanumGothic"
# Axis, legend and panel labels in Korean. Metric and column names (loss, val_accuracy, batch_size)
# stay as Keras and the result files write them; a label not listed here is drawn as written.
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
        "trial id (in the order they were created)": "시도 ID (만들어진 순서)",
        "trial's best": "시도의 최고",
        "best so far": "지금까지의 최고",
        "step": "스텝",
        "updates": "업데이트 횟수",
        "updates (log scale; 0 drawn at 0.8)": "업데이트 횟수 (로그 눈금, 0은 0.8에 표시)",
        "training time (s)": "훈련 시간 (초)",
        "loss on 2,000 training images": "훈련 이미지 2,000개의 손실",
        "training loss": "훈련 손실",
        "learning rate": "학습률",
        "batch loss": "배치 손실",
        "smoothed loss": "평활화한 손실",
        "turning point": "전환점",
        "suggestion": "제안",
        "tuner bounds": "튜너 범위",
        "layer": "층",
        "gradient norm of the layer's kernel": "층 커널의 그래디언트 노름",
        "gradient norm before training": "훈련 전 그래디언트 노름",
        "wrong predictions (of 4)": "틀린 예측 수 (4개 중)",
        "sigmoid: hidden-layer outputs at initialisation": "sigmoid: 초기화 직후 은닉층의 출력",
        "tanh: hidden-layer outputs at initialisation": "tanh: 초기화 직후 은닉층의 출력",
        "relu: hidden-layer outputs at initialisation": "relu: 초기화 직후 은닉층의 출력",
    },
}


def label(text: str, lang: str = "en") -> str:
    """An axis, legend or panel label in `lang`; metric names (loss, val_accuracy) are never translated."""
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
    """A context in which figures draw Hangul (class names, labels in `ko`, user text in any language)."""
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
    """Render `fig` to PNG, write it atomically and close it."""
    buffer = io.BytesIO()
    try:
        fig.savefig(buffer, format="png", dpi=dpi, bbox_inches="tight")
    finally:
        plt.close(fig)
    return files.write_bytes(path, buffer.getvalue())


def image_png(image: np.ndarray) -> bytes:
    """One 28x28 Fashion-MNIST image as a small PNG, dark on light like the book's `cmap='gray_r'`."""
    buffer = io.BytesIO()
    plt.imsave(buffer, np.asarray(image), cmap="gray_r", vmin=0, vmax=255, format="png")
    return buffer.getvalue()


# ---------------------------------------------------------------- the tick policy of every figure
#
# Counts (epochs, layers, trials, units) get whole-number ticks only; a log axis gets ticks at 1, 2 and 5
# times a power of ten when it spans little more than a decade and at powers of ten otherwise, written
# as plain numbers (200, 0.001) or as 1e-4, never as 2x10^2; an axis carries at most MAX_TICKS ticks.
MAX_TICKS = 8


def log_tick(value: float, _position=None) -> str:
    """200, 0.5, 0.001, 1e-4, 1e5: a log axis's tick as a student writes it."""
    if value <= 0 or not np.isfinite(value):
        return ""
    if 1e-3 <= value < 1e5:
        return f"{value:.10g}"
    exponent = int(np.floor(np.log10(value) + 1e-9))
    mantissa = value / 10**exponent
    return f"{mantissa:.0f}e{exponent}" if abs(mantissa - 1) > 1e-6 else f"1e{exponent}"


def whole(values) -> bool:
    """Every finite value is a whole number (epochs, layers, units: ticks between them mean nothing)."""
    array = np.asarray(pd_numeric(values), dtype=float)
    array = array[np.isfinite(array)]
    return bool(array.size) and bool(np.all(array == np.round(array)))


def pd_numeric(values) -> np.ndarray:
    try:
        return np.asarray(values, dtype=float)
    except (TypeError, ValueError):
        return np.array([], dtype=float)


def tidy_axis(ax, which: str = "x", values=None, log: bool = False) -> None:
    """Apply the tick policy to one axis: log ticks, whole-number ticks for counts, at most MAX_TICKS."""
    from matplotlib import ticker

    axis = ax.xaxis if which == "x" else ax.yaxis
    if log:
        low, high = ax.get_xlim() if which == "x" else ax.get_ylim()
        finite = pd_numeric(values) if values is not None else np.array([low, high])
        finite = finite[np.isfinite(finite) & (finite > 0)]
        if finite.size:
            low, high = float(finite.min()), float(finite.max())
        decades = np.log10(high / low) if low > 0 and high > 0 else 99
        subs = (1.0, 2.0, 5.0) if decades <= 1.3 else (1.0,)
        axis.set_major_locator(ticker.LogLocator(base=10, subs=subs, numticks=MAX_TICKS))
        axis.set_major_formatter(ticker.FuncFormatter(log_tick))
        axis.set_minor_formatter(ticker.NullFormatter())
    elif values is not None and whole(values):
        axis.set_major_locator(ticker.MaxNLocator(nbins=6, integer=True, min_n_ticks=1))
    else:
        axis.set_major_locator(ticker.MaxNLocator(nbins=6, steps=[1, 2, 2.5, 5, 10]))


def epoch_ticks(ax, epochs: int) -> None:
    """Whole epochs on the x axis: every one when there are few, else at most MAX_TICKS whole ones."""
    from matplotlib import ticker

    if epochs <= 12:
        ax.set_xticks(range(1, epochs + 1))
    else:
        ax.xaxis.set_major_locator(ticker.MaxNLocator(nbins=MAX_TICKS, integer=True))


def clipped_outliers(ax, xs, ys, lang: str = "en", color: str = "C0") -> list[float]:
    """Points far outside the rest (beyond 3 interquartile ranges) drawn at the axis's edge as open
    triangles with their value written beside them, so that one bad trial does not squeeze the others
    into a thin band. Draws every point; returns the clipped values."""
    xs, ys = np.asarray(xs, dtype=float), np.asarray(ys, dtype=float)
    finite = ys[np.isfinite(ys)]
    outside = np.zeros(ys.shape, dtype=bool)
    if finite.size >= 4:
        q1, q3 = np.percentile(finite, [25, 75])
        spread = max(q3 - q1, 1e-12)
        outside = np.isfinite(ys) & ((ys < q1 - 3 * spread) | (ys > q3 + 3 * spread))
    inside = ys[np.isfinite(ys) & ~outside]
    ax.scatter(xs[~outside], ys[~outside], s=28, alpha=0.8, color=color, zorder=2)
    if not outside.any() or not inside.size:
        return []
    margin = max(float(inside.max() - inside.min()) * 0.15, 1e-3)
    low, high = float(inside.min()) - margin, float(inside.max()) + margin
    ax.set_ylim(low, high)
    for x, y in zip(xs[outside], ys[outside]):
        edge, marker, va = (
            (low + margin * 0.25, "v", "bottom") if y < low else (high - margin * 0.25, "^", "top")
        )
        ax.scatter([x], [edge], s=40, marker=marker, facecolors="none", edgecolors=color, zorder=3)
        ax.annotate(
            f"{y:.3f}",
            (x, edge),
            xytext=(0, 7 if y < low else -7),
            textcoords="offset points",
            fontsize=8,
            ha="center",
            va=va,
            color=color,
        )
    return [float(y) for y in ys[outside]]


def finish(
    ax, xlabel: str = "", ylabel: str = "", logx: bool = False, logy: bool = False, x=None, y=None
) -> None:
    """Labels, log scales and the tick policy (`x`, `y`: the values drawn), a light grid, and a legend
    when something is labelled, placed where it covers the fewest points."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if logx:
        ax.set_xscale("log")
    if logy:
        ax.set_yscale("log")
    if logx or x is not None:
        tidy_axis(ax, "x", x, logx)
    if logy or y is not None:
        tidy_axis(ax, "y", y, logy)
    ax.grid(alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8, loc="best", framealpha=0.85)


def is_number(value) -> bool:
    try:
        return value is not None and bool(np.isfinite(float(value)))
    except (TypeError, ValueError):
        return False
