"""Request taint of a function, and which functions are endpoints (and mutating ones)."""

from __future__ import annotations

import libcst as cst

from ..context import PythonContext
from ..words import expression_name, identifier_words
from .decisions import _contains, _plain_read, module_index, target_names
from .denials import (
    _HANDLER_METHODS,
    _MUTATING_METHODS,
    _ROUTE_DECORATORS,
    _VIEW_CLASS_WORDS,
    _WEB_MODULES,
    _methods_from,
    _root_name,
    checks_before,
    registered_handlers,
)
from .words import (
    _ALLOW_LIST_WORDS,
    _BODY_PARAM_DEFAULTS,
    _LOOKUP_WORDS,
    _NON_BODY_ANNOTATIONS,
    _PRIVILEGE_MODEL_WORDS,
    _REQUEST_NAMES,
    _annotation_name,
    _comp_clauses,
    _is_dependency,
    _is_request_object,
    _reads_request_input,
    callee_name,
    file_cache,
    function_words,
    is_request_input,
    is_route,
    node_words,
    nodes_in,
    string_literal,
)


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
