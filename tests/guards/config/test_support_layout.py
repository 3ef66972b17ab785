"""The config support package: small modules, each documented, none importing the engine."""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

SUPPORT = Path(__file__).resolve().parents[3] / "guards" / "config" / "support"
MODULES = sorted(SUPPORT.glob("*.py"))


@pytest.mark.parametrize("path", MODULES, ids=lambda p: p.name)
def test_module_is_documented_small_and_does_not_import_the_engine(path: Path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    assert ast.get_docstring(tree), f"{path.name} has no module docstring"
    assert len(path.read_text(encoding="utf-8").splitlines()) <= 500
    for node in ast.walk(tree):
        if isinstance(node, ast.ImportFrom):
            assert not (node.module or "").endswith("engine"), f"{path.name} imports the engine"
        # idguard's own modules are imported at module level: a function-level import hides a cycle
        # (a third-party parser loaded on first use, such as python-hcl2, is fine).
        if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
            inner = [n for n in ast.walk(node) if isinstance(n, ast.ImportFrom) and n.level > 0]
            assert inner == [], f"{path.name}:{node.name} imports an idguard module inside a function"
