"""Rebuilding every page of a results folder from its files, without retraining (no Keras).

Pages are generated: results/index.html; results/<name>/report.html and report.md with
the figures in results/<name>/report_files/; results/benchmarks/<name>.html and .md
next to each benchmark's JSON. Each page is built once as a `Document` and rendered
to HTML and to Markdown. A page records a key of the files it was made from, so that
the rebuild after a run redraws only what changed; `ann-keras report` redraws
everything (after a template change, on another machine).
"""

from __future__ import annotations

import dataclasses
import os
import re
import shutil
import time
from collections.abc import Callable, Collection
from pathlib import Path

from ann_keras import __version__, files
from ann_keras.errors import UserError
from ann_keras.report import bench_page, book, compare, figures, html, index, load, markdown, plots
from ann_keras.report.html import FONT_PLACEHOLDER, hangul_characters, hangul_font_face
from ann_keras.report.load import INDEX, PAGE, PAGE_FILES, PAGE_MD
from ann_keras.report.pages import ExperimentPage, damaged_page
from ann_keras.report.text import LANGUAGES

PAGE_FORMAT = 2  # raise when the pages change, so that every page is redrawn once
_KEY = re.compile(r'<meta name="ann-keras-source" content="([0-9a-f]+)">')
_LANG = re.compile(r'<html lang="([a-z]+)"')
FIGURES_KEY = ".source"  # in report_files/: the key of the page the figures were drawn for


@dataclasses.dataclass
class Built:
    """What a rebuild did: the experiments (and `benchmarks/<name>`) whose pages were redrawn, and not;
    `damaged`: experiment -> its first problem ("<file>: <what>")."""

    index: Path
    rebuilt: list[str]
    unchanged: list[str]
    seconds: float
    lang: str = "en"
    damaged: dict[str, str] = dataclasses.field(default_factory=dict)


def page_language(results_dir: Path) -> str:
    """The language the pages of `results_dir` were last built in (English when there are none)."""
    try:
        head = (Path(results_dir) / INDEX).read_text(encoding="utf-8")[:400]
    except OSError:
        return "en"
    found = _LANG.search(head)
    return found.group(1) if found and found.group(1) in LANGUAGES else "en"


def _page_key(path: Path) -> str | None:
    try:
        with open(path, encoding="utf-8") as handle:
            found = _KEY.search(handle.read(2000))
    except OSError:
        return None
    return found.group(1) if found else None


def _figures_key(experiment: load.ResultFolder) -> str | None:
    try:
        return (experiment.path / PAGE_FILES / FIGURES_KEY).read_text(encoding="utf-8").strip()
    except OSError:
        return None


def _draw(experiment: load.ResultFolder, lang: str, key: str) -> dict[str, figures.Drawn]:
    """Draw the figures into a fresh folder marked with the page's `key`, then put it in place of the old one.

    The mark tells a page whose figures were redrawn without it (a rebuild killed in
    between) from one that is up to date: such a page is redrawn next time.
    """
    final = experiment.path / PAGE_FILES
    # Drawn under the report lock: a half-drawn folder left by a killed rebuild is nobody's now.
    for stale in [
        *experiment.path.glob(f".{PAGE_FILES}.new-*"),
        *experiment.path.glob(f".{PAGE_FILES}.old-*"),
    ]:
        shutil.rmtree(stale, ignore_errors=True)
    fresh = experiment.path / f".{PAGE_FILES}.new-{os.getpid()}"
    fresh.mkdir()
    try:
        drawn = figures.draw(experiment, fresh, lang)
        files.write_text(fresh / FIGURES_KEY, key + "\n")
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    old = experiment.path / f".{PAGE_FILES}.old-{os.getpid()}"
    if final.exists():
        os.replace(final, old)
    os.replace(fresh, final)
    shutil.rmtree(old, ignore_errors=True)
    return drawn


def _write(path: Path, document) -> None:
    """Write a page as HTML, with the Hangul glyphs it shows embedded (a subset of the font, its own)."""
    page = html.render(document)
    face = hangul_font_face(hangul_characters(page), plots.hangul_font_path())
    files.write_text(path, page.replace(FONT_PLACEHOLDER, face, 1))


def _build_runs(
    experiment: load.ResultFolder, lang: str, version: str, force: bool, log: Callable[[str], None]
) -> list[str]:
    """The pages of an experiment's kept runs (runs/<name>/) whose files changed; returns them."""
    rebuilt = []
    for run in experiment.runs:
        name = f"{experiment.name}/{run.name}"
        if run.problems:
            log(f"  {name}: damaged: {run.problems[0]}")
            _write(run.path / PAGE, damaged_page(run, lang))
            rebuilt.append(name)
            continue
        if not run.complete:
            continue
        key = run.source_key([], lang, version)
        if not force and _page_key(run.path / PAGE) == key and _figures_key(run) == key:
            continue
        log(f"  {name}")
        drawn = _draw(run, lang, key)
        page = ExperimentPage(run, drawn, lang, []).document(key)
        files.write_text(run.path / PAGE_MD, markdown.render(page))
        _write(run.path / PAGE, page)
        rebuilt.append(name)
    return rebuilt


def build_pages(
    results_dir: Path,
    lang: str | None = "en",
    force: bool = True,
    log: Callable[[str], None] | None = None,
    only: Collection[str] | None = None,
) -> Built:
    """Write results/index.html and every experiment's report.html from the saved files.

    Args:
        results_dir: the results folder (`ann-keras run --results-dir`).
        lang: "en" or "ko" (page text, class names and figure labels); None: the language
            the pages were last built in, read once the rebuild holds the lock.
        force: redraw every page; False redraws only pages whose files changed.
        log: called with one line per page redrawn.
        only: redraw only these experiments' pages (the index lists every experiment).
    Returns:
        The index path, which pages were redrawn, and the damaged experiments (drawn as
        such: their files are missing or do not hold what they must).
    """
    results_dir = Path(results_dir)
    if lang is not None and lang not in LANGUAGES:
        raise UserError(f"--lang {lang!r} is not a page language; use one of: {', '.join(LANGUAGES)}")
    if results_dir.exists() and not results_dir.is_dir():
        raise UserError(
            f"results directory {results_dir} is a file, not a folder; pass --results-dir a folder"
        )
    if not results_dir.is_dir():
        raise UserError(
            f"results directory {results_dir} does not exist; run `ann-keras run NAME` first or pass "
            "--results-dir"
        )
    log = log or (lambda line: None)
    started = time.perf_counter()
    lock_dir = files.check_writable(results_dir) / files.LOCKS
    lock_dir.mkdir(exist_ok=True)
    # Two rebuilds at once would swap each other's figure folders: the second waits for the first.
    with files.FileLock(lock_dir / "report.lock", holder=f"ann-keras report, pid {os.getpid()}", wait=True):
        # Read under the lock: a rebuild in another language that holds it now would otherwise be undone.
        lang = lang or page_language(results_dir)
        unfinished = load.unfinished(results_dir)
        experiments = load.experiments(results_dir)
        rebuilt, unchanged, damaged = [], [], {}
        shown = [e for e in experiments if e.complete or e.problems]  # each gets a page
        chosen = [e for e in shown if only is None or e.name in only]
        version = (
            f"{__version__}/{PAGE_FORMAT}/{book.key(results_dir)}"  # the books' numbers are on every page
        )
        for number, experiment in enumerate(chosen, 1):
            theirs = [u for u in unfinished if u["experiment"] == experiment.name and not u.get("run_name")]
            key = experiment.source_key(theirs, lang, version)
            runs_redrawn = _build_runs(experiment, lang, version, force, log)
            rebuilt += runs_redrawn
            if experiment.problems:
                damaged[experiment.name] = experiment.problems[0]
                log(f"[{number}/{len(chosen)}] {experiment.name}: damaged: {experiment.problems[0]}")
                _write(experiment.path / PAGE, damaged_page(experiment, lang))
                (experiment.path / PAGE_MD).unlink(missing_ok=True)  # both described the files before
                shutil.rmtree(experiment.path / PAGE_FILES, ignore_errors=True)
                rebuilt.append(experiment.name)
                continue
            if (
                not force
                and not runs_redrawn
                and _page_key(experiment.path / PAGE) == key
                and _figures_key(experiment) == key
            ):
                unchanged.append(experiment.name)
                continue
            log(f"[{number}/{len(chosen)}] {experiment.name}")
            if experiment.runs:
                compare.of_runs(experiment, results_dir, lang)
            drawn = _draw(experiment, lang, key)
            # Each page right after its figures: a rebuild stopped midway leaves pages that match them.
            page = ExperimentPage(experiment, drawn, lang, theirs).document(key)
            files.write_text(experiment.path / PAGE_MD, markdown.render(page))
            _write(experiment.path / PAGE, page)
            rebuilt.append(experiment.name)
        for holder in load.runs_only(results_dir):  # runs of an experiment with no result of its own yet
            if only is None or holder.name in only:
                rebuilt += _build_runs(holder, lang, version, force, log)
        for page in sorted((results_dir / compare.FOLDER).glob(f"*/{PAGE}")) if only is None else []:
            log(f"[{compare.FOLDER}] {page.parent.name}")  # `ann-keras compare`'s pages, in this language
            compare.render(page.parent, lang)
        benchmarks = bench_page.bench_results(results_dir)
        for result in benchmarks if only is None else []:
            key = result.source_key(lang, version)
            if not force and _page_key(result.html) == key and result.markdown.is_file():
                continue
            log(f"[{bench_page.FOLDER}] {result.name}")
            page = bench_page.document(result, lang, key)
            files.write_text(result.markdown, markdown.render(page))
            _write(result.html, page)
            rebuilt.append(f"{bench_page.FOLDER}/{result.name}")
        damaged.update({e.name: e.problems[0] for e in shown if e.name not in damaged and e.problems})
        has_page = {e.name for e in shown if e.name in rebuilt or (e.path / PAGE).is_file()}
        _write(
            results_dir / INDEX,
            index.document(results_dir, experiments, unfinished, lang, has_page, benchmarks),
        )
    return Built(results_dir / INDEX, rebuilt, unchanged, time.perf_counter() - started, lang, damaged)
