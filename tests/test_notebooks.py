"""The notebooks: built from their sources, and every one runs from top to bottom.

notebooks/*.ipynb are made by notebooks/build.py from notebooks/src/*.py; the first test
fails when a committed notebook differs from what its source builds (`make notebooks`).
Each notebook is then executed in a fresh Jupyter kernel (nbclient), with
ANN_KERAS_QUICK=1 (its setup cell trains every model on 512 / 256 / 256 images for one
epoch) and its results in a temporary folder; a cell that raises fails the test. What the
cells showed is checked too: the printed Keras programs compile as Python, and every
notebook that runs a Fashion-MNIST model shows at least one of the package's figures
inline (a PNG output).
"""

from __future__ import annotations

import ast
import importlib.util
import os
from pathlib import Path

import pytest

nbformat = pytest.importorskip("nbformat")
nbclient = pytest.importorskip("nbclient")
pytest.importorskip("jupytext")
pytest.importorskip("ipykernel")
pytest.importorskip("keras")

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
SPEC = importlib.util.spec_from_file_location("notebooks_build", NOTEBOOKS / "build.py")
build = importlib.util.module_from_spec(SPEC)
SPEC.loader.exec_module(build)
SOURCES = build.sources()


def test_every_section_has_a_notebook_built_from_its_source():
    assert len(SOURCES) == 7
    for source in SOURCES:
        committed = build.target(source)
        assert committed.is_file(), f"{committed.name} is missing: run `make notebooks`"
        assert committed.read_text(encoding="utf-8") == build.text(build.notebook(source)), (
            f"{committed.name} differs from {source.name}: run `make notebooks`"
        )
        notebook = nbformat.read(committed, as_version=4)
        assert all(not cell.get("outputs") for cell in notebook.cells if cell.cell_type == "code")
        assert "REPO_URL" in notebook.cells[2].source  # the first code cell installs the package


@pytest.fixture
def quick_env(tmp_path, monkeypatch, real_data_dir):
    monkeypatch.setenv("ANN_KERAS_QUICK", "1")
    monkeypatch.setenv("ANN_KERAS_RESULTS", str(tmp_path / "results"))
    monkeypatch.setenv("ANN_KERAS_DATA", str(real_data_dir))
    monkeypatch.setenv("TF_CPP_MIN_LOG_LEVEL", "3")
    monkeypatch.setenv("PYTHONPATH", os.pathsep.join(filter(None, [str(ROOT), os.environ.get("PYTHONPATH")])))
    return tmp_path


def printed_programs(notebook) -> list[str]:
    """The Keras programs the cells printed (a stream output that starts with the program's docstring)."""
    texts = [
        output.get("text", "")
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if output.get("output_type") == "stream"
    ]
    return [text for text in texts if text.startswith('"""Fashion-MNIST with Keras')]


@pytest.mark.parametrize("source", SOURCES, ids=[s.stem for s in SOURCES])
def test_notebook_runs_quick(source, quick_env):
    notebook = nbformat.read(build.target(source), as_version=4)
    client = nbclient.NotebookClient(
        notebook, timeout=600, kernel_name="python3", resources={"metadata": {"path": str(quick_env)}}
    )
    client.execute()  # raises CellExecutionError on the first cell that fails
    images = [
        output
        for cell in notebook.cells
        if cell.cell_type == "code"
        for output in cell.get("outputs", [])
        if "image/png" in output.get("data", {})
    ]
    assert images, "no figure was shown inline"
    programs = printed_programs(notebook)
    if "hml10_1" not in source.stem:  # 10.1 builds no Keras model
        assert programs, "no Keras program was printed"
    for program in programs:
        ast.parse(program)
    assert (quick_env / "results" / "index.html").is_file()
