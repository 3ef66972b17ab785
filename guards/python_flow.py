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

import libcst as cst

from .python_support import PythonContext, findall, identifier_words, string_literal_value

# Attributes of a web framework request that carry client-controlled input
# (Flask/Quart/Werkzeug, Django/DRF, Starlette/FastAPI, aiohttp).
REQUEST_INPUT_ATTRS = frozenset(
    {
        "json", "get_json", "form", "args", "values", "data", "POST", "GET", "query_params",
        "body", "headers", "cookies", "files", "query", "path_params", "match_info", "params",
        "post", "rel_url", "url",
    }
)
_REQUEST_NAMES = frozenset({"request", "req"})
_REQUEST_QUALNAMES = frozenset({"flask.request", "quart.request", "bottle.request", "sanic.request"})

# Words of function/call names that validate or authorize a value.
VALIDATOR_WORDS = frozenset(
    {
        "validate", "validated", "check", "verify", "ensure", "assert", "require", "requires",
        "can", "allowed", "allow", "authorize", "authorized", "permit", "permitted", "assignable",
        "clean", "may", "enforce", "valid", "safe", "guard", "restrict", "forbid", "deny",
    }
)

# FastAPI annotations that are never request bodies.
_NON_BODY_ANNOTATIONS = frozenset(
    {
        "Request", "Response", "WebSocket", "Session", "AsyncSession", "BackgroundTasks",
        "HTTPAuthorizationCredentials", "SecurityScopes", "OAuth2PasswordRequestForm",
        "str", "int", "float", "bool", "bytes", "UUID", "datetime", "date", "dict", "list",
    }
)
_ROUTE_METHODS = frozenset({"get", "post", "put", "patch", "delete", "route", "api_route", "websocket"})


def nodes_in(root: cst.CSTNode, *kinds: type) -> list:
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
    if not any(word in lowered for word in wanted):  # type: ignore[operator]
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
            key = string_literal(element.key)  # type: ignore[arg-type]
            if key is not None:
                keys.add(key)
    return keys


def file_cache(ctx: PythonContext) -> dict[tuple, object]:
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
    return words  # type: ignore[return-value]


def mentions_any_word(ctx: PythonContext, node: cst.CSTNode, words: frozenset[str]) -> bool:
    """Whether `node_words(ctx, node)` has any of the lower-case `words`, splitting only the
    leaves whose text contains one of them in any case (a word is always such a substring)."""
    cached = file_cache(ctx).get(("words", id(node)))
    if cached is not None:
        return bool(cached & words)  # type: ignore[operator]
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
        return any(set(identifier_words(k)) & {"allowed", "allow", "granted", "authorized"} and ctx.bool_value(v) is True for k, v in items.items())
    return False


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
    for name in names:
        if callee_name(name) in {"Exception", "BaseException"}:
            return True
    return False


_LOG_METHODS = frozenset({"debug", "info", "warning", "warn", "error", "exception", "critical", "log", "print", "capture_exception", "capture_message"})


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
    return False


def _reads_request_input(ctx: PythonContext, fn: cst.FunctionDef) -> bool:
    """`is_request_input(ctx, fn.body)`, once per function (several taint variants ask)."""
    cache = file_cache(ctx)
    key = ("reads request", id(fn))
    reads = cache.get(key)
    if reads is None:
        reads = cache[key] = is_request_input(ctx, fn.body)
    return reads  # type: ignore[return-value]


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
    ctx: PythonContext, fn: cst.FunctionDef, privilege_words: frozenset[str] = frozenset(), *, direct: bool = False
) -> "RequestTaint":
    """The (shared, per-file memoised) request taint of one function."""
    cache = file_cache(ctx)
    key = ("taint", id(fn), privilege_words, direct)
    taint = cache.get(key)
    if taint is None:
        taint = cache[key] = RequestTaint(ctx, fn, privilege_words, direct=direct)
    return taint  # type: ignore[return-value]


class RequestTaint:
    """Names in one function that hold request input (assigned from it, or route body params)."""

    def __init__(
        self, ctx: PythonContext, fn: cst.FunctionDef, privilege_words: frozenset[str] = frozenset(), *, direct: bool = False
    ) -> None:
        """`direct=True` follows only plain reads of request data (`x = request.args.get("next") or "/"`),
        not values computed by other calls from it (`url, state = client.authorization_url(...)`)."""
        self.ctx = ctx
        self.direct = direct
        self.names: set[str] = set()
        if is_route(ctx, fn):
            every = [*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params]
            for param in every:
                if _is_dependency(ctx, param) or param.name.value in {"self", "cls", "request", "db", "session"}:
                    continue
                annotation = _annotation_name(param)
                is_model = annotation is not None and annotation[:1].isupper() and annotation not in _NON_BODY_ANNOTATIONS
                if is_model or set(identifier_words(param.name.value)) & privilege_words:
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
                        self.names |= _target_names(node.target)
                    continue
                value = getattr(node, "value", None)
                if value is None or not self.is_tainted(value):
                    continue
                if (self.direct and not _plain_read(self.ctx, value)) or self._sanitised(value):
                    continue
                targets = [t.target for t in node.targets] if isinstance(node, cst.Assign) else [node.target]
                for target in targets:
                    self.names |= _target_names(target)
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
        for name in nodes_in(expr, cst.Name):
            if name.value in self.names:
                return True
        return False


_ALLOW_LIST_WORDS = frozenset({"allowed", "assignable", "permitted", "grantable", "whitelist", "allowlist", "whitelisted", "allowlisted"})


def _comp_clauses(clause: cst.CompFor | None) -> Iterator[cst.CompFor]:
    while clause is not None:
        yield clause
        clause = clause.inner_for_in


_READ_METHODS = frozenset({"get", "getlist", "pop", "strip", "lower", "get_json", "json", "form", "decode", "unquote", "str"})


def _plain_read(ctx: PythonContext, value: cst.CSTNode) -> bool:
    """A value that only reads or lightly normalises request data (no other computation)."""
    for call in nodes_in(value, cst.Call):
        func = call.func
        name = callee_name(func)
        if name not in _READ_METHODS:
            return False
    return True


def _target_names(target: cst.BaseExpression) -> set[str]:
    if isinstance(target, cst.Name):
        return {target.value}
    if isinstance(target, (cst.Tuple, cst.List)):
        out: set[str] = set()
        for element in target.elements:
            out |= _target_names(element.value)
        return out
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
                text = ctx.string_value(element.slice.value) if isinstance(element.slice.value, cst.SimpleString) else None
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
        if isinstance(child, cst.BaseExpression) or isinstance(child, (cst.ComparisonTarget, cst.Arg, cst.Element)):
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
        "authorize", "authorized", "authorization", "authz", "permission", "permissions", "access", "allowed",
        "allow", "permit", "permitted", "verify", "verified", "authenticate", "authenticated", "acl", "entitled",
        "enforce", "privilege",
    }
)
# `has_role`, `check_scope`, `is_admin`, `require_owner`: a predicate word with a rights word.
_PREDICATE_WORDS = frozenset({"has", "is", "check", "require", "requires", "ensure", "validate", "can", "may"})
_RIGHTS_WORDS = frozenset(
    {"role", "roles", "scope", "scopes", "admin", "owner", "member", "policy", "token", "signature", "session", "login", "mfa", "superuser", "staff", "rbac", "auth"}
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


_OFFBOARD_ALONE = frozenset({"offboard", "offboarding", "deprovision", "deprovisioning", "terminate", "termination", "leaver"})
_OFFBOARD_VERBS = frozenset({"deactivate", "disable", "suspend", "remove", "revoke", "delete", "archive", "kick", "expel", "lock", "block", "ban", "unassign"})
_OFFBOARD_OBJECTS = frozenset(
    {"user", "users", "member", "members", "account", "accounts", "employee", "employees", "access", "identity", "seat",
     "contractor", "staff", "collaborator", "operator", "principal", "person"}
)


def is_offboarding_function(fn: cst.CSTNode) -> bool:
    """`offboard_employee`, `deactivate_user`, `remove_member`, `deprovision`, `revoke_access`..."""
    words = function_words(fn)
    return bool(words & _OFFBOARD_ALONE) or bool(words & _OFFBOARD_VERBS and words & _OFFBOARD_OBJECTS)


_ACCEPT_WORDS = frozenset({"accept", "redeem", "claim", "join", "consume", "use", "confirm", "activate", "complete"})
_INVITE_WORDS = frozenset({"invite", "invitation", "invitations", "invites", "invited"})
_GRANT_CALL_WORDS = frozenset({"add", "create", "join", "grant", "assign", "append", "get_or_create", "update_or_create", "insert", "attach", "set"})
_GRANT_OBJECT_WORDS = frozenset(
    {"member", "members", "membership", "memberships", "role", "roles", "team", "teams", "org", "organization", "organisation",
     "group", "groups", "workspace", "project", "tenant", "collaborator", "collaborators", "seat", "access"}
)


def is_invite_acceptance(ctx: PythonContext, fn: cst.FunctionDef) -> bool:
    """`accept_invitation`, `redeem_invite`, `join(token)` reading an Invitation..."""
    words = function_words(fn)
    if not words & _ACCEPT_WORDS:
        return False
    return bool(words & _INVITE_WORDS or body_words(ctx, fn) & _INVITE_WORDS)


def grants_membership(ctx: PythonContext, fn: cst.FunctionDef) -> cst.CSTNode | None:
    """The first statement-level call or assignment in `fn` that adds someone to an org/team/role."""
    for node in nodes_in(fn.body, cst.Call, cst.Assign):
        if isinstance(node, cst.Assign):
            for target in node.targets:
                name = ctx.target_name(target.target) or ""
                if isinstance(target.target, cst.Attribute) and set(identifier_words(name)) & {"role", "org", "organization", "team", "tenant", "workspace"}:
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
