"""Recognise JWT library calls (PyJWT, python-jose, authlib) for the JWT guards.

Not a guard: the helpers here answer "which library, which operation, where is
the payload" so each JWT guard reads as its rule, not as API trivia.
"""

from __future__ import annotations

import libcst as cst

from .context import PythonContext
from .walk import findall

# Lowercase words without which a file holds no JWT call: every JWT guard's `triggers`.
JWT_TRIGGERS = ("jwt", "jose", "jsonwebtoken")

_AUTHLIB_PREFIXES = ("authlib.jose.jwt.", "authlib.jose.JsonWebToken", "authlib.jose.rfc7519.")
_JOSE_PREFIXES = ("jose.jwt.", "jose.jws.")
_PYJWT_PREFIXES = ("jwt.", "jwt.api_jwt.", "jwt.PyJWT")
UNKNOWN_KEYS = "**"
OPERATIONS = frozenset({"encode", "decode", "decode_complete", "get_unverified_header", "get_unverified_claims"})


def jwt_call(ctx: PythonContext, call: cst.Call) -> tuple[str, str] | None:
    """(library, operation) of a JWT call: ('pyjwt', 'decode'), ('authlib', 'encode'), ... or None."""
    func = call.func
    if not _may_name_operation(ctx, func):
        return None
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        # `jwt = JsonWebToken(["RS256"])` makes a local `jwt` that is authlib's, not PyJWT.
        bound = ctx.resolve(func.value)
        if isinstance(bound, cst.Call) and (ctx.call_name(bound) or "").endswith("JsonWebToken"):
            return ("authlib", func.attr.value)
    name = ctx.call_name(call)
    if not name:
        return None
    operation = name.rsplit(".", 1)[-1]
    if operation not in OPERATIONS:
        return None
    if name.startswith(_AUTHLIB_PREFIXES):
        return ("authlib", operation)
    if name.startswith(_JOSE_PREFIXES):
        return ("jose", operation)
    if name.startswith(_PYJWT_PREFIXES) or name == operation and f"jwt.{operation}" in ctx.imports.values():
        return ("pyjwt", operation)
    return None


def _may_name_operation(ctx: PythonContext, func: cst.BaseExpression) -> bool:
    """Whether the callee's last name can be a JWT operation: rejects almost every call in a
    file before the costlier name resolution. An attribute call keeps its attribute as the last
    name; a bare name may be an imported alias (`from jwt import decode as jwt_decode`)."""
    if isinstance(func, cst.Attribute):
        return func.attr.value in OPERATIONS
    if isinstance(func, cst.Name):
        return ctx.imports.get(func.value, func.value).rsplit(".", 1)[-1] in OPERATIONS
    return False


def payload_arg(library: str, call: cst.Call) -> cst.BaseExpression | None:
    """The claims argument of an encode call."""
    if library == "authlib":
        return PythonContext.kwarg(call, "payload") or PythonContext.positional(call, 1)
    return (
        PythonContext.kwarg(call, "payload") or PythonContext.kwarg(call, "claims") or PythonContext.positional(call, 0)
    )


def key_arg(call: cst.Call) -> cst.BaseExpression | None:
    return PythonContext.kwarg(call, "key") or PythonContext.positional(call, 1)


def algorithms_arg(call: cst.Call) -> cst.BaseExpression | None:
    return PythonContext.kwarg(call, "algorithms") or PythonContext.positional(call, 2)


def string_items(ctx: PythonContext, expr: cst.BaseExpression | None) -> list[str | None]:
    """String values of a list/tuple/set literal (or one string), through assignments."""
    expr = ctx.resolve(expr)
    if (
        isinstance(expr, cst.Call)
        and ctx.call_name(expr) in ("list", "tuple", "set", "sorted", "frozenset")
        and expr.args
    ):
        return string_items(ctx, expr.args[0].value)
    if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
        return [ctx.string_value(e.value) for e in expr.elements]
    value = ctx.string_value(expr)
    return [value] if value is not None else []


def has_star_args(call: cst.Call) -> bool:
    return any(arg.star for arg in call.args)


def dict_has_starred(ctx: PythonContext, expr: cst.BaseExpression | None) -> bool:
    """`{**base, ...}` or `dict(**base, ...)`: keys we cannot see."""
    expr = ctx.resolve(expr)
    if isinstance(expr, cst.Call):
        return any(arg.star for arg in expr.args) or any(arg.keyword is None for arg in expr.args)
    return isinstance(expr, cst.Dict) and any(isinstance(e, cst.StarredDictElement) for e in expr.elements)


def keys_added_later(ctx: PythonContext, scope: cst.CSTNode | None, name: str) -> set[str]:
    """Keys set on dict `name` after it was built: `name["exp"] = ...`, `name.update(exp=...)`,
    `name.update({"exp": ...})`, `name.setdefault("exp", ...)`. Contains UNKNOWN_KEYS when the
    dict is updated from something we cannot read (`name.update(extra_claims)`)."""
    if scope is None:
        return set()
    finder = _KeysAdded(ctx, name)
    # The file's tree index lists these nodes without a libcst traversal of the whole scope.
    for node in findall(scope, (cst.Subscript, cst.Call)):
        if isinstance(node, cst.Subscript):
            finder.read_subscript(node)
        else:
            finder.read_call(node)
    return finder.keys


class _KeysAdded:
    def __init__(self, ctx: PythonContext, name: str) -> None:
        self.ctx = ctx
        self.name = name
        self.keys: set[str] = set()

    def read_subscript(self, node: cst.Subscript) -> None:
        if isinstance(node.value, cst.Name) and node.value.value == self.name and len(node.slice) == 1:
            index = node.slice[0].slice
            if isinstance(index, cst.Index):
                key = self.ctx.string_value(index.value)
                if key is not None:
                    self.keys.add(key)

    def read_call(self, node: cst.Call) -> None:
        func = node.func
        if not (isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name) and func.value.value == self.name):
            return
        if func.attr.value == "update":
            for arg in node.args:
                if arg.keyword is not None:
                    self.keys.add(arg.keyword.value)
                else:
                    items = self.ctx.dict_items(arg.value)
                    self.keys.update(items.keys() if items is not None else {UNKNOWN_KEYS})
        elif func.attr.value == "setdefault" and node.args:
            key = self.ctx.string_value(node.args[0].value)
            if key is not None:
                self.keys.add(key)
