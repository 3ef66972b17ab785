"""Methods as units of judgement: their words, their text with the same-class helpers they call, and whether they
compare two given names. The flow guards (approvals, offboarding, invitations, unguarded endpoints) read these."""

from __future__ import annotations

from .context import JavaContext
from .judge import words
from .tree import Node


def methods(ctx: JavaContext) -> list[tuple[Node, str]]:
    """Every method declaration with its name, in source order (cached per file)."""
    cached = ctx.shared.get("java_methods")
    if cached is None:
        cached = [(m, ctx.function_name(m)) for m in ctx.nodes("method_declaration")]
        ctx.shared["java_methods"] = cached
    return cached


def method_words(ctx: JavaContext, method: Node) -> set[str]:
    return words(ctx.function_name(method))


def unit_text(ctx: JavaContext, method: Node, depth: int = 2) -> str:
    """The method's body plus the bodies of same-file methods it calls (two levels)."""
    texts = [ctx.text(ctx.body(method))]
    if depth == 0:
        return texts[0]
    by_name: dict[str, list[Node]] = {}
    for other, name in methods(ctx):
        by_name.setdefault(name, []).append(other)
    seen: set[str] = set()
    for call in ctx.descendants(ctx.body(method), ("method_invocation",)):
        receiver = ctx.receiver(call)
        if receiver is not None and ctx.text(receiver) != "this":
            continue
        name = ctx.method_name(call)
        if name in seen:
            continue
        seen.add(name)
        for helper in by_name.get(name, ()):
            if helper != method:
                texts.append(unit_text(ctx, helper, depth - 1))
    return "\n".join(texts)


def report_node(method: Node) -> Node:
    """Where a finding about a whole method goes: its name, on the declaration line."""
    return method.child_by_field_name("name") or method
