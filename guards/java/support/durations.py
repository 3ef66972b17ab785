"""Token lifetimes written in Java: `new Date(System.currentTimeMillis() + 86_400_000L)`,
`Date.from(Instant.now().plus(Duration.ofDays(365)))`, `now.plus(30, ChronoUnit.DAYS)`, `plusSeconds(3600)`,
constants followed; and the policy limits they are judged against (the same `limits.*` and kind words as the
Python and TypeScript lifetime guards)."""

from __future__ import annotations

import re

from ...python.support.lifetimes import credential_lifetime_kind, describe_seconds, lifetime_limit_seconds
from .context import JavaContext
from .tree import Node

__all__ = ["credential_lifetime_kind", "describe_seconds", "lifetime_limit_seconds", "lifetime_seconds"]

_UNIT = {
    "NANOS": 1e-9,
    "MICROS": 1e-6,
    "MILLIS": 0.001,
    "SECONDS": 1,
    "MINUTES": 60,
    "HOURS": 3600,
    "HALF_DAYS": 43200,
    "DAYS": 86400,
    "WEEKS": 604800,
    "MONTHS": 2629746,
    "YEARS": 31556952,
    "DECADES": 315569520,
    "CENTURIES": 3155695200,
    "MILLENNIA": 31556952000,
    "FOREVER": 1e18,
}
_PLUS = {
    "plusNanos": 1e-9,
    "plusMillis": 0.001,
    "plusSeconds": 1,
    "plusMinutes": 60,
    "plusHours": 3600,
    "plusDays": 86400,
    "plusWeeks": 604800,
    "plusMonths": 2629746,
    "plusYears": 31556952,
}
_DURATION = {
    "ofMillis": 0.001,
    "ofSeconds": 1,
    "ofMinutes": 60,
    "ofHours": 3600,
    "ofDays": 86400,
}
_NOW_MILLIS = ("currentTimeMillis", "getTime", "toEpochMilli")


def _unit(ctx: JavaContext, node: Node | None) -> float | None:
    text = ctx.text(ctx.resolve(node)).rsplit(".", 1)[-1]
    if text in _UNIT:
        return _UNIT[text]
    if text in ("MILLISECONDS", "SECONDS", "MINUTES", "HOURS", "DAYS"):  # TimeUnit
        return {"MILLISECONDS": 0.001, "SECONDS": 1, "MINUTES": 60, "HOURS": 3600, "DAYS": 86400}[text]
    return None


def duration_value(ctx: JavaContext, node: Node | None, depth: int = 5) -> float | None:
    """Seconds of a `Duration` expression: `Duration.ofDays(7)`, `Duration.of(30, ChronoUnit.DAYS)`,
    `TimeUnit.DAYS.toMillis(7)` (as seconds), a constant holding one."""
    node = ctx.resolve(node)
    if node is None or depth == 0 or node.type != "method_invocation":
        return None
    method = ctx.method_name(node)
    if method in _DURATION:
        number = ctx.number_value(ctx.arg(node, 0))
        return number * _DURATION[method] if number is not None else None
    if method == "of" and len(ctx.args(node)) == 2:
        number, unit = ctx.number_value(ctx.arg(node, 0)), _unit(ctx, ctx.arg(node, 1))
        return number * unit if number is not None and unit is not None else None
    if method in ("toMillis", "toSeconds"):
        unit = _unit(ctx, ctx.receiver(node))
        number = ctx.number_value(ctx.arg(node, 0))
        if unit is not None and number is not None:
            return number * unit
    return None


def configured_default(ctx: JavaContext, node: Node | None) -> float | None:
    """The numeric default of a field injected with `@Value("${jwt.expiration-ms:604800000}")`: what runs when the
    property is not set."""
    node = ctx.unwrap(node)
    if node is not None and node.type == "field_access":
        node = node.child_by_field_name("field")
    if node is None or node.type != "identifier":
        return None
    name = ctx.text(node)
    for declaration in ctx.nodes("field_declaration"):
        declarators = [d for d in declaration.named_children if d.type == "variable_declarator"]
        if not any(ctx.text(d.child_by_field_name("name")) == name for d in declarators):
            continue
        annotation = ctx.has_annotation(declaration, "Value")
        value = ctx.string_value(ctx.annotation_value(annotation)) if annotation is not None else None
        match = re.fullmatch(r"\$\{[^:}]+:\s*([0-9_]+)[lL]?\s*\}", value or "")
        if match:
            return float(match.group(1).replace("_", ""))
    return None


def _millis_offset(ctx: JavaContext, node: Node | None, depth: int = 5) -> float | None:
    """Milliseconds added to "now" in `now + N` (N a number, constant, `TimeUnit.DAYS.toMillis(7)`, or the
    default of an `@Value` field)."""
    number = ctx.number_value(node)
    if number is None:
        number = configured_default(ctx, node)
    if number is not None:
        return number
    seconds = duration_value(ctx, node, depth)
    if seconds is not None:
        resolved = ctx.resolve(node)
        method = ctx.method_name(resolved)
        return seconds * 1000 if method in ("toMillis",) or method in _DURATION or method == "of" else seconds
    return None


def lifetime_seconds(ctx: JavaContext, node: Node | None, depth: int = 6) -> float | None:
    """Seconds from now until the instant `node` computes, or None when it cannot be read."""
    node = ctx.resolve(node)
    if node is None or depth == 0:
        return None
    kind = node.type
    if kind == "object_creation_expression":  # new Date(System.currentTimeMillis() + N)
        if ctx.type_name(node).endswith("Date"):
            return lifetime_seconds(ctx, ctx.arg(node, 0), depth - 1)
        return None
    if kind == "binary_expression" and ctx.operator(node) == "+":
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        for now, offset in ((left, right), (right, left)):
            resolved = ctx.resolve(now)
            if (
                resolved is not None
                and resolved.type == "method_invocation"
                and ctx.method_name(resolved) in _NOW_MILLIS
            ):
                millis = _millis_offset(ctx, offset)
                return millis / 1000 if millis is not None else None
            if resolved is not None and resolved.type == "identifier" and "now" in ctx.text(resolved).lower():
                millis = _millis_offset(ctx, offset)
                return millis / 1000 if millis is not None else None
        return None
    if kind == "method_invocation":
        method = ctx.method_name(node)
        if method in ("from", "valueOf", "toDate", "toInstant"):  # Date.from(instant)
            return lifetime_seconds(ctx, ctx.arg(node, 0) or ctx.receiver(node), depth - 1)
        if method in _PLUS:
            number = ctx.number_value(ctx.arg(node, 0))
            return number * _PLUS[method] if number is not None else None
        if method == "plus":
            args = ctx.args(node)
            if len(args) == 2:
                number, unit = ctx.number_value(args[0]), _unit(ctx, args[1])
                return number * unit if number is not None and unit is not None else None
            if len(args) == 1:
                return duration_value(ctx, args[0])
    return None
