"""The page of an `ann-keras bench` result: results/benchmarks/<name>.json -> <name>.md and <name>.html.

`ann-keras bench` writes only the JSON; this builds its page as a `Document`, like an
experiment's, and the index links it.
"""

from __future__ import annotations

import dataclasses
import hashlib
from pathlib import Path

from ann_keras import __version__, files
from ann_keras.report import document as doc
from ann_keras.report.formats import when
from ann_keras.report.load import INDEX
from ann_keras.report.text import words

FOLDER = "benchmarks"
SIDES = ("textbook", "package")


@dataclasses.dataclass
class BenchResult:
    """One benchmark's JSON and where its pages go."""

    path: Path
    report: dict

    @property
    def name(self) -> str:
        return self.path.stem

    @property
    def html(self) -> Path:
        return self.path.with_suffix(".html")

    @property
    def markdown(self) -> Path:
        return self.path.with_suffix(".md")

    def source_key(self, lang: str, version: str) -> str:
        """Changes whenever the JSON changes (the page is then rebuilt)."""
        stat = self.path.stat()
        return hashlib.sha1(f"{version}|{lang}|{stat.st_size}|{stat.st_mtime_ns}".encode()).hexdigest()[:16]


def bench_results(results_dir: Path) -> list[BenchResult]:
    """Every benchmark of textbook against package in results/benchmarks/ (not the whole-suite timings)."""
    found = []
    for path in sorted((Path(results_dir) / FOLDER).glob("*.json")):
        report = files.try_read_json(path)
        if isinstance(report, dict) and report.get("kind") == "bench" and "summary" in report:
            found.append(BenchResult(path, report))
        elif isinstance(report, dict) and report.get("kind") == "fidelity" and report.get("experiments"):
            found.append(BenchResult(path, report))  # `ann-keras fidelity`: its page is `fidelity_document`
    return found


def summary_blocks(report: dict, lang: str = "en") -> list:
    """The table of both sides and the speed-up line (the page shows them; `ann-keras bench` prints them)."""
    say = words(lang)
    rows = []
    for side in SIDES:
        x = report["summary"][side]
        name = (
            ["textbook ", doc.Code("model.fit")]
            if side == "textbook"
            else f"package (trainer={report.get('trainer', '?')})"
        )
        rows.append(
            [
                name,
                report["baseline_backend"] if side == "textbook" else report["backend"],
                f"{x['epoch_s_median']:.3f}",
                f"{x['epoch_s_min']:.3f}",
                f"{x['epoch_s_max']:.3f}",
                f"{x['epoch_cpu_s_median']:.3f}",
                f"{x['first_epoch_s_median']:.2f}",
                f"{x['samples_per_s']:,.0f}",
                f"{x['final_val_accuracy_mean']:.4f}",
                f"{x['peak_rss_mb']:.0f}",
                f"{x['peak_device_mb']:.0f}" if x.get("peak_device_mb") is not None else "–",
            ]
        )
    header = [
        say("bench_code"),
        say("backend"),
        "s/epoch median",
        "min",
        "max",
        "CPU s/epoch",
        say("bench_first_epoch"),
        "samples/s",
        "final val_accuracy",
        "peak RSS MB",
        "peak device MB",
    ]
    up = report["speedup"]
    speedup = say(
        "bench_speedup",
        samples=f"{up['samples_per_s']:.2f}",
        fit=f"{up['fit_s']:.2f}",
        points=f"{up['val_accuracy_points']:+.2f}",
    )
    return [doc.Table(header, rows, [False, False, *[True] * 9]), doc.Paragraph(speedup)]


def fidelity_document(result: BenchResult, lang: str = "en", source_key: str = "") -> doc.Document:
    """The page of an `ann-keras fidelity` result: per experiment, every number of both sides."""
    say, report = words(lang), result.report
    device = report.get("device") or {}
    title = say("fidelity_title", backend=report.get("backend", "?"))
    entries = list((report.get("experiments") or {}).values())
    identical = sum(1 for e in entries if e.get("identical"))
    header = [
        doc.Paragraph(doc.Link("← " + say("all_results"), f"../{INDEX}"), "crumbs"),
        doc.Heading(title, 1),
        doc.Paragraph(
            [
                doc.Badge(result.name),
                doc.Badge(say("fidelity_identical_count", identical=identical, total=len(entries))),
            ]
        ),
        doc.KeyValues(
            [(say("ran"), when(report.get("finished"))), (say("device"), device.get("name", "CPU"))],
            inline=True,
        ),
    ]
    body = [
        doc.Section(
            "about",
            say("fidelity_summary", identical=identical, total=len(entries)),
            [doc.Paragraph(say("fidelity_intro")), doc.Paragraph(say("fidelity_changes"))],
        )
    ]

    def shown(value):
        return "" if value is None else (repr(value) if isinstance(value, float) else str(value))

    for entry in entries:
        rows = [
            [r["model"], r["number"], shown(r.get("book")), shown(r.get("package")), r["verdict"]]
            for r in entry.get("rows", [])
        ]
        styles = ["" if r["verdict"] in ("identical", "–") else "highlight" for r in entry.get("rows", [])]
        verdict = say("fidelity_yes") if entry.get("identical") else say("fidelity_no")
        heading = say(
            "fidelity_experiment",
            name=entry["experiment"],
            book=entry.get("book_section", ""),
            trainer=entry.get("trainer", "?"),
            verdict=verdict,
        )
        settings = ", ".join(f"{k}={v}" for k, v in (entry.get("overrides") or {}).items()) or "–"
        body.append(
            doc.Section(
                entry["experiment"],
                heading,
                [
                    doc.Table(
                        say("fidelity_columns").split("|"), rows, [False, False, True, True, False], styles
                    ),
                    doc.KeyValues(
                        [(say("fidelity_settings"), settings), (say("ran"), when(entry.get("finished")))]
                    ),
                    doc.Preformatted(entry.get("command") or "ann-keras fidelity"),
                ],
            )
        )
    body.append(doc.Section("reproduce", say("reproduce"), [doc.Paragraph(say("bench_files"))]))
    return doc.Document(
        f"{title} · ann-keras", lang, header, body, say("generated", version=__version__), source_key
    )


def document(result: BenchResult, lang: str = "en", source_key: str = "") -> doc.Document:
    """The benchmark's page (an `ann-keras fidelity` result gets `fidelity_document`)."""
    if result.report.get("kind") == "fidelity":
        return fidelity_document(result, lang, source_key)
    say, report = words(lang), result.report
    device, baseline = report.get("device") or {}, report.get("baseline_device") or {}
    title = say("bench_title", device=device.get("name", "?"), backend=report["backend"])
    intro = say(
        "bench_intro",
        train=f"{report['train_samples']:,}",
        val=f"{report['val_samples']:,}",
        batch=report["batch_size"],
        epochs=report["epochs"],
        repeats=report["repeats"],
    )
    machine = [
        (say("device"), f"{device.get('type', '')} {device.get('name', '')}".strip()),
        (say("bench_textbook_device"), baseline.get("name", "–")),
        (
            say("bench_load"),
            say(
                "bench_load_values",
                before=report.get("load_average_before"),
                after=report.get("load_average_after"),
                cpus=report.get("cpu_count"),
            ),
        ),
        (say("versions"), [[doc.Code(f"{k} {v}"), " "] for k, v in (report.get("versions") or {}).items()]),
    ]
    header = [
        doc.Paragraph(doc.Link("← " + say("all_results"), f"../{INDEX}"), "crumbs"),
        doc.Heading(title, 1),
        doc.Paragraph([doc.Badge(result.name), doc.Badge(say("kind_bench"))]),
        doc.KeyValues([(say("ran"), when(report.get("finished")))], inline=True),
    ]
    body = [
        doc.Section("timing", say("bench_timing"), [doc.Paragraph(intro), *summary_blocks(report, lang)]),
        doc.Section("machine", say("bench_machine"), [doc.KeyValues(machine)]),
        doc.Section(
            "reproduce",
            say("reproduce"),
            [doc.Preformatted(report.get("command") or "ann-keras bench"), doc.Paragraph(say("bench_files"))],
        ),
    ]
    return doc.Document(
        f"{title} · ann-keras", lang, header, body, say("generated", version=__version__), source_key
    )
