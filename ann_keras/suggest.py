"""Suggestions for a mistyped name: a few close names instead of the whole list (no Keras).

`close_names` ranks candidates by aliases first (an experiment is also found by its book
section: "7-3", "hg73", "혼공머신7-3", "10.3"), then by shared text (a name that contains what
was typed), then by difflib's similarity.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable, Mapping

SHOWN = 3  # the most names a suggestion lists


def normal(text: str) -> str:
    """Lower case without spaces, dots, dashes or underscores: "혼공머신 7-3" -> "혼공머신73"."""
    return re.sub(r"[\s._\-]+", "", str(text).lower())


def close_names(
    word: str, names: Iterable[str], aliases: Mapping[str, Iterable[str]] | None = None, n: int = SHOWN
) -> list[str]:
    """Up to `n` of `names` that `word` most likely meant; `aliases` maps a name to other ways of
    writing it."""
    names = list(names)
    typed = normal(word)
    chosen: list[str] = []

    def add(found: Iterable[str]) -> None:
        chosen.extend(name for name in found if name not in chosen)

    if typed:
        add(name for name in names if any(normal(a) == typed for a in (aliases or {}).get(name, ())))
        add(name for name in names if typed in normal(name) and len(typed) >= 3)
    similar = difflib.get_close_matches(word, names, n=n, cutoff=0.6)
    if similar:  # only those nearly as close as the closest
        best = difflib.SequenceMatcher(None, word, similar[0]).ratio()
        add(name for name in similar if difflib.SequenceMatcher(None, word, name).ratio() >= best - 0.08)
    return chosen[:n]


def did_you_mean(word: str, names: Iterable[str], aliases: Mapping[str, Iterable[str]] | None = None) -> str:
    """ " (did you mean a, b or c?)", or "" when nothing is close."""
    close = close_names(word, names, aliases)
    if not close:
        return ""
    listed = close[0] if len(close) == 1 else ", ".join(close[:-1]) + " or " + close[-1]
    return f" (did you mean {listed}?)"


def book_aliases(book_section: str) -> list[str]:
    """Other ways of writing a book section: "혼공머신 7-3" -> 혼공머신7-3, 7-3, hg7-3, hg73;
    "핸즈온 10.3" -> 10.3, hml10.3, hml103. None for an experiment that goes past the book ("... (beyond
    the book)"): the section's name finds the section's own experiments."""
    aliases = []
    if "beyond the book" in str(book_section):
        return aliases
    for part in str(book_section).split(","):
        part = part.strip()
        match = re.match(r"(혼공머신|핸즈온)\s*([\d.\-]+)", part)
        if not match:
            continue
        book, section = match.groups()
        prefix = "hg" if book == "혼공머신" else "hml"
        aliases += [part, f"{book}{section}", section, f"{prefix}{section}", f"{prefix}_{section}"]
    return aliases
