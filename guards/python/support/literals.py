"""Values of string and number literals, without libcst's per-call `ast.literal_eval`."""

from __future__ import annotations

import ast
from functools import lru_cache

import libcst as cst


def string_literal_value(node: cst.SimpleString) -> str | bytes:
    """`node.evaluated_value` without its cost: libcst runs `ast.literal_eval` (a full compile)
    on every call. Plain literals are sliced; the rest are evaluated once per distinct spelling."""
    raw = node.value
    if raw[0] in "'\"" and "\\" not in raw and "\r" not in raw:
        quote = 3 if raw[:3] in ('"""', "'''") and len(raw) >= 6 else 1
        return raw[quote:-quote]
    return _evaluate_literal(raw)


@lru_cache(maxsize=4096)
def _evaluate_literal(raw: str):  # noqa: ANN202 - str, bytes, int or float, as the literal says
    return ast.literal_eval(raw)


def number_literal_value(node: cst.Integer | cst.Float) -> int | float:
    """`node.evaluated_value`, evaluated once per distinct spelling."""
    return _evaluate_literal(node.value)
