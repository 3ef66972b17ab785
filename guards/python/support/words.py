"""Names of expressions, and the credential-name vocabulary the Python guards read.

A name is judged by its words (`refreshTokenTTL` -> refresh, token, ttl). The words
and which names hold secrets (`identifier_words`, `secret_kind`) come from
`guards/secrets/words.py`, the one vocabulary the secret detectors use too; this
module adds what libcst expressions are named.
"""

from __future__ import annotations

import libcst as cst

from ...secrets.words import identifier_words, secret_kind
from .literals import string_literal_value

__all__ = ["expression_name", "identifier_words", "key_read", "secret_kind"]


def expression_name(expr: cst.BaseExpression | None) -> str | None:
    """The identifier an expression is known by: `token` -> 'token',
    `self.api_key` -> 'api_key', `request.headers["Authorization"]` -> 'Authorization',
    `settings.get("client_secret")` -> 'client_secret'."""
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        return expr.attr.value
    return key_read(expr)[1]


def key_read(expr: cst.BaseExpression | None) -> tuple[cst.BaseExpression | None, str | None]:
    """`h["alg"]` or `h.get("alg")` -> (h, 'alg'); anything else -> (None, None)."""
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1:
        index = expr.slice[0].slice
        if isinstance(index, cst.Index) and isinstance(index.value, cst.SimpleString):
            key = string_literal_value(index.value)
            return expr.value, key if isinstance(key, str) else None
        return None, None
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value == "get"
        and expr.args
        and isinstance(expr.args[0].value, cst.SimpleString)
    ):
        key = string_literal_value(expr.args[0].value)
        return expr.func.value, key if isinstance(key, str) else None
    return None, None
