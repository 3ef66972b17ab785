"""Shared judgement of string literals for the hard-coded credential guards (not a guard)."""

from __future__ import annotations

import re
from typing import Any

import libcst as cst

from ...secrets.code import is_test_path as _is_test_path
from ...secrets.values import code_shaped_value
from .context import PythonContext
from .guard import PythonGuard
from .words import identifier_words

# Values that stand for "fill this in" rather than a credential.
_PLACEHOLDER = re.compile(
    r"^(?:<[^>]*>|\$\{[^}]*\}?|\$[A-Z_][A-Z0-9_]*|\{\{.*\}\}|\{[^}]*\}|%\(.*\)s|%s|\*+|x{3,}|\.\.\.|"
    r"(?i:redacted|placeholder|none|null|unset|required|set[-_ ]?me|replace[-_ ]?me|<.*>"
    r"|bearer|basic|mac|header|body|query|uri|form|json|jwt|auto))$"
)
# Key and certificate files, secret-manager references: where a secret lives, not the secret.
_REFERENCE = re.compile(
    r"(?:^|/)[\w.-]+\.(?:pem|key|crt|p12|pfx|json|der|jks)$|^(?:arn:|projects/|vault:|/run/secrets|/etc/|file://|env:)"
)
_PUBLIC_MATERIAL = re.compile(r"-----BEGIN (?:PUBLIC KEY|CERTIFICATE|RSA PUBLIC KEY)-----|^ssh-(?:rsa|ed25519) ")


def is_test_path(path: str | None) -> bool:
    """Test code: hard-coded credentials there are fixtures, not deployed secrets."""
    return _is_test_path(path)


def literal_string(ctx: PythonContext, expr: cst.BaseExpression | None) -> str | None:
    """The text of a plain string literal (not an f-string), without following names."""
    if isinstance(expr, (cst.SimpleString, cst.ConcatenatedString)):
        return ctx.string_value(expr)
    return None


# libcst node classes are ABCs, so a failed isinstance() goes through ABCMeta; these two have
# no subclasses, and a type lookup is several times cheaper on the hot path below.
_STRING_LITERAL_TYPES = frozenset({cst.SimpleString, cst.ConcatenatedString})


def passes_literal_string(call: cst.Call) -> bool:
    """Whether any argument of `call` is a string literal (what `literal_string` reads): a call
    without one cannot pass a hard-coded credential, so its callee need not be resolved."""
    return any(type(arg.value) in _STRING_LITERAL_TYPES for arg in call.args)


_NAME_WORDS = frozenset(
    {
        "token",
        "tokens",
        "key",
        "keys",
        "secret",
        "secrets",
        "password",
        "passwords",
        "passwd",
        "pwd",
        "credential",
        "credentials",
        "auth",
        "apikey",
        "apikeys",
    }
)
_IDENTIFIER = re.compile(r"^[a-z]+(?:_[a-z]+)+$|^[a-z]+(?:[A-Z][a-z]+)+$")


def is_name_of_a_secret(value: str) -> bool:
    """`"api_key"`, `"refreshToken"`, `"automountServiceAccountToken"`, `"token"`: the snake_case or
    camelCase name of a field or setting that holds a secret, not a secret value. Anything with
    digits, capitals or punctuation (`"Secret123"`, `"dev-secret"`) still counts as a value."""
    if value in _NAME_WORDS:
        return True
    return bool(_IDENTIFIER.match(value)) and bool(set(identifier_words(value)) & _NAME_WORDS)


def looks_like_credential(value: str | None) -> bool:
    """A non-empty literal that is not a placeholder, a file/secret-manager reference, public key
    material or the name of a secret-holding field."""
    if value is None:
        return False
    stripped = value.strip()
    if not stripped:
        return False
    return not (
        _PLACEHOLDER.match(stripped)
        or _REFERENCE.search(stripped)
        or _PUBLIC_MATERIAL.search(stripped)
        or is_name_of_a_secret(stripped)
        or code_shaped_value(stripped)
        or _few_raw_bytes(value)
    )


def _few_raw_bytes(value: str) -> bool:
    """`b"\\xd1\\x91"`: a test vector of two raw bytes, not a key (a random key pasted as bytes is long)."""
    return len(value) < 8 and any(ord(c) > 126 or ord(c) < 32 for c in value)


_ENUM_BASES = ("Enum", "Flag", "Choices")


def in_enum_body(ctx: PythonContext) -> bool:
    """Directly in the body of an Enum / Django `TextChoices` class: the values are members, not settings."""
    if not ctx.class_stack or ctx.current_function is not None:
        return False
    return any((ctx.qualname(base.value) or "").endswith(_ENUM_BASES) for base in ctx.class_stack[-1].bases)


class QuietInTests(PythonGuard):
    """Base for the hard-coded credential guards: in test code (`tests/`, `test_*.py`,
    `conftest.py`) literal passwords and keys are fixtures, so these guards report nothing there."""

    def report(self, node: cst.CSTNode, message: str | None = None, **kwargs: Any) -> None:
        if not is_test_path(self.ctx.path):
            super().report(node, message, **kwargs)
