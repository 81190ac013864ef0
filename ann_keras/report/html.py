"""The HTML back-end: a `Document` as one self-contained page, every string escaped.

Result files hold text that users wrote (experiment titles, descriptions,
commands, config values, variant names), so nothing is pasted into a page
without `escape`. `tag()` escapes its text children and attribute values; only
`Markup` built here passes through as it is. The stylesheet is inline and the
Hangul font is embedded (`hangul_font_face`), so a page needs nothing from the
internet.
"""

from __future__ import annotations

import base64
import html
import io
import logging
from collections.abc import Iterable
from typing import Any

from ann_keras.report import document as doc

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


def data_uri(data: bytes, mime: str = "image/png") -> str:
    return f"data:{mime};base64,{base64.b64encode(data).decode('ascii')}"


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
.callout.good { border-left-color: var(--good); background: #f3faf5; }
.callout.warn { border-left-color: var(--warn); background: #fffaf0; }
.cards { display: grid; grid-template-columns: repeat(auto-fill, minmax(200px, 1fr)); gap: 12px;
  margin: 14px 0; }
.card { border: 1px solid var(--line); border-radius: var(--radius); padding: 12px 14px; background: #fff; }
.card .label { font-size: 13px; color: var(--muted); }
.card .value { font-size: 26px; font-weight: 650; margin: 2px 0; font-variant-numeric: tabular-nums; }
.card .note { font-size: 13px; color: var(--muted); }
.card.main { border-color: #b9c9ee; background: #f4f7fe; }
.table-wrap { overflow-x: auto; margin: 10px 0; }
body.wide .table-wrap td:nth-child(2) { min-width: 11em; }
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
p, li, figcaption, .callout { overflow-wrap: anywhere; }
a.zoom { display: block; cursor: zoom-in; }
/* Phones: the page never scrolls sideways, only a wide table inside its own box, with its first column
   kept in view; cards two to a row and compact; figures open full size when tapped. */
@media (max-width: 640px) {
  body { font-size: 15px; }
  header.top .inner { padding: 12px 12px 10px; }
  h2 { font-size: 19px; margin-top: 28px; }
  .cards { grid-template-columns: repeat(2, minmax(0, 1fr)); gap: 8px; }
  .card { padding: 8px 10px; }
  .card .value { font-size: 20px; }
  .card .label, .card .note { font-size: 12px; }
  .table-wrap { max-width: 100%; -webkit-overflow-scrolling: touch; }
  table { font-size: 13px; }
  th, td { padding: 5px 7px; }
  table > tbody:first-child td:first-child, .table-wrap td:first-child { white-space: normal;
    min-width: 8em; max-width: 40vw; position: sticky; left: 0; background: #fff; z-index: 1; }
  .table-wrap th:first-child { position: sticky; left: 0; z-index: 2; }
  .mirrors { font-size: 13px; }
  .table-wrap td:first-child .badge { white-space: normal; overflow-wrap: anywhere; }
  body.wide .table-wrap td:nth-child(2) { min-width: 0; }
  body.wide .table-wrap td:nth-child(2) .muted { display: none; }  /* the index: the book's section only */
  .badge.wrap { min-width: 0; }
  pre { font-size: 13px; }
}
"""


# A code block's look and its copy button (added to a page only when it has a code block).
CODE_STYLE = """
.code { margin: 10px 0; border-radius: var(--radius); background: #0f172a; }
.code .code-head { display: flex; justify-content: space-between; align-items: center;
  padding: 6px 10px 0 14px; color: #94a3b8; font-size: 12px; }
.code button.copy { font: inherit; font-size: 13px; padding: 2px 12px; border-radius: 6px; cursor: pointer;
  border: 1px solid #475569; background: #1e293b; color: #e2e8f0; }
.code button.copy:hover { background: #334155; }
.code pre { margin: 0; white-space: pre; word-break: normal; border-radius: 0 0 var(--radius) var(--radius); }
.code .add { color: #86efac; } .code .del { color: #fca5a5; } .code .hunk { color: #93c5fd; }
.code .file { color: #94a3b8; }
.code textarea.copy-source { display: block; width: 100%; min-height: 16em; border: 0; padding: 12px 14px;
  background: #1e293b; color: #e2e8f0; font-family: ui-monospace, Menlo, Consolas, monospace;
  font-size: 13px; }
"""
# The copy button: the Clipboard API where the page may use it, else a selected textarea and
# execCommand("copy"), else the code is left selected for Ctrl+C (under a diff, its whole program
# (data-text) in a text box, selected). In <head>, so the page's text is only what it shows.
COPY_SCRIPT = """
(function () {
  function fallback(text) {
    var area = document.createElement('textarea');
    area.value = text; area.setAttribute('readonly', ''); area.style.position = 'fixed';
    area.style.top = '0'; area.style.opacity = '0'; document.body.appendChild(area);
    area.select(); var ok = false;
    try { ok = document.execCommand('copy'); } catch (e) { ok = false; }
    document.body.removeChild(area); return ok;
  }
  function say(button, ok, pre) {
    if (!ok && button.dataset.text) {
      var box = button.closest('.code'), shown = box.querySelector('textarea.copy-source');
      if (!shown) {
        shown = document.createElement('textarea'); shown.className = 'copy-source';
        shown.readOnly = true; shown.value = button.dataset.text; box.appendChild(shown);
      }
      shown.focus(); shown.select();
    } else if (!ok) { window.getSelection().selectAllChildren(pre); }
    button.textContent = ok ? button.dataset.copied : button.dataset.select;
    setTimeout(function () { button.textContent = button.dataset.copy; }, 2500);
  }
  document.addEventListener('click', function (event) {
    var button = event.target.closest && event.target.closest('button.copy');
    if (!button) { return; }
    var pre = button.closest('.code').querySelector('pre');
    var text = button.dataset.text || pre.textContent;
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(function () { say(button, true, pre); },
        function () { say(button, fallback(text), pre); });
    } else { say(button, fallback(text), pre); }
  });
})();
"""

# ---------------------------------------------------------------- the back-end


def inline(content: doc.Inline) -> Markup:
    """Inline content as HTML."""
    if content is None:
        return Markup("")
    if isinstance(content, (list, tuple)):
        return join([inline(item) for item in content])
    if isinstance(content, doc.Code):
        return tag("code", content.text)
    if isinstance(content, doc.Strong):
        return tag("strong", inline(content.content))
    if isinstance(content, doc.Link):
        return tag("a", inline(content.content), href=content.href)
    if isinstance(content, doc.Badge):
        classes = ("badge", content.tone, "wrap" if content.wrap else "")
        return tag("span", content.text, class_=" ".join(c for c in classes if c))
    if isinstance(content, doc.Muted):
        return tag("span", inline(content.content), class_="muted small")
    if isinstance(content, doc.Bar):
        width = 0 if content.value is None else max(0.0, min(1.0, float(content.value))) * 100
        return tag("div", tag("span", style=f"width:{width:.1f}%"), tag("b", content.text), class_="bar")
    if isinstance(content, doc.Lines):
        return join([tag("div", inline(line)) for line in content.lines if line is not None])
    return escape(content)


def table(block: doc.Table) -> Markup:
    numeric = list(block.numeric or [False] * len(block.header))

    def right(i: int) -> str | None:
        return "num" if i < len(numeric) and numeric[i] else None

    head = tag("tr", [tag("th", inline(h), class_=right(i)) for i, h in enumerate(block.header)])
    body = []
    for r, row in enumerate(block.rows):
        style = block.row_styles[r] if block.row_styles and block.row_styles[r] else None
        body.append(
            tag("tr", [tag("td", inline(cell), class_=right(i)) for i, cell in enumerate(row)], class_=style)
        )
    shown_head = tag("thead", head) if any(str(h) for h in block.header) else None
    return tag("div", tag("table", shown_head, tag("tbody", body)), class_="table-wrap")


def code_block(item: doc.CodeBlock) -> Markup:
    """Code in a dark box under a bar with its language and a copy button (COPY_SCRIPT)."""
    if item.language == "diff":
        kinds = {"+++": "file", "---": "file", "@@": "hunk", "+": "add", "-": "del"}
        lines = []
        for line in item.text.rstrip("\n").split("\n"):
            kind = next((k for prefix, k in kinds.items() if line.startswith(prefix)), None)
            lines.append(tag("span", line + "\n", class_=kind) if kind else escape(line + "\n"))
        shown = tag("pre", lines)
    else:
        shown = tag("pre", item.text.rstrip("\n"))
    button = tag(
        "button",
        item.copy,
        type="button",
        class_="copy",
        data_copy=item.copy,
        data_copied=item.copied,
        data_select=item.select,
        data_text=item.copy_text,
    )
    return tag(
        "div", tag("div", tag("span", item.language), button, class_="code-head"), shown, class_="code"
    )


def block(item: doc.Block) -> Markup:
    """One block as HTML."""
    if isinstance(item, doc.Section):
        return tag("section", tag("h2", item.title), [block(b) for b in item.blocks], id=item.anchor)
    if isinstance(item, doc.Heading):
        return tag(f"h{item.level}", inline(item.text))
    if isinstance(item, doc.Paragraph):
        return tag("p", inline(item.content), class_=item.style or None)
    if isinstance(item, doc.Callout):
        return tag("div", inline(item.content), class_=f"callout {item.tone}".strip())
    if isinstance(item, doc.Cards):
        cards = [
            tag(
                "div",
                tag("div", inline(card.label), class_="label"),
                tag("div", inline(card.value), class_="value"),
                tag("div", inline(card.note), class_="note") if card.note else None,
                class_="card main" if card.main else "card",
            )
            for card in item.cards
        ]
        return tag("div", cards, class_="cards")
    if isinstance(item, doc.Table):
        return table(item)
    if isinstance(item, doc.Figure):
        if item.src is None:
            return tag("div", item.missing or item.alt, class_="callout warn")
        caption = tag("figcaption", inline(item.caption)) if item.caption else None
        image = tag("img", src=item.src, alt=item.alt)
        return tag("figure", tag("a", image, href=item.src, class_="zoom", title=item.alt), caption)
    if isinstance(item, doc.Columns):
        return tag("div", [block(b) for b in item.blocks], class_="two")
    if isinstance(item, doc.Preformatted):
        return tag("pre", item.text)
    if isinstance(item, doc.CodeBlock):
        return code_block(item)
    if isinstance(item, doc.KeyValues):
        if item.inline:
            spans = [
                tag("span", tag("strong", inline(key), ": "), inline(value)) for key, value in item.pairs
            ]
            return tag("div", spans, class_="mirrors")
        return table(doc.Table(["", ""], [[key, value] for key, value in item.pairs]))
    if isinstance(item, doc.Details):
        return tag("details", tag("summary", item.summary), [block(b) for b in item.blocks])
    if isinstance(item, doc.Gallery):
        tiles = []
        for tile in item.tiles:
            lines = [
                tag("div", f"{name}: {cell}", class_=style or None)
                for name, cell, style in zip(
                    item.header[1:], tile.cells[1:], [*item.styles, *[""] * len(item.header)]
                )
            ]
            image = tag("img", src=data_uri(tile.png), alt=tile.alt, title=tile.alt)
            tiles.append(tag("figure", image, tag("figcaption", lines)))
        return tag("div", tiles, class_="grid")
    raise TypeError(f"not a block: {item!r}")


def render(page: doc.Document) -> str:
    """A whole page: one file, its stylesheet inline, its Hangul font filled in later (FONT_PLACEHOLDER)."""
    sections = page.sections()
    toc = (
        tag("nav", [tag("a", s.title, href=f"#{s.anchor}") for s in sections], class_="toc")
        if page.toc and sections
        else None
    )
    main = tag("main", [block(b) for b in page.body])
    has_code = 'class="code"' in main
    head = join(
        Markup('<meta charset="utf-8">'),
        tag("meta", name="viewport", content="width=device-width, initial-scale=1"),
        tag("meta", name="generator", content="ann-keras report"),
        tag("meta", name="ann-keras-source", content=page.source_key) if page.source_key else None,
        tag("title", page.title),
        Markup(f"<style>{FONT_PLACEHOLDER}\n{STYLE}{CODE_STYLE if has_code else ''}</style>"),
        Markup(f"<script>{COPY_SCRIPT}</script>") if has_code else None,
    )
    html_page = join(
        Markup("<!DOCTYPE html>\n"),
        tag(
            "html",
            tag("head", head),
            tag(
                "body",
                tag("header", tag("div", [block(b) for b in page.header], toc, class_="inner"), class_="top"),
                main,
                tag("footer", inline(doc.backticks_as_code(page.footer))),
                class_="wide" if page.wide else None,
            ),
            lang=page.lang,
        ),
    )
    return str(html_page) + "\n"


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
