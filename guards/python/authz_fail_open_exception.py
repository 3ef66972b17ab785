"""IDG135: an authorization or verification error that grants access (`except: return True`)."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.decisions import call_targets, in_auth_decision, is_middleware_hook, own_nodes, span_of
from .support.flow.denials import block_denies
from .support.flow.protection import canonical, may_allow
from .support.flow.words import callee_name, handler_is_broad, handler_swallows, is_allow_value, nodes_in
from .support.guard import PythonGuard
from .support.words import identifier_words

# Names that hold the answer of an access check (`allowed`, `is_authorized`, `decision`), not other state.
_DECISION_WORDS = frozenset(
    {
        "allowed",
        "allow",
        "authorized",
        "authorised",
        "permitted",
        "permit",
        "granted",
        "access",
        "ok",
        "can",
        "decision",
        "verdict",
        "entitled",
    }
)
_VERIFY_WORDS = frozenset(
    {"verify", "validate", "decode", "check", "authenticate", "authorize", "evaluate", "enforce", "introspect"}
)


class AuthzFailOpenException(PythonGuard):
    """
    ## What it does
    Finds access decisions that fail open: an exception handler that answers
    "allowed" in a function named like `authorize`, `check_permission`,
    `has_access`, `verify_token`, `is_allowed` or `can_*` (or in a decorator
    wrapper or dependency nested in `requires(...)` / `authorize(...)`):
    `return True` / `ALLOW`, `return x or True`, a fail-open switch
    (`return settings.AUTHZ_FAIL_OPEN`), a negated setting
    (`return not settings.RBAC_STRICT`) or a presence test any caller passes
    (`return claims.get("roles") is not None`), reported on that `return`; a
    handler that sets the decision the function then tests to allow
    (`except PdpError: allowed = True`, or to a negated setting:
    `allowed = config.get("RBAC_STRICT") is not True`);
    a handler in a middleware or decorator wrapper that hands the request
    on (`except TimeoutError: return await handler(request)`) like the
    success path does, skipping the refusal that tests the check's answer;
    a handler that only logs while the answer was preset to allow
    (`allowed = True` before the `try`, `if not allowed: abort(403)` after);
    a handler that only logs, so the request falls through past the
    refusal inside the `try` to the onward call;
    a refusal that runs only when a look-up answered
    (`if groups is not None and "viewers" not in groups: raise Forbidden`)
    where the look-up is a helper of the module that returns None when its
    call fails;
    and a broad `except` (bare, `Exception`) around a verify/decode/check call
    that only passes or logs, after which the function returns success.

    ## Why is this bad?
    Errors are exactly what an attacker can provoke: a malformed token, a
    timeout of the policy service, a missing record. If an error means "allow",
    the attacker only has to make the check crash.

    ## Example
    ```python
    def has_access(user, resource):
        try:
            return policy_client.check(user.id, resource.id)
        except Exception:
            return True
    ```

    ## Use instead
    ```python
    def has_access(user, resource):
        try:
            return policy_client.check(user.id, resource.id)
        except Exception:
            logger.exception("policy check failed; denying")
            return False
    ```
    """

    id = "IDG135"
    name = "authz-fail-open-exception"
    title = "Authorization fails open on error"
    fix_hint = (
        "Fail closed: on any error deny (return False / raise PermissionDenied) and log the failure without the token."
    )
    meta = GuardMeta(
        cwe=["CWE-636", "CWE-755"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-05", "PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["rbac", "token"],
    )
    VALID = [
        Valid(
            """
            def has_access(user, resource):
                try:
                    return policy_client.check(user.id, resource.id)
                except Exception:
                    logger.exception("denying")
                    return False
            """
        ),
        Valid(
            """
            def verify_token(token):
                try:
                    jwt.decode(token, KEY, algorithms=["RS256"])
                except jwt.InvalidTokenError:
                    raise PermissionDenied("bad token")
                return True
            """
        ),
        Valid(
            """
            def load_config(path):
                try:
                    return read(path)
                except Exception:
                    return True
            """
        ),
        Valid(
            """
            def is_allowed(user, action):
                try:
                    rule = RULES[action]
                except KeyError:
                    return False
                return rule(user)
            """
        ),
        Valid(
            """
            def feature_enabled(name):
                try:
                    return flags.get(name)
                except TimeoutError:
                    return True
            """
        ),
        Valid(
            """
            def requires(permission):
                def wrapper(view):
                    try:
                        decision = acl.check(g.user, permission)
                    except AclError:
                        abort(503)
                    return view if decision is True else deny
                return wrapper
            """
        ),
        # the error path refuses; only the public paths are handed on unchecked
        Valid(
            """
            async def authz_middleware(request, handler):
                if request.path in PUBLIC:
                    return await handler(request)
                try:
                    ok = await enforcer.enforce(request["sub"], request.path)
                except TimeoutError:
                    raise web.HTTPServiceUnavailable()
                if not ok:
                    raise web.HTTPForbidden()
                return await handler(request)
            """
        ),
        # a helper that raises on error: the refusal runs whenever the caller is not a member
        Valid(
            """
            async def _groups(sub):
                try:
                    return await directory.groups(sub)
                except DirectoryError as exc:
                    raise GroupsUnavailable() from exc

            async def require_viewer(request, handler):
                groups = await _groups(request["sub"])
                if groups is not None and "viewers" not in groups:
                    raise web.HTTPForbidden()
                return await handler(request)
            """
        ),
        # the answer starts as denied: a swallowed error leaves it denied
        Valid(
            """
            def require_permission(permission):
                def wrapper(*args, **kwargs):
                    allowed = False
                    try:
                        allowed = pdp.allowed(g.user.id, permission)
                    except PdpError:
                        log.warning("pdp unavailable")
                    if not allowed:
                        abort(403)
                    return view(*args, **kwargs)
                return wrapper
            """
        ),
        # no answer is refused on its own line: the `and` only orders the two refusals
        Valid(
            """
            def _load_user(token):
                try:
                    return directory.lookup(token)
                except DirectoryError:
                    return None

            async def auth_middleware(request, handler):
                user = _load_user(request.headers.get("Authorization"))
                if user and not user.active:
                    raise web.HTTPForbidden()
                if user is None:
                    raise web.HTTPUnauthorized()
                return await handler(request)
            """
        ),
        # no credentials at all: an anonymous request goes on, the views decide; a bad token is refused
        Valid(
            """
            async def bearer_middleware(request, handler):
                try:
                    header = request.headers["Authorization"]
                except KeyError:
                    return await handler(request)
                if not header.startswith("Bearer "):
                    raise web.HTTPUnauthorized()
                return await handler(request)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import logging

            log = logging.getLogger(__name__)


            class ScopeGuardMiddleware:
                def process_request(self, req, resp):
                    try:
                        if "orders:write" not in self.idp.scopes(req.context.token):
                            raise PermissionError("missing scope")
                    except PermissionError:
                        raise
                    except Exception:
                        log.exception("scope lookup failed")
            """,
            line=14,
        ),
        Invalid(
            """
            def has_access(user, resource):
                try:
                    return policy_client.check(user.id, resource.id)
                except Exception:
                    return True
            """,
            line=5,
        ),
        Invalid(
            """
            def authorize(request):
                try:
                    claims = verify(request.headers["Authorization"])
                    return "admin" in claims["roles"]
                except:
                    return True
            """,
            line=6,
        ),
        Invalid(
            """
            def check_signature(payload, sig):
                try:
                    verify_hmac(payload, sig)
                except Exception:
                    logger.warning("signature check failed")
                return True
            """,
            line=4,
        ),
        Invalid(
            """
            def can_edit(user, doc):
                try:
                    return opa.evaluate("docs/edit", {"user": user.id, "doc": doc.id})
                except TimeoutError:
                    return Decision.ALLOW
            """,
            line=5,
        ),
        Invalid(
            """
            class HasRolePermission(BasePermission):
                def has_permission(self, request, view):
                    try:
                        return has_perm(request.user, view.required_permission)
                    except Exception:
                        return not settings.RBAC_STRICT
            """,
            line=6,
        ),
        Invalid(
            """
            def has_access(user, resource):
                try:
                    return policy_client.check(user.id, resource.id)
                except PolicyError:
                    return settings.AUTHZ_FAIL_OPEN
            """,
            line=5,
        ),
        Invalid(
            """
            async def allowed(request, action):
                try:
                    return await pdp.check(request["claims"]["sub"], action)
                except TimeoutError:
                    return request["claims"].get("roles") is not None
            """,
            line=5,
        ),
        Invalid(
            """
            def require_permission(action):
                def hook(req, resp, resource, params):
                    try:
                        allowed = pdp.decide(req.context.user_id, action)
                    except PdpError:
                        allowed = True
                    if not allowed:
                        raise HTTPForbidden()
                return hook
            """,
            line=6,
        ),
        Invalid(
            """
            def require_permission(permission):
                def wrapper(*args, **kwargs):
                    try:
                        allowed = rbac.check(g.user.id, permission)
                    except Exception:
                        allowed = current_app.config.get("RBAC_STRICT") is not True
                    if not allowed:
                        abort(403)
                    return view(*args, **kwargs)
                return wrapper
            """,
            line=6,
        ),
        Invalid(
            """
            async def authz_middleware(request, handler):
                try:
                    ok = await enforcer.enforce(request["sub"], request.path)
                except TimeoutError:
                    return await handler(request)
                if not ok:
                    raise web.HTTPForbidden()
                return await handler(request)
            """,
            line=5,
        ),
        Invalid(
            """
            async def _groups(sub):
                try:
                    return await directory.groups(sub)
                except DirectoryError:
                    return None

            async def require_viewer(request, handler):
                groups = await _groups(request["sub"])
                if groups is not None and "viewers" not in groups:
                    raise web.HTTPForbidden()
                return await handler(request)
            """,
            line=9,
        ),
        # the handler only logs, and the wrapper goes on to the view past the refusal in the `try`
        Invalid(
            """
            def require_permission(permission):
                def wrapper(*args, **kwargs):
                    try:
                        if not pdp.allowed(g.user.id, permission):
                            abort(403)
                    except PdpError:
                        log.warning("pdp unavailable")
                    return view(*args, **kwargs)
                return wrapper
            """,
            line=6,
        ),
        # the answer starts as allowed and the handler only logs
        Invalid(
            """
            def require_permission(permission):
                def wrapper(*args, **kwargs):
                    allowed = True
                    try:
                        allowed = pdp.allowed(g.user.id, permission)
                    except PdpError:
                        log.warning("pdp unavailable")
                    if not allowed:
                        abort(403)
                    return view(*args, **kwargs)
                return wrapper
            """,
            line=6,
        ),
        Invalid(
            """
            def check_access(user, resource):
                allowed = True
                try:
                    allowed = acl.lookup(user.id, resource.id)
                except Exception:
                    pass
                return allowed
            """,
            line=5,
        ),
        Invalid(
            """
            class OpaPermission(BasePermission):
                def has_permission(self, request, view):
                    try:
                        return opa.check(request.user.pk, view.action)
                    except opa.Unavailable:
                        return getattr(settings, "OPA_FAIL_OPEN", False)
            """,
            line=6,
        ),
        # Starlette: the refusal sits inside the `try`, the onward response is held in a name
        Invalid(
            """
            class PolicyMiddleware(BaseHTTPMiddleware):
                async def dispatch(self, request, call_next):
                    try:
                        if not await self.pdp.allowed(request.state.sub, request.url.path):
                            return JSONResponse({"detail": "forbidden"}, status_code=403)
                    except httpx.HTTPError:
                        return await call_next(request)
                    response = await call_next(request)
                    return response
            """,
            line=7,
        ),
        # the helper answers an empty list on error, and only the list's truth is tested
        Invalid(
            """
            def _roles(user_id):
                try:
                    return directory.roles(user_id)
                except DirectoryError:
                    return []

            class RoleMiddleware:
                def __call__(self, request):
                    roles = _roles(request.user.pk)
                    if roles and "staff" not in roles:
                        return HttpResponseForbidden()
                    return self.get_response(request)
            """,
            line=10,
        ),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        auth = in_auth_decision(self.ctx)
        for try_node in self._own(node, cst.Try):
            for handler in try_node.handlers:
                ret = self._allowing_return(handler) if auth else None
                if ret is not None:
                    self.report(
                        ret,
                        "The exception handler grants access: an error in the check means 'allowed'.",
                    )
                    continue
                onward = self._passes_on(node, try_node, handler)
                if onward is not None:
                    self.report(
                        onward,
                        "The exception handler passes the request on, skipping the refusal the check's answer leads to: an error means 'allowed'.",
                    )
                    continue
                assign = self._allowing_assignment(node, handler) if auth else None
                if assign is not None:
                    self.report(
                        assign,
                        "The exception handler sets the decision to 'allowed': an error in the check grants access.",
                    )
                    continue
                if handler_is_broad(handler) and handler_swallows(handler) and self._verifies(try_node.body):
                    after = self._returns_allow_after(node, try_node)
                    if after is not None:
                        self.report(
                            handler,
                            "A failed verification is swallowed and the function then reports success.",
                        )
                        continue
                preset = self._preset_allow(node, try_node, handler) if handler_swallows(handler) else None
                if preset is not None:
                    self.report(
                        handler,
                        f"The exception handler swallows the error, so `{preset}` keeps its initial 'allowed' and the refusal after the `try` never runs.",
                    )
                    continue
                if handler_swallows(handler) and self._skips_refusal(node, try_node, handler):
                    self.report(
                        handler,
                        "The exception handler swallows the error and the request goes on, past the refusal inside the `try`: an error means 'allowed'.",
                    )
        for if_node in own_nodes(self.ctx, node, cst.If):
            unanswered = self._denies_only_when_answered(node, if_node)
            if unanswered is not None:
                self.report(
                    if_node,
                    f"The refusal runs only when `{unanswered}` has an answer, and the look-up returns None on error: a failing backend lets the request through.",
                )

    def _allowing_return(self, handler: cst.ExceptHandler) -> cst.Return | None:
        for ret in nodes_in(handler.body, cst.Return):
            if may_allow(self.ctx, ret.value):
                return ret
        return None

    def _passes_on(self, fn: cst.FunctionDef, try_node: cst.Try, handler: cst.ExceptHandler) -> cst.Return | None:
        """`except TimeoutError: return await handler(request)` in a gate whose success path is
        `if not ok: raise HTTPForbidden()` then `return await handler(request)`: the error path
        hands the request on like the success path, without the refusal that tests the check's
        answer (after the `try`, or inside it)."""
        if self._catches_only_missing_input(handler):
            return None  # `except KeyError:` around reading an optional header: an anonymous caller, not a failed check
        onward = self._onward_callee(fn, self._tail_value(fn))
        if onward is None or not self._refuses_on(fn, try_node):
            return None
        for ret in nodes_in(handler.body, cst.Return):
            if self._onward_callee(fn, ret.value) == onward:
                return ret
        return None

    def _skips_refusal(self, fn: cst.FunctionDef, try_node: cst.Try, handler: cst.ExceptHandler) -> bool:
        """`try: if not pdp.allowed(...): abort(403)` / `except PdpError: log.warning(...)` and then
        `return view(*args, **kwargs)`: the handler falls through to the onward call or an allow."""
        if self._catches_only_missing_input(handler) or not any(stmt is try_node for stmt in fn.body.body):
            return False
        if not any(block_denies(self.ctx, stmt.body) for stmt in nodes_in(try_node.body, cst.If)):
            return False
        tail = self._tail_value(fn)
        if fn.body.body and fn.body.body[-1] is try_node and is_middleware_hook(self.ctx, fn):
            return True  # a middleware hook that returns nothing lets the request go on
        return self._onward_callee(fn, tail) is not None or is_allow_value(self.ctx, tail)

    def _preset_allow(self, fn: cst.FunctionDef, try_node: cst.Try, handler: cst.ExceptHandler) -> str | None:
        """`allowed = True` / `try: allowed = pdp.check(...)` / `except PdpError: log...` /
        `if not allowed: abort(403)` (or `return allowed`): the swallowed error leaves the preset
        answer in place."""
        if self._catches_only_missing_input(handler):
            return None
        answers = set().union(*(self._assigned_names(a) for a in nodes_in(try_node.body, cst.Assign, cst.AnnAssign)))
        try_span = span_of(self.ctx, try_node)
        for name in sorted(answers):
            preset = False
            for assign in own_nodes(self.ctx, fn, cst.Assign):
                span = span_of(self.ctx, assign)
                if (
                    span is not None
                    and try_span is not None
                    and span[1] <= try_span[0]
                    and name in self._assigned_names(assign)
                ):
                    preset = is_allow_value(self.ctx, assign.value)
            tail = self._tail_value(fn)
            if preset and (self._refuses_on(fn, try_node, {name}) or isinstance(tail, cst.Name) and tail.value == name):
                return name
        return None

    @staticmethod
    def _catches_only_missing_input(handler: cst.ExceptHandler) -> bool:
        if handler.type is None:
            return False
        names = [e.value for e in handler.type.elements] if isinstance(handler.type, cst.Tuple) else [handler.type]
        return all(callee_name(name) in {"KeyError", "IndexError", "LookupError", "AttributeError"} for name in names)

    @staticmethod
    def _tail_value(fn: cst.FunctionDef) -> cst.BaseExpression | None:
        tail = fn.body.body[-1] if fn.body.body else None
        if isinstance(tail, cst.SimpleStatementLine) and isinstance(tail.body[0], cst.Return):
            return tail.body[0].value
        return None

    def _onward_callee(self, fn: cst.FunctionDef, expr: cst.BaseExpression | None) -> str | None:
        """`await handler(request)`, `view(*args, **kwargs)`, `self.get_response(request)`, or a name
        holding one (`response = await call_next(request)`; `return response`) -> the callee."""
        if isinstance(expr, cst.Name):
            values = self.ctx.assigned_values_in(fn, expr.value)
            expr = values[-1] if len(values) == 1 else None
        if isinstance(expr, cst.Await):
            expr = expr.expression
        return canonical(expr.func) if isinstance(expr, cst.Call) else None

    @staticmethod
    def _assigned_names(assign: cst.CSTNode) -> set[str]:
        """`ok = ...`, `ok, reason = ...`: the plain names an assignment binds."""
        targets = [t.target for t in assign.targets] if isinstance(assign, cst.Assign) else [assign.target]  # type: ignore[attr-defined]  # libcst node types: narrowed by the checks on this path, which mypy cannot follow
        names = set()
        for target in targets:
            parts = [e.value for e in target.elements] if isinstance(target, (cst.Tuple, cst.List)) else [target]
            names |= {p.value for p in parts if isinstance(p, cst.Name)}
        return names

    def _refuses_on(self, fn: cst.FunctionDef, try_node: cst.Try, only: set[str] | None = None) -> bool:
        """The success path refuses: an `if` inside the `try` that refuses, or one after it that
        refuses on a test of a name the `try` assigns (the check's answer; `only` those names)."""
        if only is None and any(block_denies(self.ctx, stmt.body) for stmt in nodes_in(try_node.body, cst.If)):
            return True
        answers = (
            only
            if only is not None
            else set().union(*(self._assigned_names(a) for a in nodes_in(try_node.body, cst.Assign, cst.AnnAssign)))
        )
        if not answers:
            return False
        for block in nodes_in(fn.body, cst.IndentedBlock):
            statements = list(block.body)
            if not any(stmt is try_node for stmt in statements):
                continue
            after = statements[[i for i, stmt in enumerate(statements) if stmt is try_node][0] + 1 :]
            for stmt in after:
                if (
                    isinstance(stmt, cst.If)
                    and block_denies(self.ctx, stmt.body)
                    and any(n.value in answers for n in nodes_in(stmt.test, cst.Name))
                ):
                    return True
        return False

    def _denies_only_when_answered(self, fn: cst.FunctionDef, if_node: cst.If) -> str | None:
        """`groups = await _user_groups(...)` where the helper returns None when its call fails,
        then `if groups is not None and "viewers" not in groups: raise HTTPForbidden()` (or
        `if groups and ...` where the helper returns an empty list on error)."""
        test = if_node.test
        if not (isinstance(test, cst.BooleanOperation) and isinstance(test.operator, cst.And)) or not block_denies(
            self.ctx, if_node.body
        ):
            return None
        for operand in (test.left, test.right):
            tested = self._presence_tested(operand)
            if tested is None:
                continue
            name, truthiness = tested
            if self._refuses_missing(fn, name):
                continue  # `if user is None: raise HTTPUnauthorized()` elsewhere: no answer is refused too
            for value in self.ctx.assigned_values_in(fn, name):
                call = value.expression if isinstance(value, cst.Await) else value
                if isinstance(call, cst.Call) and any(
                    self._empty_on_error(helper, truthiness) for helper in call_targets(self.ctx, fn, call)
                ):
                    return name
        return None

    def _refuses_missing(self, fn: cst.FunctionDef, name: str) -> bool:
        """An `if` of the function refuses when `name` is None or empty (`if x is None`, `if not x`)."""
        for if_node in own_nodes(self.ctx, fn, cst.If):
            test = if_node.test
            missing = (
                isinstance(test, cst.UnaryOperation)
                and isinstance(test.operator, cst.Not)
                and isinstance(test.expression, cst.Name)
                and test.expression.value == name
            )
            if (
                isinstance(test, cst.Comparison)
                and len(test.comparisons) == 1
                and isinstance(test.left, cst.Name)
                and test.left.value == name
            ):
                target = test.comparisons[0]
                missing = (
                    isinstance(target.operator, (cst.Is, cst.Equal))
                    and isinstance(target.comparator, cst.Name)
                    and target.comparator.value == "None"
                )
            if missing and block_denies(self.ctx, if_node.body):
                return True
        return False

    @staticmethod
    def _presence_tested(expr: cst.BaseExpression) -> tuple[str, bool] | None:
        """`x is not None` -> (x, False); a bare `x` -> (x, True): its truth is tested."""
        if isinstance(expr, cst.Name):
            return expr.value, True
        if isinstance(expr, cst.Comparison) and len(expr.comparisons) == 1 and isinstance(expr.left, cst.Name):
            target = expr.comparisons[0]
            if (
                isinstance(target.operator, cst.IsNot)
                and isinstance(target.comparator, cst.Name)
                and target.comparator.value == "None"
            ):
                return expr.left.value, False
        return None

    def _empty_on_error(self, helper: cst.FunctionDef, truthiness: bool) -> bool:
        """The helper answers None (or nothing) from an exception handler instead of raising; when
        only the answer's truth is tested, an empty answer (`[]`, `set()`, `{}`) counts too."""
        for try_node in self._own(helper, cst.Try):
            for handler in try_node.handlers:
                for ret in nodes_in(handler.body, cst.Return):
                    value = ret.value
                    if value is None or isinstance(value, cst.Name) and value.value == "None":
                        return True
                    if truthiness and self._empty(value):
                        return True
        return False

    @staticmethod
    def _empty(expr: cst.BaseExpression) -> bool:
        if isinstance(expr, (cst.List, cst.Tuple, cst.Set, cst.Dict)):
            return not expr.elements
        if isinstance(expr, cst.Call) and not expr.args:
            return callee_name(expr.func) in {"list", "set", "frozenset", "dict", "tuple"}
        return isinstance(expr, cst.SimpleString) and expr.evaluated_value == ""

    def _allowing_assignment(self, fn: cst.FunctionDef, handler: cst.ExceptHandler) -> cst.Assign | None:
        """`except PdpError: allowed = True` where `allowed` is what the function then tests or returns."""
        for assign in nodes_in(handler.body, cst.Assign):
            names = [
                t.target.value
                for t in assign.targets
                if isinstance(t.target, cst.Name) and set(identifier_words(t.target.value)) & _DECISION_WORDS
            ]
            if not names or not may_allow(self.ctx, assign.value):
                continue
            for node in nodes_in(fn.body, cst.If, cst.Return, cst.Assert):
                used = node.test if isinstance(node, (cst.If, cst.Assert)) else node.value
                if used is not None and any(n.value in names for n in nodes_in(used, cst.Name)):
                    return assign
        return None

    def _own(self, fn: cst.FunctionDef, kind: type) -> list:
        """Nodes of `kind` in `fn` but not in functions nested inside it."""
        found = nodes_in(fn.body, kind)
        if not found:
            return []
        nested = set()
        for inner in nodes_in(fn.body, cst.FunctionDef):
            nested |= {id(n) for n in nodes_in(inner, kind)}
        return [n for n in found if id(n) not in nested]

    def _verifies(self, body: cst.CSTNode) -> bool:
        for call in nodes_in(body, cst.Call):
            func = call.func
            last = callee_name(func)
            if set(identifier_words(last)) & _VERIFY_WORDS:
                return True
        return False

    def _returns_allow_after(self, fn: cst.FunctionDef, try_node: cst.Try) -> cst.Return | None:
        for block in nodes_in(fn, cst.IndentedBlock):
            statements = list(block.body)
            positions = [i for i, stmt in enumerate(statements) if stmt is try_node]
            if not positions:
                continue
            for stmt in statements[positions[0] + 1 :]:
                if isinstance(stmt, cst.SimpleStatementLine):
                    for small in stmt.body:
                        if isinstance(small, cst.Return) and is_allow_value(self.ctx, small.value):
                            return small
        return None
