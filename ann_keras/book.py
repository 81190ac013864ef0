"""The books' own numbers as data, and the verdict of a run against them (no Keras).

An experiment declares, at the end of its module, what the books print for the cells it mirrors
(shared/BOOK_NUMBERS.md):

    BOOK_NUMBERS = [
        {
            "metric": "val_accuracy",          # this run's number: metrics.json's val_accuracy
            "cell": "model.evaluate(val_scaled, val_target)",
            "printed": [                       # first: the edition whose code the experiment follows
                {"edition": "2nd", "keras": "3.10", "value": 0.8458},
                {"edition": "1st", "keras": "3.4", "value": 0.8458},
            ],
            "here": [0.8458333611488342],      # the book's cells run unchanged on this machine
        },
    ]

`metric` names where this run's number is: a key of metrics.json (`val_accuracy`, `accuracy`,
`test_accuracy`, `params`), `stopped_epoch` (EarlyStopping's 0-based epoch, as the book prints it)
or `search_score` (a search's best trial, from search.json); `variant` picks one model of a
comparison. The verdict (`judge`) says whether this run is the book's number, inside the band of
the numbers recorded for that cell, or outside it, and by how much.
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Sequence
from typing import Any

from ann_keras.errors import UserError

FIELDS = {"metric", "cell", "printed", "here", "variant"}
PRINTED_FIELDS = {"edition", "keras", "value"}
IDENTICAL, WITHIN, OUTSIDE, NOT_RUN = "identical", "within", "outside", "not_run"


@dataclasses.dataclass(frozen=True)
class Printed:
    """One edition's printed number."""

    edition: str
    keras: str
    value: float

    @property
    def decimals(self) -> int:
        """How many decimals the book prints (0.8853: 4; 15: 0)."""
        return decimals(self.value)


@dataclasses.dataclass(frozen=True)
class BookNumber:
    """One number the books print for a cell, and the runs of the book's code recorded here."""

    metric: str
    cell: str
    printed: tuple[Printed, ...]
    here: tuple[float, ...] = ()
    variant: str | None = None

    @property
    def key(self) -> str:
        """How the fidelity results name it: `metric`, or `variant/metric` for one model of several."""
        return f"{self.variant}/{self.metric}" if self.variant else self.metric

    @property
    def followed(self) -> Printed:
        """The edition whose code the experiment follows (listed first)."""
        return self.printed[0]


@dataclasses.dataclass(frozen=True)
class Verdict:
    """identical / within / outside (or not_run when this run has no such number)."""

    kind: str
    difference: float | None  # this run minus the followed edition's printed value
    band: tuple[float, float]
    matched: str | None = None  # "printed" or "here": what an identical run equals
    beyond: float | None = None  # outside: the distance to the nearer edge of the band


def decimals(value: float) -> int:
    """Decimals of a printed number as written (0.8458 -> 4, 16 -> 0, 1e-4 -> 4)."""
    if float(value).is_integer():
        return 0
    text = repr(float(value))
    if "e" in text:
        mantissa, exponent = text.split("e")
        places = len(mantissa.split(".")[1]) if "." in mantissa else 0
        return max(0, places - int(exponent))
    return len(text.split(".")[1])


def band(number: BookNumber, book_here: float | None = None) -> tuple[float, float]:
    """The printed band: from the lowest to the highest number recorded for the cell: every edition's
    print, every run of the book's code here (BOOK_NUMBERS.md) and the fidelity run, if any."""
    values = [p.value for p in number.printed] + list(number.here)
    if book_here is not None:
        values.append(float(book_here))
    return min(values), max(values)


def judge(number: BookNumber, this_run: float | None, book_here: float | None = None) -> Verdict:
    """This run against the book.

    identical: this run, rounded to the decimals the book prints, is the followed edition's printed
    value; or it equals the book's code run here (the fidelity run, else the first recorded run) to
    every digit recorded. within: between the lowest and the highest recorded number (`band`).
    outside: anywhere else, with the distance to the band.
    """
    low, high = band(number, book_here)
    if this_run is None or (isinstance(this_run, float) and not math.isfinite(this_run)):
        return Verdict(NOT_RUN, None, (low, high))
    printed = number.followed
    difference = float(this_run) - printed.value
    if round(float(this_run), printed.decimals) == round(printed.value, printed.decimals):
        return Verdict(IDENTICAL, difference, (low, high), "printed")
    reference = book_here if book_here is not None else (number.here[0] if number.here else None)
    if reference is not None and (
        round(float(this_run), decimals(reference)) == float(reference)
        or (decimals(float(this_run)) <= 6 and _same_float32(this_run, reference))
    ):
        return Verdict(IDENTICAL, difference, (low, high), "here")
    # Rounded to the book's decimals, so that 0.88325 sits on the edge 0.8833, not past it.
    rounded = round(float(this_run), max(p.decimals for p in number.printed))
    if low <= rounded <= high:
        return Verdict(WITHIN, difference, (low, high))
    beyond = rounded - high if rounded > high else rounded - low
    return Verdict(OUTSIDE, difference, (low, high), beyond=beyond)


def _same_float32(a: float, b: float) -> bool:
    """The same number at float32, the precision Keras keeps its metrics in: a test accuracy that
    Keras reports as 0.8737999796867371 and scikit-learn (from counts) as 0.8738 is one number. Used
    only for a run's number with few decimals (a ratio of counts); two Keras numbers must agree to
    every digit."""
    import numpy as np

    return bool(np.float32(a) == np.float32(b))


# ---------------------------------------------------------------- the declaration


def parse(declaration: Any, source: str = "BOOK_NUMBERS") -> list[BookNumber]:
    """The experiment's BOOK_NUMBERS, checked; every mistake is a one-line UserError."""
    if declaration is None:
        return []
    if not isinstance(declaration, (list, tuple)):
        raise UserError(f"{source} must be a list of {{'metric', 'cell', 'printed', 'here'}} entries")
    numbers = []
    for i, entry in enumerate(declaration):
        where = f"{source}[{i}]"
        if not isinstance(entry, dict):
            raise UserError(f"{where} must be a dict with metric, cell and printed, got {entry!r}")
        unknown = sorted(set(entry) - FIELDS)
        if unknown:
            raise UserError(
                f"{where}: unknown field {unknown[0]!r}; the fields are {', '.join(sorted(FIELDS))}"
            )
        metric, cell = entry.get("metric"), entry.get("cell")
        if not isinstance(metric, str) or not metric or not isinstance(cell, str) or not cell:
            raise UserError(f"{where}: needs 'metric' (like val_accuracy) and 'cell' (the book's code)")
        printed = entry.get("printed")
        if not isinstance(printed, (list, tuple)) or not printed:
            raise UserError(f"{where}: 'printed' needs one or more {{'edition', 'keras', 'value'}}")
        editions = []
        for item in printed:
            if not isinstance(item, dict) or set(item) != PRINTED_FIELDS or not _number(item["value"]):
                raise UserError(
                    f"{where}: each printed entry is {{'edition', 'keras', 'value'}}, got {item!r}"
                )
            editions.append(Printed(str(item["edition"]), str(item["keras"]), float(item["value"])))
        here = entry.get("here", [])
        if not isinstance(here, (list, tuple)) or not all(_number(v) for v in here):
            raise UserError(f"{where}: 'here' is a list of numbers (runs of the book's code here)")
        variant = entry.get("variant")
        if variant is not None and not isinstance(variant, str):
            raise UserError(f"{where}: 'variant' names one model of the experiment's VARIANTS")
        numbers.append(BookNumber(metric, cell, tuple(editions), tuple(float(v) for v in here), variant))
    keys = [n.key for n in numbers]
    twice = sorted({k for k in keys if keys.count(k) > 1})
    if twice:
        raise UserError(f"{source}: {twice[0]} is declared twice; one entry per number, every edition in it")
    return numbers


def _number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool) and math.isfinite(value)


# ---------------------------------------------------------------- this run's numbers


def run_value(number: BookNumber, metrics: dict | None, search: dict | None = None) -> float | None:
    """This run's number for `number`, from the metrics of the model it names (and search.json)."""
    if number.metric == "search_score":
        value = (search or {}).get("search_score")
    elif number.metric == "stopped_epoch":
        metrics = metrics or {}
        value = (
            metrics["epochs_run"] - 1 if metrics.get("stopped_early") and "epochs_run" in metrics else None
        )
    else:
        value = (metrics or {}).get(number.metric)
    return float(value) if _number(value) else None


def headline(numbers: Sequence[BookNumber]) -> BookNumber | None:
    """The number `ann-keras run` sets beside the test accuracy: a test accuracy the book prints, else the
    first declared number of the headline model."""
    plain = [n for n in numbers if n.variant is None] or list(numbers)
    return next((n for n in plain if n.metric == "test_accuracy"), plain[0] if plain else None)
