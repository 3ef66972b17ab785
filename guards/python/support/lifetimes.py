"""Credential lifetimes: which limit a name speaks about, and offsets from now."""

from __future__ import annotations

import libcst as cst

from ...policy import Policy
from .context import PythonContext
from .walk import walk
from .words import identifier_words


# Which lifetime limit a name speaks about: most specific first.
def credential_lifetime_kind(words: set[str]) -> str | None:
    """'refresh' / 'invite' / 'api_key' / 'session' / 'access' from identifier words, or None."""
    if "refresh" in words:
        return "refresh"
    if words & {
        "invite",
        "invites",
        "invitation",
        "invitations",
        "magic",
        "reset",
        "confirm",
        "confirmation",
        "verification",
        "activation",
        "onboarding",
    }:
        return "invite"
    if "apikey" in words or {"api", "key"} <= words or "pat" in words:
        return "api_key"
    if words & {"session", "sessions", "cookie", "remember"}:
        return "session"
    # "access" alone is not enough: an `AccessGrant` or `ACCESS_REVIEW_PERIOD` is not a bearer token.
    if words & {"token", "tokens", "jwt", "bearer"}:
        return "access"
    return None


def lifetime_limit_seconds(policy: Policy, kind: str) -> int:
    limits = policy.limits
    return {
        "refresh": limits.max_refresh_token_ttl_seconds,
        "invite": limits.max_invite_ttl_seconds,
        "api_key": limits.max_api_key_ttl_seconds,
        "session": limits.max_session_ttl_seconds,
        "access": limits.max_access_token_ttl_seconds,
    }[kind]


def describe_seconds(seconds: float) -> str:
    """A lifetime for humans: 3600 -> '1 h', 2592000 -> '30 d'."""
    if seconds >= 86400 and seconds % 3600 == 0:
        days = seconds / 86400
        return f"{days:g} d"
    if seconds >= 3600:
        return f"{seconds / 3600:g} h"
    if seconds >= 60:
        return f"{seconds / 60:g} min"
    return f"{seconds:g} s"


_NOW_CALLS = frozenset(
    {
        "datetime.datetime.now",
        "datetime.datetime.utcnow",
        "datetime.now",
        "datetime.utcnow",
        "time.time",
        "time.time_ns",
        "time.monotonic",
        "django.utils.timezone.now",
        "timezone.now",
        "arrow.utcnow",
        "pendulum.now",
        "datetime.datetime.today",
    }
)


_NOW_WORDS = frozenset({"now", "iat", "issued"})


def _mentions_now(ctx: PythonContext, expr: cst.CSTNode) -> bool:
    for node in walk(expr):
        if type(node) is cst.Call and (ctx.call_name(node) or "") in _NOW_CALLS:
            return True
        if type(node) is cst.Name and _NOW_WORDS.intersection(identifier_words(node.value)):
            return True
    return False


def is_now(ctx: PythonContext, expr: cst.BaseExpression | None) -> bool:
    """Whether `expr` is (derived from) the current time: `datetime.now(UTC)`,
    `int(time.time())`, `now`, `issued_at`."""
    if expr is None:
        return False
    resolved = ctx.resolve(expr)
    if _mentions_now(ctx, resolved or expr):
        return True
    return resolved is not expr and _mentions_now(ctx, expr)


def offset_from_now_seconds(ctx: PythonContext, expr: cst.BaseExpression | None) -> float | None:
    """`now + timedelta(days=30)` / `int(time.time()) + 3600` -> seconds after now, else None.

    A bare duration (`timedelta(hours=1)`, `3600`) also counts: that is how
    `expires_delta=` / `expires_in=` style arguments are given."""
    expr = ctx.resolve(expr)
    if expr is None:
        return None
    if (
        isinstance(expr, cst.Call)
        and (ctx.call_name(expr) or "") in {"int", "round", "math.floor", "math.ceil"}
        and expr.args
    ):
        return offset_from_now_seconds(ctx, expr.args[0].value)
    if isinstance(expr, cst.Call) and isinstance(expr.func, cst.Attribute) and expr.func.attr.value == "timestamp":
        return offset_from_now_seconds(ctx, expr.func.value)
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.Add):
        if is_now(ctx, expr.left):
            return ctx.number_value(expr.right)
        if is_now(ctx, expr.right):
            return ctx.number_value(expr.left)
        return None
    return ctx.number_value(expr)
