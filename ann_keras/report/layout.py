"""The frame every page shares: HTML shell, stylesheet, tables, figures, badges (no Keras)."""

from __future__ import annotations

import datetime as _dt
from collections.abc import Sequence
from typing import Any

import pandas as pd

from ann_keras.report.html import FONT_PLACEHOLDER, Markup, column_format, join, tag

STYLE = """
:root { --ink: #1d2433; --muted: #5b6475; --line: #e3e7ee; --soft: #f5f7fa; --accent: #2458c6;
  --good: #1b7f45; --warn: #9a6400; --bad: #b42318; --radius: 10px; }
* { box-sizing: border-box; }
body { margin: 0; color: var(--ink); background: #fff; line-height: 1.55; font-size: 16px;

   font-family: 'Hangul', system-ui, -apple-system, 'Segoe UI', Roboto, 'Noto Sans', 'Helvetica Neue',
     Arial, sans-serif; }
main { max-width: 1120px; }
body.wide main, body.wide header.top .inner, body.wide footer { max-width: 1400px; }
main { margin: 0 auto; padding: 8px 24px 56px; }
header.top { background: var(--soft); border-bottom: 1px solid var(--line); }
header.top .inner { max-width: 1120px; margin: 0 auto; padding: 18px 24px 14px; }
header.top .crumbs { font-size: 14px; margin-bottom: 6px; }
h1 { font-size: 28px; line-height: 1.25; margin: 4px 0 8px; }
h2 { font-size: 21px; margin: 40px 0 10px; padding-top: 8px; border-top: 1px solid var(--line); }
h3 { font-size: 17px; margin: 24px 0 8px; }
p { margin: 8px 0; }
a { color: var(--accent); text-decoration: none; }
a:hover { text-decoration: underline; }
code, pre, .mono { font-family: ui-monospace, 'SFMono-Regular', Menlo, Consolas, 'Hangul', monospace;
  font-size: 0.9em; }
code { background: var(--soft); padding: 1px 5px; border-radius: 4px; }
pre { background: #0f172a; color: #e2e8f0; padding: 12px 14px; border-radius: var(--radius);
  overflow-x: auto; white-space: pre-wrap; word-break: break-all; }
.muted { color: var(--muted); }
.small { font-size: 14px; }
.mirrors { display: flex; flex-wrap: wrap; gap: 6px 18px; color: var(--muted); font-size: 15px; }
.description { max-width: 860px; }
nav.toc { display: flex; flex-wrap: wrap; gap: 4px 14px; font-size: 14px; margin: 14px 0 0; }
.badge { display: inline-block; font-size: 12px; font-weight: 600; padding: 1px 8px; border-radius: 999px;
  background: var(--soft); color: var(--muted); border: 1px solid var(--line); white-space: nowrap;
  margin-right: 4px; }
.badge.wrap { white-space: normal; border-radius: 8px; min-width: 10em; }
.badge.good { color: var(--good); border-color: #b7dfc6; background: #eef8f1; }
.badge.warn { color: var(--warn); border-color: #f0d79b; background: #fff8e6; }
.badge.bad { color: var(--bad); border-color: #f3b8b2; background: #fff1f0; }
.callout { border: 1px solid var(--line); border-left: 5px solid var(--muted); background: var(--soft);
  border-radius: var(--radius); padding: 10px 14px; margin: 14px 0; }
.callout.bad { border-left-color: var(--bad); background: #fff6f5; }
.callout.warn { border-left-color: var(--warn); background: #fffaf0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px;
  margin: 14px 0; }
.card { border: 1px solid var(--line); border-radius: var(--radius); padding: 12px 14px; background: #fff; }
.card .label { font-size: 13px; color: var(--muted); }
.card .value { font-size: 26px; font-weight: 650; margin: 2px 0; font-variant-numeric: tabular-nums; }
.card .note { font-size: 13px; color: var(--muted); }
.card.main { border-color: #b9c9ee; background: #f4f7fe; }
.table-wrap { overflow-x: auto; margin: 10px 0; }
table { border-collapse: collapse; font-size: 14.5px; font-variant-numeric: tabular-nums; }
th, td { border-bottom: 1px solid var(--line); padding: 6px 10px; text-align: left; vertical-align: top; }
th { background: var(--soft); font-weight: 600; white-space: nowrap; }
table > tbody:first-child td:first-child { white-space: nowrap; }
td.num, th.num { text-align: right; }
tr.highlight td { background: #f4f7fe; }
tr.off td { color: var(--muted); }
.bar { position: relative; min-width: 90px; }
.bar span { position: absolute; left: 0; top: 6px; bottom: 6px; background: #dbe6fb; border-radius: 3px;
  z-index: 0; }
.bar b { position: relative; z-index: 1; font-weight: 400; }
figure { margin: 14px 0; }
figure img { max-width: 100%; height: auto; border: 1px solid var(--line); border-radius: var(--radius);
  background: #fff; }
figcaption { font-size: 14px; color: var(--muted); margin-top: 4px; max-width: 860px; }
.two { display: grid; grid-template-columns: repeat(auto-fit, minmax(420px, 1fr)); gap: 16px; }
.grid { display: grid; grid-template-columns: repeat(auto-fill, minmax(112px, 1fr)); gap: 10px;
  margin: 12px 0; }
.grid figure { margin: 0; text-align: center; border: 1px solid var(--line); border-radius: 8px;
  padding: 6px 4px; }
.grid img { width: 84px; height: 84px; image-rendering: pixelated; border: 0; border-radius: 0; }
.grid figcaption { font-size: 12px; line-height: 1.35; margin: 2px 0 0; color: var(--ink); }
.grid .wrong { color: var(--bad); }
details { margin: 10px 0; }
summary { cursor: pointer; color: var(--accent); }
footer { max-width: 1120px; margin: 0 auto; padding: 16px 24px 40px; color: var(--muted); font-size: 13px;
  border-top: 1px solid var(--line); }
@media (max-width: 640px) { main { padding: 6px 12px 40px; } .two { grid-template-columns: 1fr;
  } h1 { font-size: 23px; } }
"""


def shell(
    title: str, lang: str, header: Markup, body: Markup, footer: str, source_key: str = "", wide: bool = False
) -> str:
    """A whole page: one file, its stylesheet inline, its Hangul font filled in later (FONT_PLACEHOLDER)."""
    head = join(
        Markup('<meta charset="utf-8">'),
        tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
        tag("meta", name="generator", content="ann-keras report"),
        tag("meta", name="ann-keras-source", content=source_key) if source_key else None,
        tag("title", title),
        Markup(f"<style>{FONT_PLACEHOLDER}\n{STYLE}</style>"),
    )
    page = join(
        Markup("<!DOCTYPE html>\n"),
        tag(
            "html",
            tag("head", head),
            tag(
                "body",
                tag("header", tag("div", header, class_="inner"), class_="top"),
                tag("main", body),
                tag("footer", footer),
                class_="wide" if wide else None,
            ),
            lang=lang,
        ),
    )
    return str(page) + "\n"


def section(anchor: str, title: str, *content: Any) -> Markup:
    return tag("section", tag("h2", title), *content, id=anchor)


def badge(text: str, tone: str = "", wrap: bool = False) -> Markup:
    return tag("span", text, class_=" ".join(c for c in ("badge", tone, "wrap" if wrap else "") if c))


def callout(content: Any, tone: str = "") -> Markup:
    return tag("div", content, class_=f"callout {tone}".strip())


def card(label: Any, value: Any, note: Any = None, main: bool = False) -> Markup:
    return tag(
        "div",
        tag("div", label, class_="label"),
        tag("div", value, class_="value"),
        tag("div", note, class_="note") if note else None,
        class_="card main" if main else "card",
    )


def figure(src: str, alt: str, caption: Any = None) -> Markup:
    return tag("figure", tag("img", src=src, alt=alt), tag("figcaption", caption) if caption else None)


def table(
    header: Sequence[Any],
    rows: Sequence[Sequence[Any]],
    numeric: Sequence[bool] | None = None,
    row_classes: Sequence[str] | None = None,
) -> Markup:
    """A table; `numeric[i]` right-aligns column i."""
    numeric = list(numeric or [False] * len(header))
    head = tag("tr", [tag("th", h, class_="num" if numeric[i] else None) for i, h in enumerate(header)])
    body = []
    for r, row in enumerate(rows):
        cells = [
            tag("td", cell, class_="num" if i < len(numeric) and numeric[i] else None)
            for i, cell in enumerate(row)
        ]
        body.append(tag("tr", cells, class_=row_classes[r] if row_classes and row_classes[r] else None))
    return tag(
        "div",
        tag("table", tag("thead", head) if any(str(h) for h in header) else None, tag("tbody", body)),
        class_="table-wrap",
    )


def frame_table(frame: pd.DataFrame, max_rows: int = 200, decimals: int | None = None) -> Markup:
    """A CSV's rows as they are (numbers formatted, every cell escaped); `decimals` overrides the four."""
    numeric = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        for c in frame.columns
    ]
    formats = [column_format(frame[c], decimals) if numeric[i] else str for i, c in enumerate(frame.columns)]
    rows = [
        ["–" if pd.isna(v) else formats[i](v) for i, v in enumerate(row)]
        for row in frame.head(max_rows).itertuples(index=False)
    ]
    return table([str(c) for c in frame.columns], rows, numeric)


def bar(value: float | None, text: str) -> Markup:
    """A table cell with a bar behind the number (0..1)."""
    width = 0 if value is None else max(0.0, min(1.0, float(value))) * 100
    return tag("div", tag("span", style=f"width:{width:.1f}%"), tag("b", text), class_="bar")


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
