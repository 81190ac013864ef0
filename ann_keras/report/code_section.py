"""An experiment page's "Keras code" section: the run as a standalone Keras program (no Keras imported).

The program is written at report time by `ann_keras.models.keras_code` from the
config the run saved (config.json; a comparison's fits/<variant>/seed-<n>/config.json),
so a page rebuilt later shows the code of the run it reports. A comparison shows
the first variant's program whole and each other variant as a unified diff against
it; each block's copy button copies that variant's whole program. Runs that trained
no Keras model (the notes' NumPy examples: no model.json) have no such section.
"""

from __future__ import annotations

import difflib

from ann_keras import config as cfg
from ann_keras.report import document as doc
from ann_keras.report.load import ResultFolder

DATA_SOURCE = "auto"  # the program reads the local Fashion-MNIST files, else Keras' download


def program(config: dict) -> str:
    """The Keras program of a saved config (its names were checked when the run trained it)."""
    from ann_keras.models.keras_code import keras_code

    return keras_code(cfg.from_dict(config), DATA_SOURCE, check_names=False)


def variant_configs(experiment: ResultFolder) -> list[tuple[str, dict]]:
    """(variant, saved config) in the order run.json lists the variants: each variant's first fit.

    A single run (or a folder without fits/) has one entry, its config.json.
    """
    order = list(experiment.run.get("variants") or {})
    first_fit: dict[str, dict] = {}
    for fit in experiment.fits:
        if fit.variant not in first_fit and fit.config:
            first_fit[fit.variant] = fit.config
    shown = [(v, first_fit[v]) for v in order if v in first_fit]
    if len(shown) > 1:
        return shown
    name = experiment.run.get("primary") or experiment.name
    return [(name, experiment.config)] if experiment.config else []


def diff(first: str, other: str, first_name: str, other_name: str) -> str:
    """`other` as a unified diff against `first`, three lines of context."""
    lines = difflib.unified_diff(
        first.splitlines(), other.splitlines(), f"{first_name}.py", f"{other_name}.py", lineterm=""
    )
    return "\n".join(lines)


def code_blocks(experiment: ResultFolder, say) -> list:
    """The section's blocks; empty when the run trained no Keras model."""
    if not experiment.model or not experiment.config:
        return []
    buttons = {"copy": say("copy"), "copied": say("copied"), "select": say("copy_select")}
    configs = variant_configs(experiment)
    programs = []
    for variant, config in configs:
        try:
            programs.append((variant, program(config)))
        except Exception as exc:  # noqa: BLE001 (a config this version cannot read: said, not fatal)
            return [doc.Callout(say("keras_code_failed", problem=f"{type(exc).__name__}: {exc}"), "warn")]
    blocks: list = [doc.Paragraph(say("keras_code_intro"), "muted small")]
    if any(config.get("params") for _, config in configs):
        blocks.append(doc.Paragraph(say("keras_code_params"), "muted small"))
    first_name, first = programs[0]
    if len(programs) > 1:
        blocks += [
            doc.Paragraph(say("keras_code_diff_intro", first=first_name), "muted small"),
            doc.Heading([say("variant"), " ", doc.Code(first_name)]),
        ]
    blocks.append(doc.CodeBlock(first, "python", **buttons))
    for variant, code in programs[1:]:
        changes = diff(first, code, first_name, variant)
        blocks.append(doc.Heading([say("variant"), " ", doc.Code(variant)]))
        if changes:
            blocks.append(doc.CodeBlock(changes, "diff", copy_text=code, **buttons))
        else:
            blocks += [
                doc.Paragraph(say("keras_code_same", first=first_name), "muted small"),
                doc.CodeBlock(code, "python", **buttons),
            ]
    return blocks
