"""`time.Duration` expressions, and the policy limits they are judged against (the same `limits.*` and kind
words as the Python and TypeScript lifetime guards)."""

from __future__ import annotations

import re

from ...python.support.lifetimes import credential_lifetime_kind, describe_seconds, lifetime_limit_seconds
from .context import GoContext
from .tree import Node

__all__ = [
    "credential_lifetime_kind",
    "describe_seconds",
    "duration_seconds",
    "expiry_offset_seconds",
    "lifetime_limit_seconds",
]

_UNITS = {
    "Nanosecond": 1e-9,
    "Microsecond": 1e-6,
    "Millisecond": 1e-3,
    "Second": 1.0,
    "Minute": 60.0,
    "Hour": 3600.0,
}
_PARSED = re.compile(r"(\d+(?:\.\d+)?)(ns|us|µs|ms|s|m|h)")
_PARSED_UNITS = {"ns": 1e-9, "us": 1e-6, "µs": 1e-6, "ms": 1e-3, "s": 1.0, "m": 60.0, "h": 3600.0}


def duration_seconds(ctx: GoContext, node: Node | None, depth: int = 6) -> float | None:
    """Seconds of a `time.Duration`: `time.Hour * 24 * 365`, `15 * time.Minute`, `time.Duration(n) * time.Hour`
    with `n` a constant, `tokenTTL` bound to one, `time.ParseDuration("720h")`; None when not a constant."""
    node = ctx.resolve(node)
    if node is None or depth == 0:
        return None
    if node.type == "selector_expression":
        if ctx.qualname(node).startswith("time.") and ctx.last_name(ctx.qualname(node)) in _UNITS:
            return _UNITS[ctx.last_name(ctx.qualname(node))]
        return None
    if node.type == "binary_expression":
        op = ctx.text(node.child_by_field_name("operator"))
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if op == "*":
            for a, b in ((left, right), (right, left)):
                unit = duration_seconds(ctx, a, depth - 1)
                factor = ctx.number_value(b)
                if unit is not None and factor is not None:
                    return unit * factor
            return None
        if op in ("+", "-"):
            first, second = duration_seconds(ctx, left, depth - 1), duration_seconds(ctx, right, depth - 1)
            if first is not None and second is not None:
                return first + second if op == "+" else first - second
        return None
    if node.type in ("call_expression", "type_conversion_expression"):
        name = ctx.call_name(node) if node.type == "call_expression" else ctx.text(node.child_by_field_name("type"))
        args = ctx.args(node) if node.type == "call_expression" else [node.child_by_field_name("operand")]
        if name in ("time.Duration",) and len(args) == 1:
            inner = duration_seconds(ctx, args[0], depth - 1)
            if inner is not None:
                return inner
            number = ctx.number_value(args[0])
            return number * 1e-9 if number is not None else None
        if name in ("time.ParseDuration", "time.MustParseDuration") and args:
            text = ctx.string_value(args[0])
            if text:
                matches = _PARSED.findall(text)
                if matches:
                    return sum(float(n) * _PARSED_UNITS[u] for n, u in matches)
    return None


def expiry_offset_seconds(ctx: GoContext, node: Node | None, depth: int = 5) -> float | None:
    """How far in the future an expiry lies: `time.Now().Add(d)`, `.Add(d).Unix()`, `jwt.NewNumericDate(...)`,
    `time.Now().AddDate(1, 0, 0)`, `now.Add(d)` with `now := time.Now()`; None when not written from now."""
    node = ctx.resolve(node)
    if node is None or depth == 0 or node.type != "call_expression":
        return None
    name = ctx.call_name(node)
    last = ctx.last_name(name)
    args = ctx.args(node)
    function = node.child_by_field_name("function")
    receiver = (
        function.child_by_field_name("operand")
        if function is not None and function.type == "selector_expression"
        else None
    )
    if last in ("Unix", "UnixMilli", "UTC", "Round", "Truncate") and receiver is not None and not args:
        return expiry_offset_seconds(ctx, receiver, depth - 1)
    if last in ("NewNumericDate", "At") and len(args) == 1:
        return expiry_offset_seconds(ctx, args[0], depth - 1)
    if last == "Add" and len(args) == 1 and receiver is not None and _is_now(ctx, receiver):
        return duration_seconds(ctx, args[0])
    if last == "AddDate" and len(args) == 3 and receiver is not None and _is_now(ctx, receiver):
        years, months, days = (ctx.number_value(a) for a in args)
        if years is None or months is None or days is None:
            return None
        return years * 31557600 + months * 2629800 + days * 86400
    return None


def _is_now(ctx: GoContext, node: Node) -> bool:
    resolved = ctx.resolve(node)
    if resolved is None or resolved.type != "call_expression":
        return False
    name = ctx.call_name(resolved)
    if name == "time.Now":
        return True
    last = ctx.last_name(name)
    function = resolved.child_by_field_name("function")
    receiver = (
        function.child_by_field_name("operand")
        if function is not None and function.type == "selector_expression"
        else None
    )
    return last in ("UTC", "Round", "Truncate") and receiver is not None and _is_now(ctx, receiver)
