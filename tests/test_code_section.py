"""The "Keras code" section of an experiment's page (report/code_section.py).

Built on the genuine result files of tests/report_fixtures.py. The references: the
program `ak.keras_code` writes for the config the run saved (with its Keras name checks,
the public path), and for a comparison each variant's program rebuilt by applying the
page's unified diff to the first variant's program (a small patcher written here).
"""

from __future__ import annotations

import html
import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from test_report_browser import browser  # noqa: F401 (the Chromium fixture, by name)

import ann_keras as ak
from ann_keras import config as cfg
from ann_keras import files
from ann_keras.report import build_pages, markdown
from ann_keras.report import document as doc

FENCE = re.compile(r"^```(python|diff)\n(.*?)\n```$", re.MULTILINE | re.DOTALL)


def keras_section(page_md: str) -> str:
    start = page_md.index("## Keras code")
    end = page_md.index("\n## ", start + 1)
    return page_md[start:end]


def program_of(folder: Path) -> str:
    return ak.keras_code(cfg.from_dict(files.read_json(folder / "config.json")))


def patch(original: str, diff: str) -> str:
    """`original` with a unified diff applied (hunks in order, context checked)."""
    lines, out, at = original.split("\n"), [], 0
    hunks = re.split(r"^(@@ -\d+(?:,\d+)? \+\d+(?:,\d+)? @@.*)$", diff, flags=re.MULTILINE)
    for header, body in zip(hunks[1::2], hunks[2::2]):
        start = int(re.match(r"@@ -(\d+)", header).group(1)) - 1
        start = start if start >= 0 else 0
        out += lines[at:start]
        at = start
        for line in body.strip("\n").split("\n"):
            kind, text = line[:1], line[1:]
            if kind in (" ", "-"):
                assert lines[at] == text, f"context differs at line {at + 1}: {lines[at]!r} != {text!r}"
                at += 1
            if kind in (" ", "+"):
                out.append(text)
    return "\n".join(out + lines[at:])


def test_patcher_against_difflib():
    import difflib

    first = "a\nb\nc\nd\ne\nf\ng\nh\ni\nj"
    other = "a\nB\nc\nd\ne\nf\ng\nh\nJ\nk"
    diff = "\n".join(difflib.unified_diff(first.split("\n"), other.split("\n"), lineterm="", n=1))
    assert patch(first, diff.split("\n", 2)[2]) == other


def test_a_single_run_shows_its_program(report_pages):
    folder = report_pages / "hg7_1_softmax_regression"
    section = keras_section((folder / "report.md").read_text(encoding="utf-8"))
    blocks = FENCE.findall(section)
    assert [kind for kind, _ in blocks] == ["python"]
    assert blocks[0][1] + "\n" == program_of(folder)
    page = (folder / "report.html").read_text(encoding="utf-8")
    shown = re.search(r'<div class="code">.*?<pre>(.*?)</pre>', page, re.DOTALL).group(1)
    assert html.unescape(shown) + "\n" == program_of(folder)
    assert 'class="copy"' in page and "navigator.clipboard" in page and "execCommand" in page
    assert "<script src" not in page and "http" not in page.split("<script>")[1].split("</script>")[0]


def test_a_comparison_shows_each_variant_as_a_diff_against_the_first(report_pages):
    folder = report_pages / "hg7_2_deep_network"
    run = files.read_json(folder / "run.json")
    variants = list(run["variants"])
    section = keras_section((folder / "report.md").read_text(encoding="utf-8"))
    blocks = FENCE.findall(section)
    assert [kind for kind, _ in blocks] == ["python"] + ["diff"] * (len(variants) - 1)
    fit = {u["variant"]: folder / u["path"] for u in run["fits"]}  # each variant's first seed
    first = program_of(fit[variants[0]])
    assert blocks[0][1] + "\n" == first
    for variant, (_, diff) in zip(variants[1:], blocks[1:]):
        assert diff.startswith(f"--- {variants[0]}.py\n+++ {variant}.py\n")
        wanted = program_of(fit[variant])
        assert wanted != first
        assert patch(first, diff.split("\n", 2)[2]) == wanted
    page = (folder / "report.html").read_text(encoding="utf-8")
    copied = [html.unescape(t) for t in re.findall(r'<button [^>]*data-text="([^"]*)"', page)]
    assert copied == [program_of(fit[v]) for v in variants[1:]]  # the button copies the whole program


def test_runs_without_a_keras_model_have_no_code_section(report_pages):
    page = (report_pages / "custom_analysis" / "report.md").read_text(encoding="utf-8")
    assert "## Keras code" not in page


def test_korean_page_and_markdown_fences(report_results, tmp_path):
    results_dir = tmp_path / "results"
    shutil.copytree(report_results, results_dir)
    build_pages(results_dir, lang="ko", only=["hg7_1_softmax_regression"])
    page = (results_dir / "hg7_1_softmax_regression" / "report.html").read_text(encoding="utf-8")
    assert "케라스 코드" in page and ">복사</button>" in page and 'data-copied="복사됨"' in page
    fenced = markdown.block(doc.CodeBlock('print("```")\n'))
    assert fenced == ["~~~~python", 'print("```")', "~~~~"]


def test_the_pages_code_is_written_without_keras(report_results, tmp_path):
    results_dir = tmp_path / "results"
    shutil.copytree(report_results, results_dir)
    code = (
        "import sys; from pathlib import Path; from ann_keras.report import build_pages; "
        f"build_pages(Path({str(results_dir)!r}), force=True); "
        "print(sorted(m for m in ('keras', 'tensorflow', 'jax', 'torch') if m in sys.modules))"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=300)
    assert result.returncode == 0 and result.stdout.strip().endswith("[]"), result.stderr
    assert "## Keras code" in (results_dir / "hg7_3_dropout_early_stopping" / "report.md").read_text()


# What the page's clipboard does, swapped in before the click: the Clipboard API, or none of it
# (as where the page may not use it) with execCommand("copy") working, or failing too.
CLIPBOARDS = {
    "clipboard_api": "Object.defineProperty(navigator, 'clipboard', {configurable: true, value: "
    "{writeText: function (t) { window.copied = t; return Promise.resolve(); }}});"
    "Object.defineProperty(window, 'isSecureContext', {configurable: true, value: true});",
    "exec_command": "Object.defineProperty(navigator, 'clipboard', {configurable: true, value: undefined});"
    "document.execCommand = function () { window.copied = document.activeElement.value; return true; };",
    "nothing": "Object.defineProperty(navigator, 'clipboard', {configurable: true, value: undefined});"
    "document.execCommand = function () { return false; };",
}


@pytest.mark.parametrize("clipboard", list(CLIPBOARDS))
def test_copy_button_in_chromium(report_pages, request, clipboard):
    """On a file:// page the button copies the whole program, by whichever way the page may."""
    driver = request.getfixturevalue("browser")
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import WebDriverWait

    folder = report_pages / "hg7_2_deep_network"  # the second block: a diff, whose button copies the program
    driver.get((folder / "report.html").as_uri())
    driver.execute_script(CLIPBOARDS[clipboard])
    button = driver.find_elements(By.CSS_SELECTOR, ".code button.copy")[1]
    driver.execute_script("arguments[0].scrollIntoView()", button)
    assert button.text == "Copy"
    button.click()
    label = WebDriverWait(driver, 2, 0.02).until(
        lambda d: (t := d.execute_script("return arguments[0].textContent", button)) != "Copy" and t
    )
    run = files.read_json(folder / "run.json")
    second = next(u for u in run["fits"] if u["variant"] == list(run["variants"])[1])
    wanted = program_of(folder / second["path"])
    if clipboard == "nothing":
        assert label == "Selected: press Ctrl+C"
        box = driver.execute_script(
            "var t = document.querySelectorAll('textarea.copy-source')[0];"
            "return [t.hidden, t.value.substring(t.selectionStart, t.selectionEnd)];"
        )
        assert box == [False, wanted]  # the whole program shown under the diff, selected for Ctrl+C
    else:
        assert label == "Copied"
        assert driver.execute_script("return window.copied") == wanted
    errors = [e for e in driver.get_log("browser") if e["level"] == "SEVERE"]
    assert not errors, errors


def test_result_tables_and_figures_for_notebooks(report_pages):
    import pandas as pd

    folder = report_pages / "hg7_2_deep_network"
    result = ak.Result(folder)
    pngs = sorted(
        p.relative_to(folder / "report_files").as_posix() for p in (folder / "report_files").rglob("*.png")
    )
    assert sorted(f"{name}.png" for name in result.figures) == pngs and pngs
    assert list(result.figures)[0] == "learning_curves"
    custom = ak.Result(report_pages / "custom_analysis")
    csvs = sorted((custom.path / "tables").glob("*.csv"))
    assert list(custom.tables) == [p.stem for p in csvs] and csvs
    for path in csvs:
        pd.testing.assert_frame_equal(custom.tables[path.stem], pd.read_csv(path))
