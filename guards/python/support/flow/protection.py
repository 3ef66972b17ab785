"""How an endpoint is protected (authentication, authorization) and who the acting caller is."""

from __future__ import annotations

import libcst as cst

from ..context import PythonContext
from ..words import expression_name, identifier_words
from .decisions import module_index, own_nodes
from .denials import _ROUTE_DECORATORS, _root_name, checks_before
from .endpoints import (
    _AUTHZ_WORDS,
    _NOT_PROTECTION,
    _PUBLIC_CLASSES,
    Protection,
    _dependency_level,
    _opened_by_get_permissions,
    _permission_classes_level,
    _protection_of_words,
    _router_levels,
    is_endpoint,
)
from .words import (
    _REQUEST_NAMES,
    callee_name,
    file_cache,
    is_allow_value,
    is_request_input,
    node_words,
    nodes_in,
    string_literal,
)


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
