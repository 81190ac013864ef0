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
            names.update(f"{node.module}.{alias.name}" for alias in node.names)
    return names


# What the report stage may read of the other stages: which experiments there are and what they
# declare (the registry), and a search's defaults; neither imports Keras.
REPORT_MAY_IMPORT = ("ann_keras.pipeline.experiments", "ann_keras.tuning.plan")


def test_the_report_stage_imports_no_keras_and_no_training():
    for path in sorted((PACKAGE / "report").rglob("*.py")):
        bad = {
            name
            for name in _imports(path)
            if name.split(".")[0] in ("keras", "tensorflow", "jax")
            or (
                name.startswith(("ann_keras.training", "ann_keras.pipeline", "ann_keras.tuning"))
                and not name.startswith(REPORT_MAY_IMPORT)
            )
        }
        assert not bad, f"{path.relative_to(ROOT)} imports {sorted(bad)}"
