"""Words of names, literals and calls; request input and routes: the vocabulary the flow analyses share."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import libcst as cst

from ..context import PythonContext
from ..literals import string_literal_value
from ..walk import findall
from ..words import identifier_words

# Attributes of a web framework request that carry client-controlled input
# (Flask/Quart/Werkzeug, Django/DRF, Starlette/FastAPI, aiohttp).
REQUEST_INPUT_ATTRS = frozenset(
    {
        "json",
        "get_json",
        "form",
        "args",
        "values",
        "data",
        "POST",
        "GET",
        "query_params",
        "body",
        "headers",
        "cookies",
        "files",
        "query",
        "path_params",
        "match_info",
        "params",
        "post",
        "rel_url",
        "url",
        # Falcon (`req.media`, `req.get_param`), Pyramid (`json_body`, `matchdict`), Litestar/Starlette (`query`)
        "media",
        "get_media",
        "get_param",
        "get_param_as_list",
        "json_body",
        "matchdict",
        "content",
    }
)
# Tornado reads request input through the handler itself: `self.get_argument("role")`.
_HANDLER_INPUT_METHODS = frozenset(
    {
        "get_argument",
        "get_arguments",
        "get_body_argument",
        "get_body_arguments",
        "get_query_argument",
        "get_query_arguments",
        "get_json_body",
    }
)
_REQUEST_NAMES = frozenset({"request", "req"})
_REQUEST_QUALNAMES = frozenset({"flask.request", "quart.request", "bottle.request", "sanic.request"})

# Words of function/call names that validate or authorize a value.
VALIDATOR_WORDS = frozenset(
    {
        "validate",
        "validated",
        "check",
        "verify",
        "ensure",
        "assert",
        "require",
        "requires",
        "can",
        "allowed",
        "allow",
        "authorize",
        "authorized",
        "permit",
        "permitted",
        "assignable",
        "clean",
        "may",
        "enforce",
        "valid",
        "safe",
        "guard",
        "restrict",
        "forbid",
        "deny",
    }
)

# FastAPI annotations that are never request bodies.
_NON_BODY_ANNOTATIONS = frozenset(
    {
        "Request",
        "Response",
        "WebSocket",
        "Session",
        "AsyncSession",
        "BackgroundTasks",
        "HTTPAuthorizationCredentials",
        "SecurityScopes",
        "OAuth2PasswordRequestForm",
        "str",
        "int",
        "float",
        "bool",
        "bytes",
        "UUID",
        "datetime",
        "date",
        "dict",
        "list",
    }
)
_ROUTE_METHODS = frozenset({"get", "post", "put", "patch", "delete", "route", "api_route", "websocket"})


def nodes_in(root: cst.CSTNode, *kinds: type) -> list[Any]:
    """Nodes of the given libcst types under `root` (itself included), in walk order.

    Inside a guard pass this is a lookup in the file's pre-order tree index, so
    asking again about the same function or statement costs no walk."""
    return findall(root, kinds[0] if len(kinds) == 1 else kinds)


def module_words(ctx: PythonContext) -> set[str]:
    """Identifier words of the whole file (names and strings), computed once per file."""
    return node_words(ctx, ctx.module)


def module_words_among(ctx: PythonContext, words: Iterable[str]) -> set[str]:
    """`module_words(ctx) & words`, without splitting the whole file into words when its
    source mentions none of them: every word of a name or string literal is a run of
    ASCII letters or digits in the source, so it is a substring of the lower-cased text."""
    wanted = set(words)
    cache = file_cache(ctx)
    lowered = cache.get("lowered source")
    if lowered is None:
        lowered = cache["lowered source"] = ctx.text.lower()
    if not any(word in lowered for word in wanted):
        return set()
    return module_words(ctx) & wanted


def string_literal(node: cst.BaseExpression | None) -> str | None:
    """The text of a plain (not bytes, not f-) string literal."""
    if not isinstance(node, cst.SimpleString):
        return None
    value = string_literal_value(node)
    return value if isinstance(value, str) else None


def literal_keys(node: cst.Dict) -> set[str]:
    """Plain string keys of a dict literal (a cheap test before `ctx.dict_items`)."""
    keys = set()
    for element in node.elements:
        if isinstance(element, cst.DictElement):
            key = string_literal(element.key)
            if key is not None:
                keys.add(key)
    return keys


def file_cache(ctx: PythonContext) -> dict[Any, Any]:
    """Per-file memo for analyses several guards share (request taint of a function...).
    It lives on the context and is emptied when the file's guard pass ends."""
    return ctx.shared


def callee_name(func: cst.BaseExpression) -> str:
    """The called name: `a.b.revoke(...)` -> 'revoke', `grant(...)` -> 'grant', `handlers[k](...)` -> ''."""
    if isinstance(func, cst.Attribute):
        return func.attr.value
    if isinstance(func, cst.Name):
        return func.value
    return ""


# The leaves whose text holds identifier words, asked for one kind at a time: order does not
# matter for a set of words, and merging the kinds back into source order costs a sort.
_WORD_LEAVES = (cst.Name, cst.SimpleString, cst.FormattedStringText)


def node_words(ctx: PythonContext, node: cst.CSTNode) -> set[str]:
    """Lower-case identifier words in the source of `node` (names, attributes and strings)."""
    cache = file_cache(ctx)
    key = ("words", id(node))
    words = cache.get(key)
    if words is None:
        words = set()
        for kind in _WORD_LEAVES:
            for leaf in nodes_in(node, kind):
                words.update(identifier_words(leaf.value))
        cache[key] = words
    return words


def code_words(ctx: PythonContext, node: cst.CSTNode) -> set[str]:
    """Lower-case identifier words of the names, attributes and keywords in `node`, and of the
    strings that name a field (`doc["requester_id"]`, `doc.get("requester_id")`), not of other
    strings: in `expense.status != "submitted"` the status value names no person."""
    cache = file_cache(ctx)
    key = ("code words", id(node))
    words = cache.get(key)
    if words is None:
        words = set()
        for leaf in nodes_in(node, cst.Name):
            words.update(identifier_words(leaf.value))
        keys = [
            e.slice.value for sub in nodes_in(node, cst.Subscript) for e in sub.slice if isinstance(e.slice, cst.Index)
        ]
        keys += [c.args[0].value for c in nodes_in(node, cst.Call) if callee_name(c.func) == "get" and c.args]
        for key_node in keys:
            text = string_literal(key_node)
            if text:
                words.update(identifier_words(text))
        cache[key] = words
    return words


def mentions_any_word(ctx: PythonContext, node: cst.CSTNode, words: frozenset[str]) -> bool:
    """Whether `node_words(ctx, node)` has any of the lower-case `words`, splitting only the
    leaves whose text contains one of them in any case (a word is always such a substring)."""
    cached = file_cache(ctx).get(("words", id(node)))
    if cached is not None:
        return bool(cached & words)
    contains_a_word = _any_word_pattern(words).search
    for kind in _WORD_LEAVES:
        for leaf in nodes_in(node, kind):
            if contains_a_word(leaf.value) and words.intersection(identifier_words(leaf.value)):
                return True
    return False


@lru_cache(maxsize=64)
def _any_word_pattern(words: frozenset[str]) -> re.Pattern[str]:
    return re.compile("|".join(re.escape(word) for word in sorted(words)), re.IGNORECASE)


def function_name(fn: cst.CSTNode) -> str:
    return fn.name.value if isinstance(fn, cst.FunctionDef) else ""


def function_words(fn: cst.CSTNode) -> set[str]:
    return set(identifier_words(function_name(fn)))


def body_words(ctx: PythonContext, fn: cst.FunctionDef) -> set[str]:
    """Words of the function body only (not its name or decorators)."""
    return node_words(ctx, fn.body)


def decorator_words(ctx: PythonContext, fn: cst.FunctionDef) -> set[str]:
    """Words of the decorators' names (`@roles_required("admin")` -> roles, required, admin),
    leaving out route paths and the router's name (`@staff_bp.post("/members/<id>/role")` says nothing
    about access: a blueprint called staff or admin protects nothing)."""
    words: set[str] = set()
    for decorator in fn.decorators:
        target = decorator.decorator
        if isinstance(target, cst.Call):
            if isinstance(target.func, cst.Attribute) and target.func.attr.value in _ROUTE_METHODS:
                words.add(target.func.attr.value)
                continue
            words |= node_words(ctx, target.func)
            for arg in target.args:
                words |= node_words(ctx, arg.value)
        else:
            words |= node_words(ctx, target)
    return words


def parameter_names(fn: cst.FunctionDef) -> list[str]:
    params = fn.params
    every = [*params.posonly_params, *params.params, *params.kwonly_params]
    return [p.name.value for p in every]


# -- statements --------------------------------------------------------------


def is_allow_value(ctx: PythonContext, expr: cst.BaseExpression | None) -> bool:
    """`True`, `ALLOW`, `Decision.ALLOW`, `"allow"`, `PolicyResult(allowed=True)`."""
    if expr is None:
        return False
    if ctx.bool_value(expr) is True and isinstance(ctx.resolve(expr), cst.Name):
        return True
    text = ctx.string_value(expr)
    if text is not None:
        return text.lower() in {"allow", "allowed", "permit", "grant", "granted"}
    if isinstance(expr, (cst.Name, cst.Attribute)):
        name = expr.value if isinstance(expr, cst.Name) else expr.attr.value
        return name.lower() in {"allow", "allowed", "permit", "granted", "grant"}
    if isinstance(expr, cst.Call):
        for arg in expr.args:
            if arg.keyword is not None and set(identifier_words(arg.keyword.value)) & {"allowed", "allow", "granted"}:
                return ctx.bool_value(arg.value) is True
    if isinstance(expr, cst.Dict):  # {"allowed": True, "reason": "pdp down"}
        items = ctx.dict_items(expr) or {}
        return any(
            set(identifier_words(k)) & {"allowed", "allow", "granted", "authorized"} and ctx.bool_value(v) is True
            for k, v in items.items()
        )
    return False


_AUTH_FACTORY_WORDS = frozenset(
    {
        "require",
        "requires",
        "required",
        "guard",
        "protect",
        "protected",
        "permission",
        "permissions",
        "authorize",
        "authorized",
        "restrict",
        "restricted",
    }
)


_NOT_ACCESS_WORDS = frozenset(
    {
        "rate",
        "limit",
        "limiter",
        "throttle",
        "throttled",
        "quota",
        "feature",
        "flag",
        "flags",
        "cache",
        "cached",
        "retry",
        "retries",
        "health",
        "banner",
        "experiment",
    }
)


def returns_allow(ctx: PythonContext, body: cst.CSTNode) -> cst.Return | None:
    """A `return <allow>` in `body`."""
    for ret in nodes_in(body, cst.Return):
        if is_allow_value(ctx, ret.value):
            return ret
    return None


def handler_is_broad(handler: cst.ExceptHandler) -> bool:
    """Bare `except:`, `except Exception`, `except BaseException` (also inside a tuple)."""
    if handler.type is None:
        return True
    names: list[cst.BaseExpression] = [handler.type]
    if isinstance(handler.type, cst.Tuple):
        names = [e.value for e in handler.type.elements]
    return any(callee_name(name) in {"Exception", "BaseException"} for name in names)


_LOG_METHODS = frozenset(
    {
        "debug",
        "info",
        "warning",
        "warn",
        "error",
        "exception",
        "critical",
        "log",
        "print",
        "capture_exception",
        "capture_message",
    }
)


def handler_swallows(handler: cst.ExceptHandler) -> bool:
    """The handler only passes, continues or logs: the failure disappears."""
    for stmt in handler.body.body:
        if not isinstance(stmt, cst.SimpleStatementLine):
            return False
        for small in stmt.body:
            if isinstance(small, (cst.Pass, cst.Continue)):
                continue
            if isinstance(small, cst.Expr) and isinstance(small.value, cst.Call):
                func = small.value.func
                last = callee_name(func)
                if last in _LOG_METHODS:
                    continue
            if isinstance(small, cst.Expr) and isinstance(small.value, (cst.SimpleString, cst.Ellipsis)):
                continue
            return False
    return True


# -- request input -------------------------------------------------------------


def _is_request_object(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    if isinstance(expr, cst.Name):
        return expr.value in _REQUEST_NAMES or ctx.qualname(expr) in _REQUEST_QUALNAMES
    if isinstance(expr, cst.Attribute):
        # self.request (Django class-based views, DRF viewsets)
        return expr.attr.value in _REQUEST_NAMES and isinstance(expr.value, cst.Name) and expr.value.value == "self"
    return False


def is_request_input(ctx: PythonContext, expr: cst.CSTNode) -> bool:
    """Whether `expr` reads client-controlled request input (body, query, headers, cookies)."""
    for attr in nodes_in(expr, cst.Attribute):
        if attr.attr.value in REQUEST_INPUT_ATTRS and _is_request_object(ctx, attr.value):
            return True
        if (
            attr.attr.value in _HANDLER_INPUT_METHODS
            and isinstance(attr.value, cst.Name)
            and attr.value.value == "self"
        ):
            return True
    return False


def _reads_request_input(ctx: PythonContext, fn: cst.FunctionDef) -> bool:
    """`is_request_input(ctx, fn.body)`, once per function (several taint variants ask)."""
    cache = file_cache(ctx)
    key = ("reads request", id(fn))
    reads = cache.get(key)
    if reads is None:
        reads = cache[key] = is_request_input(ctx, fn.body)
    return reads


def is_route(ctx: PythonContext, fn: cst.FunctionDef) -> bool:
    for decorator in fn.decorators:
        target = decorator.decorator
        if isinstance(target, cst.Call):
            target = target.func
        if isinstance(target, cst.Attribute) and target.attr.value in _ROUTE_METHODS:
            return True
    return False


def _annotation_name(param: cst.Param) -> str | None:
    if param.annotation is None:
        return None
    ann = param.annotation.annotation
    if isinstance(ann, cst.Subscript) and ann.slice and isinstance(ann.slice[0].slice, cst.Index):
        ann = ann.slice[0].slice.value  # Annotated[Model, Body()] / Optional[Model] -> Model
    if isinstance(ann, cst.Attribute):
        return ann.attr.value
    if isinstance(ann, cst.Name):
        return ann.value
    return None


def _is_dependency(ctx: PythonContext, param: cst.Param) -> bool:
    default = param.default
    if isinstance(default, cst.Call):
        last = (ctx.call_name(default) or "").rsplit(".", 1)[-1]
        return last in {"Depends", "Security"}
    return False


_BODY_PARAM_DEFAULTS = frozenset({"Body", "Query", "Form", "Header", "Cookie", "Path", "File", "Param"})
# Calls that fetch server-side data by a key: their result is not the input that chose the key.
_LOOKUP_WORDS = frozenset(
    {
        "get",
        "filter",
        "where",
        "scalar",
        "scalars",
        "execute",
        "query",
        "select",
        "find",
        "first",
        "one",
        "fetch",
        "fetchone",
        "fetchrow",
        "fetchval",
        "lookup",
        "load",
        "loads",
        "retrieve",
        "search",
        "exists",
        "count",
        "objects",
        "decode",
        "verify",
        "unsign",
        "read",
        "by",
        "or",
        "404",
        "none",
        "all",
        "latest",
        "earliest",
        "only",
        "values",
        "list",
        "related",
        "prefetch",
        "order",
        "limit",
        "aggregate",
        "annotate",
        "distinct",
    }
)


_PRIVILEGE_MODEL_WORDS = frozenset(
    {"group", "groups", "role", "roles", "permission", "permissions", "scope", "scopes", "privilege", "privileges"}
)


_ALLOW_LIST_WORDS = frozenset(
    {"allowed", "assignable", "permitted", "grantable", "whitelist", "allowlist", "whitelisted", "allowlisted"}
)


def _comp_clauses(clause: cst.CompFor | None) -> Iterator[cst.CompFor]:
    while clause is not None:
        yield clause
        clause = clause.inner_for_in


# Calls that run a SQL statement given as their first argument (DB-API, asyncpg, SQLAlchemy `text`, Django `raw`).
SQL_CALLS = frozenset({"execute", "executemany", "fetch", "fetchrow", "fetchval", "text", "raw"})
