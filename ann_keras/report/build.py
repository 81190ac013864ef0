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
import fcntl
import os
import re
import shutil
import time
from collections.abc import Callable
from pathlib import Path

from ann_keras import __version__, files
from ann_keras.errors import UserError
from ann_keras.report import bench_page, figures, html, index, load, markdown, plots
from ann_keras.report.html import FONT_PLACEHOLDER, hangul_characters, hangul_font_face
from ann_keras.report.load import INDEX, PAGE, PAGE_FILES, PAGE_MD
from ann_keras.report.pages import ExperimentPage
from ann_keras.report.text import LANGUAGES

PAGE_FORMAT = 2  # raise when the pages change, so that every page is redrawn once
_KEY = re.compile(r'<meta name="ann-keras-source" content="([0-9a-f]+)">')
_LANG = re.compile(r'<html lang="([a-z]+)"')


@dataclasses.dataclass
class Built:
    """What a rebuild did: the experiments (and `benchmarks/<name>`) whose pages were redrawn, and not."""

    index: Path
    rebuilt: list[str]
    unchanged: list[str]
    seconds: float


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


def _draw(experiment: load.ResultFolder, lang: str) -> dict[str, figures.Drawn]:
    """Draw the figures into a fresh folder, then swap it in place of the old one."""
    final = experiment.path / PAGE_FILES
    fresh = experiment.path / f".{PAGE_FILES}.new-{os.getpid()}"
    shutil.rmtree(fresh, ignore_errors=True)
    fresh.mkdir()
    try:
        drawn = figures.draw(experiment, fresh, lang)
    except BaseException:
        shutil.rmtree(fresh, ignore_errors=True)
        raise
    old = experiment.path / f".{PAGE_FILES}.old-{os.getpid()}"
    if final.exists():
        os.replace(final, old)
    os.replace(fresh, final)
    shutil.rmtree(old, ignore_errors=True)
    return drawn


def build_pages(
    results_dir: Path, lang: str = "en", force: bool = True, log: Callable[[str], None] | None = None
) -> Built:
    """Write results/index.html and every experiment's report.html from the saved files.

    Args:
        results_dir: the results folder (`ann-keras run --results-dir`).
        lang: "en" or "ko" (page text, class names and figure labels).
        force: redraw every page; False redraws only pages whose files changed.
        log: called with one line per page redrawn.
    Returns:
        The index path and which pages were redrawn.
    """
    results_dir = Path(results_dir)
    if lang not in LANGUAGES:
        raise UserError(f"--lang {lang!r} is not a page language; use one of: {', '.join(LANGUAGES)}")
    if not results_dir.is_dir():
        raise UserError(
            f"results directory {results_dir} does not exist; run `ann-keras run NAME` first or pass "
            "--results-dir"
        )
    log = log or (lambda line: None)
    started = time.perf_counter()
    lock_dir = files.check_writable(results_dir) / files.LOCKS
    lock_dir.mkdir(exist_ok=True)
    with open(lock_dir / "report.lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # two rebuilds at once would swap each other's figure folders
        unfinished = load.unfinished(results_dir)
        experiments = load.experiments(results_dir)
        pages: dict[
            Path, str
        ] = {}  # HTML, written last: a page's key says its figures and Markdown are there
        markdowns: dict[Path, str] = {}
        rebuilt, unchanged = [], []
        complete = [e for e in experiments if e.complete]
        version = f"{__version__}/{PAGE_FORMAT}"
        for number, experiment in enumerate(complete, 1):
            theirs = [u for u in unfinished if u["experiment"] == experiment.name]
            key = experiment.source_key(theirs, lang, version)
            if (
                not force
                and _page_key(experiment.path / PAGE) == key
                and (experiment.path / PAGE_FILES).is_dir()
            ):
                unchanged.append(experiment.name)
                continue
            log(f"[{number}/{len(complete)}] {experiment.name}")
            drawn = _draw(experiment, lang)
            page = ExperimentPage(experiment, drawn, lang, theirs).document(key)
            pages[experiment.path / PAGE] = html.render(page)
            markdowns[experiment.path / PAGE_MD] = markdown.render(page)
            rebuilt.append(experiment.name)
        benchmarks = bench_page.bench_results(results_dir)
        for result in benchmarks:
            key = result.source_key(lang, version)
            if not force and _page_key(result.html) == key and result.markdown.is_file():
                continue
            log(f"[{bench_page.FOLDER}] {result.name}")
            page = bench_page.document(result, lang, key)
            pages[result.html] = html.render(page)
            markdowns[result.markdown] = markdown.render(page)
            rebuilt.append(f"{bench_page.FOLDER}/{result.name}")
        pages[results_dir / INDEX] = html.render(
            index.document(results_dir, experiments, unfinished, lang, {e.name for e in complete}, benchmarks)
        )
        face = hangul_font_face(hangul_characters("".join(pages.values())), plots.hangul_font_path())
        for path, text in markdowns.items():
            files.write_text(path, text)
        for path, text in pages.items():
            files.write_text(path, text.replace(FONT_PLACEHOLDER, face, 1))
    return Built(results_dir / INDEX, rebuilt, unchanged, time.perf_counter() - started)
