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


def epoch_ticks(ax, epochs: int) -> None:
    """Whole epochs on the x axis (every one when there are few)."""
    if epochs <= 20:
        ax.set_xticks(range(1, epochs + 1))
    else:
        ax.xaxis.get_major_locator().set_params(integer=True)


def finish(ax, xlabel: str = "", ylabel: str = "", logx: bool = False, logy: bool = False) -> None:
    """Labels, log scales, a light grid and a legend when something is labelled."""
    ax.set_xlabel(xlabel)
    ax.set_ylabel(ylabel)
    if logx:
        ax.set_xscale("log")
    if logy:
        ax.set_yscale("log")
    ax.grid(alpha=0.3)
    if ax.get_legend_handles_labels()[0]:
        ax.legend(fontsize=8)


def is_number(value) -> bool:
    try:
        return value is not None and bool(np.isfinite(float(value)))
    except (TypeError, ValueError):
        return False
