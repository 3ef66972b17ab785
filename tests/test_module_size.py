"""No module in guards/ or server/ grows past about 600 lines of code (a guard's examples not counted)
without saying, in its docstring, why it is one module ("One module because ...")."""

from __future__ import annotations

import ast
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
LIMIT = 600


def _code_lines(path: Path) -> tuple[int, str]:
    text = path.read_text(encoding="utf-8")
    tree = ast.parse(text)
    examples = sum(
        (node.end_lineno or node.lineno) - node.lineno + 1
        for node in ast.walk(tree)
        if isinstance(node, ast.Assign)
        and any(isinstance(t, ast.Name) and t.id in ("VALID", "INVALID") for t in node.targets)
    )
    return text.count("\n") + 1 - examples, ast.get_docstring(tree) or ""


def test_large_modules_say_why_they_are_one_module():
    unexplained = []
    for folder in ("guards", "server"):
        for path in sorted((ROOT / folder).rglob("*.py")):
            lines, doc = _code_lines(path)
            if lines > LIMIT and "One module because" not in doc:
                unexplained.append(f"{path.relative_to(ROOT)}: {lines} lines")
    assert not unexplained, "split these or say why they are one module:\n" + "\n".join(unexplained)


def test_the_size_count_leaves_examples_out(tmp_path: Path):
    module = tmp_path / "m.py"
    module.write_text('"""Doc."""\nVALID = [\n    1,\n    2,\n]\nx = 1\n')
    assert _code_lines(module) == (3, "Doc.")
