"""Does an expression carry a secret's value? Shared by the logging and comparison guards (not a guard)."""

from __future__ import annotations

import libcst as cst

from .context import PythonContext
from .words import expression_name, identifier_words, secret_kind

# Calls whose result no longer reveals the secret.
_SAFE_CALLS = frozenset(
    {
        "len",
        "bool",
        "type",
        "id",
        "isinstance",
        "hash",
        "mask",
        "redact",
        "fingerprint",
        "hash_token",
        "sha256",
        "hexdigest",
        "digest",
        "compare_digest",
        "masked",
        "obfuscate",
        "censor",
        "truncate",
        "repr_masked",
        "scrub",
        "sanitize",
        "anonymize",
    }
)
# Attributes of a token/key object that hold the secret itself.
_VALUE_ATTRIBUTES = frozenset(
    {
        "key",
        "value",
        "raw",
        "plaintext",
        "secret",
        "token",
        "password",
        "raw_key",
        "access_token",
        "refresh_token",
        "data",
    }
)
_RESHAPING_METHODS = frozenset(
    {
        "encode",
        "decode",
        "strip",
        "lower",
        "upper",
        "format",
        "replace",
        "hex",
        "join",
        "decode_utf8",
        "rstrip",
        "lstrip",
        "get_secret_value",
    }
)
_SAFE_WORD_HINTS = frozenset(
    {
        "mask",
        "masked",
        "redact",
        "redacted",
        "fingerprint",
        "hash",
        "hashed",
        "digest",
        "preview",
        "prefix",
        "last4",
        "hint",
        "scrub",
        "sanitize",
        "safe",
    }
)


def secret_reference(ctx: PythonContext, expr: cst.BaseExpression, kinds: frozenset[str]) -> str | None:
    """The name of the secret `expr` (or a part of it) carries, or None.

    `token`, `user.password`, `settings.SECRET_KEY`, `request.headers["Authorization"]`,
    `api_key.key` carry secrets; `token.id`, `len(token)`, `mask(token)`, `token[:6]`,
    `token_type` do not."""
    finder = _Finder(kinds)
    expr.visit(finder)
    return finder.found


def direct_secret_name(expr: cst.BaseExpression, kinds: frozenset[str]) -> str | None:
    """Like `secret_reference`, but for the expression itself only (comparisons)."""
    while (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value
        in ("encode", "decode", "lower", "upper", "strip", "removeprefix", "removesuffix", "get_secret_value")
    ):
        expr = expr.func.value
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Name)
        and expr.func.value in ("str", "bytes")
        and expr.args
    ):
        expr = expr.args[0].value
    name = _carried_name(expr, kinds)
    return name


def _carried_name(expr: cst.BaseExpression, kinds: frozenset[str]) -> str | None:
    name = expression_name(expr)
    if name is None:
        return None
    if secret_kind(name) in kinds:
        return name
    words = identifier_words(name)
    if "token" in kinds and words[-1:] == ["header"] and {"auth", "authorization"} & set(words):
        return name  # `auth_header` holds "Bearer <token>"
    if isinstance(expr, cst.Attribute) and name in _VALUE_ATTRIBUTES:
        base = expression_name(expr.value)
        if base is not None and secret_kind(base) in kinds | {"token", "api_key", "key", "secret"}:
            return f"{base}.{name}"
    if isinstance(expr, cst.Attribute) and name == "headers" and expression_name(expr.value) == "request":
        return "request.headers"
    return None


class _Finder(cst.CSTVisitor):
    def __init__(self, kinds: frozenset[str]) -> None:
        self.kinds = kinds
        self.found: str | None = None

    def _check(self, node: cst.BaseExpression) -> bool:
        if self.found is not None:
            return False
        name = _carried_name(node, self.kinds)
        if name is not None:
            self.found = name
            return False
        return True

    def visit_Call(self, node: cst.Call) -> bool:
        func = node.func
        callee = (
            func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        )
        words = set(identifier_words(callee))
        if callee in _SAFE_CALLS or words & _SAFE_WORD_HINTS or {"debug", "only"} <= words or not self._check(node):
            return False
        # `token.encode()` still carries the token; `client.get_user()` does not carry `client`.
        if isinstance(func, cst.Attribute) and callee in _RESHAPING_METHODS:
            func.value.visit(self)
        for arg in node.args:
            arg.value.visit(self)
        return False

    def visit_Subscript(self, node: cst.Subscript) -> bool:
        if any(isinstance(s.slice, cst.Slice) for s in node.slice):
            return False  # a prefix such as token[:6] is how tokens are identified safely
        if not self._check(node):
            return False
        # `token_response["expires_in"]` names a non-secret part; look inside only for computed keys.
        return expression_name(node) is None

    def visit_Attribute(self, node: cst.Attribute) -> bool:
        # `token.id` / `token.expires_at` are facts about the token: do not look into the base.
        self._check(node)
        return False

    def visit_Name(self, node: cst.Name) -> bool:
        return self._check(node)

    def visit_Arg(self, node: cst.Arg) -> bool:
        return True

    def visit_IfExp(self, node: cst.IfExp) -> bool:
        # `"missing" if token in (None, "") else "invalid"`: the test decides, only the branches are values.
        node.body.visit(self)
        node.orelse.visit(self)
        return False

    # A test yields a bool, not the secret: `code="mismatch" if csrf_token else "missing"`,
    # `token is None`, `not secret`, `"authorization" in request.headers`.
    def visit_Comparison(self, node: cst.Comparison) -> bool:
        return False  # `token == other`, `secret in (None, "")`: a bool, not the secret

    def visit_UnaryOperation(self, node: cst.UnaryOperation) -> bool:
        return not isinstance(node.operator, cst.Not)  # `not token` is a bool

    def visit_SimpleString(self, node: cst.SimpleString) -> bool:
        return False
