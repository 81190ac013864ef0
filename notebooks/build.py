"""Builds notebooks/*.ipynb from their sources, notebooks/src/*.py (jupytext percent format).

    python notebooks/build.py           # or: make notebooks
    python notebooks/build.py --check   # exit 1 when a committed notebook differs from its source

Each notebook is its section's source with the cells of src/_setup.py (install the package
where it is missing, get the data, the quick setting) put after the title cell, so every
notebook starts the same way. The notebooks are written without outputs.
"""

from __future__ import annotations

import sys
from pathlib import Path

import jupytext
import nbformat

HERE = Path(__file__).resolve().parent
SOURCES = HERE / "src"
SETUP = SOURCES / "_setup.py"
KERNEL = {"name": "python3", "display_name": "Python 3", "language": "python"}


def sources() -> list[Path]:
    """The sections' sources, in the books' order (their names start with a number)."""
    return sorted(path for path in SOURCES.glob("*.py") if not path.name.startswith("_"))


def target(source: Path) -> Path:
    return HERE / f"{source.stem}.ipynb"


def notebook(source: Path) -> nbformat.NotebookNode:
    """The notebook of one source: its title cell, the setup cells, then the rest of its cells."""
    section = jupytext.read(source, fmt="py:percent")
    setup = jupytext.read(SETUP, fmt="py:percent")
    built = nbformat.v4.new_notebook()
    built.metadata = {"kernelspec": KERNEL, "language_info": {"name": "python"}, "colab": {"provenance": []}}
    cells = [section.cells[0], *setup.cells, *section.cells[1:]]
    for i, cell in enumerate(cells):
        cell = nbformat.from_dict(dict(cell))
        cell.id = f"{source.stem[:40]}-{i}"
        cell.metadata = {key: value for key, value in cell.metadata.items() if key == "tags"}
        if cell.cell_type == "code":
            cell.outputs, cell.execution_count = [], None
        built.cells.append(cell)
    nbformat.validate(built)
    return built


def text(nb: nbformat.NotebookNode) -> str:
    return nbformat.writes(nb) + "\n"


def main(argv: list[str]) -> int:
    unknown = [a for a in argv if a != "--check"]
    if unknown or "-h" in argv:
        print(
            f"usage: python notebooks/build.py [--check]  (build the notebooks from notebooks/src; "
            f"--check only says which differ){'' if not unknown else f'; unknown: {unknown[0]}'}",
            file=sys.stderr,
        )
        return 2
    check = "--check" in argv
    stale = []
    for source in sources():
        path, wanted = target(source), text(notebook(source))
        if path.is_file() and path.read_text(encoding="utf-8") == wanted:
            continue
        if check:
            stale.append(path.name)
        else:
            path.write_text(wanted, encoding="utf-8")
            print(f"  wrote {path.relative_to(HERE.parent)}")
    if stale:
        names = ", ".join(stale)
        print(f"notebooks differ from their sources: {names}; run `make notebooks`", file=sys.stderr)
        return 1
    print(f"{len(sources())} notebooks in {HERE} match their sources in {SOURCES}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
