"""What denies, what succeeds, which checks come before a statement, and how handlers propagate."""

from __future__ import annotations

import libcst as cst

from ..context import PythonContext
from ..literals import number_literal_value
from ..words import expression_name, identifier_words
from .decisions import (
    _DENY_WORDS,
    _OFFBOARD_ALONE,
    _OFFBOARD_OBJECTS,
    _OFFBOARD_VERBS,
    _before,
    _contains,
    call_targets,
    enclosing_class_words,
    is_offboarding_function,
    module_index,
    own_nodes,
    span_of,
)
from .words import (
    _LOG_METHODS,
    VALIDATOR_WORDS,
    callee_name,
    file_cache,
    function_words,
    module_words_among,
    nodes_in,
    string_literal,
)


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
