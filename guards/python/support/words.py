"""Identifier words and the vocabulary that decides which names hold secrets.

A name is judged by its words (`refreshTokenTTL` -> refresh, token, ttl), so every
guard agrees on what a credential-like name is.
"""

from __future__ import annotations

import re
from functools import lru_cache

import libcst as cst

from .literals import string_literal_value

_WORD = re.compile(r"[A-Z]?[a-z]+|[A-Z]+(?![a-z])|\d+")


def identifier_words(name: str) -> list[str]:
    """`refreshTokenTTL` -> ['refresh', 'token', 'ttl']; `API_KEY` -> ['api', 'key']."""
    return list(_identifier_words(name))


@lru_cache(maxsize=8192)
def _identifier_words(name: str) -> tuple[str, ...]:
    # The same few thousand identifiers recur in every file; a fresh list per call keeps callers free to mutate.
    return tuple(w.lower() for w in _WORD.findall(name))


# -- identifier vocabulary shared by the identity guards -----------------------
# A name is judged by its words: `refresh_token` is a secret, `refresh_token_ttl`,
# `token_type` and `token_id` are facts about one. These tables are the one place
# that decides, so every guard agrees on what a "secret-like" name is.

_PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "passphrase", "passcode"})
_KEY_QUALIFIERS = frozenset({"api", "secret", "private", "signing", "encryption", "hmac", "master", "jwt", "webhook"})
_CODE_QUALIFIERS = frozenset(
    {
        "otp",
        "verification",
        "verify",
        "reset",
        "invite",
        "invitation",
        "auth",
        "authorization",
        "mfa",
        "confirm",
        "confirmation",
        "login",
        "recovery",
        "backup",
        "magic",
        "one",
        "activation",
        "sms",
        "email",
        "password",
    }
)
# A last word that makes the name a fact *about* a secret, not the secret.
_NON_SECRET_TAILS = frozenset(
    {
        "id",
        "ids",
        "type",
        "types",
        "name",
        "names",
        "url",
        "urls",
        "uri",
        "endpoint",
        "header",
        "headers",
        "field",
        "fields",
        "length",
        "len",
        "min",
        "max",
        "count",
        "ttl",
        "lifetime",
        "expiry",
        "expires",
        "exp",
        "expiration",
        "age",
        "timeout",
        "prefix",
        "hint",
        "path",
        "file",
        "env",
        "var",
        "hash",
        "hashes",
        "hashed",
        "fingerprint",
        "algorithm",
        "alg",
        "algorithms",
        "scheme",
        "policy",
        "required",
        "enabled",
        "changed",
        "at",
        "version",
        "ver",
        "label",
        "description",
        "format",
        "pattern",
        "regex",
        "validator",
        "class",
        "model",
        "serializer",
        "form",
        "service",
        "manager",
        "store",
        "repo",
        "repository",
        "provider",
        "backend",
        "factory",
        "generator",
        "kind",
        "location",
        "source",
        "param",
        "params",
        "parameter",
        "set",
        "reset",
        "strength",
        "rules",
        "rule",
        "error",
        "errors",
        "exception",
        "status",
        "state",
        "scope",
        "scopes",
        "claims",
        "claim",
        "payload",
        "issuer",
        "audience",
        "lookup",
        "index",
        "table",
        "column",
        "hasher",
        "hashers",
        "config",
        "settings",
        "option",
        "options",
        "date",
        "time",
        "timestamp",
        "ts",
        "created",
        "updated",
        "used",
        "revoked",
        "valid",
        "invalid",
        "last",
        "usage",
        "limit",
        "dir",
        "mode",
        "method",
        "user",
        "owner",
        "kid",
        "jti",
        "sub",
        "counter",
        "attempts",
        "retries",
        "display",
        "mask",
        "masked",
        "preview",
        "suffix",
        "last4",
        "seconds",
        "secs",
        "minutes",
        "mins",
        "hours",
        "days",
        "weeks",
        "ms",
        "ok",
        "matches",
        "match",
        "correct",
        "expired",
        "present",
        "missing",
        "exists",
        "score",
        "reused",
        "placeholder",
        "prompt",
        "region",
        "bucket",
        "namespace",
        "mount",
        "engine",
        "project",
        "host",
        "port",
        "domain",
        "realm",
        "arn",
        "filename",
        "request",
        "info",
        "metadata",
        "details",
        "client",
        "cache",
        "event",
        "events",
        "api",
        "handler",
        "view",
        "router",
        "schema",
        "uuid",
        "guid",
        "placement",
        "style",
        "position",
        "encoding",
        "charset",
        "separator",
        "delimiter",
        "incorrect",
        "mismatch",
        "wrong",
        "message",
        "messages",
        "help",
        "text",
        "widget",
        "input",
        "size",
        "too",
        "short",
        "common",
    }
)
# Any of these words means the value was made safe (or is a flag/limit, not the secret).
_SAFE_WORDS = frozenset(
    {
        "masked",
        "redacted",
        "hashed",
        "encrypted",
        "fingerprint",
        "safe",
        "is",
        "has",
        "should",
        "use",
        "require",
        "requires",
        "verify",
        "validate",
        "check",
        "num",
        "allow",
        "allowed",
        "needs",
        "show",
        "mask",
        "redact",
        "public",
        "pub",
        "max",
        "min",
    }
)


@lru_cache(maxsize=8192)
def secret_kind(name: str | None) -> str | None:
    """What kind of secret an identifier names, or None when it names none.

    `client_secret` -> 'secret', `refresh_token` -> 'token', `db_password` ->
    'password', `api_key` -> 'api_key', `webhook_signature` -> 'signature',
    `otp_code` -> 'code'; `token_type`, `token_id`, `password_min_length`,
    `masked_token`, `public_key` -> None.
    """
    if not name:
        return None
    words = identifier_words(name)
    if not words or words[-1] in _NON_SECRET_TAILS or _SAFE_WORDS.intersection(words):
        return None
    # The last word says what the value is: `password_reset_token` is a token, `db_password` a password.
    last, previous = words[-1], words[-2] if len(words) > 1 else ""
    if last in _PASSWORD_WORDS:
        return "password"
    if last in {"secret", "secrets"}:
        return "secret"
    if last in {"token", "tokens", "jwt", "authorization", "bearer"}:
        return "token"
    if last == "apikey" or last in {"key", "keys"} and previous == "api":
        return "api_key"
    if last in {"key", "keys"} and previous in _KEY_QUALIFIERS:
        return "key"
    if last == "code" and previous in _CODE_QUALIFIERS:
        return "code"
    joined = set(words)
    if joined & _PASSWORD_WORDS:
        return "password"
    if "secret" in joined or "secrets" in joined:
        return "secret"
    if joined & {"token", "tokens", "jwt", "authorization", "bearer"}:
        return "token"
    if "apikey" in joined or "api" in joined and "key" in joined:
        return "api_key"
    if joined & {"credential", "credentials", "creds"}:
        return "credential"
    if joined & {"signature", "sig", "hmac", "mac", "digest"}:
        return "signature"
    if "otp" in joined or "totp" in joined or "pin" in joined:
        return "code"
    if last in {"nonce", "salt"}:
        return last
    return None


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
