"""What the pages say about kept runs (results/<experiment>/runs/<name>/): a run's header, an experiment's
list of its runs with the link to their comparison (no Keras)."""

from __future__ import annotations

from ann_keras import files
from ann_keras.report import document as doc
from ann_keras.report.formats import number, when
from ann_keras.report.load import PAGE, ResultFolder

COMPARE_PAGE = f"{files.RUNS}/_compare/{PAGE}"  # report.compare.OF_RUNS


def changes(run: dict) -> list:
    """`key=value` of each override, as code."""
    return [[doc.Code(f"{k}={v}"), " "] for k, v in (run.get("overrides") or {}).items()]


def run_header(result: ResultFolder, say) -> list:
    """A kept run's page says first whose run it is and what it changed."""
    if not result.run_name:
        return []
    run = result.run
    title = run.get("title") or run.get("experiment") or ""
    changed = changes(run) or [say("run_no_changes")]
    if run.get("quick"):
        changed.append(doc.Code("--quick"))
    return [
        doc.Callout(
            [
                doc.Strong(say("run_of", name=result.run_name)),
                " ",
                doc.Link(title, f"../../{PAGE}") if (result.path.parent.parent / PAGE).is_file() else title,
                ". ",
                say("run_changed"),
                ": ",
                changed,
            ]
        )
    ]


def described(result: ResultFolder, say, description: str | None = None) -> doc.Inline:
    """The experiment's description (`description`, e.g. in the page's language, else run.json's); on a
    kept run's page, marked as the declared setup it changed."""
    description = description or result.run.get("description") or ""
    return [doc.Strong(say("run_declared")), " ", description] if result.run_name else description


def runs_section(result: ResultFolder, say) -> list:
    """An experiment's kept runs: name (linked), what it changed, its numbers, when; and their comparison."""
    if result.run_name or not result.runs:
        return []
    rows = []
    for run in result.runs:
        m = run.metrics or {}
        has_page = (run.path / PAGE).is_file()
        name = doc.Code(run.name)
        state = None if run.complete else doc.Badge(say(run.run.get("status") or "unknown"), "warn")
        rows.append(
            [
                doc.Lines([doc.Link(name, f"{files.RUNS}/{run.name}/{PAGE}") if has_page else name, state]),
                [*(changes(run.run) or ["–"]), *([doc.Code("--quick")] if run.run.get("quick") else [])],
                number(m.get("test_accuracy")) if run.complete else "–",
                number(m.get("best_val_accuracy")) if run.complete else "–",
                number(m.get("epochs_run")) if run.complete else "–",
                when(run.run.get("finished") or run.run.get("started"), zone=False),
            ]
        )
    blocks: list = [
        doc.Paragraph(say("runs_intro", count=len(result.runs)), "muted small"),
        doc.Table(
            [say("run"), say("run_changed"), "test_accuracy", say("best_val"), say("epochs"), say("ran")],
            rows,
            [False, False, True, True, True, False],
        ),
    ]
    if (result.path / COMPARE_PAGE).is_file():
        blocks.append(doc.Paragraph(doc.Link(say("runs_compare"), COMPARE_PAGE)))
    return blocks


def runs_only_section(holders: list[ResultFolder], say) -> list:
    """The index's list of kept runs whose experiment has no result of its own yet."""
    rows = []
    for holder in holders:
        for run in holder.runs:
            m = run.metrics or {}
            page = f"{holder.name}/{files.RUNS}/{run.name}/{PAGE}"
            name = doc.Code(run.name)
            rows.append(
                [
                    doc.Lines([doc.Strong(run.run.get("title") or holder.name), doc.Badge(holder.name)]),
                    doc.Link(name, page) if (run.path / PAGE).is_file() else name,
                    changes(run.run) or "–",
                    number(m.get("test_accuracy")) if run.complete else "–",
                    when(run.run.get("finished") or run.run.get("started"), zone=False),
                ]
            )
    if not rows:
        return []
    table = doc.Table(
        [say("experiment"), say("run"), say("run_changed"), "test_accuracy", say("ran")],
        rows,
        [False, False, False, True, False],
    )
    return [
        doc.Section("runs", say("runs_only"), [doc.Paragraph(say("runs_only_intro"), "muted small"), table])
    ]
