"""How a page writes numbers, durations and times; the same in HTML and in Markdown."""

from __future__ import annotations

import datetime as _dt
import math
import re
from typing import Any

import numpy as np


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


UNITS = {"en": ("s", "min", "h"), "ko": ("초", "분", "시간")}


def seconds(value: Any, lang: str = "en") -> str:
    """Wall time: seconds below two minutes, then minutes, then hours, the unit in `lang`."""
    if value is None:
        return "–"
    value = float(value)
    s, minutes, hours = UNITS.get(lang, UNITS["en"])
    if value < 120:
        return f"{value:.1f} {s}"
    if value < 7200:
        return f"{value / 60:.1f} {minutes}"
    return f"{value / 3600:.1f} {hours}"


def when(timestamp: Any, zone: bool = True) -> str:
    """An ISO time from run.json, shown to the minute in the time zone it was written in."""
    if not timestamp:
        return "–"
    try:
        moment = _dt.datetime.fromisoformat(str(timestamp))
    except ValueError:
        return str(timestamp)
    offset = moment.strftime("%z")
    shown = moment.strftime("%Y-%m-%d %H:%M")
    return f"{shown} UTC{offset[:3]}:{offset[3:]}" if zone and offset else shown


def notes_section(run: dict) -> str:
    """The notes' section a run mirrors, without the notes' file names ("003_4f79ef8f212079da.txt: ")."""
    text = str(run.get("notes_section") or run.get("seed_section") or "")
    parts = [part.strip() for part in text.split(";")]
    return "; ".join(part.split(": ", 1)[1] if ".txt: " in part else part for part in parts if part)


def device_text(device: dict | None, lang: str = "en") -> str:
    """'CPU AMD EPYC (2 cores)' from run.json's device, the core count in `lang`."""
    device = device or {}
    text = " ".join(str(device.get(k)) for k in ("type", "name") if device.get(k))
    if lang == "ko":
        text = re.sub(r"\((\d+) cores?\)", r"(코어 \1개)", text)
    return text
