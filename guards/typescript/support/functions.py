"""Functions as units of judgement: the named functions of a file, their words, their text and the same-file
helpers they call. The flow guards (offboarding, invitations, approvals, OAuth callbacks) read these."""

from __future__ import annotations

from ...python.support.words import identifier_words
from .context import ScriptContext
from .tree import FUNCTION_TYPES, Node


def named_functions(ctx: ScriptContext) -> list[tuple[Node, str]]:
    """Every function with a name (declared, a method, bound to a variable or key, or a route handler)."""
    cached = ctx.shared.get("named_functions")
    if cached is None:
        cached = []
        for node_type in FUNCTION_TYPES:
            for function in ctx.nodes(node_type):
                name = ctx.function_name(function)
                if name:
                    cached.append((function, name))
        cached.sort(key=lambda item: item[0].start_byte)
        ctx.shared["named_functions"] = cached
    return cached


def name_words(name: str) -> set[str]:
    return set(identifier_words(name.replace("/", " ").replace("-", " ").replace(":", " ")))


def unit_text(ctx: ScriptContext, function: Node, depth: int = 2) -> str:
    """The function's text plus that of same-file helpers it calls (two levels), for "does it ever ..." checks."""
    texts = [ctx.text(function)]
    if depth == 0:
        return texts[0]
    helpers: dict[str, list[Node]] = {}
    for fn, name in named_functions(ctx):
        helpers.setdefault(name, []).append(fn)
    called = set()
    for call in ctx.descendants(function, ("call_expression",)):
        callee = ctx.last_name(ctx.text(call.child_by_field_name("function")))
        if callee in called:
            continue
        called.add(callee)
        for helper in helpers.get(callee, ()):
            if helper != function:
                texts.append(unit_text(ctx, helper, depth - 1))
    return "\n".join(texts)


def header(function: Node) -> Node:
    """Where a finding about a whole function goes: the function itself (its first line is the header)."""
    return function
