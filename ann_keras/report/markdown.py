"""The Markdown back-end: a `Document` as GitHub-flavoured Markdown (report.md, benchmark pages).

The same blocks as the HTML page, so the same sections and numbers; what Markdown
cannot show is written out instead: cards become a list, the misclassified images
a table of their labels, a closed `Details` an open one. User text is escaped so
that it reads as written and never turns into markup.
"""

from __future__ import annotations

import re
import urllib.parse

from ann_keras.report import document as doc

_SPECIAL = re.compile(r"([\\`*\[|])")  # a "]" without its "[" starts nothing
_EDGE_UNDERSCORE = re.compile(r"(?<![A-Za-z0-9])_|_(?![A-Za-z0-9])")  # val_accuracy stays as it is
# What would start a heading, a quote, a list or a rule at a line's start: "#", ">", "- ", "===", "1. "
_LINE_START = re.compile(r"^(\s*)(#|>|[-+=](?=[\s\-+=]|$)|\d+(?=\.\s))", re.MULTILINE)


def text(value) -> str:
    """Plain text that Markdown shows as it is (no emphasis, links, tables or HTML from it)."""
    escaped = _SPECIAL.sub(r"\\\1", "" if value is None else str(value))
    escaped = _EDGE_UNDERSCORE.sub(r"\\_", escaped)
    escaped = escaped.replace("<", "&lt;")  # no HTML from user text; a ">" matters only at a line's start
    return _LINE_START.sub(_escape_line_start, escaped)


def _escape_line_start(match: re.Match) -> str:
    indent, start = match.group(1), match.group(2)
    return indent + (start + "\\" if start[0].isdigit() else "\\" + start)


def _code(value: str) -> str:
    fence = "``" if "`" in value else "`"
    padding = " " if value.startswith("`") or value.endswith("`") else ""
    return f"{fence}{padding}{value}{padding}{fence}"


def inline(content: doc.Inline, in_table: bool = False) -> str:
    """Inline content as Markdown; in a table cell, lines are joined with <br> and pipes escaped."""
    if content is None:
        return ""
    if isinstance(content, (list, tuple)):
        parts, previous = [], None
        for item in content:
            if isinstance(item, doc.Badge) and isinstance(previous, doc.Badge):
                parts.append(" ")
            parts.append(inline(item, in_table))
            previous = item
        return "".join(parts)
    if isinstance(content, doc.Code):
        return _code(content.text.replace("|", "\\|") if in_table else content.text)
    if isinstance(content, doc.Strong):
        inner = inline(content.content, in_table)
        return f"**{inner}**" if inner else ""
    if isinstance(content, doc.Link):
        href = urllib.parse.quote(content.href, safe="/#:?=&.-_~%")
        return f"[{inline(content.content, in_table)}]({href})"
    if isinstance(content, doc.Badge):
        return f"*{text(content.text)}*"
    if isinstance(content, doc.Muted):
        return inline(content.content, in_table)
    if isinstance(content, doc.Bar):
        return text(content.text)
    if isinstance(content, doc.Lines):
        lines = [inline(line, in_table) for line in content.lines if line is not None]
        return ("<br>" if in_table else " · ").join(line for line in lines if line)
    return text(content)


def _cell(content: doc.Inline) -> str:
    return inline(content, in_table=True).replace("\n", " ").strip() or " "


def table(block: doc.Table) -> list[str]:
    numeric = list(block.numeric or [])
    rule = ["---:" if i < len(numeric) and numeric[i] else "---" for i in range(len(block.header))]
    lines = ["| " + " | ".join(_cell(h) for h in block.header) + " |", "|" + "|".join(rule) + "|"]
    lines += ["| " + " | ".join(_cell(c) for c in row) + " |" for row in block.rows]
    return lines


def block(item: doc.Block) -> list[str]:
    """One block as Markdown lines (paragraphs separated by blank lines)."""
    if isinstance(item, doc.Section):
        return [f"## {text(item.title)}", "", *blocks(item.blocks)]
    if isinstance(item, doc.Heading):
        return ["#" * item.level + " " + inline(item.text)]
    if isinstance(item, doc.Paragraph):
        return [inline(item.content)]
    if isinstance(item, doc.Callout):
        return ["> " + line for line in inline(item.content).splitlines()]
    if isinstance(item, doc.Cards):
        lines = []
        for card in item.cards:
            note = inline(card.note).replace(" · ", "; ")
            lines.append(f"- {inline(card.label)}: **{inline(card.value)}**" + (f" ({note})" if note else ""))
        return lines
    if isinstance(item, doc.Table):
        return table(item)
    if isinstance(item, doc.Figure):
        if item.src is None:
            return ["> " + text(item.missing or item.alt)]
        shown = [f"![{text(item.alt)}]({urllib.parse.quote(item.src)})"]
        return shown + (["", inline(item.caption)] if item.caption else [])
    if isinstance(item, doc.Columns):
        return blocks(item.blocks)
    if isinstance(item, doc.Preformatted):
        fence = "~~~~" if "```" in item.text else "```"
        return [fence, item.text, fence]
    if isinstance(item, doc.CodeBlock):
        fence = "~~~~" if "```" in item.text else "```"
        return [fence + item.language, item.text.rstrip("\n"), fence]
    if isinstance(item, doc.KeyValues):
        pairs = [f"**{inline(key)}**: {inline(value)}" for key, value in item.pairs]
        return [" · ".join(pairs)] if item.inline else [f"- {pair}" for pair in pairs]
    if isinstance(item, doc.Details):
        return [f"**{text(item.summary)}**", "", *blocks(item.blocks)]
    if isinstance(item, doc.Gallery):  # the captions without the images' ids, as HTML shows them
        return table(doc.Table(item.header[1:], [tile.cells[1:] for tile in item.tiles]))
    raise TypeError(f"not a block: {item!r}")


def blocks(items: list) -> list[str]:
    """Blocks as Markdown lines, one blank line between two blocks."""
    lines: list[str] = []
    for item in items:
        lines += ([""] if lines else []) + block(item)
    return lines


def render(page: doc.Document) -> str:
    """The whole page as Markdown."""
    lines = blocks([*page.header, *page.body])
    if page.footer:
        lines += ["", "---", "", text(page.footer)]
    return "\n".join(lines) + "\n"
