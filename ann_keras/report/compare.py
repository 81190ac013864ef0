"""Runs side by side: `ann-keras compare A B [C ...]` and `ak.compare(...)` (result files only, no Keras).

A, B, ... are experiment names (their own result), kept runs (`exp/run`, or a run's
name when only one experiment has it) or result folders. The comparison is a folder
like a run's: its tables (tables/*.csv), the figures it declares (sections.json, the
same declared-figure mechanism as an experiment's page: `compare_curves` overlays the
learning curves, `confusion_difference` draws B - A of the confusion matrices) and its
page (report.html and report.md, one `Document`). It shows only the config keys that
differ, the metrics side by side with their differences from the first (mean ± std
over seeds when a run has several), the per-class F1 side by side, and the curves.
"""

from __future__ import annotations

import datetime as _dt
import hashlib
import json
import os
import re
import shutil
from pathlib import Path

import numpy as np
import pandas as pd

from ann_keras import __version__, files
from ann_keras.config import flatten
from ann_keras.data import class_names
from ann_keras.errors import UserError
from ann_keras.evaluation import history_rows
from ann_keras.report import document as doc
from ann_keras.report import figures, markdown
from ann_keras.report.formats import number, when
from ann_keras.report.load import INDEX, PAGE, PAGE_FILES, PAGE_MD, ResultFolder
from ann_keras.report.text import words

FOLDER = "comparisons"  # results/comparisons/<name>/: what `ann-keras compare` writes
OF_RUNS = "_compare"  # results/<experiment>/runs/_compare/: the comparison of an experiment's runs
METRICS = (
    "test_accuracy",
    "test_f1_macro",
    "test_precision_macro",
    "test_recall_macro",
    "test_loss",
    "best_val_accuracy",
    "val_accuracy",
    "epochs_run",
    "train_time_s",
    "params",
)
READ = ("run.json", "config.json", "metrics.json", "history.csv", "comparison.csv")  # what it reads
_UNSAFE = re.compile(r"[^A-Za-z0-9_.=,+-]+")


# ---------------------------------------------------------------- which results


def _label(folder: ResultFolder, results_dir: Path) -> str:
    """`experiment` for an experiment's own result, `experiment/run` for a kept run, else the folder."""
    path = folder.path.resolve()
    try:
        parts = path.relative_to(Path(results_dir).resolve()).parts
    except ValueError:
        return folder.name
    if len(parts) == 3 and parts[1] == files.RUNS:
        return f"{parts[0]}/{parts[2]}"
    return "/".join(parts)


def available(results_dir: Path) -> list[str]:
    """Every complete result of a results folder, as `compare` names it."""
    found = []
    root = Path(results_dir)
    for run_json in sorted(root.glob("*/run.json")) + sorted(
        root.glob(f"*/{files.RUNS}/[A-Za-z0-9]*/run.json")
    ):
        info = files.try_read_json(run_json)
        if isinstance(info, dict) and info.get("status") == "complete":
            found.append(_label(ResultFolder(run_json.parent), root))
    return sorted(found)


def _listing(results_dir: Path) -> str:
    names = available(results_dir)
    if not names:
        return f"there are no complete results in {results_dir} yet"
    shown = ", ".join(names[:40]) + (f", ... ({len(names)} in all)" if len(names) > 40 else "")
    return f"the results in {results_dir} are: {shown}"


def find(name: str, results_dir: Path) -> ResultFolder:
    """A result by experiment name, `experiment/run`, a run's own name, or a folder path."""
    root = Path(results_dir)
    candidates = [Path(name), root / name]
    if "/" in name and name.count("/") == 1:
        experiment, run = name.split("/")
        candidates.append(root / experiment / files.RUNS / run)
    for path in candidates:
        if (path / "run.json").is_file():
            return ResultFolder(path)
    matches = sorted(root.glob(f"*/{files.RUNS}/{name}/run.json")) if "/" not in name else []
    if len(matches) == 1:
        return ResultFolder(matches[0].parent)
    if len(matches) > 1:
        which = ", ".join(_label(ResultFolder(m.parent), root) for m in matches)
        raise UserError(f"{name!r} is a run of several experiments ({which}); name one as experiment/run")
    raise UserError(f"no result {name!r}; {_listing(root)}")


def resolve(names: list[str], results_dir: Path) -> list[ResultFolder]:
    """The results to compare, each checked: at least two, complete, distinct, with something in common."""
    root = Path(results_dir)
    if len(names) < 2:
        raise UserError(
            f"compare needs at least two results, got {len(names)}; {_listing(root)} (give their names)"
        )
    found = [find(name, root) for name in names]
    for name, folder in zip(names, found):
        if not folder.complete:
            raise UserError(
                f"{name!r} ({folder.path}) is not a complete result (status {folder.run.get('status')!r}); "
                f"{_listing(root)}"
            )
        damaged = [p for p in folder.problems if p.split(":")[0] in READ]
        if damaged:
            raise UserError(f"{name!r} ({folder.path}) is damaged: {damaged[0]}")
    paths = [f.path.resolve() for f in found]
    if len(set(paths)) < len(paths):
        twice = next(n for n, p in zip(names, paths) if paths.count(p) > 1)
        raise UserError(f"{twice!r} is named twice; compare different results")
    experiments = {f.run.get("experiment") for f in found}
    if len(experiments) > 1:
        common_keys = set.intersection(*(set(flatten(f.config)) for f in found))
        common_metrics = set.intersection(*({k for k in METRICS if k in (f.metrics or {})} for f in found))
        if not common_keys or not common_metrics:
            what = "no config key" if not common_keys else "no metric"
            raise UserError(
                f"{', '.join(names)} are runs of different experiments "
                f"({', '.join(sorted(map(str, experiments)))}) that share {what}: "
                f"there is nothing to set side by side; {_listing(root)}"
            )
    return found


# ---------------------------------------------------------------- what they hold


def _value(value) -> str:
    return value if isinstance(value, str) else json.dumps(value, ensure_ascii=False)


def config_differences(found: list[ResultFolder], labels: list[str]) -> pd.DataFrame:
    """key, then one column per result: only the config keys whose values differ."""
    settings = [flatten(f.config) for f in found]
    keys = list(dict.fromkeys(k for s in settings for k in s))
    rows = []
    for key in keys:
        values = [_value(s[key]) if key in s else "–" for s in settings]
        if len(set(values)) > 1:
            rows.append({"key": key, **dict(zip(labels, values))})
    return pd.DataFrame(rows, columns=["key", *labels])


def _seed_values(folder: ResultFolder, metric: str) -> list[float]:
    """The metric of every seed of the result's primary variant (one value for a single fit)."""
    frame = folder.comparison
    primary = folder.run.get("primary")
    if frame is not None and metric in frame and "variant" in frame:
        rows = frame[frame["variant"] == primary] if primary in set(frame["variant"]) else frame
        if "diverged" in rows:
            rows = rows[~rows["diverged"].astype(bool)]
        values = pd.to_numeric(rows[metric], errors="coerce").dropna().tolist()
        if values:
            return [float(v) for v in values]
    value = (folder.metrics or {}).get(metric)
    return [float(value)] if isinstance(value, (int, float)) and not isinstance(value, bool) else []


def metric_table(found: list[ResultFolder], labels: list[str]) -> pd.DataFrame:
    """metric, label, seeds, mean, std, difference (mean minus the first result's mean)."""
    rows = []
    for metric in METRICS:
        values = [_seed_values(f, metric) for f in found]
        if not any(values):
            continue
        first = float(np.mean(values[0])) if values[0] else None
        for label, seeds in zip(labels, values):
            mean = float(np.mean(seeds)) if seeds else None
            rows.append(
                {
                    "metric": metric,
                    "result": label,
                    "seeds": len(seeds),
                    "mean": mean,
                    "std": float(np.std(seeds, ddof=1)) if len(seeds) > 1 else None,
                    "difference": mean - first if mean is not None and first is not None else None,
                }
            )
    return pd.DataFrame(rows, columns=["metric", "result", "seeds", "mean", "std", "difference"])


def per_class_f1(found: list[ResultFolder], labels: list[str]) -> pd.DataFrame:
    """label, class, then the F1 of each result per class."""
    table: dict[int, dict] = {}
    for label, folder in zip(labels, found):
        for item in (folder.metrics or {}).get("per_class") or []:
            row = table.setdefault(
                int(item["label"]), {"label": int(item["label"]), "class": item.get("name", "")}
            )
            row[label] = item.get("f1")
    return pd.DataFrame([table[k] for k in sorted(table)], columns=["label", "class", *labels])


def curves(found: list[ResultFolder], labels: list[str]) -> pd.DataFrame:
    """Every epoch of every fit of each result's primary variant, `variant` = the result's label."""
    frames = []
    for label, folder in zip(labels, found):
        primary = folder.run.get("primary")
        fits = [f for f in folder.fits if f.variant == primary] or ([] if folder.fits else [folder])
        for fit in fits:
            history = history_rows(
                [_Fit(label, getattr(fit, "seed", folder.run.get("seed", 0)), fit.history)]
            )
            frames.append(history)
    frames = [f for f in frames if len(f)]
    return pd.concat(frames, ignore_index=True) if frames else pd.DataFrame()


class _Fit:
    def __init__(self, variant: str, seed: int, history: dict):
        self.variant, self.seed, self.history = variant, seed, history


def confusion_difference(a: ResultFolder, b: ResultFolder) -> pd.DataFrame | None:
    """B's confusion matrix minus A's (rows true class, columns predicted), when both have one."""
    ma, mb = (a.metrics or {}).get("confusion_matrix"), (b.metrics or {}).get("confusion_matrix")
    if not ma or not mb or np.shape(ma) != np.shape(mb):
        return None
    return pd.DataFrame(np.asarray(mb, dtype=int) - np.asarray(ma, dtype=int))


# ---------------------------------------------------------------- writing


def slug(labels: list[str]) -> str:
    """A folder name for a comparison: `exp~a--vs--b` for runs of one experiment, else the labels joined by
    `--vs--`; shortened with a hash when long."""
    experiments = {label.split("/", 1)[0] for label in labels}
    if len(experiments) == 1:
        (experiment,) = experiments
        parts = [label.split("/", 1)[1] if "/" in label else "declared" for label in labels]
        name = f"{experiment}~" + "--vs--".join(_UNSAFE.sub("~", part) for part in parts)
    else:
        name = "--vs--".join(_UNSAFE.sub("~", label) for label in labels)
    if len(name) > 100:
        name = f"{name[:90]}-{hashlib.sha1(name.encode()).hexdigest()[:8]}"
    return name


def write(found: list[ResultFolder], results_dir: Path, out: Path, lang: str = "en", title: str = "") -> Path:
    """Write the comparison's tables, declared figures and page into `out`; returns its report.html."""
    results_dir = Path(results_dir)
    labels = [_label(f, results_dir) for f in found]
    if len({f.run.get("experiment") for f in found}) == 1:
        short = [label.split("/", 1)[1] if "/" in label else label for label in labels]
        labels = short if len(set(short)) == len(short) else labels
    out = Path(out)
    if out.exists():
        shutil.rmtree(out)
    (out / "tables").mkdir(parents=True)
    sections: list[dict] = []
    tables = {
        "settings": config_differences(found, labels),
        "metrics": metric_table(found, labels),
        "per_class_f1": per_class_f1(found, labels),
    }
    for name, frame in tables.items():
        files.write_csv(out / "tables" / f"{name}.csv", frame)
    history = curves(found, labels)
    if len(history):
        files.write_csv(out / "tables" / "curves.csv", history)
        sections.append(
            {
                "kind": "figure",
                "name": "curves",
                "title": "",
                "plot": "compare_curves",
                "data": "tables/curves.csv",
            }
        )
    for label, other in zip(labels[1:], found[1:]):
        frame = confusion_difference(found[0], other)
        if frame is None:
            continue
        name = f"confusion_{len(sections)}"
        files.write_csv(out / "tables" / f"{name}.csv", frame)
        sections.append(
            {
                "kind": "figure",
                "name": name,
                "title": f"{label} − {labels[0]}",
                "plot": "confusion_difference",
                "data": f"tables/{name}.csv",
                "options": {"first": labels[0], "second": label},
            }
        )
    files.write_json(out / "sections.json", sections)
    files.write_json(
        out / "run.json",
        {
            "kind": "compare",
            "status": "complete",
            "title": title,
            "compared": [
                {"label": label, "path": os.path.relpath(f.path.resolve(), out.resolve())}
                for label, f in zip(labels, found)
            ],
            "created": _dt.datetime.now().astimezone().isoformat(timespec="seconds"),
        },
    )
    return render(out, lang)


def render(out: Path, lang: str = "en") -> Path:
    """Draw the figures a comparison folder declares and write its page (HTML and Markdown)."""
    from ann_keras.report.build import _write

    folder = ResultFolder(Path(out))
    shutil.rmtree(folder.path / PAGE_FILES, ignore_errors=True)
    (folder.path / PAGE_FILES).mkdir()
    drawn = figures.declared(folder, folder.path / PAGE_FILES, lang)
    page = document(folder, drawn, lang)
    files.write_text(folder.path / PAGE_MD, markdown.render(page))
    _write(folder.path / PAGE, page)
    return folder.path / PAGE


def of_runs(experiment: ResultFolder, results_dir: Path, lang: str) -> Path | None:
    """The comparison of an experiment's own result and its kept runs (runs/_compare/), when it has runs."""
    runs = [r for r in experiment.runs if r.complete and not r.problems]
    own = [experiment] if experiment.complete and not experiment.problems else []
    if len(own + runs) < 2:
        shutil.rmtree(experiment.path / files.RUNS / OF_RUNS, ignore_errors=True)
        return None
    return write(own + runs, results_dir, experiment.path / files.RUNS / OF_RUNS, lang)


def compare(names: list[str], results_dir: Path, out: Path | None = None, lang: str | None = None) -> Path:
    """`ann-keras compare`: resolve the names, write the comparison, return its report.html."""
    from ann_keras.report.build import page_language

    results_dir = Path(results_dir)
    if not results_dir.is_dir():
        raise UserError(
            f"results directory {results_dir} does not exist; pass --results-dir where the runs are"
        )
    found = resolve(list(names), results_dir)
    labels = [_label(f, results_dir) for f in found]
    out = Path(out) if out is not None else results_dir / FOLDER / slug(labels)
    files.check_writable(out.parent if out.parent.exists() else results_dir)
    return write(found, results_dir, out, lang or page_language(results_dir))


# ---------------------------------------------------------------- the page


def _href(target: Path, page_dir: Path) -> str:
    return os.path.relpath(target, page_dir).replace(os.sep, "/")


def _signed(value, whole: bool = False) -> str:
    """A difference with its sign: +0.0123, or +1,024 for counts."""
    if value is None or (isinstance(value, float) and not np.isfinite(value)):
        return "–"
    return f"{value:+,.0f}" if whole else f"{value:+.4f}"


def document(folder: ResultFolder, drawn: dict, lang: str) -> doc.Document:
    """The comparison page as blocks."""
    say = words(lang)
    run = folder.run
    compared = run.get("compared") or []
    labels = [c["label"] for c in compared]
    page_dir = folder.path.resolve()
    links = []
    for item in compared:
        target = (folder.path / item["path"]).resolve()
        page = target / PAGE
        links.append(
            [
                doc.Link(doc.Code(item["label"]), _href(page, page_dir))
                if page.is_file()
                else doc.Code(item["label"]),
                " ",
            ]
        )
    index = next((p / INDEX for p in page_dir.parents if (p / INDEX).is_file()), None)
    title = run.get("title") or say("compare_title", names=" · ".join(labels))
    header = [
        *(
            [doc.Paragraph(doc.Link("← " + say("all_results"), _href(index, page_dir)), "crumbs")]
            if index
            else []
        ),
        doc.Heading(title, 1),
        doc.Paragraph([doc.Strong(say("compare_of")), ": ", links]),
        doc.Paragraph(say("compare_intro", first=labels[0] if labels else "–"), "description"),
    ]
    body: list = []

    def table(name: str) -> pd.DataFrame | None:
        return files.try_read_csv(folder.path / "tables" / f"{name}.csv")

    path = folder.path / "tables" / "settings.csv"  # values as written: 100 stays 100, not 100.0
    settings = pd.read_csv(path, dtype=str, keep_default_na=False) if path.is_file() else None
    if settings is not None:
        if settings.empty:
            blocks = [doc.Paragraph(say("compare_same_settings"))]
        else:
            rows = [
                [doc.Code(str(r["key"])), *[doc.Code(str(r[label])) for label in labels]]
                for _, r in settings.iterrows()
            ]
            blocks = [doc.Table(["key", *labels], rows)]
        body.append(doc.Section("settings", say("compare_settings"), blocks))
    metrics = table("metrics")
    if metrics is not None and not metrics.empty:
        header_row = ["metric", labels[0], *[f"{label} (Δ)" for label in labels[1:]]]
        rows = []
        for metric, group in metrics.groupby("metric", sort=False):
            cells: list = [doc.Code(str(metric))]
            for i, label in enumerate(labels):
                row = group[group["result"] == label]
                if row.empty or pd.isna(row["mean"].iloc[0]):
                    cells.append("–")
                    continue
                mean, std, seeds = row["mean"].iloc[0], row["std"].iloc[0], int(row["seeds"].iloc[0])
                whole = metric in ("epochs_run", "params") and seeds == 1
                shown = number(int(mean)) if whole else number(float(mean))
                if seeds > 1 and not pd.isna(std):
                    shown = f"{shown} ± {number(float(std))} ({say('seeds_badge', count=seeds)})"
                if i > 0:
                    difference = _signed(float(row["difference"].iloc[0]), whole)
                    cells.append([shown, " ", doc.Muted(f"({difference})")])
                else:
                    cells.append(shown)
            rows.append(cells)
        body.append(
            doc.Section(
                "metrics",
                say("compare_metrics"),
                [
                    doc.Paragraph(say("compare_metrics_intro", first=labels[0]), "muted small"),
                    doc.Table(header_row, rows, [False, *[True] * len(labels)]),
                ],
            )
        )
    if "figures/curves" in drawn:
        body.append(
            doc.Section(
                "curves",
                say("learning_curves"),
                [
                    _figure(
                        drawn["figures/curves"], say("learning_curves"), say("compare_curves_caption"), say
                    )
                ],
            )
        )
    f1 = table("per_class_f1")
    if f1 is not None and not f1.empty:
        names = class_names(lang)
        rows = []
        for _, r in f1.iterrows():
            label = int(r["label"])
            cells: list = [names[label] if 0 <= label < len(names) else str(r["class"])]
            for i, name in enumerate(labels):
                value = r.get(name)
                shown = number(float(value)) if value is not None and not pd.isna(value) else "–"
                if i > 0 and not pd.isna(value) and not pd.isna(r.get(labels[0])):
                    shown = [shown, " ", doc.Muted(f"({_signed(float(value) - float(r[labels[0]]))})")]
                cells.append(shown)
            rows.append(cells)
        body.append(
            doc.Section(
                "per-class",
                say("compare_f1"),
                [
                    doc.Table(
                        [say("class"), labels[0], *[f"{n} (Δ)" for n in labels[1:]]],
                        rows,
                        [False, *[True] * len(labels)],
                    )
                ],
            )
        )
    confusion = [s for s in folder.sections if s.get("plot") == "confusion_difference"]
    if confusion:
        blocks = [doc.Paragraph(say("compare_confusion_intro"), "muted small")]
        for item in confusion:
            blocks.append(_figure(drawn[f"figures/{item['name']}"], item["title"], item["title"], say))
        body.append(doc.Section("confusion", say("compare_confusion"), blocks))
    body.append(
        doc.Section(
            "files",
            say("files"),
            [
                doc.Paragraph(
                    [
                        say("files_intro"),
                        " ",
                        [
                            [
                                doc.Link(
                                    doc.Code(p.relative_to(folder.path).as_posix()),
                                    p.relative_to(folder.path).as_posix(),
                                ),
                                " ",
                            ]
                            for p in sorted((folder.path / "tables").glob("*.csv"))
                        ],
                    ]
                )
            ],
        )
    )
    created = when(run.get("created"))
    return doc.Document(
        f"{title} · ann-keras",
        lang,
        header,
        body,
        say("compare_generated", version=__version__, created=created),
    )


def _figure(drawn: figures.Drawn, alt: str, caption: str, say) -> doc.Figure:
    if drawn.src is None:
        key = "figure_missing" if drawn.missing else "figure_failed"
        return doc.Figure(None, alt, caption, say(key, file=drawn.file or "?", problem=drawn.problem))
    return doc.Figure(drawn.src, alt, caption)
