"""A short Markdown report per experiment, rendered from its saved files (no Keras).

The full HTML pages are the report stage's job; this one is the plain-text view
that sits next to the data and reads well on GitHub.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from ann_keras import files

HEADLINE_ROWS = (
    ("test_accuracy", "test accuracy"),
    ("test_precision_macro", "test precision (macro)"),
    ("test_recall_macro", "test recall (macro)"),
    ("test_f1_macro", "test F1 (macro)"),
    ("test_loss", "test loss"),
    ("val_accuracy", "val_accuracy at the evaluated epoch"),
    ("best_val_accuracy", "best val_accuracy"),
)


def _fmt(value, decimals: int = 4) -> str:
    if isinstance(value, float):
        return f"{value:.{decimals}f}"
    return "" if value is None else str(value)


def _table(frame: pd.DataFrame, decimals: int = 4) -> str:
    header = "| " + " | ".join(map(str, frame.columns)) + " |"
    rule = "|" + "---|" * len(frame.columns)
    rows = [
        "| " + " | ".join("" if pd.isna(v) else _fmt(v, decimals) for v in row) + " |"
        for row in frame.itertuples(index=False)
    ]
    return "\n".join([header, rule, *rows])


def render(out: Path, run_info: dict, figures: dict[str, str] | None = None) -> str:
    """report.md for the run folder `out`; `figures` maps figure names to the PNGs drawn for the page."""
    figures = figures or {}
    lines = [f"# {run_info.get('title') or run_info['experiment']}", ""]
    lines.append(f"Mirrors: {run_info.get('book_section', '')} (notes: {run_info.get('notes_section', '')}).")
    if run_info.get("description"):
        lines += ["", run_info["description"]]
    metrics_path = out / "metrics.json"
    if metrics_path.is_file():
        m = files.read_json(metrics_path)
        lines += ["", "## Headline", ""]
        if m.get("diverged"):
            lines += [
                f"**Diverged at epoch {m.get('diverged_at_epoch')} with learning rate "
                f"{_fmt(m.get('learning_rate'))}**: "
                "the loss became NaN or infinite and training was stopped, so this run has no result to "
                "report. "
                "Lower `train.learning_rate` and run it again.",
            ]
        lines += ["", "| metric | value |", "|---|---|"]
        for key, label in HEADLINE_ROWS if not m.get("diverged") else ():
            if m.get(key) is not None:
                lines.append(f"| {label} | {_fmt(m[key])} |")
        stopped = (
            f", stopped early (patience reached) at epoch {m['epochs_run']}" if m.get("stopped_early") else ""
        )
        lines.append(f"| epochs run | {m['epochs_run']} of {m['epochs_planned']}{stopped} |")
        lines.append(f"| evaluated weights | epoch {m['evaluated_epoch']} |")
        if m.get("diverged"):
            lines.append(f"| diverged | at epoch {m.get('diverged_at_epoch')} |")
        lines.append(f"| parameters | {m.get('params')} |")
        for name, alt in (("learning_curves", "learning curves"), ("confusion_counts", "confusion matrix")):
            if name in figures:
                lines += ["", f"![{alt}]({figures[name]})"]
        if m.get("most_confused"):
            pairs = ", ".join(
                f"{p['true']} -> {p['predicted']} ({p['count']})" for p in m["most_confused"][:3]
            )
            lines += ["", f"Most confused (true -> predicted): {pairs}."]
    summary_path = out / "summary.csv"
    if summary_path.is_file():
        lines += ["", "## Variants (mean and std over seeds)", "", _table(pd.read_csv(summary_path))]
        if "compare_curves" in figures:
            lines += ["", f"![curves of every variant]({figures['compare_curves']})"]
    sections_path = out / "sections.json"
    if sections_path.is_file():
        for section in files.read_json(sections_path):
            lines += ["", f"## {section['title']}", ""]
            if section["kind"] == "table":
                lines.append(_table(pd.read_csv(out / section["file"]), section.get("decimals", 4)))
            elif section["kind"] == "figure":
                lines.append(f"![{section['title']}]({section['file']})")
            else:
                lines.append(section.get("text", ""))
            if section.get("caption"):
                lines += ["", section["caption"]]
    facts_path = out / "facts.json"
    if facts_path.is_file():
        lines += ["", "## Computed values", "", "| name | value |", "|---|---|"]
        # Facts are the numbers an experiment computed: shown to 10 significant digits, not rounded away.
        lines += [
            f"| {k} | {f'{v:.10g}' if isinstance(v, float) else _fmt(v)} |"
            for k, v in files.read_json(facts_path).items()
            if not isinstance(v, (list, dict))
        ]
    device = run_info.get("device", {})
    lines += [
        "",
        "## Reproduce",
        "",
        f"    {run_info.get('command', '')}",
        "",
        f"Seed {run_info.get('seed')}; backend {run_info.get('backend', 'n/a')}; device "
        f"{device.get('type', 'n/a')} {device.get('name', '')}; "
        f"started {run_info.get('started')}; Keras {run_info.get('versions', {}).get('keras', 'n/a')}. "
        "Resolved config: config.json.",
        "",
    ]
    return "\n".join(lines)
