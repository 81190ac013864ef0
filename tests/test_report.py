"""The report pages, built from genuine result files (tests/report_fixtures.py); the browser check is in
test_report_browser.py."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
import sys
import threading
import urllib.request
import warnings
from html.parser import HTMLParser
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from ann_keras.report import build_pages, page_language, plots, serve
from ann_keras.report import document as doc
from ann_keras.report.figures import DataProblem, select
from ann_keras.report.formats import number
from ann_keras.report.html import join, tag


class Links(HTMLParser):
    """Every src and href of a page."""

    def __init__(self):
        super().__init__()
        self.targets: list[str] = []

    def handle_starttag(self, name, attrs):
        self.targets += [value for key, value in attrs if key in ("src", "href") and value]


def links(page: Path) -> list[str]:
    parser = Links()
    parser.feed(page.read_text(encoding="utf-8"))
    return parser.targets


@pytest.fixture
def pages(report_pages):
    return report_pages


def read(results_dir: Path, name: str) -> str:
    return (results_dir / name / "report.html").read_text(encoding="utf-8")


# ---------------------------------------------------------------- helpers


def test_report_code_imports_no_keras():
    code = (
        "import sys, ann_keras.report.build; print(sorted(m for m in ('keras', 'tensorflow', 'jax', "
        "'torch') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and result.stdout.strip() == "[]", result.stderr


def test_tag_escapes_text_and_attributes():
    html = tag("a", '<script>alert("x")</script>', href='"><img src=x onerror=alert(1)>')
    assert "<script>" not in html and "<img" not in html
    assert html.startswith('<a href="&quot;&gt;&lt;img') and "&lt;script&gt;" in html
    assert join("a", tag("b", "&"), None, ["c"]) == "a<b>&amp;</b>c"


def test_numbers_keep_integers_and_floats_apart():
    assert number(1.0) == "1.0000" and number(3) == "3" and number(np.int64(79510)) == "79,510"
    assert number(0.87123) == "0.8712" and number(None) == "–" and number(float("nan")) == "NaN"


def test_korean_figures_draw_every_hangul_glyph(tmp_path):
    assert plots.hangul_font_path(), "koreanize-matplotlib's NanumGothic should be installed"
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        plots.draw("confusion_matrix", np.eye(10, dtype=int) * 7, tmp_path / "cm.png", lang="ko")
    missing = [str(w.message) for w in caught if "missing from font" in str(w.message)]
    assert not missing, missing
    assert (tmp_path / "cm.png").stat().st_size > 10_000


# ---------------------------------------------------------------- the pages


def test_index_has_a_row_and_a_working_link_per_complete_experiment(pages):
    index = (pages / "index.html").read_text(encoding="utf-8")
    complete = sorted(p.parent.name for p in pages.glob("*/run.json"))
    assert complete == [
        "custom_analysis",
        "diverging_lr",
        "hg7_1_softmax_regression",
        "hg7_2_deep_network",
        "hg7_3_dropout_early_stopping",
        "tune_fixture",
    ]
    for name in complete:
        assert f'href="{name}/report.html"' in index
        assert (pages / name / "report.html").is_file()
    metrics = json.loads((pages / "hg7_1_softmax_regression" / "metrics.json").read_text())
    assert f"{metrics['test_accuracy']:.4f}" in index


def test_every_link_and_image_resolves_and_nothing_comes_from_the_network(pages):
    for page in [pages / "index.html", *pages.glob("*/report.html")]:
        for target in links(page):
            assert not re.match(r"(https?:)?//", target), f"{page}: {target} is not self-contained"
            if target.startswith(("#", "data:")):
                continue
            assert (page.parent / target).resolve().exists(), f"{page}: {target} does not exist"


def test_user_text_is_escaped(pages):
    page = read(pages, "custom_analysis")
    index = (pages / "index.html").read_text(encoding="utf-8")
    for html in (page, index):
        assert '<script>alert("title")' not in html
        assert "&lt;script&gt;alert(&quot;title&quot;)&lt;/script&gt;" in html
    assert (
        "<img src=x" not in page and "&lt;img src=x onerror=alert(1)&gt;" in page
    )  # from the text section and facts.json
    assert "ReLU &lt;table&gt;" in page and "ReLU <table>" not in page
    diverging = read(pages, "diverging_lr")
    # run.json's command is not shown: the reproduce box spells out the experiment's own command
    assert "<b>bold</b>" not in diverging
    assert "ann-keras run diverging_lr --set data.dataset=synthetic" in diverging
    assert "--set train.epochs=2 --set train.optimizer=sgd" in diverging


def test_unfinished_runs_are_listed_as_incomplete_never_as_results(pages):
    index = (pages / "index.html").read_text(encoding="utf-8")
    incomplete = index[index.index('id="incomplete"') :]
    assert "failed_run" in incomplete and "the data folder went away &lt;oops&gt;" in incomplete
    assert "killed_run" in incomplete and "stopped before finishing" in incomplete and "is gone" in incomplete
    for name in ("failed_run", "killed_run"):
        assert not (pages / name).exists() and f"{name}/report.html" not in index
    assert len(index[: index.index('id="incomplete"')].split("failed_run")) == 1  # not among the results


def test_a_diverged_run_is_named_with_its_epoch_and_learning_rate_not_shown_as_a_result(pages):
    page = read(pages, "diverging_lr")
    metrics = json.loads((pages / "diverging_lr" / "metrics.json").read_text())
    assert metrics["diverged"] and metrics["diverged_at_epoch"] == 1
    assert "Training diverged at epoch 1" in page and "learning rate 1e+30" in page
    headline = page[page.index('id="headline"') : page.index("</section>", page.index('id="headline"'))]
    assert "test_accuracy" not in headline and f"{metrics['test_accuracy']:.4f}" not in headline
    assert 'id="confusion"' not in page and 'id="misclassified"' not in page and 'id="per-class"' not in page
    comparison = page[page.index('id="comparison"') :]
    assert "diverged at epoch 1 (learning rate 1e+30)" in comparison
    index = (pages / "index.html").read_text(encoding="utf-8")
    row = index[
        index.index("diverging_lr/report.html") : index.index(
            "</tr>", index.index("diverging_lr/report.html")
        )
    ]
    assert "diverged at epoch 1" in row and f"{metrics['test_accuracy']:.4f}" not in row


def test_comparison_shows_mean_and_std_from_summary_csv(pages):
    page = read(pages, "hg7_2_deep_network")
    summary = pd.read_csv(pages / "hg7_2_deep_network" / "summary.csv").set_index("variant")
    row = summary.loc["relu_flatten_adam"]
    assert f"{row['test_accuracy_mean']:.4f} ± {row['test_accuracy_std']:.4f}" in page
    assert (
        "compare_curves.png" in page and page.count("<code>sigmoid_784</code>") >= 3
    )  # summary, and both seeds


def test_early_stopping_is_explained(pages):
    page = read(pages, "hg7_3_dropout_early_stopping")
    metrics = json.loads((pages / "hg7_3_dropout_early_stopping" / "metrics.json").read_text())
    assert metrics["stopped_early"]
    assert (
        f"early stopping stopped at epoch {metrics['epochs_run']}; the weights of epoch "
        f"{metrics['evaluated_epoch']} were restored" in page
    )
    assert f"The dashed line marks epoch {metrics['evaluated_epoch']}" in page


def test_single_run_page_has_every_section(pages):
    page = read(pages, "hg7_1_softmax_regression")
    for anchor in ("headline", "curves", "per-class", "confusion", "misclassified", "model", "reproduce"):
        assert f'id="{anchor}"' in page
    metrics = json.loads((pages / "hg7_1_softmax_regression" / "metrics.json").read_text())
    for c in metrics["per_class"]:
        assert c["name"] in page
    found = np.load(pages / "hg7_1_softmax_regression" / "misclassified.npz")
    assert len(found["images"]) > 0
    assert page.count('src="data:image/png;base64,') == min(48, len(found["images"]))
    assert "ann-keras run hg7_1_softmax_regression" in page and "7,850" in page


def test_tuner_search_lists_trials_best_first(pages):
    page = read(pages, "tune_fixture")
    search = json.loads((pages / "tune_fixture" / "search.json").read_text())
    trials = pd.read_csv(pages / "tune_fixture" / "trials.csv", dtype={"trial_id": str})
    table = page[page.index("Trials, best first") :]
    completed = trials.dropna(subset=["score"]).sort_values("score", ascending=False, kind="stable")
    positions = [table.index(f"<td>{trial_id}</td>") for trial_id in [*completed["trial_id"], "03"]]
    assert positions == sorted(positions)  # best first, the failed trial last
    assert "FAILED" in table and f"{search['best_score']:.4f}" in page
    assert page.index('id="search"') < page.index('id="headline"')
    assert "Test report of the retrained best model" in page
    for figure in (
        "trial_scores",
        "search_scores",
        "best_trial_curves",
    ):  # drawn from trials.csv and the rest
        assert f'src="report_files/{figure}.png"' in page


def test_custom_sections_and_facts(pages):
    page = read(pages, "custom_analysis")
    assert 'src="report_files/figures/relu.png"' in page and 'href="tables/activations.csv"' in page
    assert "zero_below" in page and "What it shows" in page


def test_korean_pages_keep_their_language_on_rebuild(report_results, tmp_path):
    results_dir = tmp_path / "results"
    results_dir.mkdir()
    shutil.copytree(report_results / "hg7_1_softmax_regression", results_dir / "hg7_1_softmax_regression")
    build_pages(results_dir, lang="ko")
    page = read(results_dir, "hg7_1_softmax_regression")
    assert '<html lang="ko">' in page and "클래스별 성능" in page and "티셔츠" in page
    assert "@font-face { font-family: 'Hangul'" in page  # Hangul shows even where no Korean font is installed
    assert page_language(results_dir) == "ko"
    from ann_keras import api

    before = (results_dir / "hg7_1_softmax_regression" / "report.html").stat().st_mtime_ns
    assert api.report(results_dir) == results_dir / "index.html"
    assert (
        results_dir / "hg7_1_softmax_regression" / "report.html"
    ).stat().st_mtime_ns == before  # nothing changed, nothing redrawn
    (results_dir / "hg7_1_softmax_regression" / "facts.json").write_text('{"added": 1}')
    built = build_pages(results_dir, lang=page_language(results_dir), force=False)
    assert built.rebuilt == ["hg7_1_softmax_regression"] and '<html lang="ko">' in read(
        results_dir, "hg7_1_softmax_regression"
    )


def test_serve_answers_on_loopback(pages):
    server = serve(pages, port=0)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        host, port = server.server_address[:2]
        assert host == "127.0.0.1"
        with urllib.request.urlopen(f"http://127.0.0.1:{port}/index.html", timeout=10) as response:
            assert response.status == 200 and b"hg7_1_softmax_regression/report.html" in response.read()
    finally:
        server.shutdown()
        server.server_close()


def test_report_command(pages, tmp_path):
    def ann_keras(*args):
        return subprocess.run(
            [sys.executable, "-m", "ann_keras", *args], capture_output=True, text=True, timeout=600
        )

    missing = ann_keras("report", "--results-dir", str(tmp_path / "nowhere"))
    assert (
        missing.returncode == 2 and "does not exist" in missing.stderr and "Traceback" not in missing.stderr
    )
    empty = tmp_path / "empty"
    empty.mkdir()
    result = ann_keras("report", "--results-dir", str(empty))
    assert result.returncode == 0, result.stderr
    assert result.stdout.splitlines()[-1] == f"Open in a browser: {empty.resolve() / 'index.html'}"
    assert "No results yet" in (empty / "index.html").read_text(encoding="utf-8")


def test_tables_show_the_decimals_an_experiment_asks_for():
    frame = pd.DataFrame({"name": ["h1"], "value": [0.519989340]})
    assert doc.frame_table(frame, decimals=8).rows == [["h1", "0.51998934"]]
    assert doc.frame_table(frame).rows == [["h1", "0.5200"]]


# ---------------------------------------------------------------- figures declared by experiments


def copy_of(report_results: Path, tmp_path: Path, name: str) -> tuple[Path, Path]:
    results_dir = tmp_path / "results"
    shutil.copytree(report_results / name, results_dir / name)
    return results_dir, results_dir / name


def test_a_declared_figure_is_drawn_from_its_table(report_results, tmp_path):
    results_dir, folder = copy_of(report_results, tmp_path, "custom_analysis")
    assert not list(folder.glob("figures/*.png"))  # the run declared the figure; it drew nothing
    build_pages(results_dir)
    png = folder / "report_files" / "figures" / "relu.png"
    drawn = png.read_bytes()
    build_pages(results_dir)  # drawn again from the same table: the same picture
    assert png.read_bytes() == drawn
    table = folder / "tables" / "activations.csv"
    frame = pd.read_csv(table)
    frame["relu(x - 3)"] *= 10
    frame.to_csv(table, index=False)
    built = build_pages(results_dir, force=False)
    assert built.rebuilt == ["custom_analysis"] and png.read_bytes() != drawn


def test_a_figure_without_its_table_is_damaged_and_an_unreadable_one_says_so(report_results, tmp_path):
    results_dir, folder = copy_of(report_results, tmp_path, "custom_analysis")
    table = folder / "tables" / "activations.csv"
    table.unlink()  # a file the run listed is gone: the whole experiment is damaged, not just its figure
    built = build_pages(results_dir)
    page = (folder / "report.html").read_text()
    assert built.damaged == {
        "custom_analysis": "sections.json: names tables/activations.csv, which is missing"
    }
    assert "relu.png" not in page and not (folder / "report_files" / "figures" / "relu.png").exists()
    table.write_text("")
    build_pages(results_dir)
    page = (folder / "report.html").read_text()
    assert "missing: tables/activations.csv (unreadable: " in page and "cannot be read as a table" in page


def test_a_figure_that_cannot_be_drawn_says_why_and_an_old_png_still_shows(report_results, tmp_path):
    results_dir, folder = copy_of(report_results, tmp_path, "custom_analysis")
    sections = json.loads((folder / "sections.json").read_text())
    next(s for s in sections if s["kind"] == "figure")["plot"] = "pie"
    # A figure section as older versions wrote it: a PNG the run drew itself.
    plots.draw(
        "learning_curves",
        pd.DataFrame({"loss": [1.0, 0.5], "accuracy": [0.6, 0.8]}),
        folder / "figures" / "old.png",
    )
    sections.append({"kind": "figure", "title": "Drawn by the run", "file": "figures/old.png"})
    (folder / "sections.json").write_text(json.dumps(sections))
    build_pages(results_dir)
    page = (folder / "report.html").read_text()
    assert (
        "cannot draw this figure from tables/activations.csv: ValueError: unknown figure kind &#x27;pie"
        in page
    )
    assert '<img src="figures/old.png" alt="Drawn by the run">' in page


def test_the_rows_a_figure_declares():
    frame = pd.DataFrame({"seed": [43, 42, 42, 44], "variant": ["a", "a", "b", "c"]})
    assert list(select(frame, {"seed": "first"}).index) == [1, 2]  # the smallest seed
    assert list(select(frame, {"variant": ["a", "c"]}).index) == [0, 1, 3]
    assert list(select(frame, {"seed": 44, "variant": "c"}).index) == [3]
    with pytest.raises(DataProblem, match="no column 'layer'"):
        select(frame, {"layer": 1})


# ---------------------------------------------------------------- one page, two renderings

NUMBER = re.compile(r"\d+(?:[.,]\d+)*(?:e[+-]?\d+)?")


class PageText(HTMLParser):
    """The text a reader sees in the body of a page, without the table of contents; the h2 titles."""

    def __init__(self):
        super().__init__()
        self.parts: list[str] = []
        self.titles: list[str] = []
        self.skipping = 0
        self.in_h2 = False

    def handle_starttag(self, name, attrs):
        self.skipping += name in ("head", "nav")
        self.in_h2 = self.in_h2 or name == "h2"
        if self.in_h2 and name == "h2":
            self.titles.append("")

    def handle_endtag(self, name):
        self.skipping -= name in ("head", "nav")
        self.in_h2 = self.in_h2 and name != "h2"

    def handle_data(self, data):
        if not self.skipping:
            self.parts.append(data)
            if self.in_h2:
                self.titles[-1] += data


def markdown_text(markdown: str) -> str:
    """What Markdown shows: images and link targets left out, escapes undone."""
    markdown = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", markdown)
    markdown = re.sub(r"\]\([^)]*\)", "]", markdown)
    return re.sub(r"\\(.)", r"\1", markdown)


def test_markdown_and_html_pages_hold_the_same_sections_and_numbers(pages):
    folders = sorted(p.parent for p in pages.glob("*/report.html"))
    assert len(folders) == 6
    for folder in folders:
        parser = PageText()
        parser.feed((folder / "report.html").read_text(encoding="utf-8"))
        markdown = (folder / "report.md").read_text(encoding="utf-8")
        titles = [line[3:] for line in markdown.splitlines() if line.startswith("## ")]
        assert titles == parser.titles and len(titles) >= 3, folder.name
        html_numbers = NUMBER.findall(" ".join(parser.parts))
        assert sorted(NUMBER.findall(markdown_text(markdown))) == sorted(html_numbers), folder.name
        assert len(html_numbers) > 20
