"""Functions as units of judgement: the named functions of a file (declared, methods, closures bound to a
name, inline route handlers), their words, and their text with the same-file helpers they call. The flow
guards (approvals, invitations) read these."""

from __future__ import annotations

from .context import GoContext
from .judge import words
from .tree import FUNCTION_TYPES, Node


def named_functions(ctx: GoContext) -> list[tuple[Node, str]]:
    """Every function with a name, in source order (a method as `Type.Method`, a route handler as `Post /path`)."""
    cached = ctx.shared.get("named_functions")
    if cached is None:
        cached = []
        for node_type in FUNCTION_TYPES:
            for function in ctx.nodes(node_type):
                name = ctx.function_name(function)
                if name and (
                    node_type != "func_literal" or function.parent is None or function.parent.type != "return_statement"
                ):
                    cached.append((function, name))
        cached.sort(key=lambda item: item[0].start_byte)
        ctx.shared["named_functions"] = cached
    return cached


def name_words(name: str) -> set[str]:
    return words(name.replace(".", "_").replace(":", "_").replace("{", "_").replace("}", "_"))


def unit_text(ctx: GoContext, function: Node, depth: int = 2) -> str:
    """The function's text plus that of same-file functions it calls (two levels), for "does it ever ..." checks."""
    texts = [ctx.text(function)]
    if depth == 0:
        return texts[0]
    seen: set[int] = {function.id}
    for call in ctx.descendants(function, ("call_expression",)):
        callee = ctx.callee_function(call)
        if callee is not None and callee.id not in seen:
            seen.add(callee.id)
            texts.append(unit_text(ctx, callee, depth - 1))
    return "\n".join(texts)


def header(function: Node) -> Node:
    """Where a finding about a whole function goes: its first line (the `func` line)."""
    return function
