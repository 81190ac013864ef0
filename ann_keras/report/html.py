"""Building HTML safely: every string is escaped unless it is already `Markup`.

Result files hold text that users wrote (experiment titles, descriptions,
commands, config values, variant names), so nothing is pasted into a page
without `escape`. `tag()` escapes its text children and attribute values; only
`Markup` built by these helpers passes through as it is.
"""

from __future__ import annotations

import base64
import html
import io
import logging
import math
from collections.abc import Iterable
from typing import Any

import numpy as np

HANGUL_RANGES = ((0x1100, 0x11FF), (0x3130, 0x318F), (0xA960, 0xA97F), (0xAC00, 0xD7FF))
FONT_PLACEHOLDER = "/*hangul-font*/"


class Markup(str):
    """A string that is already HTML."""


def escape(value: Any) -> Markup:
    if isinstance(value, Markup):
        return value
    return Markup(html.escape("" if value is None else str(value), quote=True))


def _children(items: Iterable[Any]) -> Iterable[Markup]:
    for item in items:
        if item is None or item is False:
            continue
        if isinstance(item, (list, tuple)):
            yield from _children(item)
        else:
            yield escape(item)


def join(*items: Any) -> Markup:
    """Concatenate escaped items (lists are flattened, None skipped)."""
    return Markup("".join(_children(items)))


def tag(element: str, /, *children: Any, **attrs: Any) -> Markup:
    """`<name attrs>children</name>`; `class_` sets class, `data_x` sets data-x, True: a bare attribute."""
    parts = [element]
    for key, value in attrs.items():
        if value is None or value is False:
            continue
        key = key.rstrip("_").replace("_", "-")
        parts.append(key if value is True else f'{key}="{escape(value)}"')
    opening = "<" + " ".join(parts) + ">"
    if element in ("img", "meta", "br", "hr", "link", "col"):
        return Markup(opening)
    return Markup(opening + join(*children) + f"</{element}>")


def number(value: Any, digits: int = 4) -> str:
    """A number as the page shows it: integers with separators, floats to `digits` places, missing as a dash.

    Integers and floats stay apart (an accuracy of 1.0 reads 1.0000, an epoch 3 reads 3).
    """
    if value is None or (isinstance(value, str) and not value):
        return "–"
    if isinstance(value, (bool, np.bool_)):
        return str(bool(value)).lower()
    if isinstance(value, (int, np.integer)):
        return f"{int(value):,}"
    if not isinstance(value, (float, np.floating)):
        return str(value)
    value = float(value)
    if math.isnan(value):
        return "NaN"
    if math.isinf(value):
        return "inf" if value > 0 else "-inf"
    if value != 0 and (abs(value) < 10 ** -(digits - 1) or abs(value) >= 1e7):
        return f"{value:.{max(1, digits - 1)}e}"
    return f"{value:.{digits}f}"


def count(value: Any) -> str:
    """A count that a CSV may hold as a float (a mean of epochs): whole numbers without decimals."""
    if isinstance(value, (float, np.floating)) and math.isfinite(value) and float(value).is_integer():
        return f"{int(value):,}"
    return number(value, 1)


def plain(value: Any) -> str:
    """A setting as written in a config (0.001, 1e+30, 300): up to six significant digits."""
    if isinstance(value, (float, np.floating)) and math.isfinite(value):
        return f"{float(value):.6g}"
    return number(value)


def column_format(values, decimals: int | None = None) -> Any:
    """How to show a numeric table column: whole-number columns as counts, others to four (or `decimals`)
    places."""
    finite = [float(v) for v in values if v is not None and v == v]
    if finite and all(v.is_integer() for v in finite):
        return count
    if decimals is not None:
        return lambda value: number(value, decimals)
    return number


def seconds(value: Any) -> str:
    """Wall time: seconds below two minutes, then minutes, then hours."""
    if value is None:
        return "–"
    value = float(value)
    if value < 120:
        return f"{value:.1f} s"
    if value < 7200:
        return f"{value / 60:.1f} min"
    return f"{value / 3600:.1f} h"


def data_uri(data: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


# ---------------------------------------------------------------- Hangul in pages


def hangul_characters(text: str) -> str:
    """The distinct Hangul characters in `text`, sorted."""
    return "".join(sorted({c for c in text if any(lo <= ord(c) <= hi for lo, hi in HANGUL_RANGES)}))


def hangul_font_face(characters: str, font_path: str | None) -> str:
    """A CSS @font-face carrying only `characters` of the Hangul font, embedded as WOFF.

    Pages then show Hangul on machines without a Korean font and stay one file;
    a subset of a few hundred syllables is tens of kilobytes.
    """
    if not characters or not font_path:
        return ""
    from fontTools import subset

    logging.getLogger("fontTools.subset").setLevel(logging.ERROR)
    options = subset.Options()
    options.flavor = "woff"
    font = subset.load_font(font_path, options)
    subsetter = subset.Subsetter(options)
    subsetter.populate(text=characters)
    subsetter.subset(font)
    buffer = io.BytesIO()
    subset.save_font(font, buffer, options)
    ranges = ", ".join(f"U+{lo:04X}-{hi:04X}" for lo, hi in HANGUL_RANGES)
    return (
        "@font-face { font-family: 'Hangul'; font-display: block; unicode-range: " + ranges + "; "
        f"src: url('{data_uri(buffer.getvalue(), 'font/woff')}') format('woff'); }}"
    )
