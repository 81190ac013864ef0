"""results/index.html: one row per experiment, and the runs that did not finish (no Keras)."""

from __future__ import annotations

from pathlib import Path

from ann_keras import __version__
from ann_keras.report import layout
from ann_keras.report.html import Markup, join, number, tag
from ann_keras.report.load import PAGE, ResultFolder
from ann_keras.report.pages import diverged_text
from ann_keras.report.text import words


def experiment_row(experiment: ResultFolder, unfinished: list[dict], say, has_page: bool) -> tuple[list, str]:
    run, m = experiment.run, experiment.metrics or {}
    title = run.get("title") or experiment.name
    link = tag("a", title, href=f"{experiment.name}/{PAGE}") if has_page else tag("span", title)
    if experiment.problems:  # never shown as complete, and nothing read from its files
        status = layout.badge(f"{say('damaged')}: {experiment.problems[0]}", "bad", wrap=True)
        name_cell = join(tag("strong", link), tag("div", layout.badge(experiment.name)))
        return [name_cell, "–", "–", "–", "–", "–", "–", status], "off"
    badges = [layout.badge(experiment.name)]
    if experiment.kind == "tune":
        badges.append(layout.badge(say("kind_tune"), "good"))
    if run.get("quick"):
        badges.append(layout.badge(say("quick"), "warn"))
    if len(run.get("variants") or {}) > 1:
        badges.append(layout.badge(say("variants_badge", count=len(run["variants"]))))
    if len(run.get("seeds") or []) > 1:
        badges.append(layout.badge(say("seeds_badge", count=len(run["seeds"]))))
    name_cell = join(tag("strong", link), tag("div", badges))
    mirrors = join(
        run.get("book_section") or "–", tag("div", run.get("notes_section") or "", class_="muted small")
    )
    device = run.get("device") or {}
    machine = " · ".join(
        part
        for part in (
            " ".join(str(device.get(k)) for k in ("type", "name") if device.get(k)),
            run.get("backend"),
        )
        if part
    )
    ran = join(
        layout.when(run.get("finished") or run.get("started"), zone=False),
        tag("div", machine, class_="muted small") if machine else None,
    )
    if not experiment.complete:
        status = layout.badge(
            say(
                run.get("status") if run.get("status") in ("running", "failed", "interrupted") else "unknown"
            ),
            "warn",
        )
        return [name_cell, mirrors, "–", "–", "–", "–", ran, status], "off"
    statuses = []
    numbers = ["–", "–", "–", number(m.get("epochs_run")) if m.get("epochs_run") is not None else "–"]
    if experiment.diverged():
        statuses.append(layout.badge(diverged_text(m, experiment.config, say, short=True), "bad", wrap=True))
    elif m:
        best = m.get("best_val_accuracy")
        numbers[:3] = [
            tag("strong", number(m.get("test_accuracy"))),
            number(m.get("test_f1_macro")),
            join(
                number(best),
                tag(
                    "span",
                    f" ({say('at_epoch', epoch=m.get('best_val_accuracy_epoch'))})",
                    class_="muted small",
                ),
            )
            if best is not None
            else "–",
        ]
        statuses.append(layout.badge(say("complete"), "good"))
    else:
        statuses.append(layout.badge(say("complete"), "good"))
    for info in unfinished:
        statuses.append(
            layout.badge(
                f"{say('started')} {layout.when(info.get('started'))}: {say(info['state'])}",
                "warn",
                wrap=True,
            )
        )
    return [name_cell, mirrors, *numbers, ran, join(statuses)], ""


def unfinished_table(runs: list[dict], say) -> Markup:
    rows = []
    for info in runs:
        if info["state"] in ("running", "killed"):
            detail = say(
                "process_running" if info["state"] == "running" else "process_gone", pid=info.get("pid", "?")
            )
        else:
            detail = info.get("error") or say("no_error")
        tone = "warn" if info["state"] == "running" else "bad"
        rows.append(
            [
                join(
                    tag("strong", info.get("title") or info["experiment"]),
                    tag("div", layout.badge(info["experiment"])),
                ),
                layout.badge(say(info["state"]), tone),
                layout.when(info.get("started")),
                tag("code", info.get("command") or "–"),
                detail,
            ]
        )
    return layout.table(
        [say("experiment"), say("status"), say("started"), say("command"), say("what_happened")], rows
    )


def render(
    results_dir: Path, experiments: list[ResultFolder], unfinished: list[dict], lang: str, has_page: set[str]
) -> str:
    """The index page; rows of experiments in `has_page` link to their report.html."""
    say = words(lang)
    folder = str(Path(results_dir).resolve())
    body = [tag("p", say("index_intro", folder=folder), class_="muted")]
    if experiments:
        header = [
            say("experiment"),
            say("mirrors"),
            "test_accuracy",
            "test_f1_macro",
            say("best_val"),
            say("epochs"),
            f"{say('ran')} · {say('device')}",
            say("status"),
        ]
        rows, classes = [], []
        for experiment in experiments:
            row, row_class = experiment_row(
                experiment,
                [u for u in unfinished if u["experiment"] == experiment.name],
                say,
                experiment.name in has_page,
            )
            rows.append(row)
            classes.append(row_class)
        body.append(layout.table(header, rows, [False, False, True, True, True, True, False, False], classes))
    else:
        body.append(layout.callout(say("no_results")))
    if unfinished:
        body.append(
            layout.section(
                "incomplete",
                say("incomplete_runs"),
                tag("p", say("incomplete_intro", folder=folder + "/.staging"), class_="muted small"),
                unfinished_table(unfinished, say),
            )
        )
    header = join(tag("h1", f"ann-keras · {say('results')}"))
    return layout.shell(
        f"ann-keras · {say('results')}",
        lang,
        header,
        join(body),
        say("generated", version=__version__),
        wide=True,
    )
