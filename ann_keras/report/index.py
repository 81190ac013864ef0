"""results/index.html: one row per experiment, the benchmarks, and the runs that did not finish (no Keras)."""

from __future__ import annotations

from pathlib import Path

from ann_keras import __version__
from ann_keras.report import book, load, runs_page
from ann_keras.report import document as doc
from ann_keras.report.bench_page import FOLDER, BenchResult
from ann_keras.report.formats import device_text, notes_section, number, when
from ann_keras.report.load import PAGE, ResultFolder
from ann_keras.report.pages import badges, diverged_text, inline_code, muted, notes_match, page_title
from ann_keras.report.text import words


def machine(run: dict, lang: str = "en") -> str:
    """'CPU AMD EPYC (2 cores) · tensorflow'."""
    parts = (device_text(run.get("device"), lang), run.get("backend"))
    return " · ".join(part for part in parts if part)


def experiment_row(
    experiment: ResultFolder, unfinished: list[dict], say, has_page: bool, lang: str = "en"
) -> tuple[list, str]:
    run, m = experiment.run, experiment.metrics or {}
    title = page_title(experiment, lang)
    if experiment.problems:  # never shown as complete, and nothing read from its files
        name_cell = doc.Lines(
            [
                doc.Strong(doc.Link(title, f"{experiment.name}/{PAGE}") if has_page else title),
                doc.Badge(experiment.name),
            ]
        )
        status = doc.Badge(f"{say('damaged')}: {experiment.problems[0]}", "bad", wrap=True)
        return [name_cell, "–", "–", "–", "–", "–", "–", status], "off"
    name_cell = doc.Lines(
        [
            doc.Strong(doc.Link(title, f"{experiment.name}/{PAGE}") if has_page else title),
            badges(experiment, say),
        ]
    )
    mirrors = doc.Lines([run.get("book_section") or "–", doc.Muted(notes_section(run))])
    where = machine(run, lang)
    ran = doc.Lines(
        [when(run.get("finished") or run.get("started"), zone=False), doc.Muted(where) if where else None]
    )
    if not experiment.complete:
        state = run.get("status") if run.get("status") in ("running", "failed", "interrupted") else "unknown"
        return [name_cell, mirrors, "–", "–", "–", "–", ran, doc.Badge(say(state), "warn")], "off"
    statuses: list = []
    numbers: list = ["–", "–", "–", number(m.get("epochs_run")) if m.get("epochs_run") is not None else "–"]
    if experiment.diverged():
        statuses.append(doc.Badge(diverged_text(m, experiment.config, say, short=True), "bad", wrap=True))
    else:
        if m:
            val = m.get("val_accuracy")
            numbers[:3] = [
                doc.Strong(number(m.get("test_accuracy"))),
                number(m.get("test_f1_macro")),
                [number(val), doc.Muted(f" ({say('at_epoch', epoch=m.get('evaluated_epoch'))})")]
                if val is not None
                else "–",
            ]
        elif (match := notes_match(experiment.facts)) is not None:
            numbers[0] = doc.Badge(
                say("notes_match_short", agreeing=match[0], checked=match[1]),
                "good" if match[0] == match[1] else "bad",
            )
        else:
            numbers[0] = doc.Muted(say("no_model"))
        statuses.append(doc.Badge(say("complete"), "good"))
    for info in unfinished:
        statuses.append(
            doc.Badge(f"{say('started')} {when(info.get('started'))}: {say(info['state'])}", "warn", True)
        )
    return [name_cell, mirrors, *numbers, ran, statuses], ""


def unfinished_table(runs: list[dict], say) -> doc.Table:
    rows = []
    for info in runs:
        if info["state"] in ("running", "killed"):
            key = "process_running" if info["state"] == "running" else "process_gone"
            detail = say(key, pid=info.get("pid", "?"))
        else:
            detail = info.get("error") or say("no_error")
        tone = "warn" if info["state"] == "running" else "bad"
        rows.append(
            [
                doc.Lines(
                    [doc.Strong(info.get("title") or info["experiment"]), doc.Badge(info["experiment"])]
                ),
                doc.Badge(say(info["state"]), tone),
                when(info.get("started")),
                doc.Code(info.get("command") or "–"),
                detail,
            ]
        )
    return doc.Table(
        [say("experiment"), say("status"), say("started"), say("command"), say("what_happened")], rows
    )


def bench_table(results: list[BenchResult], say, lang: str = "en") -> doc.Table:
    rows = []
    for result in results:
        report = result.report
        backend = report.get("backend", "?")
        if report.get("baseline_backend") not in (None, backend):
            backend += f" vs {report['baseline_backend']}"
        rows.append(
            [
                doc.Strong(doc.Link(result.name, f"{FOLDER}/{result.html.name}")),
                doc.Lines([when(report.get("finished"), zone=False), doc.Muted(machine(report, lang))]),
                backend,
                doc.Strong(
                    f"{report['speedup']['samples_per_s']:.2f}x"
                    if "speedup" in report  # an `ann-keras fidelity` result: how many are identical
                    else say(
                        "fidelity_identical_count",
                        identical=sum(1 for e in report["experiments"].values() if e.get("identical")),
                        total=len(report["experiments"]),
                    )
                ),
            ]
        )
    return doc.Table(
        [say("benchmark"), f"{say('ran')} · {say('device')}", say("backend"), say("speedup")], rows
    )


def document(
    results_dir: Path,
    experiments: list[ResultFolder],
    unfinished: list[dict],
    lang: str,
    has_page: set[str],
    benchmarks: list[BenchResult] = (),
) -> doc.Document:
    """The index page; rows of experiments in `has_page` link to their pages, benchmarks to theirs."""
    say = words(lang)
    folder = Path(results_dir).resolve().name + "/"  # the folder's name: no path of the machine that built it
    body: list = [doc.Paragraph(inline_code(say("index_intro", folder=folder)), "muted")]
    if experiments:
        header = [
            say("experiment"),
            say("mirrors"),
            "test_accuracy",
            "test_f1_macro",
            "val_accuracy",  # of the evaluated model, at its epoch
            say("epochs"),
            f"{say('ran')} · {say('device')}",
            say("status"),
        ]
        header.insert(3, say("book_vs_run"))
        for chapter, members in book.chapters(experiments):  # the books' order, one table per chapter
            rows, styles = [], []
            for experiment in members:
                theirs = [u for u in unfinished if u["experiment"] == experiment.name]
                row, style = experiment_row(experiment, theirs, say, experiment.name in has_page, lang)
                row.insert(
                    3,
                    book.index_cell(experiment, say)
                    if experiment.complete and not experiment.problems
                    else "–",
                )
                rows.append(row)
                styles.append(style)
            body.append(doc.Heading(say("book_chapter_notes") if chapter == "notes" else chapter, 2))
            body.append(
                doc.Table(header, rows, [False, False, True, False, True, True, True, False, False], styles)
            )
    else:
        body.append(doc.Callout(say("no_results")))
    body += runs_page.runs_only_section(load.runs_only(results_dir), say)
    if benchmarks:
        body.append(
            doc.Section(
                "benchmarks",
                say("benchmarks"),
                [muted(say("benchmarks_intro")), bench_table(list(benchmarks), say, lang)],
            )
        )
    if unfinished:
        body.append(
            doc.Section(
                "incomplete",
                say("incomplete_runs"),
                [
                    muted(say("incomplete_intro", folder=folder + ".staging/")),
                    unfinished_table(unfinished, say),
                ],
            )
        )
    title = f"ann-keras · {say('results')}"
    return doc.Document(
        title,
        lang,
        [doc.Heading(title, 1)],
        body,
        say("generated", version=__version__),
        wide=True,
        toc=False,
    )
