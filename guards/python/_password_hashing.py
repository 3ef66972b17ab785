"""Shared facts about password hashing APIs (not a guard)."""

from __future__ import annotations

import libcst as cst

from ..python_support import PythonContext

# OWASP Password Storage Cheat Sheet (2023) minimum PBKDF2 iterations per digest.
PBKDF2_MIN_ITERATIONS = {"sha1": 1_300_000, "sha256": 600_000, "sha512": 210_000}
BCRYPT_MIN_ROUNDS = 10


def passlib_scheme(ctx: PythonContext, expr: cst.BaseExpression) -> str | None:
    """`pbkdf2_sha256` for `passlib.hash.pbkdf2_sha256` (or an alias of it), else None."""
    name = ctx.qualname(expr) or ""
    if name.startswith("passlib.hash."):
        return name.split(".")[2]
    return None


def context_schemes(ctx: PythonContext, call: cst.Call) -> tuple[list[str], str | None]:
    """Schemes of a passlib `CryptContext(...)` call and its default (explicit or the first)."""
    schemes_expr = ctx.resolve(ctx.kwarg(call, "schemes") or ctx.positional(call, 0))
    schemes: list[str] = []
    if isinstance(schemes_expr, (cst.List, cst.Tuple)):
        schemes = [s for s in (ctx.string_value(e.value) for e in schemes_expr.elements) if s]
    elif (text := ctx.string_value(schemes_expr)) is not None:
        schemes = [s.strip() for s in text.split(",") if s.strip()]
    default = ctx.string_value(ctx.kwarg(call, "default")) or (schemes[0] if schemes else None)
    return schemes, default


def is_crypt_context(call_name: str) -> bool:
    """Whether a call's qualified name is passlib's `CryptContext` (or a subclass named after it)."""
    return call_name.endswith("CryptContext")
