"""Credential lifetimes written as `ms`-style strings (`"15m"`, `"365d"`) or numbers, and the policy limits
they are judged against (the same `limits.*` and kind words as the Python lifetime guard)."""

from __future__ import annotations

import re

from ...python.support.lifetimes import credential_lifetime_kind, describe_seconds, lifetime_limit_seconds
from ...python.support.words import identifier_words
from .context import ScriptContext
from .tree import Node

__all__ = ["credential_lifetime_kind", "describe_seconds", "duration_seconds", "lifetime_limit_seconds", "words_of"]

_DURATION = re.compile(
    r"^\s*(?P<n>\d+(?:\.\d+)?)\s*(?P<unit>ms|msecs?|milliseconds?|s|secs?|seconds?|m|mins?|minutes?|h|hrs?|hours?|"
    r"d|days?|w|weeks?|y|yrs?|years?)?\s*$",
    re.IGNORECASE,
)
_UNIT_SECONDS = {"ms": 0.001, "s": 1, "m": 60, "h": 3600, "d": 86400, "w": 604800, "y": 31557600}


def duration_seconds(ctx: ScriptContext, node: Node | None, number_unit: float = 1.0) -> float | None:
    """Seconds of a lifetime: `"12h"` -> 43200; a number times `number_unit` (1 for jsonwebtoken's seconds,
    0.001 for a cookie's `maxAge` in milliseconds)."""
    number = ctx.number_value(node)
    if number is not None:
        return number * number_unit
    text = ctx.string_value(node)
    if text is None:
        return None
    match = _DURATION.match(text)
    if match is None:
        return None
    unit = (match.group("unit") or "").lower()
    if not unit:
        return float(match.group("n")) * 0.001  # ms("5000"): a bare number string is milliseconds
    key = "ms" if unit.startswith(("ms", "milli")) else unit[0]
    return float(match.group("n")) * _UNIT_SECONDS[key]


def words_of(*names: str) -> set[str]:
    words: set[str] = set()
    for name in names:
        words.update(identifier_words(name.replace("-", "_").replace("/", "_")))
    return words
