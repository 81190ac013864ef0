"""The README's Layout section names every module of the package, and the stages import one way."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "ann_keras"


def _layout() -> str:
    text = (ROOT / "README.md").read_text(encoding="utf-8")
    match = re.search(r"^## Layout\n(.*?)^## ", text, re.S | re.M)
    assert match, "README.md has no '## Layout' section"
    return match.group(1)


def test_the_readme_layout_names_every_module():
    layout = _layout()
    missing = []
    for path in sorted(PACKAGE.rglob("*.py")):
        if path.name in ("__init__.py", "__main__.py") and path.parent != PACKAGE:
            continue
        relative = path.relative_to(PACKAGE)
        folder = relative.parts[0] + "/" if len(relative.parts) > 1 else ""
        # a top-level module by its path, a module in a folder by its file name under the folder's line
        named = f"ann_keras/{relative.as_posix()}" in layout or (
            folder and f"ann_keras/{folder}" in layout and re.search(rf"\b{re.escape(path.name)}\b", layout)
        )
        if not named:
            missing.append(relative.as_posix())
    assert not missing, f"README.md's Layout does not name: {', '.join(missing)}"


def _imports(path: Path) -> set[str]:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    names = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            names.update(alias.name for alias in node.names)
        elif isinstance(node, ast.ImportFrom) and node.module:
            names.add(node.module)
    return names


def test_the_report_stage_imports_no_keras_and_no_training():
    for path in sorted((PACKAGE / "report").rglob("*.py")):
        bad = {
            name
            for name in _imports(path)
            if name.split(".")[0] in ("keras", "tensorflow", "jax")
            or name.startswith(("ann_keras.training", "ann_keras.pipeline", "ann_keras.tuning"))
        }
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"
