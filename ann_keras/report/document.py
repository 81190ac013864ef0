"""A page as a short list of blocks, rendered to HTML (`html.render`) and to Markdown (`markdown.render`).

Pages are built once, as data: an experiment's page, the index and a benchmark's page
are `Document`s of the blocks below, so report.html and report.md hold the same
sections and the same numbers. Text is plain text everywhere (each back-end escapes
it); inline content is a string, one of the small inline classes, or a list of them.

    blocks   Section, Heading, Paragraph, Callout, Cards, Table, Figure, Columns,
             Preformatted, CodeBlock, KeyValues, Details, Gallery
    inline   Code, Strong, Link, Badge, Muted, Bar, Lines
"""

from __future__ import annotations

import dataclasses
from typing import Any

import pandas as pd

from ann_keras.report.formats import column_format

# ---------------------------------------------------------------- inline content


@dataclasses.dataclass(frozen=True)
class Code:
    text: str


@dataclasses.dataclass(frozen=True)
class Strong:
    content: Any


@dataclasses.dataclass(frozen=True)
class Link:
    content: Any
    href: str


@dataclasses.dataclass(frozen=True)
class Badge:
    """A short label: a name, a status ("good", "warn" or "bad" tone); `wrap` lets a long one break."""

    text: str
    tone: str = ""
    wrap: bool = False


@dataclasses.dataclass(frozen=True)
class Muted:
    """Secondary text: a unit, a date under a name."""

    content: Any


@dataclasses.dataclass(frozen=True)
class Bar:
    """A number between 0 and 1 with a bar behind it (the text is what both back-ends show)."""

    value: float | None
    text: str


@dataclasses.dataclass(frozen=True)
class Lines:
    """Content on separate lines in one place (a table cell with a second line under the first)."""

    lines: list


Inline = str | Code | Strong | Link | Badge | Muted | Bar | Lines | list | None

# ---------------------------------------------------------------- blocks


@dataclasses.dataclass
class Section:
    """A titled part of a page (an entry of its table of contents)."""

    anchor: str
    title: str
    blocks: list


@dataclasses.dataclass
class Heading:
    text: Inline
    level: int = 3


@dataclasses.dataclass
class Paragraph:
    """Text; `style` is a hint for HTML ("muted small", "description", "crumbs"), ignored in Markdown."""

    content: Inline
    style: str = ""


@dataclasses.dataclass
class Callout:
    """A notice set apart from the text: "warn" or "bad" tone."""

    content: Inline
    tone: str = ""


@dataclasses.dataclass
class Card:
    label: Inline
    value: Inline
    note: Inline = None
    main: bool = False


@dataclasses.dataclass
class Cards:
    """Headline numbers, one card each."""

    cards: list[Card]


@dataclasses.dataclass
class Table:
    """Rows of inline cells; `numeric[i]` right-aligns column i; `row_styles` "highlight" or "off"."""

    header: list
    rows: list[list]
    numeric: list[bool] | None = None
    row_styles: list[str] | None = None


@dataclasses.dataclass
class Figure:
    """A PNG next to the page (`src` relative to it), or, when it could not be drawn, `missing` text."""

    src: str | None
    alt: str
    caption: Inline = None
    missing: str | None = None


@dataclasses.dataclass
class Columns:
    """Blocks side by side where the page is wide enough (one after the other in Markdown)."""

    blocks: list


@dataclasses.dataclass
class Preformatted:
    """A command or other text shown exactly as it is."""

    text: str


@dataclasses.dataclass
class CodeBlock:
    """Source code to read and to copy: HTML adds a copy button, Markdown fences it as `language`.

    `language` "diff" is a unified diff (HTML colours its added and removed lines);
    the button copies `copy_text` when given (a variant's whole program under its diff),
    else `text`. `copy` and `copied` are the button's words in the page's language.
    """

    text: str
    language: str = "python"
    copy_text: str | None = None
    copy: str = "Copy"
    copied: str = "Copied"
    select: str = "Selected: press Ctrl+C"  # where the page may not write to the clipboard (file://)


@dataclasses.dataclass
class KeyValues:
    """Named values; `inline` puts them on one line (the header's "Book: ... Notes: ...")."""

    pairs: list[tuple[Inline, Inline]]
    inline: bool = False


@dataclasses.dataclass
class Details:
    """Blocks behind a summary line that opens them (always open in Markdown)."""

    summary: str
    blocks: list


@dataclasses.dataclass
class Tile:
    png: bytes
    alt: str
    cells: list[str]  # one per column of the gallery's header


@dataclasses.dataclass
class Gallery:
    """Small images, each captioned "<header>: <cell>" for every cell after the first (an id, which HTML
    shows when the pointer rests on the image).

    Markdown has no room for the images: it shows the captions as a table instead.
    `styles` gives each caption line a look in HTML ("wrong", "muted").
    """

    tiles: list[Tile]
    header: list[str]
    styles: list[str] = dataclasses.field(default_factory=list)


Block = (
    Section
    | Heading
    | Paragraph
    | Callout
    | Cards
    | Table
    | Figure
    | Columns
    | Preformatted
    | CodeBlock
    | KeyValues
    | Details
    | Gallery
)


@dataclasses.dataclass
class Document:
    """One page.

    Attributes:
        title: the browser tab's title.
        lang: "en" or "ko".
        header: blocks above the table of contents (title, badges, what it mirrors).
        body: notices and sections.
        footer: one line at the bottom.
        source_key: identifies the files the page was made from (incremental rebuilds).
        wide: a wider page (the index).
        toc: a table of contents of the sections under the header.
    """

    title: str
    lang: str
    header: list
    body: list
    footer: str = ""
    source_key: str = ""
    wide: bool = False
    toc: bool = True

    def sections(self) -> list[Section]:
        return [block for block in self.body if isinstance(block, Section)]


def frame_table(frame: pd.DataFrame, max_rows: int = 200, decimals: int | None = None) -> Table:
    """A CSV's rows as they are, numbers formatted (four places, or `decimals`), at most `max_rows` rows."""
    numeric = [
        pd.api.types.is_numeric_dtype(frame[c]) and not pd.api.types.is_bool_dtype(frame[c])
        for c in frame.columns
    ]
    formats = [column_format(frame[c], decimals) if numeric[i] else str for i, c in enumerate(frame.columns)]
    rows = [
        ["–" if pd.isna(v) else formats[i](v) for i, v in enumerate(row)]
        for row in frame.head(max_rows).itertuples(index=False)
    ]
    return Table([str(c) for c in frame.columns], rows, numeric)


def backticks_as_code(text: str) -> list:
    """A line's `backticked` words as code, the rest as text (an unmatched backtick stays as written)."""
    parts = text.split("`")
    if len(parts) % 2 == 0:
        return [text]
    return [Code(part) if i % 2 else part for i, part in enumerate(parts) if part]
