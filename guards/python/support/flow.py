"""Function-level facts for guards that judge a whole identity flow.

Guards for authorization, invitations, offboarding, approvals and OAuth
callbacks look at one function at a time: what it is named, which values come
from the HTTP request, which values it compares or validates before use, and
how its exception handlers behave. These helpers answer those questions
cheaply from the libcst tree, without the slow scope providers.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from functools import lru_cache
from typing import Any

import libcst as cst

from .context import PythonContext
from .literals import number_literal_value, string_literal_value
from .walk import TreeIndex, findall, node_span
from .words import expression_name, identifier_words

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
    leaving out route paths (`@bp.post("/members/<id>/role")` says nothing about access)."""
    words: set[str] = set()
    for decorator in fn.decorators:
        target = decorator.decorator
        if isinstance(target, cst.Call):
            words |= node_words(ctx, target.func)
            if not (isinstance(target.func, cst.Attribute) and target.func.attr.value in _ROUTE_METHODS):
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


def may_allow(ctx: PythonContext, expr: cst.BaseExpression | None) -> bool:
    """A value that answers "allowed" without the check having run: an allow value (`True`,
    `ALLOW`), `x or True`, a negated setting or test (`not settings.RBAC_STRICT`,
    `config.get("RBAC_STRICT") is not True`, `not perm.startswith(SENSITIVE)`: true whenever the
    setting is absent or the test does not name the case), or a bare presence test
    (`claims.get("roles") is not None`) that any authenticated caller passes."""
    if expr is None:
        return False
    if is_allow_value(ctx, expr) or _fail_open_setting(expr):
        return True
    if isinstance(expr, cst.BooleanOperation) and isinstance(expr.operator, cst.Or):
        return may_allow(ctx, expr.left) or is_allow_value(ctx, expr.right)
    if isinstance(expr, cst.UnaryOperation) and isinstance(expr.operator, cst.Not):
        inner = expr.expression.expression if isinstance(expr.expression, cst.Await) else expr.expression
        return isinstance(inner, (cst.Name, cst.Attribute, cst.Subscript, cst.Call)) and not (
            isinstance(inner, cst.Name) and inner.value in {"True", "False", "None"}
        )
    if isinstance(expr, cst.Comparison) and len(expr.comparisons) == 1:
        target = expr.comparisons[0]
        constant = target.comparator.value if isinstance(target.comparator, cst.Name) else None
        if constant is None or isinstance(expr.left, cst.Name) and expr.left.value in {"True", "False", "None"}:
            return False
        # `x is not True` / `x != True` hold when the setting is absent; `x is False` does not
        return (
            isinstance(target.operator, cst.IsNot)
            and constant in {"None", "True"}
            or isinstance(target.operator, cst.NotEqual)
            and constant == "True"
        )
    return False


def _fail_open_setting(expr: cst.BaseExpression) -> bool:
    """`settings.AUTHZ_FAIL_OPEN`, `config.get("ALLOW_ON_ERROR")`, `getattr(settings, "OPA_FAIL_OPEN",
    False)`, `PERMISSIVE_MODE`: a switch that says "allow when the check fails"; returning it from a
    failure handler allows whenever it is on."""
    if isinstance(expr, cst.Call) and callee_name(expr.func) == "getattr" and len(expr.args) >= 2:
        text = string_literal(expr.args[1].value)  # `getattr(settings, "OPA_FAIL_OPEN", False)`
    else:
        text = canonical(expr)
    if text is None:
        return False
    last = text.rsplit(".", 1)[-1].rsplit("[", 1)[-1].strip("'\"]")
    words = set(identifier_words(last))
    return (
        {"fail", "open"} <= words
        or bool(words & {"permissive", "lenient"})
        or "allow" in words
        and bool(words & {"error", "errors", "failure", "outage", "unavailable", "fallback"})
    )


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


def in_auth_decision(ctx: PythonContext) -> bool:
    """The function being visited decides access, or is nested in one (a decorator's wrapper inside
    `requires(permission)`, a dependency inside `authorize(action)`). Rate limiters, feature flags and
    caches that fail open (`allow_request`, `feature_enabled`) are not access decisions."""
    if ctx.function_stack:
        current = ctx.function_stack[-1]
        words = function_words(current)
        if isinstance(current, cst.FunctionDef):
            for name in parameter_names(current):
                words = words | set(identifier_words(name))
        if words & _NOT_ACCESS_WORDS:
            return False
    return any(is_auth_decision_function(fn) or function_words(fn) & _AUTH_FACTORY_WORDS for fn in ctx.function_stack)


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


def request_taint(
    ctx: PythonContext,
    fn: cst.FunctionDef,
    privilege_words: frozenset[str] = frozenset(),
    *,
    direct: bool = False,
    semantic: bool = False,
) -> RequestTaint:
    """The (shared, per-file memoised) request taint of one function. `semantic=True` knows every
    framework's handlers (`endpoint_methods`) and stops at look-ups: a record fetched by a
    client-chosen key (`invite = Invitation.get(code=body.code)`) is server data, not input."""
    cache = file_cache(ctx)
    key = ("taint", id(fn), privilege_words, direct, semantic)
    taint = cache.get(key)
    if taint is None:
        taint = cache[key] = RequestTaint(ctx, fn, privilege_words, direct=direct, semantic=semantic)
    return taint


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


def _data_root_tainted(taint: RequestTaint, expr: cst.BaseExpression) -> bool:
    """The object a chain of reads starts from is request input (`data.get(...)`, `request.json[...]`),
    not a call argument somewhere inside the chain."""
    while True:
        if isinstance(expr, cst.Await):
            expr = expr.expression
        elif isinstance(expr, cst.Name):
            return expr.value in taint.names
        elif isinstance(expr, cst.Attribute):
            if is_request_input(taint.ctx, expr) and _is_request_object(taint.ctx, expr.value):
                return True
            expr = expr.value
        elif isinstance(expr, cst.Subscript):
            expr = expr.value
        elif isinstance(expr, cst.Call):
            expr = expr.func
        else:
            return False


def _is_lookup(taint: RequestTaint, value: cst.BaseExpression) -> bool:
    """`await db.scalar(select(Invitation).where(Invitation.code == body.code))`, `Model.objects.get(pk=uid)`,
    `invites.find(code)`: data looked up with the input as a key."""
    if isinstance(value, cst.Await):
        value = value.expression
    if not isinstance(value, cst.Call):
        return False
    if _data_root_tainted(taint, value.func) or is_request_input(taint.ctx, value.func):
        return False  # a method of the input itself: data.get("role"), body.dict(), self.get_argument("role")
    if node_words(taint.ctx, value.func) & _PRIVILEGE_MODEL_WORDS:
        return False  # `Group.objects.get(name=request.json["group"])`: the client picks the privilege
    chain: cst.BaseExpression = value
    while isinstance(chain, (cst.Call, cst.Attribute, cst.Subscript)):
        if isinstance(chain, cst.Call):
            name = callee_name(chain.func)
            if name == "get_object_or_404" or set(identifier_words(name)) & _LOOKUP_WORDS:
                return True
            chain = chain.func
        else:
            chain = chain.value
    return False


class RequestTaint:
    """Names in one function that hold request input (assigned from it, or route body params)."""

    def __init__(
        self,
        ctx: PythonContext,
        fn: cst.FunctionDef,
        privilege_words: frozenset[str] = frozenset(),
        *,
        direct: bool = False,
        semantic: bool = False,
    ) -> None:
        """`direct=True` follows only plain reads of request data (`x = request.args.get("next") or "/"`),
        not values computed by other calls from it (`url, state = client.authorization_url(...)`)."""
        self.ctx = ctx
        self.direct = direct
        self.semantic = semantic
        self.names: set[str] = set()
        if is_route(ctx, fn) or semantic and is_endpoint(ctx, fn):
            every = [*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params]
            for param in every:
                if _is_dependency(ctx, param) or param.name.value in {"self", "cls", "request", "req", "db", "session"}:
                    continue
                annotation = _annotation_name(param)
                is_model = (
                    annotation is not None and annotation[:1].isupper() and annotation not in _NON_BODY_ANNOTATIONS
                )
                explicit = (
                    isinstance(param.default, cst.Call) and callee_name(param.default.func) in _BODY_PARAM_DEFAULTS
                )
                if is_model or explicit or set(identifier_words(param.name.value)) & privilege_words:
                    self.names.add(param.name.value)
        self.reads_input = _reads_request_input(ctx, fn)
        if self.is_empty:
            return
        assignments = [n for n in nodes_in(fn.body, cst.Assign, cst.AnnAssign, cst.For, cst.AugAssign)]
        for _ in range(3):
            before = len(self.names)
            for node in assignments:
                if isinstance(node, cst.For):
                    if self.is_tainted(node.iter):
                        self.names |= target_names(node.target)
                    continue
                value = getattr(node, "value", None)
                if value is None or not self.is_tainted(value):
                    continue
                if (self.direct and not _plain_read(self.ctx, value)) or self._sanitised(value):
                    continue
                if self.semantic and _is_lookup(self, value):
                    continue
                targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
                for target in targets:
                    self.names |= target_names(target)
            if len(self.names) == before:
                break

    @property
    def is_empty(self) -> bool:
        """Nothing inside the function is tainted: it reads no request input and takes no body parameter."""
        return not self.names and not self.reads_input

    def _sanitised(self, value: cst.BaseExpression) -> bool:
        """Input narrowed by an allow-list: `requested & client.allowed_scopes`,
        `{k: v for k, v in data.items() if k in PROFILE_FIELDS}`."""
        if isinstance(value, (cst.DictComp, cst.ListComp, cst.SetComp, cst.GeneratorExp)):
            if any(clause.ifs for clause in _comp_clauses(value.for_in)):
                return True
        return bool(node_words(self.ctx, value) & _ALLOW_LIST_WORDS)

    def is_tainted(self, expr: cst.CSTNode | None) -> bool:
        if expr is None:
            return False
        if is_request_input(self.ctx, expr):
            return True
        if not self.names:
            return False
        return any(name.value in self.names for name in nodes_in(expr, cst.Name))


_ALLOW_LIST_WORDS = frozenset(
    {"allowed", "assignable", "permitted", "grantable", "whitelist", "allowlist", "whitelisted", "allowlisted"}
)


def _comp_clauses(clause: cst.CompFor | None) -> Iterator[cst.CompFor]:
    while clause is not None:
        yield clause
        clause = clause.inner_for_in


_READ_METHODS = frozenset(
    {"get", "getlist", "pop", "strip", "lower", "get_json", "json", "form", "decode", "unquote", "str"}
)


def _plain_read(ctx: PythonContext, value: cst.CSTNode) -> bool:
    """A value that only reads or lightly normalises request data (no other computation)."""
    for call in nodes_in(value, cst.Call):
        func = call.func
        name = callee_name(func)
        if name not in _READ_METHODS:
            return False
    return True


def target_names(target: cst.BaseExpression) -> set[str]:
    """Names an assignment target binds: `a`, `a, b`, `[a, *rest]`."""
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        out: set[str] = set()
        for element in target.elements:
            out |= target_names(element.value)
        return out
    if isinstance(target, cst.StarredElement):
        return target_names(target.value)
    return set()


# -- what a function checks ---------------------------------------------------


def leaf_keys(ctx: PythonContext, expr: cst.CSTNode) -> set[str]:
    """The names a value is known by: `data["role"]` -> role, `body.role` -> role, `role` -> role."""
    if isinstance(expr, cst.Name):
        return {expr.value}
    if isinstance(expr, cst.Attribute):
        return {expr.attr.value}
    if isinstance(expr, cst.Subscript):
        keys: set[str] = set()
        for element in expr.slice:
            if isinstance(element.slice, cst.Index):
                text = (
                    ctx.string_value(element.slice.value) if isinstance(element.slice.value, cst.SimpleString) else None
                )
                keys |= {text} if text else leaf_keys(ctx, element.slice.value)
        return keys
    if isinstance(expr, cst.Call):
        func = expr.func
        if isinstance(func, cst.Attribute) and func.attr.value in {"get", "pop", "getlist", "getone"} and expr.args:
            first = expr.args[0].value
            text = ctx.string_value(first) if isinstance(first, cst.SimpleString) else None
            if text:
                return {text}
        keys = set()
        if isinstance(func, cst.Attribute):
            keys |= leaf_keys(ctx, func.value)  # `invite.email.casefold()` is still the email
        for arg in expr.args:
            keys |= leaf_keys(ctx, arg.value)
        return keys
    keys = set()
    for child in expr.children:
        if isinstance(child, (cst.BaseExpression, cst.ComparisonTarget, cst.Arg, cst.Element)):
            keys |= leaf_keys(ctx, child)
    return keys


def checked_keys(
    ctx: PythonContext,
    fn: cst.CSTNode,
    extra_validator_words: Iterable[str] = (),
    not_validators: Iterable[str] = (),
    inside: Iterable[cst.CSTNode] = (),
) -> set[str]:
    """Names (and dict keys) a function compares, asserts, or passes to a validator.

    `not_validators` names calls that look like validators but are the sink
    being judged (`authorize_redirect` authorizes nothing); comparisons inside
    the `inside` nodes (the value being judged, `x == "true"`) are not checks of it."""
    skipped = set(not_validators)
    excluded = {id(c) for node in inside for c in nodes_in(node, cst.Comparison)}
    validators = VALIDATOR_WORDS | set(extra_validator_words)
    keys: set[str] = set()
    for comparison in nodes_in(fn, cst.Comparison):
        if id(comparison) in excluded:
            continue
        keys |= leaf_keys(ctx, comparison.left)
        for target in comparison.comparisons:
            keys |= leaf_keys(ctx, target.comparator)
    for call in nodes_in(fn, cst.Call):
        func = call.func
        name = callee_name(func)
        if name not in skipped and set(identifier_words(name)) & validators:
            for arg in call.args:
                keys |= leaf_keys(ctx, arg.value)
    for match_stmt in nodes_in(fn, cst.Match):
        keys |= leaf_keys(ctx, match_stmt.subject)
    return keys


# Words of functions that make an access decision.
AUTH_DECISION_WORDS = frozenset(
    {
        "authorize",
        "authorized",
        "authorization",
        "authz",
        "permission",
        "permissions",
        "access",
        "allowed",
        "allow",
        "permit",
        "permitted",
        "verify",
        "verified",
        "authenticate",
        "authenticated",
        "acl",
        "entitled",
        "enforce",
        "privilege",
        "perm",
        "perms",
        "permits",
        "entitlements",
    }
)
# `has_role`, `check_scope`, `is_admin`, `require_owner`: a predicate word with a rights word.
_PREDICATE_WORDS = frozenset({"has", "is", "check", "require", "requires", "ensure", "validate", "can", "may"})
_RIGHTS_WORDS = frozenset(
    {
        "role",
        "roles",
        "scope",
        "scopes",
        "admin",
        "owner",
        "member",
        "policy",
        "token",
        "signature",
        "session",
        "login",
        "mfa",
        "superuser",
        "staff",
        "rbac",
        "auth",
    }
)


def is_auth_decision_function(fn: cst.CSTNode) -> bool:
    """`authorize`, `check_permission`, `has_access`, `verify_token`, `can_edit`, `is_allowed`..."""
    name = function_name(fn)
    words = set(identifier_words(name))
    if name.startswith(("can_", "may_")) or name in {"can", "may"}:
        return True
    if words & {"log", "logger", "format", "render", "serialize", "test"}:
        return False
    return bool(words & AUTH_DECISION_WORDS) or bool(words & _PREDICATE_WORDS and words & _RIGHTS_WORDS)


_OFFBOARD_ALONE = frozenset(
    {
        "offboard",
        "offboarding",
        "deprovision",
        "deprovisioning",
        "terminate",
        "termination",
        "leaver",
        "decommission",
        "decommissioning",
    }
)
_OFFBOARD_VERBS = frozenset(
    {
        "deactivate",
        "disable",
        "suspend",
        "remove",
        "revoke",
        "delete",
        "archive",
        "kick",
        "expel",
        "lock",
        "block",
        "ban",
        "unassign",
        "retire",
        "destroy",
        "purge",
        "evict",
    }
)
_OFFBOARD_OBJECTS = frozenset(
    {
        "user",
        "users",
        "member",
        "members",
        "account",
        "accounts",
        "employee",
        "employees",
        "access",
        "identity",
        "seat",
        "contractor",
        "staff",
        "collaborator",
        "operator",
        "principal",
        "person",
        "machine",
        "bot",
        "agent",
        "device",
        "tenant",
        "customer",
        "vendor",
        "partner",
        "robot",
        "workload",
        "admin",
    }
)


def is_offboarding_function(fn: cst.CSTNode) -> bool:
    """`offboard_employee`, `deactivate_user`, `remove_member`, `deprovision`, `revoke_access`..."""
    words = function_words(fn)
    return bool(words & _OFFBOARD_ALONE) or bool(words & _OFFBOARD_VERBS and words & _OFFBOARD_OBJECTS)


def is_offboarding(ctx: PythonContext, fn: cst.FunctionDef) -> bool:
    """`is_offboarding_function`, also for a bare verb that is a method of a user/member class
    (`UserAdminViewSet.deactivate`, `MemberService.remove`)."""
    if is_offboarding_function(fn):
        return True
    words = function_words(fn)
    cls = module_index(ctx).class_of(fn)
    if cls is not None and fn.name.value in _HANDLER_METHODS and _HANDLER_METHODS[fn.name.value] in _MUTATING_METHODS:
        words = set(identifier_words(cls.name.value))  # `class UserDeactivateHandler: def post(self, uid)`
        return bool(words & _OFFBOARD_ALONE) or bool(words & _OFFBOARD_VERBS and words & _OFFBOARD_OBJECTS)
    if not words & (_OFFBOARD_VERBS | _OFFBOARD_ALONE) or len(words) > 1:
        return False
    return bool(enclosing_class_words(ctx, fn) & _OFFBOARD_OBJECTS)


_GRANT_CALL_WORDS = frozenset(
    {
        "add",
        "create",
        "join",
        "grant",
        "assign",
        "append",
        "get_or_create",
        "update_or_create",
        "insert",
        "attach",
        "set",
    }
)
_GRANT_OBJECT_WORDS = frozenset(
    {
        "member",
        "members",
        "membership",
        "memberships",
        "role",
        "roles",
        "team",
        "teams",
        "org",
        "organization",
        "organisation",
        "group",
        "groups",
        "workspace",
        "project",
        "tenant",
        "collaborator",
        "collaborators",
        "seat",
        "access",
    }
)


def grants_membership(ctx: PythonContext, fn: cst.FunctionDef) -> cst.CSTNode | None:
    """The first statement-level call or assignment in `fn` that adds someone to an org/team/role."""
    for node in nodes_in(fn.body, cst.Call, cst.Assign):
        if isinstance(node, cst.Assign):
            for target in node.targets:
                name = ctx.target_name(target.target) or ""
                if isinstance(target.target, cst.Attribute) and set(identifier_words(name)) & {
                    "role",
                    "org",
                    "organization",
                    "team",
                    "tenant",
                    "workspace",
                }:
                    return node
            continue
        func = node.func
        last = callee_name(func)
        last_words = set(identifier_words(last))
        if last[:1].isupper() and last_words & _GRANT_OBJECT_WORDS:
            return node  # Membership(...), TeamMember(...)
        if last_words & _GRANT_CALL_WORDS and node_words(ctx, node.func) & _GRANT_OBJECT_WORDS:
            return node  # Membership.objects.create(...), org.members.add(user), add_member(...)
        if last_words & _GRANT_CALL_WORDS and last_words & _GRANT_OBJECT_WORDS:
            return node
    return None


# == the function-level flow layer ==============================================
#
# What several semantic guards ask about one function, answered once per file and
# memoised in `file_cache`: where a node sits in source order, which functions of
# the same module a function calls, which statements deny (raise, abort, return a
# refusal), which conditions must hold before a statement runs, what an exception
# handler does with the failure, whether a function is an HTTP endpoint and how it
# is protected, who the authenticated caller is, and how privileged a role is.


def span_of(ctx: PythonContext, node: cst.CSTNode) -> tuple[int, int] | None:
    """Pre-order (start, end) of `node`: inside a guard pass a lookup in the file's tree index,
    otherwise in an index built once for the context's module."""
    span = node_span(node)
    if span is not None:
        return span
    cache = file_cache(ctx)
    index = cache.get("flow index")
    if index is None:
        index = cache["flow index"] = TreeIndex(ctx.module)
    return index.span(node)


def _before(ctx: PythonContext, node: cst.CSTNode, target: cst.CSTNode) -> bool:
    """`node` ends before `target` starts (source order)."""
    a, b = span_of(ctx, node), span_of(ctx, target)
    return a is not None and b is not None and a[1] <= b[0]


def _contains(ctx: PythonContext, outer: cst.CSTNode, inner: cst.CSTNode) -> bool:
    a, b = span_of(ctx, outer), span_of(ctx, inner)
    return a is not None and b is not None and a[0] <= b[0] and b[1] <= a[1]


def own_nodes(ctx: PythonContext, fn: cst.FunctionDef, *kinds: type) -> list:
    """Nodes of `kinds` in `fn`'s body, not inside functions or classes nested in it (lambdas included)."""
    cache = file_cache(ctx)
    key = ("own", id(fn), kinds)
    found = cache.get(key)
    if found is None:
        found = nodes_in(fn.body, *kinds)
        nested = [n for n in nodes_in(fn.body, cst.FunctionDef, cst.ClassDef)]
        if nested and found:
            spans = [s for s in (span_of(ctx, n) for n in nested) if s is not None]

            def inside(node: cst.CSTNode) -> bool:
                own = span_of(ctx, node)
                return own is not None and any(s[0] <= own[0] < s[1] for s in spans)

            found = [n for n in found if not inside(n)]
        cache[key] = found
    return found


# -- the module: its functions and who calls whom --------------------------------


class ModuleIndex:
    """Functions and classes of one module, by name, with each function's enclosing class."""

    def __init__(self, ctx: PythonContext) -> None:
        self.functions: dict[str, list[cst.FunctionDef]] = {}
        self.classes: dict[str, cst.ClassDef] = {}
        self.owner: dict[int, cst.ClassDef | None] = {}  # id(fn) -> the class it is a method of
        self.nested: set[int] = set()  # functions defined inside other functions
        stack: list[tuple[int, cst.CSTNode]] = []
        for node in nodes_in(ctx.module, cst.FunctionDef, cst.ClassDef):
            span = span_of(ctx, node)
            if span is None:
                continue
            while stack and stack[-1][0] <= span[0]:
                stack.pop()
            parent = stack[-1][1] if stack else None
            if isinstance(node, cst.ClassDef):
                self.classes.setdefault(node.name.value, node)
            else:
                self.functions.setdefault(node.name.value, []).append(node)
                self.owner[id(node)] = parent if isinstance(parent, cst.ClassDef) else None
                if isinstance(parent, cst.FunctionDef):
                    self.nested.add(id(node))
            stack.append((span[1], node))

    def class_of(self, fn: cst.CSTNode) -> cst.ClassDef | None:
        return self.owner.get(id(fn))

    def module_level(self, name: str) -> list[cst.FunctionDef]:
        return [f for f in self.functions.get(name, ()) if self.owner.get(id(f)) is None and id(f) not in self.nested]

    def methods(self, cls: cst.ClassDef | None, name: str) -> list[cst.FunctionDef]:
        return [f for f in self.functions.get(name, ()) if cls is not None and self.owner.get(id(f)) is cls]


def module_index(ctx: PythonContext) -> ModuleIndex:
    cache = file_cache(ctx)
    index = cache.get("module index")
    if index is None:
        index = cache["module index"] = ModuleIndex(ctx)
    return index


def display_name(ctx: PythonContext, fn: cst.FunctionDef) -> str:
    """`deactivate_user`, or `UserDeactivateHandler.post` for a method."""
    cls = module_index(ctx).class_of(fn)
    return f"{cls.name.value}.{fn.name.value}" if cls is not None else fn.name.value


def enclosing_class_words(ctx: PythonContext, fn: cst.CSTNode) -> set[str]:
    cls = module_index(ctx).class_of(fn)
    return set(identifier_words(cls.name.value)) if cls is not None else set()


def call_targets(ctx: PythonContext, fn: cst.FunctionDef, call: cst.Call) -> list[cst.FunctionDef]:
    """The functions of this module a call may run: `helper(...)`, `self.helper(...)`, `Cls.helper(...)`."""
    index = module_index(ctx)
    func = call.func
    if isinstance(func, cst.Name):
        nested = [f for f in index.functions.get(func.value, ()) if id(f) in index.nested and _contains(ctx, fn, f)]
        return nested or index.module_level(func.value)
    if isinstance(func, cst.Attribute) and isinstance(func.value, cst.Name):
        owner = func.value.value
        if owner in {"self", "cls"}:
            return index.methods(index.class_of(fn), func.attr.value)
        if owner in index.classes:
            return index.methods(index.classes[owner], func.attr.value)
    return []


def local_callees(ctx: PythonContext, fn: cst.FunctionDef) -> list[tuple[cst.Call, cst.FunctionDef]]:
    """(call, callee) for every call in `fn` to a function or method defined in this module."""
    cache = file_cache(ctx)
    key = ("callees", id(fn))
    found = cache.get(key)
    if found is None:
        found = []
        for call in nodes_in(fn.body, cst.Call):
            for target in call_targets(ctx, fn, call):
                if target is not fn:
                    found.append((call, target))
        cache[key] = found
    return found


def reachable(ctx: PythonContext, fn: cst.FunctionDef, depth: int = 2) -> list[cst.FunctionDef]:
    """`fn` and the module's functions it calls, transitively up to `depth` calls away."""
    seen = {id(fn)}
    order = [fn]
    frontier = [fn]
    for _ in range(depth):
        nxt = []
        for current in frontier:
            for _call, callee in local_callees(ctx, current):
                if id(callee) not in seen:
                    seen.add(id(callee))
                    order.append(callee)
                    nxt.append(callee)
        frontier = nxt
    return order


# -- deny, allow and what a failure handler does ---------------------------------

_DENY_WORDS = frozenset(
    {
        "deny",
        "denied",
        "forbidden",
        "forbid",
        "reject",
        "rejected",
        "unauthorized",
        "unauthorised",
        "refuse",
        "refused",
        "disallow",
        "disallowed",
        "blocked",
        "unauthenticated",
        "notauthenticated",
        "permissiondenied",
    }
)
_DENY_CALL_WORDS = _DENY_WORDS | frozenset(
    {
        "abort",
        "bad",
        "error",
        "gone",
        "conflict",
        "redirect",
        "fail",
        "failure",
        "invalid",
        "problem",
        "not",
        "found",
        "unprocessable",
        "throw",
        "raise",
    }
)


def _status_code(ctx: PythonContext, expr: cst.BaseExpression | None) -> int | None:
    if expr is None:
        return None
    number = ctx.number_value(expr)
    if number is not None and 100 <= number < 600:
        return int(number)
    name = expression_name(expr) if isinstance(expr, (cst.Name, cst.Attribute)) else None
    if name:
        digits = [w for w in identifier_words(name) if w.isdigit()]
        if digits and 100 <= int(digits[0]) < 600:
            return int(digits[0])
    return None


def is_deny_value(ctx: PythonContext, expr: cst.BaseExpression | None) -> bool:
    """`False`, `None`, `Decision.DENY`, `"denied"`, `HttpResponseForbidden()`, `Response(status=403)`,
    `(body, 403)`, `{"allowed": False}`, `redirect(login_url)`."""
    if expr is None:
        return True  # a bare `return` from a check function is a falsy answer
    if isinstance(expr, cst.Await):
        expr = expr.expression
    if isinstance(expr, cst.Name) and expr.value in {"None", "False"}:
        return True
    if isinstance(expr, cst.Integer) and number_literal_value(expr) == 0:
        return True
    text = string_literal(expr)
    if text is not None:
        return bool(_DENY_WORDS.intersection(identifier_words(text))) or text.lower() in {"", "no"}
    if isinstance(expr, (cst.Name, cst.Attribute)):
        return bool(_DENY_WORDS & set(identifier_words(expression_name(expr) or "")))
    if isinstance(expr, cst.Tuple):
        return any(
            _status_code(ctx, e.value) is not None and (_status_code(ctx, e.value) or 0) >= 400 for e in expr.elements
        )
    if isinstance(expr, cst.Dict):
        items = ctx.dict_items(expr) or {}
        return any(
            set(identifier_words(k)) & {"allowed", "allow", "granted", "authorized", "ok"}
            and ctx.bool_value(v) is False
            for k, v in items.items()
        )
    if isinstance(expr, cst.Call):
        if set(identifier_words(callee_name(expr.func))) & _DENY_CALL_WORDS:
            return True
        for arg in expr.args:
            if arg.keyword is not None:
                words = set(identifier_words(arg.keyword.value))
                if words & {"status", "code"} and (_status_code(ctx, arg.value) or 0) >= 400:
                    return True
                if words & {"allowed", "allow", "granted", "authorized"} and ctx.bool_value(arg.value) is False:
                    return True
            elif (_status_code(ctx, arg.value) or 0) >= 400:
                return True
    return False


def statement_denies(ctx: PythonContext, stmt: cst.CSTNode) -> bool:
    """A statement that refuses: `raise`, `abort(403)`, `return False`, `return HttpResponseForbidden()`."""
    if isinstance(stmt, cst.SimpleStatementLine):
        return any(statement_denies(ctx, small) for small in stmt.body)
    if isinstance(stmt, cst.Raise):
        return True
    if isinstance(stmt, cst.Return):
        return is_deny_value(ctx, stmt.value)
    if isinstance(stmt, cst.Expr):
        value = stmt.value.expression if isinstance(stmt.value, cst.Await) else stmt.value
        if isinstance(value, cst.Call):
            words = set(identifier_words(callee_name(value.func)))
            return bool(words & {"abort", "deny", "forbid", "reject", "fail", "throw", "raise"} or words & _DENY_WORDS)
    return False


def block_denies(ctx: PythonContext, block: cst.BaseSuite | None) -> bool:
    """Whether a block refuses on its own path: one of its statements (or every branch of an
    `if`/`else` in it) raises, aborts or returns a refusal."""
    if block is None:
        return False
    body = block.body if isinstance(block, cst.IndentedBlock) else [block]
    for stmt in body:
        if isinstance(stmt, (cst.SimpleStatementLine, cst.BaseSmallStatement)):
            if statement_denies(ctx, stmt):
                return True
        elif isinstance(stmt, cst.If) and stmt.orelse is not None:
            other = stmt.orelse.body if isinstance(stmt.orelse, cst.Else) else None
            if block_denies(ctx, stmt.body) and (
                isinstance(stmt.orelse, cst.If) and _if_chain_denies(ctx, stmt.orelse) or block_denies(ctx, other)
            ):
                return True
    return False


def _if_chain_denies(ctx: PythonContext, node: cst.If) -> bool:
    if not block_denies(ctx, node.body):
        return False
    if node.orelse is None:
        return False
    if isinstance(node.orelse, cst.If):
        return _if_chain_denies(ctx, node.orelse)
    return block_denies(ctx, node.orelse.body)


class Check:
    """A condition that must hold before a statement runs.

    `test` is the condition as written; `positive` says whether the statement runs only when it is
    true (an enclosing `if` body, an `assert`) or only when it is false (an earlier `if` that
    refuses). A validating call before the statement (`ensure_can_grant(actor, role)`) has no test;
    `via` is the module function the check was found in when it is not the function itself."""

    __slots__ = ("test", "positive", "node", "call", "via")

    def __init__(self, test, positive, node, call=None, via=None) -> None:
        self.test = test
        self.positive = positive
        self.node = node
        self.call = call
        self.via = via


_CHECK_CALL_WORDS = VALIDATOR_WORDS | frozenset(
    {"authorize", "authorise", "guard", "protect", "is", "has", "authenticate", "construct", "decode", "unsign"}
)


def checks_before(
    ctx: PythonContext, fn: cst.FunctionDef, target: cst.CSTNode | None = None, depth: int = 1
) -> list[Check]:
    """The conditions that guard `target` in `fn` (every check in `fn` when `target` is None):
    `if` tests that refuse before it or enclose it, `assert`s, validating calls, and the refusing
    checks inside module helpers called before it (followed `depth` calls deep)."""
    cache = file_cache(ctx)
    key = ("checks", id(fn), id(target) if target is not None else None, depth)
    found = cache.get(key)
    if found is not None:
        return found
    found = []
    for node in own_nodes(ctx, fn, cst.If, cst.Assert, cst.While, cst.Call):
        if target is not None and node is target:
            continue
        if isinstance(node, cst.If):
            if target is not None and _contains(ctx, node, target):
                in_body = _contains(ctx, node.body, target)
                found.append(Check(node.test, in_body, node))
            elif target is None or _before(ctx, node, target):
                if block_denies(ctx, node.body):
                    found.append(Check(node.test, False, node))
                elif (
                    node.orelse is not None
                    and isinstance(node.orelse, cst.Else)
                    and block_denies(ctx, node.orelse.body)
                ):
                    found.append(Check(node.test, True, node))
        elif isinstance(node, cst.Assert):
            if target is None or _before(ctx, node, target):
                found.append(Check(node.test, True, node))
        elif isinstance(node, cst.While):
            if target is not None and _contains(ctx, node.body, target):
                found.append(Check(node.test, True, node))
        elif isinstance(node, cst.Call):
            if target is not None and not _before(ctx, node, target):
                continue
            if set(identifier_words(callee_name(node.func))) & _CHECK_CALL_WORDS:
                found.append(Check(None, True, node, call=node))
            if depth > 0:
                for callee in call_targets(ctx, fn, node):
                    if callee is fn:
                        continue
                    inner = [
                        c
                        for c in checks_before(ctx, callee, None, depth - 1)
                        if c.test is not None or c.call is not None
                    ]
                    if (
                        any(c.test is not None and (not c.positive or isinstance(c.node, cst.Assert)) for c in inner)
                        or inner
                    ):
                        found.append(Check(None, True, node, call=node, via=callee))
                        for check in inner:
                            found.append(Check(check.test, check.positive, check.node, check.call, via=callee))
    cache[key] = found
    return found


_SUCCESS_WORDS = frozenset(
    {
        "ok",
        "success",
        "succeeded",
        "successful",
        "done",
        "complete",
        "completed",
        "finished",
        "removed",
        "revoked",
        "deleted",
        "deactivated",
        "disabled",
        "offboarded",
        "deprovisioned",
        "suspended",
        "terminated",
        "true",
    }
)
_FAILURE_WORDS = frozenset(
    {
        "fail",
        "failed",
        "failure",
        "failures",
        "error",
        "errors",
        "errored",
        "partial",
        "incomplete",
        "retry",
        "retrying",
        "pending",
        "unknown",
    }
)
_ESCALATE_WORDS = frozenset(
    {
        "retry",
        "alert",
        "page",
        "escalate",
        "requeue",
        "reschedule",
        "enqueue",
        "schedule",
        "fail",
        "failed",
        "failure",
        "incident",
    }
)


def is_success_value(ctx: PythonContext, expr: cst.BaseExpression | None) -> bool:
    """`True`, `"ok"`, `"revoked"`, `{"status": "offboarded"}`, `Status.COMPLETED`."""
    if expr is None:
        return False
    if ctx.bool_value(expr) is True and isinstance(ctx.resolve(expr), cst.Name):
        return True
    text = string_literal(expr)
    if text is not None:
        words = set(identifier_words(text))
        return bool(words & _SUCCESS_WORDS) and not words & _FAILURE_WORDS and "not" not in words
    if isinstance(expr, cst.Attribute):
        words = set(identifier_words(expr.attr.value))
        return bool(words & _SUCCESS_WORDS) and not words & _FAILURE_WORDS
    if isinstance(expr, cst.Dict):
        items = ctx.dict_items(expr) or {}
        status = [
            v for k, v in items.items() if set(identifier_words(k)) & {"status", "state", "result", "ok", "success"}
        ]
        return bool(status) and all(is_success_value(ctx, v) for v in status)
    return False


def _root_name(expr: cst.BaseExpression) -> str | None:
    while isinstance(expr, (cst.Attribute, cst.Subscript, cst.Call)):
        expr = expr.value if not isinstance(expr, cst.Call) else expr.func
    return expr.value if isinstance(expr, cst.Name) else None


def handler_propagates(ctx: PythonContext, fn: cst.FunctionDef, try_node: cst.Try, handler: cst.ExceptHandler) -> bool:
    """Whether an exception handler lets the failure be known: it raises, returns a failure,
    retries or alerts, or records the failure in a value the function tests (or returns) later.
    A handler that passes, logs, continues or writes a success value swallows it."""
    exc_name = handler.name.name.value if handler.name is not None and isinstance(handler.name.name, cst.Name) else None
    recorded: set[str] = set()
    for node in nodes_in(handler.body, cst.Raise, cst.Return, cst.Call, cst.Assign, cst.AugAssign):
        if isinstance(node, cst.Raise):
            return True
        if isinstance(node, cst.Return):
            if not is_success_value(ctx, node.value):
                return True
            continue
        if isinstance(node, cst.Call):
            name = callee_name(node.func)
            words = set(identifier_words(name))
            if name in _LOG_METHODS or name in {"print", "pass"}:
                continue
            if words & _ESCALATE_WORDS:
                return True
            if isinstance(node.func, cst.Attribute) and name in {
                "append",
                "add",
                "extend",
                "update",
                "put",
                "setdefault",
                "insert",
            }:
                root = _root_name(node.func.value)
                if root and not any(is_success_value(ctx, a.value) for a in node.args):
                    recorded.add(root)
            continue
        targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
        value = node.value
        if is_success_value(ctx, value):
            continue
        failure = exc_name is not None and any(n.value == exc_name for n in nodes_in(value, cst.Name))
        text = string_literal(value) or ""
        failure = failure or bool(_FAILURE_WORDS & set(identifier_words(text))) or ctx.bool_value(value) is False
        for target in targets:
            root = _root_name(target)
            if root is not None:
                recorded.add(root)
                if failure:
                    recorded.add(root + " failure")
    if not recorded:
        return False
    try_span = span_of(ctx, try_node)
    for node in own_nodes(ctx, fn, cst.If, cst.While, cst.Assert, cst.IfExp, cst.Return, cst.Call):
        span = span_of(ctx, node)
        if span is None or try_span is None or span[0] < try_span[1]:
            continue
        if isinstance(node, (cst.If, cst.While, cst.Assert, cst.IfExp)):
            tested = {n.value for n in nodes_in(node.test, cst.Name)}
        elif isinstance(node, cst.Call):
            if callee_name(node.func) not in {"any", "all", "len", "bool"}:
                continue
            tested = {n.value for n in nodes_in(node, cst.Name)}
        else:
            tested = {n.value for n in nodes_in(node.value, cst.Name)} if node.value is not None else set()
            tested = {t for t in tested if t + " failure" in recorded}  # a returned summary that says "failed"
        if tested & recorded:
            return True
    return False


# -- HTTP endpoints and how they are protected -----------------------------------

_ROUTE_DECORATORS = frozenset(
    {
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "route",
        "api_route",
        "websocket",
        "head",
        "options",
        "view_config",
        "api_view",
        "action",
        "websocket_route",
    }
)
_MUTATING_METHODS = frozenset({"POST", "PUT", "PATCH", "DELETE"})
_HANDLER_METHODS = {
    "get": "GET",
    "post": "POST",
    "put": "PUT",
    "patch": "PATCH",
    "delete": "DELETE",
    "create": "POST",
    "update": "PUT",
    "partial_update": "PATCH",
    "destroy": "DELETE",
    "list": "GET",
    "retrieve": "GET",
}
_VIEW_CLASS_WORDS = frozenset(
    {
        "view",
        "views",
        "viewset",
        "handler",
        "resource",
        "endpoint",
        "controller",
        "api",
        "apiview",
        "mixin",
        "methodview",
    }
)
_REGISTRATION_CALLS = {
    "add_route": None,
    "add_get": "GET",
    "add_post": "POST",
    "add_put": "PUT",
    "add_patch": "PATCH",
    "add_delete": "DELETE",
    "add_view": None,
    "add_api_route": None,
    "add_url_rule": None,
    "Route": None,
    "path": None,
    "re_path": None,
    "url": None,
    "add_websocket_route": None,
    "route": None,
}
_WEB_MODULES = (
    "flask",
    "quart",
    "fastapi",
    "starlette",
    "litestar",
    "sanic",
    "aiohttp",
    "falcon",
    "tornado",
    "pyramid",
    "django",
    "rest_framework",
    "bottle",
    "blacksheep",
    "robyn",
    "responder",
)


def _methods_from(ctx: PythonContext, expr: cst.BaseExpression | None) -> set[str]:
    out: set[str] = set()
    if expr is None:
        return out
    expr = ctx.resolve(expr)
    if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
        for element in expr.elements:
            text = ctx.string_value(element.value)
            if text:
                out.add(text.upper())
    else:
        text = ctx.string_value(expr)
        if text:
            out.add(text.upper())
    return out


def registered_handlers(ctx: PythonContext) -> dict[str, set[str]]:
    """Names of module functions registered as request handlers (`app.router.add_delete("/k", revoke)`,
    `Route("/x", endpoint, methods=[...])`, `path("x/", view)`, `app.add_url_rule(..., view_func=f)`),
    with the HTTP methods the registration names (empty when it does not say)."""
    cache = file_cache(ctx)
    found = cache.get("registered handlers")
    if found is not None:
        return found
    found = {}
    if module_words_among(ctx, {"route", "router", "path", "url", "add", "view", "routes", "urlpatterns", "web"}):
        index = module_index(ctx)
        for call in nodes_in(ctx.module, cst.Call):
            name = callee_name(call.func)
            if name in _REGISTRATION_CALLS:
                method = _REGISTRATION_CALLS[name] or ""  # `Route(path, endpoint)`: the methods, if any, are a keyword
            elif (
                name in {"get", "post", "put", "patch", "delete"}
                and isinstance(call.func, cst.Attribute)
                and callee_name(call.func.value) == "web"
            ):
                method = name.upper()
            else:
                continue
            methods = {method} if method else set()
            methods |= _methods_from(ctx, PythonContext.kwarg(call, "methods"))
            for arg in call.args:
                value = arg.value
                if arg.keyword is not None and arg.keyword.value not in {"view_func", "endpoint", "handler", "view"}:
                    continue
                if isinstance(value, cst.Call) and callee_name(value.func) == "as_view":
                    continue
                target = value.value if isinstance(value, cst.Name) else None
                if target and index.module_level(target):
                    found.setdefault(target, set()).update(methods)
    cache["registered handlers"] = found
    return found


def endpoint_methods(ctx: PythonContext, fn: cst.FunctionDef) -> set[str] | None:
    """The HTTP methods `fn` answers if it is a request handler (empty set: a handler whose methods are
    not stated), None when it is not one. Knows route decorators (Flask, Quart, FastAPI, Starlette,
    Litestar, Sanic, aiohttp, Pyramid `view_config`, DRF `api_view`/`action`), handler registrations,
    class-based views (Django, DRF, Flask MethodView, Tornado, Falcon `on_post`, aiohttp `web.View`,
    Litestar controllers) and Django-style function views."""
    cache = file_cache(ctx)
    key = ("endpoint", id(fn))
    if key in cache:
        return cache[key]
    methods: set[str] | None = None
    for decorator in fn.decorators:
        target = decorator.decorator
        call = target if isinstance(target, cst.Call) else None
        func = call.func if call is not None else target
        name = callee_name(func)
        if name not in _ROUTE_DECORATORS:
            continue
        if isinstance(func, cst.Name):
            qual = ctx.qualname(func) or ""
            path = call is not None and call.args and (ctx.string_value(call.args[0].value) or "").startswith("/")
            if not (qual.startswith(_WEB_MODULES) or path or name in {"api_view", "view_config", "action"}):
                continue
        methods = set() if methods is None else methods
        if name in {"get", "post", "put", "patch", "delete", "head", "options"}:
            methods.add(name.upper())
        elif call is not None:
            methods |= _methods_from(
                ctx, PythonContext.kwarg(call, "methods") or PythonContext.kwarg(call, "request_method")
            )
            if name == "api_view" and call.args and call.args[0].keyword is None:
                methods |= _methods_from(ctx, call.args[0].value)
            if name == "action" and not methods:
                methods.add("GET")
    if methods is None:
        registered = registered_handlers(ctx).get(fn.name.value)
        index = module_index(ctx)
        if registered is not None and index.class_of(fn) is None:
            methods = set(registered)
    if methods is None:
        cls = module_index(ctx).class_of(fn)
        name = fn.name.value
        if cls is not None:
            base_words: set[str] = set(identifier_words(cls.name.value))
            for base in cls.bases:
                base_words |= node_words(ctx, base.value)
            handler = name[3:] if name.startswith("on_") else name  # Falcon responders: on_get, on_post_item
            handler = handler.split("_")[0] if name.startswith("on_") else handler
            if base_words & _VIEW_CLASS_WORDS and handler in _HANDLER_METHODS:
                methods = {_HANDLER_METHODS[handler]}
    if methods is None and module_index(ctx).class_of(fn) is None and not fn.name.value.startswith("_"):
        params = [*fn.params.posonly_params, *fn.params.params]
        first = params[0] if params else None
        if first is not None:
            annotation = _annotation_name(first)
            if (
                first.name.value in _REQUEST_NAMES
                and (
                    ctx.imported_module("django")
                    or ctx.imported_module("rest_framework")
                    or ctx.imported_module("pyramid")
                )
                or annotation in {"Request", "HttpRequest", "WebRequest"}
            ):
                methods = set()
    cache[key] = methods
    return methods


def is_endpoint(ctx: PythonContext, fn: cst.FunctionDef) -> bool:
    return endpoint_methods(ctx, fn) is not None


_MUTATING_NAME_WORDS = frozenset(
    {
        "create",
        "update",
        "delete",
        "remove",
        "set",
        "change",
        "add",
        "grant",
        "revoke",
        "rotate",
        "transfer",
        "assign",
        "invite",
        "approve",
        "reset",
        "disable",
        "enable",
        "deactivate",
        "suspend",
        "promote",
        "demote",
        "patch",
        "put",
        "post",
        "destroy",
        "edit",
        "modify",
        "issue",
        "mint",
        "regenerate",
        "upgrade",
        "downgrade",
        "cancel",
        "credit",
        "refund",
        "charge",
        "ban",
        "unban",
        "lock",
        "unlock",
        "impersonate",
        "elevate",
    }
)


def is_mutating_endpoint(ctx: PythonContext, fn: cst.FunctionDef) -> bool:
    methods = endpoint_methods(ctx, fn)
    if methods is None:
        return False
    if methods:
        return bool(methods & _MUTATING_METHODS)
    return bool(function_words(fn) & _MUTATING_NAME_WORDS)


# Words of decorators, dependencies and permission classes that authenticate (1) or authorize (2).
_AUTHN_WORDS = frozenset(
    {
        "login",
        "authenticated",
        "authenticate",
        "auth",
        "jwt",
        "token",
        "bearer",
        "session",
        "signed",
        "user",
        "current",
        "principal",
        "identity",
        "member",
        "actor",
        "me",
        "account",
        "verify",
    }
)
_AUTHZ_WORDS = frozenset(
    {
        "admin",
        "staff",
        "superuser",
        "permission",
        "permissions",
        "perm",
        "perms",
        "role",
        "roles",
        "scope",
        "scopes",
        "owner",
        "authorize",
        "authorized",
        "authorise",
        "policy",
        "rbac",
        "acl",
        "group",
        "groups",
        "passes",
        "privilege",
        "entitled",
        "entitlement",
        "can",
        "allowed",
        "guard",
        "guards",
        "protect",
        "protected",
        "manager",
        "operator",
    }
)
_NOT_PROTECTION = frozenset(
    {
        "http",
        "methods",
        "method",
        "csrf",
        "exempt",
        "atomic",
        "transaction",
        "cache",
        "cached",
        "wraps",
        "task",
        "shared",
        "retry",
        "throttle",
        "ratelimit",
        "limit",
        "limiter",
        "deprecated",
        "vary",
        "gzip",
        "cors",
        "etag",
        "condition",
        "sensitive",
        "variables",
        "safe",
        "never",
        "xframe",
        "json",
        "validate",
        "schema",
        "doc",
        "docs",
        "trace",
        "timed",
        "log",
        "classmethod",
        "staticmethod",
        "property",
        "override",
        "abstractmethod",
        # Django's `require_POST` / `require_GET` restrict the HTTP method, not the caller
        "get",
        "post",
        "put",
        "patch",
        "delete",
        "head",
        "options",
    }
)
_PUBLIC_CLASSES = frozenset({"AllowAny", "NO_PERMISSION_REQUIRED"})


def _protection_of_words(words: set[str]) -> int:
    if words & _AUTHZ_WORDS:
        return 2
    if words & (_AUTHN_WORDS | {"required", "requires", "require"}) - {"session"}:
        return 1
    return 0


def _permission_classes_level(ctx: PythonContext, expr: cst.BaseExpression | None) -> int | None:
    """DRF `permission_classes=[...]`: None when not given, -1 for AllowAny / an empty list."""
    if expr is None:
        return None
    expr = ctx.resolve(expr)
    if isinstance(expr, (cst.List, cst.Tuple)):
        if not expr.elements:
            return -1
        levels = []
        for element in expr.elements:
            name = expression_name(element.value) or ctx.source(element.value)
            if name in _PUBLIC_CLASSES:
                levels.append(-1)
            elif "IsAuthenticated" in name and "Or" not in name:
                levels.append(1)
            else:
                levels.append(2 if _protection_of_words(set(identifier_words(name))) else 1)
        return max(levels)
    return 1


def _dependency_level(ctx: PythonContext, call: cst.Call) -> int:
    """`Depends(require_admin)` -> 2, `Depends(get_current_user)` -> 1, `Depends(get_db)` -> 0."""
    words = node_words(ctx, call) - {"depends", "security"}
    if words & {"db", "database", "settings", "config", "pagination", "paginate", "engine"} and not words & (
        _AUTHZ_WORDS | {"user", "auth", "current"}
    ):
        return 0
    if "session" in words and not words & (_AUTHZ_WORDS | {"user", "auth", "current", "login"}):
        return 0
    return _protection_of_words(words)


def _router_levels(ctx: PythonContext) -> dict[str, int]:
    """Routers and apps created with auth dependencies (`APIRouter(dependencies=[Depends(require_admin)])`,
    Litestar `Router(guards=[...])`) and Flask blueprints/apps with an authenticating `before_request`."""
    cache = file_cache(ctx)
    found = cache.get("router levels")
    if found is not None:
        return found
    found = {}
    for assign in nodes_in(ctx.module, cst.Assign):
        value = assign.value
        if not isinstance(value, cst.Call):
            continue
        level = 0
        for keyword in ("dependencies", "guards", "middlewares", "middleware", "permission_classes"):
            arg = PythonContext.kwarg(value, keyword)
            if arg is None:
                continue
            for dep in nodes_in(arg, cst.Call):
                if callee_name(dep.func) in {"Depends", "Security"}:
                    level = max(level, _dependency_level(ctx, dep))
            if keyword in {"guards", "middlewares", "middleware"}:
                level = max(level, 1 if _protection_of_words(node_words(ctx, arg)) else 0)
        if level:
            for target in assign.targets:
                if isinstance(target.target, cst.Name):
                    found[target.target.value] = level
    index = module_index(ctx)
    for fns in index.functions.values():
        for fn in fns:
            for decorator in fn.decorators:
                target = decorator.decorator
                func = target.func if isinstance(target, cst.Call) else target
                if callee_name(func) in {"before_request", "before_app_request"} and isinstance(func, cst.Attribute):
                    owner = _root_name(func.value)
                    checks = checks_before(ctx, fn, None, 0)
                    if owner and any(c.test is not None and not c.positive for c in checks):
                        words: set[str] = set()
                        for check in checks:
                            words |= node_words(ctx, check.test) if check.test is not None else set()
                        found[owner] = max(found.get(owner, 0), 2 if words & _AUTHZ_WORDS else 1)
    cache["router levels"] = found
    return found


class Protection:
    """How an endpoint is protected: `level` 0 (nothing found), 1 (the caller is authenticated),
    2 (the caller's rights are checked); `public` when it is explicitly opened (`AllowAny`);
    `opened_by` the view class's statement that opens it (`permission_classes = [AllowAny]`, or
    `get_permissions`'s `return [AllowAny()]`), when that is where it is opened."""

    __slots__ = ("level", "public", "opened_by")

    def __init__(self, level: int = 0, public: bool = False, opened_by: cst.CSTNode | None = None) -> None:
        self.level = level
        self.public = public
        self.opened_by = opened_by


def endpoint_protection(ctx: PythonContext, fn: cst.FunctionDef) -> Protection:
    cache = file_cache(ctx)
    key = ("protection", id(fn))
    found = cache.get(key)
    if found is not None:
        return found
    level = 0
    public = False
    opened_by = None
    own_classes = False  # the handler sets its own permission classes: the view set's do not apply
    for decorator in fn.decorators:
        target = decorator.decorator
        call = target if isinstance(target, cst.Call) else None
        func = call.func if call is not None else target
        name = callee_name(func)
        if name in _ROUTE_DECORATORS:
            if call is not None:
                classes = _permission_classes_level(ctx, PythonContext.kwarg(call, "permission_classes"))
                own_classes = own_classes or classes is not None
                if classes == -1:
                    public = True
                elif classes:
                    level = max(level, classes)
                for keyword in ("dependencies", "guards"):
                    arg = PythonContext.kwarg(call, keyword)
                    for dep in nodes_in(arg, cst.Call) if arg is not None else []:
                        if callee_name(dep.func) in {"Depends", "Security"}:
                            level = max(level, _dependency_level(ctx, dep))
                    if (
                        keyword == "guards"
                        and arg is not None
                        and not isinstance(arg, cst.List)
                        or isinstance(arg, cst.List)
                        and arg.elements
                        and keyword == "guards"
                    ):
                        level = max(level, 2)
                permission = PythonContext.kwarg(call, "permission")
                if permission is not None:
                    if expression_name(permission) in _PUBLIC_CLASSES:
                        public = True
                    else:
                        level = max(level, 2)
            receiver = _root_name(func.value) if isinstance(func, cst.Attribute) else None
            if receiver is not None:
                level = max(level, _router_levels(ctx).get(receiver, 0))
            continue
        words = node_words(ctx, target) if call is None else node_words(ctx, func)
        if call is not None:
            for call_arg in call.args:
                words |= node_words(ctx, call_arg.value)
        if name in {"permission_classes"} and call is not None and call.args:
            classes = _permission_classes_level(ctx, call.args[0].value)
            own_classes = True
            public = public or classes == -1
            level = max(level, classes if classes and classes > 0 else 0)
            continue
        if words & _NOT_PROTECTION and not words & (_AUTHZ_WORDS | {"login", "auth", "authenticated"}):
            continue
        level = max(level, _protection_of_words(words))
    for param in [*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params]:
        if isinstance(param.default, cst.Call) and callee_name(param.default.func) in {"Depends", "Security"}:
            level = max(level, _dependency_level(ctx, param.default))
        elif param.name.value in {
            "current_user",
            "actor",
            "principal",
            "caller",
            "admin",
            "me",
            "identity",
            "auth_user",
        } and not is_endpoint(ctx, fn):
            level = max(level, 1)
    index = module_index(ctx)
    cls = index.class_of(fn)
    if cls is not None:
        # `get_permissions` returning `[AllowAny()]` for this action replaces the class's permission classes
        opening = _opened_by_get_permissions(ctx, index.methods(cls, "get_permissions"), fn)
        own_classes = own_classes or opening is not None
        for stmt in nodes_in(cls.body, cst.Assign):
            if index.class_of(fn) is not cls or not any(isinstance(t.target, cst.Name) for t in stmt.targets):
                continue
            names = {t.target.value for t in stmt.targets if isinstance(t.target, cst.Name)}
            if names & {"permission_classes"} and not own_classes:
                classes = _permission_classes_level(ctx, stmt.value)
                if classes == -1:
                    if not public and not level:
                        public, opened_by = True, stmt
                elif classes:
                    level = max(level, classes)
            elif (
                names & {"authentication_classes"}
                and isinstance(stmt.value, (cst.List, cst.Tuple))
                and not stmt.value.elements
            ):
                opened_by = opened_by if public else stmt
                public = True
            elif names & {
                "decorators",
                "method_decorators",
                "dependencies",
                "guards",
                "permission_required",
                "required_permission",
                "required_scopes",
            }:
                level = max(
                    level,
                    _protection_of_words(node_words(ctx, stmt.value))
                    or (2 if "permission" in next(iter(names)) or "scopes" in next(iter(names)) else 0),
                )
        for base in cls.bases:
            words = node_words(ctx, base.value)
            if words & {"mixin"} or words & {"login", "permission", "passes", "staff", "superuser", "auth"}:
                level = max(level, _protection_of_words(words - {"mixin"}))
        for decorator in cls.decorators:
            level = max(level, _protection_of_words(node_words(ctx, decorator.decorator) - _NOT_PROTECTION))
        if opening is not None:
            if not public and not level:
                public, opened_by = True, opening
        elif (
            index.methods(cls, "get_permissions")
            or index.methods(cls, "has_permission")
            or index.methods(cls, "check_permissions")
        ):
            level = max(level, 2)
    level = max(level, _body_protection(ctx, fn))
    found = cache[key] = Protection(level, public and level < 1, opened_by)
    return found


def _opened_by_get_permissions(
    ctx: PythonContext, methods: list[cst.FunctionDef], fn: cst.FunctionDef
) -> cst.Return | None:
    """DRF `get_permissions` returning `[AllowAny()]` for this handler: unconditionally, or under a
    test that names its action (`if self.action in ("create", "rotate"): return [AllowAny()]`)."""
    for method in methods:
        for ret in nodes_in(method.body, cst.Return):
            value = ret.value
            if not isinstance(value, (cst.List, cst.Tuple)) or not value.elements:
                continue
            names = [
                callee_name(e.value.func) if isinstance(e.value, cst.Call) else expression_name(e.value)
                for e in value.elements
            ]
            if not all(name and name.split(".")[-1] in _PUBLIC_CLASSES for name in names):
                continue
            if any(
                stmt is ret
                for line in method.body.body
                if isinstance(line, cst.SimpleStatementLine)
                for stmt in line.body
            ):
                return ret
            for if_node in nodes_in(method.body, cst.If):
                if _contains(ctx, if_node.body, ret) and fn.name.value in {
                    string_literal(s) for s in nodes_in(if_node.test, cst.SimpleString)
                }:
                    return ret
    return None


def module_protects(ctx: PythonContext, besides: cst.FunctionDef | None = None) -> bool:
    """Whether this module protects some of its endpoints (so an unprotected one is an exception, not
    a design that leaves auth to a gateway): an endpoint other than `besides` with a protection, a
    view class with non-public permission classes, a router or app created with auth dependencies."""
    cache = file_cache(ctx)
    facts = cache.get("module protection")
    if facts is None:
        structural = bool(_router_levels(ctx))
        index = module_index(ctx)
        if not structural:
            for cls in index.classes.values():
                for stmt in nodes_in(cls.body, cst.Assign):
                    if any(
                        isinstance(t.target, cst.Name) and t.target.value == "permission_classes" for t in stmt.targets
                    ):
                        if (_permission_classes_level(ctx, stmt.value) or 0) > 0:
                            structural = True
        protected: list[int] = []
        if not structural:
            for fns in index.functions.values():
                for fn in fns:
                    if is_endpoint(ctx, fn) and endpoint_protection(ctx, fn).level > 0:
                        protected.append(id(fn))
                        if len(protected) > 1:
                            break
                if len(protected) > 1:
                    break
        facts = cache["module protection"] = (structural, protected)
    structural, protected = facts
    return structural or any(p != id(besides) for p in protected)


def _body_protection(ctx: PythonContext, fn: cst.FunctionDef) -> int:
    """What the body checks about the caller before acting: 2 for a rights check (`if not
    current_user.is_admin: abort(403)`, `require_role(request.user, ...)`, `if not await allowed(request, ...)`),
    1 for a bare authentication check (`if request.user is None: return 401`)."""
    level = 0
    for check in checks_before(ctx, fn, None, 1):
        if check.test is not None:
            if (
                not check.positive
                and _carries_request_input(ctx, fn, check.test)
                and node_words(ctx, check.test) & _CREDENTIAL_CHECK_WORDS
            ):
                level = max(level, 1)  # a machine caller authenticated by a signature / key header
                continue
            if not involves_actor(ctx, fn, check.test) and not _passes_request(ctx, check.test):
                continue
            words = node_words(ctx, check.test)
            if words & (_AUTHZ_WORDS | {"is", "has", "owner", "id", "user_id", "pk"}) and not _is_presence_test(
                check.test
            ):
                level = max(level, 2)
            else:
                level = max(level, 1)
        elif check.call is not None and check.via is None and _verifies_request_credential(ctx, check.call):
            level = max(
                level, 1
            )  # `stripe.Webhook.construct_event(payload, request.headers["Stripe-Signature"], secret)`
        elif check.call is not None and check.via is None:
            call = check.call
            words = set(identifier_words(callee_name(call.func)))
            if (any(involves_actor(ctx, fn, a.value) for a in call.args) or _passes_request(ctx, call)) and words & (
                _AUTHZ_WORDS | {"require", "ensure", "check", "authorize", "verify", "assert"}
            ):
                level = max(level, 2 if words & _AUTHZ_WORDS or words & {"authorize", "check"} else 1)
    return level


def _carries_request_input(ctx: PythonContext, fn: cst.FunctionDef, expr: cst.CSTNode) -> bool:
    """`expr` reads request input, directly or through a local assigned from it
    (`provided = request.headers.get("x-sync-key", "")`; `if not hmac.compare_digest(provided, KEY)`)."""
    if is_request_input(ctx, expr):
        return True
    names = {n.value for n in nodes_in(expr, cst.Name)}
    return any(is_request_input(ctx, value) for name in sorted(names) for value in ctx.assigned_values_in(fn, name))


_CREDENTIAL_CHECK_WORDS = frozenset(
    {
        "signature",
        "sig",
        "hmac",
        "token",
        "key",
        "secret",
        "auth",
        "authorization",
        "bearer",
        "apikey",
        "digest",
        "password",
        "credential",
        "credentials",
        "mac",
    }
)


def _verifies_request_credential(ctx: PythonContext, call: cst.Call) -> bool:
    """A call that verifies a signature, token or key the request carries."""
    words = node_words(ctx, call.func)
    if not words & {"verify", "authenticate", "construct", "validate", "check", "decode", "unsign", "loads", "compare"}:
        return False
    return any(
        is_request_input(ctx, a.value)
        and node_words(ctx, a.value) & _CREDENTIAL_CHECK_WORDS | {"headers", "meta"} & node_words(ctx, a.value)
        for a in call.args
    )


def _is_presence_test(test: cst.BaseExpression) -> bool:
    """`user is None`, `not user`, `not request.user.is_authenticated`: who, not what they may do."""
    if isinstance(test, cst.UnaryOperation):
        test = test.expression
    if isinstance(test, cst.Comparison) and len(test.comparisons) == 1:
        comparator = test.comparisons[0].comparator
        return isinstance(comparator, cst.Name) and comparator.value == "None"
    if isinstance(test, cst.BooleanOperation):
        return _is_presence_test(test.left) and _is_presence_test(test.right)
    name = expression_name(test) if isinstance(test, (cst.Name, cst.Attribute)) else None
    return name is not None and (
        name in {"user", "principal", "current_user", "actor", "claims", "identity"}
        or "authenticated" in identifier_words(name)
    )


def _passes_request(ctx: PythonContext, node: cst.CSTNode) -> bool:
    """A check that is handed the whole request (`allowed(request, "read", doc)`): it can see the caller."""
    for call in nodes_in(node, cst.Call):
        for arg in call.args:
            if isinstance(arg.value, cst.Name) and arg.value.value in _REQUEST_NAMES:
                return True
            if (
                isinstance(arg.value, cst.Attribute)
                and arg.value.attr.value == "request"
                and isinstance(arg.value.value, cst.Name)
                and arg.value.value.value == "self"
            ):
                return True
    return False


# -- the authenticated caller ------------------------------------------------------

# Expressions that are the authenticated caller in the common frameworks.
_ACTOR_PATHS = (
    "request.user",
    "self.request.user",
    "request.auth",
    "self.request.auth",
    "g.user",
    "g.current_user",
    "flask.g.user",
    "current_user",
    "self.current_user",
    "request.ctx.user",
    "request.state.user",
    "request.identity",
    "request.authenticated_userid",
    "request.scope['user']",
    "info.context.user",
    "request['principal']",
    "request['user']",
    "request['claims']",
    "request['identity']",
    "request['current_user']",
)
_ACTOR_PARAM_NAMES = frozenset(
    {
        "actor",
        "current_user",
        "current_member",
        "principal",
        "caller",
        "approver",
        "reviewer",
        "me",
        "viewer",
        "operator",
        "admin",
        "staff",
        "auth_user",
        "identity",
        "requesting_user",
        "acting_user",
        "current_admin",
        "claims",
    }
)
_ACTOR_CALL_WORDS = frozenset({"current", "actor", "principal", "whoami", "authenticated", "identity"})


def canonical(expr: cst.CSTNode | None) -> str | None:
    """`request.user.pk` -> 'request.user.pk', `data["role"]` / `data.get("role")` -> "data['role']",
    `await x` -> x; None for anything else."""
    if isinstance(expr, cst.Await):
        return canonical(expr.expression)
    if isinstance(expr, cst.Name):
        return expr.value
    if isinstance(expr, cst.Attribute):
        base = canonical(expr.value)
        return f"{base}.{expr.attr.value}" if base else None
    if isinstance(expr, cst.Subscript) and len(expr.slice) == 1 and isinstance(expr.slice[0].slice, cst.Index):
        key = string_literal(expr.slice[0].slice.value)
        base = canonical(expr.value)
        return f"{base}[{key!r}]" if base and key is not None else None
    if (
        isinstance(expr, cst.Call)
        and isinstance(expr.func, cst.Attribute)
        and expr.func.attr.value in {"get", "getlist", "get_one"}
        and expr.args
    ):
        key = string_literal(expr.args[0].value)
        base = canonical(expr.func.value)
        return f"{base}[{key!r}]" if base and key is not None else None
    return None


def actor_roots(ctx: PythonContext, fn: cst.FunctionDef) -> set[str]:
    """Canonical expressions that hold the authenticated caller inside `fn`: framework objects
    (`request.user`, `g.user`, `current_user`...), parameters that are the caller (`actor`,
    `admin=Depends(require_admin)`), and names assigned from either or from `current_user(request)`."""
    cache = file_cache(ctx)
    key = ("actors", id(fn))
    found = cache.get(key)
    if found is not None:
        return found
    roots = set(_ACTOR_PATHS)
    for param in [*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params]:
        name = param.name.value
        if name in _ACTOR_PARAM_NAMES:
            roots.add(name)
        elif isinstance(param.default, cst.Call) and callee_name(param.default.func) in {"Depends", "Security"}:
            if _dependency_level(ctx, param.default) > 0:
                roots.add(name)
    for assign in own_nodes(ctx, fn, cst.Assign, cst.AnnAssign):
        value = assign.value
        if value is None:
            continue
        inner = value.expression if isinstance(value, cst.Await) else value
        is_actor = _is_actor_expr(roots, inner)
        if not is_actor and isinstance(inner, cst.Call):
            words = set(identifier_words(callee_name(inner.func)))
            is_actor = (
                bool(words & _ACTOR_CALL_WORDS)
                and bool(words & {"user", "member", "principal", "actor", "identity", "account", "whoami"})
                or callee_name(inner.func) in {"get_jwt_identity", "authenticate_request"}
            )
            if (
                not is_actor
                and isinstance(inner.func, cst.Attribute)
                and inner.func.attr.value == "get"
                and canonical(inner) in {"g['user']", "g['current_user']"}
            ):
                is_actor = True
        if is_actor:
            targets = [t.target for t in assign.targets] if isinstance(assign, cst.Assign) else [assign.target]
            for target in targets:
                if isinstance(target, cst.Name):
                    roots.add(target.value)
    cache[key] = roots
    return roots


_REQUEST_STATE_PREFIXES = (
    "g.",
    "flask.g.",
    "request.state.",
    "request.ctx.",
    "request.context.",
    "req.context.",
    "self.request.state.",
)
_CALLER_WORDS = frozenset(
    {
        "user",
        "member",
        "actor",
        "principal",
        "account",
        "identity",
        "me",
        "current",
        "caller",
        "admin",
        "operator",
        "staff",
    }
)


def _is_actor_expr(roots: set[str], expr: cst.CSTNode | None) -> bool:
    text = canonical(expr)
    if text is None:
        return False
    if any(text == root or text.startswith(root + ".") or text.startswith(root + "[") for root in roots):
        return True
    # the per-request stash frameworks keep the caller in: `g.member`, `request.state.principal`, `req.context.user_id`
    for prefix in _REQUEST_STATE_PREFIXES:
        if text.startswith(prefix):
            first = text[len(prefix) :].split(".")[0].split("[")[0]
            return bool(set(identifier_words(first)) & _CALLER_WORDS)
    return False


def involves_actor(ctx: PythonContext, fn: cst.FunctionDef, expr: cst.CSTNode | None) -> bool:
    """Whether `expr` reads the authenticated caller (`actor.role`, `request.user.pk`, `g.user.id`)."""
    if expr is None:
        return False
    roots = actor_roots(ctx, fn)
    return any(_is_actor_expr(roots, node) for node in nodes_in(expr, cst.Name, cst.Attribute, cst.Subscript, cst.Call))


# -- how privileged a role, scope or flag is -----------------------------------------

_TOP_WORDS = frozenset({"owner", "owners", "superuser", "superadmin", "root", "global", "sudo", "god"})
_ADMIN_WORDS = frozenset({"admin", "admins", "administrator", "administrators", "staff", "superusers"})


def privilege_rank(ctx: PythonContext, value: str) -> int:
    """3 for owner/superuser/root/`*` and wildcard scopes, 2 for admin/staff and the policy's other
    privileged roles, 1 for ordinary roles (member, viewer, customer)."""
    lowered = value.strip().lower()
    words = set(identifier_words(value))
    if lowered == "*" or lowered.endswith((":*", ".*", "/*")) or words & _TOP_WORDS or {"super", "admin"} <= words:
        return 3
    if words & _ADMIN_WORDS or lowered in {r.lower() for r in ctx.policy.limits.privileged_roles}:
        return 2
    if (
        words & {"write", "manage", "delete"}
        and ":" in lowered
        and words & {"admin", "users", "members", "roles", "billing", "keys"}
    ):
        return 2
    return 1


_FLAG_RANKS = {
    "is_superuser": 3,
    "superuser": 3,
    "is_owner": 3,
    "is_root": 3,
    "is_super_admin": 3,
    "superadmin": 3,
    "is_admin": 2,
    "admin": 2,
    "is_staff": 2,
    "staff": 2,
}


def flag_rank(name: str | None) -> int | None:
    """`is_superuser` -> 3, `is_admin` / `is_staff` -> 2; None for other names."""
    return _FLAG_RANKS.get((name or "").lower())


def literal_strings(ctx: PythonContext, expr: cst.BaseExpression | None, depth: int = 3) -> list[str] | None:
    """The strings of a literal list/set/tuple/frozenset(...)/dict keys/`Literal[...]` (through names), or None."""
    if expr is None or depth <= 0:
        return None
    expr = ctx.resolve(expr)
    text = ctx.string_value(expr)
    if text is not None:
        return [text]
    if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
        out: list[str] = []
        for element in expr.elements:
            inner = literal_strings(ctx, element.value, depth - 1)
            if inner is None:
                return None
            out += inner
        return out
    if isinstance(expr, cst.Dict):
        keys = [string_literal(e.key) for e in expr.elements if isinstance(e, cst.DictElement)]
        return [k for k in keys if k is not None] if all(k is not None for k in keys) else None
    if (
        isinstance(expr, cst.Call)
        and callee_name(expr.func) in {"frozenset", "set", "tuple", "list"}
        and len(expr.args) == 1
    ):
        return literal_strings(ctx, expr.args[0].value, depth - 1)
    if isinstance(expr, cst.Subscript) and callee_name(expr.value) == "Literal":
        out = []
        for subscript in expr.slice:
            if isinstance(subscript.slice, cst.Index):
                inner = literal_strings(ctx, subscript.slice.value, depth - 1)
                if inner is None:
                    return None
                out += inner
        return out
    if isinstance(expr, cst.BinaryOperation) and isinstance(expr.operator, cst.BitOr):
        left, right = literal_strings(ctx, expr.left, depth - 1), literal_strings(ctx, expr.right, depth - 1)
        return left + right if left is not None and right is not None else None
    return None


# -- credential kinds an offboarding routine must revoke ------------------------------

_ORM_SESSION_WORDS = frozenset(
    {
        "local",
        "maker",
        "db",
        "database",
        "scoped",
        "sql",
        "orm",
        "engine",
        "http",
        "requests",
        "aiohttp",
        "client",
        "boto",
        "transaction",
        "get",
        "async",
        "factory",
        "spark",
        "tf",
        "cache",
    }
)


def credential_kind(name: str) -> str | None:
    """Which kind of live access an identifier names: 'session', 'refresh token', 'API key',
    'OAuth grant', 'membership', 'SSH key', 'service key', 'access token'; None otherwise."""
    words = identifier_words(name)
    if not words:
        return None
    joined = set(words)
    if "refresh" in joined and joined & {"token", "tokens"} or name in {"RefreshToken", "refresh_tokens"}:
        return "refresh token"
    if {"o", "auth"} <= joined or "oauth" in joined:
        if joined & {
            "grant",
            "grants",
            "token",
            "tokens",
            "consent",
            "consents",
            "authorization",
            "authorizations",
            "app",
            "apps",
        }:
            return "OAuth grant"
        return None
    if "ssh" in joined or {"deploy", "key"} <= joined or {"deploy", "keys"} <= joined:
        return "SSH key"
    if (
        "apikey" in joined
        or "apikeys" in joined
        or "api" in joined
        and joined & {"key", "keys", "token", "tokens"}
        or "pat" in joined
        or {"personal", "access", "token"} <= joined
    ):
        return "API key"
    if (
        joined & {"service", "machine", "access"}
        and joined & {"key", "keys"}
        or {"service", "account", "key"} <= joined
    ):
        return "service key"
    if joined & {"session", "sessions"}:
        if joined & _ORM_SESSION_WORDS or name == "session":
            return None  # a database or HTTP session, not a login
        return "session"
    if (
        joined & {"membership", "memberships"}
        or joined & {"member", "members"}
        and joined & {"team", "org", "organization", "organisation", "group", "workspace", "project", "space", "tenant"}
    ):
        return "membership"
    if joined & {"token", "tokens"} and not joined & {
        "csrf",
        "reset",
        "verification",
        "verify",
        "invite",
        "invitation",
        "confirmation",
        "confirm",
        "magic",
        "email",
        "password",
        "digest",
        "hash",
        "type",
        "url",
        "expiry",
        "ttl",
    }:
        return "access token"
    return None


# Libraries whose `Session`, `Token`... are connections or framework plumbing, not someone's access
# (Django's `sessions.models.Session` and DRF's `authtoken.models.Token` are credentials and count).
_NON_APP_MODULES = (
    "sqlalchemy",
    "requests",
    "aiohttp",
    "httpx",
    "boto3",
    "botocore",
    "flask",
    "starlette",
    "fastapi",
    "typing",
    "datetime",
    "logging",
    "celery",
    "pydantic",
    "litestar",
    "sanic",
    "quart",
    "tornado",
    "falcon",
    "pyramid",
    "sqlmodel",
    "peewee",
    "pony",
    "tortoise",
    "motor",
    "pymongo",
    "redis",
    "cassandra",
    "neo4j",
)


_NOT_A_CREDENTIAL_CLASS = frozenset(
    {
        "handler",
        "view",
        "viewset",
        "resource",
        "controller",
        "serializer",
        "form",
        "schema",
        "endpoint",
        "error",
        "exception",
        "test",
        "tests",
        "admin",
        "mixin",
        "middleware",
        "backend",
        "manager",
        "service",
        "client",
        "factory",
        "generator",
        "validator",
        "authentication",
        "permission",
        "config",
        "settings",
        "spec",
        "request",
        "response",
    }
)
_HANDLES_WORDS = frozenset(
    {
        "revoke",
        "list",
        "create",
        "issue",
        "delete",
        "rotate",
        "mint",
        "generate",
        "new",
        "add",
        "expire",
        "invalidate",
        "clear",
        "drop",
        "remove",
        "grant",
        "register",
    }
)


def module_credential_kinds(ctx: PythonContext) -> dict[str, str]:
    """Kinds of live access this module handles -> an identifier that shows it (`ApiKey`, `revoke_oauth_grants`,
    `user.ssh_keys`): its classes, functions, names imported from application modules, and
    collection attributes. Strings and docstrings do not count."""
    cache = file_cache(ctx)
    found = cache.get("credential kinds")
    if found is not None:
        return found
    found = {}

    def note(name: str) -> None:
        kind = credential_kind(name)
        if kind is not None:
            found.setdefault(kind, name)

    for local, qualified in ctx.imports.items():
        if not qualified.startswith(_NON_APP_MODULES) and (
            local[:1].isupper() or set(identifier_words(local)) & _HANDLES_WORDS
        ):
            note(local)
    index = module_index(ctx)
    for name in index.classes:
        # models of credentials, not the views, forms and errors around them (`TokenRotateHandler`)
        if not set(identifier_words(name)) & _NOT_A_CREDENTIAL_CLASS:
            note(name)
    for name in index.functions:
        # `revoke_api_key`, `list_sessions`: functions that handle credentials, not checks (`require_scim_token`)
        if set(identifier_words(name)) & _HANDLES_WORDS:
            note(name)
    for attribute in nodes_in(ctx.module, cst.Attribute):
        attr = attribute.attr.value
        if attr.endswith("s") and not (
            isinstance(attribute.value, cst.Name) and attribute.value.value in _REQUEST_NAMES | {"db", "self"}
        ):
            note(attr)
    cache["credential kinds"] = found
    return found


ALL_KINDS = "every kind"
_REVOKE_ALL_VERBS = frozenset(
    {
        "revoke",
        "invalidate",
        "purge",
        "wipe",
        "deprovision",
        "offboard",
        "cleanup",
        "clean",
        "terminate",
        "kill",
        "logout",
        "remove",
        "delete",
        "disable",
    }
)
_REVOKE_ALL_OBJECTS = frozenset({"all", "everything", "access", "credentials", "everywhere", "identity", "accesses"})


def kinds_in(ctx: PythonContext, fn: cst.FunctionDef, depth: int = 2) -> set[str]:
    """Kinds of live access `fn` touches by name, in its body, in the module functions it calls and in
    the module constants it reads (a table of revocation steps); `ALL_KINDS` when it hands the whole
    job to a revoke-everything or offboarding helper defined elsewhere (`revoke_all_access.delay(user.id)`)."""
    cache = file_cache(ctx)
    key = ("kinds", id(fn), depth)
    found = cache.get(key)
    if found is not None:
        return found
    kinds: set[str] = set()
    constants = ctx._scope_assignments(ctx.module)
    for target in reachable(ctx, fn, depth):
        seen_constants: set[str] = set()
        for node in nodes_in(target.body, cst.Name, cst.Attribute):
            name = node.value if isinstance(node, cst.Name) else node.attr.value
            kind = credential_kind(name)
            if kind is not None:
                kinds.add(kind)
            if isinstance(node, cst.Name) and name in constants and name not in seen_constants and name.isupper():
                seen_constants.add(name)
                for value in constants[name]:
                    for inner in nodes_in(value, cst.Name, cst.Attribute):
                        inner_kind = credential_kind(inner.value if isinstance(inner, cst.Name) else inner.attr.value)
                        if inner_kind is not None:
                            kinds.add(inner_kind)
        for call in nodes_in(target.body, cst.Call):
            words = node_words(ctx, call.func)
            if words & {
                "log",
                "logger",
                "audit",
                "notify",
                "send",
                "email",
                "mail",
                "record",
                "event",
                "emit",
                "publish",
                "metric",
                "metrics",
                "track",
                "print",
            }:
                continue
            if (
                not call_targets(ctx, target, call)
                and credential_kind(callee_name(call.func)) is None
                and (words & _REVOKE_ALL_VERBS and words & _REVOKE_ALL_OBJECTS or words & _OFFBOARD_ALONE)
            ):  # `delete_access_key` revokes one kind, `revoke_all_access` every kind
                kinds.add(ALL_KINDS)
    cache[key] = kinds
    return kinds


# -- accepting a one-time code: invitations, magic links, signup codes ---------------

# Lower-case substrings without which a file cannot accept a one-time code (the guards' triggers).
ONE_TIME_TRIGGERS = ("invit", "magic", "link", "signup", "sign_up", "onboard", "enrol", "activation", "beta")
ONE_TIME_WORDS = frozenset(
    {
        "invite",
        "invites",
        "invitation",
        "invitations",
        "invited",
        "magic",
        "onboarding",
        "signup",
        "enrollment",
        "enrolment",
        "enroll",
        "enrol",
        "activation",
        "beta",
    }
)
_LINK_QUALIFIERS = frozenset(
    {
        "login",
        "signin",
        "sign",
        "email",
        "magic",
        "onboarding",
        "join",
        "invite",
        "partner",
        "signup",
        "access",
        "passwordless",
    }
)
_IDENTITY_KEYS = frozenset(
    {
        "user",
        "user_id",
        "userid",
        "email",
        "account",
        "account_id",
        "principal",
        "subject",
        "sub",
        "uid",
        "member",
        "member_id",
        "username",
        "login",
        "owner",
        "owner_id",
    }
)
_LOGIN_CALLS = frozenset(
    {
        "login",
        "login_user",
        "auth_login",
        "create_session",
        "start_session",
        "set_session",
        "issue_session",
        "sign_in",
        "signin",
        "remember_user",
        "create_access_token",
        "issue_token",
        "create_token",
        "encode",
    }
)
_ACCOUNT_CALLS = frozenset({"create_user", "create_account", "register_user", "signup_user", "create_superuser"})
_EXPIRY_CHECK_WORDS = frozenset(
    {
        "expires",
        "expiry",
        "expired",
        "expiration",
        "expire",
        "exp",
        "ttl",
        "validity",
        "until",
        "age",
        "lifetime",
        "deadline",
        "stale",
        "valid",
        "fresh",
    }
)


_ONE_TIME_OR_LINK = ONE_TIME_WORDS | frozenset({"link", "links"})
_NOT_ACCEPTING_WORDS = frozenset(
    {
        "remove",
        "delete",
        "revoke",
        "cancel",
        "deactivate",
        "offboard",
        "resend",
        "send",
        "list",
        "expire",
        "purge",
        "cleanup",
        "disable",
        "preview",
        "show",
        "get",
        "render",
        "email",
        "notify",
        "audit",
        "export",
    }
)


def _one_time_words(ctx: PythonContext, expr: cst.CSTNode) -> bool:
    words = set(node_words(ctx, expr))
    # the serializer or table a code is read through: `links = URLSafeTimedSerializer(key, salt="login-link")`
    for name in nodes_in(expr, cst.Name):
        for value in ctx._scope_assignments(ctx.module).get(name.value, ()):
            words |= node_words(ctx, value)
    if words & ONE_TIME_WORDS:
        return True
    return bool(words & {"link", "links"} and words & _LINK_QUALIFIERS)


class Acceptance:
    """One function accepting a one-time code: `record` is the name the code's record (or its signed
    payload) is held in, `grant` the statement that grants access from it, `lookup` how it was found,
    `functions` the function and the module helpers it calls (a helper may do a check)."""

    __slots__ = ("record", "grant", "lookup", "functions", "signed")

    def __init__(
        self, record: str, grant: cst.CSTNode, lookup: cst.CSTNode | None, functions: list, signed: bool
    ) -> None:
        self.record = record
        self.grant = grant
        self.lookup = lookup
        self.functions = functions
        self.signed = signed


def one_time_acceptance(ctx: PythonContext, fn: cst.FunctionDef) -> Acceptance | None:
    """The acceptance of an invitation, magic link, signup or onboarding code in `fn`: a record looked
    up (or a signed payload loaded) from a one-time code, followed by a grant of membership, a login or
    session, an account or a role. None when `fn` accepts no such code."""
    cache = file_cache(ctx)
    key = ("acceptance", id(fn))
    if key in cache:
        return cache[key]
    if function_words(fn) & _NOT_ACCEPTING_WORDS or not (
        mentions_any_word(ctx, fn, _ONE_TIME_OR_LINK) or _module_values_mention_one_time(ctx)
    ):
        cache[key] = None
        return None  # removing a member, resending or revoking an invitation accepts nothing
    found = None
    record = lookup = None
    signed = False
    params = {p.name.value: p for p in [*fn.params.params, *fn.params.kwonly_params]}
    for assign in own_nodes(ctx, fn, cst.Assign, cst.AnnAssign):
        value = assign.value
        if value is None:
            continue
        inner = value.expression if isinstance(value, cst.Await) else value
        if not isinstance(inner, (cst.Call, cst.Subscript)):
            continue
        targets = [t.target for t in assign.targets] if isinstance(assign, cst.Assign) else [assign.target]
        names = [t.value for t in targets if isinstance(t, cst.Name)]
        if not names:
            continue
        call = inner if isinstance(inner, cst.Call) else None
        if _reads_input_chain(ctx, inner):
            continue  # `code = request.POST.get("invite_code")` is the code, not its record
        if call is not None and call_targets(ctx, fn, call) and not _one_time_words(ctx, call):
            helper_words = set()
            for target in call_targets(ctx, fn, call):
                helper_words |= body_words(ctx, target)
            if not helper_words & ONE_TIME_WORDS:
                continue
        elif not (_one_time_words(ctx, inner) or set(identifier_words(names[0])) & ONE_TIME_WORDS):
            continue
        if call is not None and set(identifier_words(callee_name(call.func))) & _SIGNED_LOAD_WORDS:
            signed = True
        elif call is None or not (call_targets(ctx, fn, call) or _chain_is_lookup(call)):
            continue
        record, lookup = names[0], inner
        break
    if record is None:
        for name, _param in params.items():
            if set(identifier_words(name)) & ONE_TIME_WORDS - {"invited"} and not set(identifier_words(name)) & {
                "id",
                "code",
                "token",
                "key",
                "email",
            }:
                record = name
                break
    if record is not None:
        grant = _access_grant(ctx, fn, record)
        if grant is not None:
            found = Acceptance(record, grant, lookup, reachable(ctx, fn, 1), signed)
    cache[key] = found
    return found


_SIGNED_LOAD_WORDS = frozenset({"loads", "unsign", "load", "decode", "verify", "deserialize", "unseal", "decrypt"})


def _module_values_mention_one_time(ctx: PythonContext) -> bool:
    """Whether a module-level assignment names a one-time code (`signer = TimestampSigner(salt="org-invite")`):
    a function can then accept one without the word in its own body, through that name."""
    cache = file_cache(ctx)
    key = ("module-one-time",)
    if key not in cache:
        cache[key] = any(
            mentions_any_word(ctx, statement, _ONE_TIME_OR_LINK)
            for statement in ctx.module.body
            if isinstance(statement, cst.SimpleStatementLine)
            and any(isinstance(small, (cst.Assign, cst.AnnAssign)) for small in statement.body)
        )
    return bool(cache[key])


def _reads_input_chain(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """`request.POST.get("code", "").strip()`: a chain of reads starting at the request (arguments aside)."""
    while isinstance(expr, (cst.Call, cst.Attribute, cst.Subscript, cst.Await)):
        if isinstance(expr, cst.Attribute) and is_request_input(ctx, expr) and _is_request_object(ctx, expr.value):
            return True
        expr = (
            expr.func if isinstance(expr, cst.Call) else expr.expression if isinstance(expr, cst.Await) else expr.value
        )
    return False


def _chain_is_lookup(call: cst.Call) -> bool:
    """`Invite.objects.filter(code=c).first()`, `db.scalar(select(Invitation)...)`: a fetch, not a create."""
    names: list[str] = []
    chain: cst.BaseExpression = call
    while isinstance(chain, (cst.Call, cst.Attribute, cst.Subscript)):
        if isinstance(chain, cst.Call):
            names.append(callee_name(chain.func))
            chain = chain.func
        else:
            chain = chain.value
    words: set[str] = set()
    for name in names:
        words |= set(identifier_words(name))
    if words & {"create", "add", "insert", "new", "save", "bulk", "generate", "issue", "make", "build"}:
        return False
    if set(names) & {"update", "delete", "values", "remove", "cancel", "update_one", "update_many", "delete_one"}:
        return False  # a write (`select_for_update()` is a locked read)
    return bool(words & _LOOKUP_WORDS)


def _access_grant(ctx: PythonContext, fn: cst.FunctionDef, record: str) -> cst.CSTNode | None:
    """The first statement of `fn` that grants access: a membership or role, a login / session, a new account."""
    membership = grants_membership(ctx, fn)
    for node in own_nodes(ctx, fn, cst.Call, cst.Assign):
        if isinstance(node, cst.Assign):
            for target in node.targets:
                t = target.target
                if isinstance(t, cst.Subscript) and (
                    canonical(t.value) in {"session", "request.session", "flask.session"}
                ):
                    return membership if membership is not None and _before(ctx, membership, node) else node
            continue
        name = callee_name(node.func)
        words = set(identifier_words(name))
        if name in _LOGIN_CALLS and not (name == "encode" and not node_words(ctx, node.func) & {"jwt", "token"}):
            return membership if membership is not None and _before(ctx, membership, node) else node
        if name in _ACCOUNT_CALLS or (
            name in {"get_or_create", "create"}
            and node_words(ctx, node.func) & {"user", "users", "account", "accounts"}
        ):
            return membership if membership is not None and _before(ctx, membership, node) else node
        if (
            name[:1].isupper()
            and words & {"session", "sessions"}
            and any(a.keyword is not None and a.keyword.value in {"user_id", "user", "account_id"} for a in node.args)
        ):
            return (
                membership if membership is not None and _before(ctx, membership, node) else node
            )  # WebSession(id=sid, user_id=...)
        if name in {"set_cookie", "add_cookie", "set_secure_cookie"} and node_words(ctx, node) & {
            "session",
            "sid",
            "auth",
            "login",
        }:
            return membership if membership is not None and _before(ctx, membership, node) else node
        if name in {"create", "start", "new", "issue", "open"} and node_words(ctx, node.func) & {"session", "sessions"}:
            return (
                membership if membership is not None and _before(ctx, membership, node) else node
            )  # sessions.create(user.id)
        if (
            name[:1].isupper()
            and words & {"user", "account", "customer"}
            and not words & {"id", "role", "form", "serializer", "schema"}
        ):
            return membership if membership is not None and _before(ctx, membership, node) else node  # User(email=...)
    return membership


def acceptance_checks_expiry(ctx: PythonContext, acceptance: Acceptance) -> bool:
    """The code's age is checked: a comparison or refusing test naming an expiry, a look-up filtered
    on it (`expires_at__gt=now()`, `Invitation.expires_at > now`), `max_age=` when a signed code is
    loaded, or an `is_expired()` / `is_valid()` style call."""
    for fn in acceptance.functions:
        for comparison in nodes_in(fn.body, cst.Comparison):
            if node_words(ctx, comparison) & _EXPIRY_CHECK_WORDS:
                return True
        for call in nodes_in(fn.body, cst.Call):
            words = set(identifier_words(callee_name(call.func)))
            if words & _EXPIRY_CHECK_WORDS and not words & {"set", "extend"}:
                return True
            for arg in call.args:
                if arg.keyword is not None and set(identifier_words(arg.keyword.value)) & _EXPIRY_CHECK_WORDS:
                    if (
                        set(identifier_words(callee_name(call.func))) & _SIGNED_LOAD_WORDS
                        or set(identifier_words(arg.keyword.value)) & {"gt", "gte", "lt", "lte", "after", "before"}
                        or "__" in arg.keyword.value
                    ):
                        return True
        for check in checks_before(ctx, fn, None, 0):
            if check.test is not None and node_words(ctx, check.test) & _EXPIRY_CHECK_WORDS:
                return True
    return False


_USED_WORDS = frozenset(
    {
        "used",
        "accepted",
        "consumed",
        "redeemed",
        "claimed",
        "status",
        "revoked",
        "uses",
        "state",
        "active",
        "used_at",
        "accepted_at",
        "spent",
        "count",
    }
)
_CONSUME_CALL_WORDS = frozenset(
    {
        "mark",
        "consume",
        "redeem",
        "delete",
        "accept",
        "invalidate",
        "revoke",
        "remove",
        "expire",
        "use",
        "burn",
        "claim",
        "spend",
    }
)
_REPLAY_WORDS = frozenset(
    {
        "jti",
        "nonce",
        "used",
        "consumed",
        "redeemed",
        "seen",
        "replay",
        "denylist",
        "blocklist",
        "blacklist",
        "revoked",
        "spent",
    }
)


def acceptance_marks_used(ctx: PythonContext, acceptance: Acceptance) -> bool:
    """The code can be used once: its record is marked accepted / used / deleted (also through an
    `update(...).values(accepted_at=...)` or a use counter); a signed, stateless code is recorded in
    a replay store (its `jti`/nonce marked used)."""
    for fn in acceptance.functions:
        for node in nodes_in(fn.body, cst.Assign, cst.AugAssign, cst.Call):
            if isinstance(node, cst.Assign):
                for target in node.targets:
                    if (
                        isinstance(target.target, (cst.Attribute, cst.Subscript))
                        and set(identifier_words(ctx.target_name(target.target) or "")) & _USED_WORDS
                    ):
                        return True
            elif isinstance(node, cst.AugAssign):
                if set(identifier_words(ctx.target_name(node.target) or "")) & _USED_WORDS:
                    return True
            else:
                last = callee_name(node.func)
                words = set(identifier_words(last))
                if words & _CONSUME_CALL_WORDS and not words & {"get", "find", "user", "users"}:
                    return True
                if node_words(ctx, node.func) & {"used", "consumed", "redeemed", "spent"}:
                    return True  # UsedInviteToken.objects.get_or_create(...) records the use
                if last in {"update", "values"} and any(
                    a.keyword is not None and set(identifier_words(a.keyword.value)) & _USED_WORDS for a in node.args
                ):
                    return True
                if last in {"update", "values"} and any(
                    isinstance(a.value, cst.Dict) and node_words(ctx, a.value) & _USED_WORDS for a in node.args
                ):
                    return True
                if acceptance.signed and node_words(ctx, node) & _REPLAY_WORDS:
                    return True
    return False


def acceptance_bound(ctx: PythonContext, acceptance: Acceptance) -> bool | None:
    """The code only works for the person it was issued to: the invitee's email is compared with
    the accepting account (or the look-up is filtered on it), or what is granted goes to the
    record's own principal (`session["user_id"] = link.user_id`, `User.create(email=invite.email)`).
    None when the code names nobody (a shareable join link in a module without emails)."""
    record = acceptance.record
    for fn in acceptance.functions:
        if any("email" in identifier_words(key) for key in checked_keys(ctx, fn.body)):
            return True
        for arg in nodes_in(fn.body, cst.Arg):
            if (
                arg.keyword is not None
                and "email" in identifier_words(arg.keyword.value)
                and _reads_record(arg.value, record)
            ):
                return True
            if (
                arg.keyword is not None
                and arg.keyword.value.endswith(("__iexact", "__exact"))
                and "email" in arg.keyword.value
            ):
                return True
        for node in nodes_in(fn.body, cst.Call, cst.Assign):
            values: list[cst.BaseExpression] = []
            if isinstance(node, cst.Call) and (node is acceptance.grant or _grant_like(ctx, node)):
                values = [a.value for a in node.args]
            elif isinstance(node, cst.Assign) and any(
                isinstance(t.target, cst.Subscript) and canonical(t.target.value) in {"session", "request.session"}
                for t in node.targets
            ):
                values = [node.value]
            for value in values:
                text = canonical(value) or ""
                if (
                    text == record
                    and acceptance.signed
                    or text.startswith(record)
                    and _identity_suffix(text[len(record) :])
                ):
                    return True  # granted to the principal the code itself names
    if not module_words_among(ctx, {"email"}):
        return None
    return False


def _grant_like(ctx: PythonContext, call: cst.Call) -> bool:
    name = callee_name(call.func)
    return (
        name in _LOGIN_CALLS
        or name in _ACCOUNT_CALLS
        or name in {"get_or_create", "create", "add_member", "add", "append"}
        or name[:1].isupper()
    )


def _identity_suffix(rest: str) -> bool:
    rest = rest.lstrip(".")
    if rest.startswith("["):
        rest = rest.strip("[]'\"")
    return rest.split(".")[0] in _IDENTITY_KEYS


def _reads_record(expr: cst.BaseExpression, record: str) -> bool:
    return any(node.value == record for node in nodes_in(expr, cst.Name))
