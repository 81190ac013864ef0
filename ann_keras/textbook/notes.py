"""Setting computed numbers beside the numbers the notes print."""

from __future__ import annotations

import pandas as pd


def decimals(written: str) -> int:
    """How many decimals a number has as the notes write it ('0.0800' -> 4, '5' -> 0)."""
    return len(written.split(".")[1]) if "." in written else 0


def agrees(value: float, written: str) -> bool:
    """True when `value` rounds to the notes' number at the notes' precision."""
    places = decimals(written)
    return abs(round(value, places) - float(written)) < 0.5 * 10.0 ** -(places + 3)


def comparison_table(
    computed: dict[str, dict[str, float]], notes: dict[str, str], shown_decimals: int = 8
) -> pd.DataFrame:
    """One row per quantity: the notes' number (as written), each computation, and whether all agree.

    Args:
        computed: source name (e.g. "chain rule", "GradientTape") -> quantity -> value.
        notes: quantity -> the number as the notes print it; quantities the notes do not print are
            shown with an empty notes column.
        shown_decimals: how many decimals the computed columns keep.
    """
    quantities = list(dict.fromkeys(q for values in computed.values() for q in values))
    rows = []
    for quantity in quantities:
        row = {"quantity": quantity, "notes": notes.get(quantity, "")}
        for source, values in computed.items():
            row[source] = round(values[quantity], shown_decimals) if quantity in values else None
        if quantity in notes:
            row["agrees with the notes"] = all(
                agrees(values[quantity], notes[quantity])
                for values in computed.values()
                if quantity in values
            )
        else:
            row["agrees with the notes"] = ""
        rows.append(row)
    return pd.DataFrame(rows)
