"""IDG137: a debug, test or environment flag that switches authentication or authorization off."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.decisions import is_auth_decision_function
from .support.flow.endpoints import request_taint
from .support.flow.words import function_words, is_allow_value, is_request_input, nodes_in
from .support.guard import PythonGuard
from .support.literals import string_literal_value
from .support.words import identifier_words

_BYPASS_WORDS = frozenset({"skip", "disable", "disabled", "bypass", "insecure", "ignore"})
_CONTROL_WORDS = frozenset(
    {
        "auth",
        "authz",
        "authn",
        "authentication",
        "authorization",
        "permission",
        "permissions",
        "login",
        "verify",
        "verification",
        "rbac",
        "sso",
        "acl",
        "security",
        "mfa",
        "signature",
        "checks",
        "jwt",
        "token",
        "saml",
        "oidc",
    }
)
_DEBUG_NAMES = frozenset(
    {"debug", "testing", "is_test", "is_testing", "test_mode", "dev_mode", "is_dev", "is_local", "local_dev"}
)
_DEV_ENV_VALUES = frozenset({"dev", "development", "test", "testing", "local"})
_WRAPPER_WORDS = frozenset(
    {
        "require",
        "required",
        "login",
        "middleware",
        "dispatch",
        "authenticate",
        "wrapper",
        "decorated",
        "inner",
        "current",
        "protect",
        "protected",
        "guard",
    }
)
_IDENTIFY_WORDS = frozenset({"authenticate", "identify", "current", "login", "principal", "whoami", "load"})
# Words of a header, parameter or cookie (or the value it is compared with) that name a back door.
_CLIENT_SWITCH_WORDS = frozenset(
    {"debug", "test", "testing", "internal", "dev", "bypass", "skip", "backdoor", "override", "qa", "staging", "noauth"}
)
_PASS_THROUGH = frozenset(
    {
        "func",
        "f",
        "fn",
        "view",
        "view_func",
        "wrapped",
        "call_next",
        "get_response",
        "next",
        "handler",
        "app",
        "inner",
        "method",
    }
)


class AuthzBypassFlag(PythonGuard):
    """
    ## What it does
    Finds switches that turn identity checks off: `if os.getenv("SKIP_AUTH")`,
    `if settings.DISABLE_PERMISSIONS`, `AUTH_DISABLED` style flags anywhere in a
    condition, and `if settings.DEBUG` / `app.testing` / `ENV == "dev"` in an
    authentication or authorization function (or its decorator wrapper) that
    then returns `True` or calls the protected view without checking; and,
    there, a request header, parameter or cookie named like a back door
    (`request.headers.get("X-Internal-Test") == "yes"`, `?debug=true`) that
    lets the caller skip the check.

    ## Why is this bad?
    Flags leak into production: a copied `.env`, a debug setting left on, an
    environment variable an attacker can influence in a container. Then every
    check is off at once, silently, and nothing in the code path shows it.

    ## Example
    ```python
    def require_admin(view):
        def wrapper(request, *args, **kwargs):
            if settings.DEBUG:
                return view(request, *args, **kwargs)
            ...
    ```

    ## Use instead
    Keep the check unconditional; in tests, authenticate a test user or
    override the dependency (`app.dependency_overrides[current_user] = ...`)
    inside the test suite instead of shipping a bypass.
    """

    id = "IDG137"
    name = "authz-bypass-flag"
    title = "Debug or environment flag bypasses identity checks"
    fix_hint = (
        "Remove the bypass; keep identity checks unconditional and authenticate a test identity (or override the "
        "dependency) inside the test suite instead."
    )
    meta = GuardMeta(
        cwe=["CWE-489", "CWE-288"],
        owasp_nhi=["NHI8"],
        nist_csf=["PR.AA-05", "PR.PS-01"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac", "session"],
    )
    VALID = [
        Valid(
            """
            def has_access(user, doc):
                if settings.DEBUG:
                    logger.debug("checking %s", doc.id)
                return doc.owner_id == user.id
            """
        ),
        Valid(
            """
            def get_current_user(request):
                if settings.DEBUG:
                    return None
                return session_user(request)
            """
        ),
        Valid(
            """
            import os
            if os.getenv("ENABLE_AUDIT_LOG"):
                configure_audit()
            """
        ),
        Valid(
            """
            def verify_token(token):
                if app.debug:
                    raise RuntimeError("refusing to run with debug on")
                return decode(token)
            """
        ),
        Valid(
            """
            def login_required(view):
                def wrapper(request, *args, **kwargs):
                    if not request.user.is_authenticated:
                        return redirect("/login")
                    return view(request, *args, **kwargs)
                return wrapper
            """
        ),
        # the header picks the answer format, not whether the check runs
        Valid(
            """
            def login_required(view):
                def wrapper(request, *args, **kwargs):
                    if request.headers.get("Accept") == "application/json" and not request.user.is_authenticated:
                        raise PermissionDenied()
                    if not request.user.is_authenticated:
                        return redirect("/login")
                    return view(request, *args, **kwargs)
                return wrapper
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import os

            def authenticate(request):
                if os.getenv("SKIP_AUTH"):
                    return User.system()
                return check_session(request)
            """,
            line=4,
        ),
        Invalid(
            """
            def has_permission(user, perm):
                if settings.DEBUG:
                    return True
                return perm in user.permissions
            """,
            line=2,
        ),
        Invalid(
            """
            def login_required(view):
                def wrapper(request, *args, **kwargs):
                    if current_app.config["TESTING"]:
                        return view(request, *args, **kwargs)
                    if not request.user.is_authenticated:
                        return redirect("/login")
                    return view(request, *args, **kwargs)
                return wrapper
            """,
            line=3,
        ),
        Invalid(
            """
            AUTH_DISABLED = os.environ.get("AUTH_DISABLED") == "1"

            async def auth_middleware(request, call_next):
                if AUTH_DISABLED:
                    return await call_next(request)
                return await verify_and_call(request, call_next)
            """,
            line=4,
        ),
        Invalid(
            """
            def authenticate(request):
                if settings.DEBUG and request.headers.get("X-Debug-User"):
                    return User.objects.get(username=request.headers["X-Debug-User"])
                return verify(request)
            """,
            line=2,
        ),
        Invalid(
            """
            def verify_signature(payload, sig):
                if ENV == "development":
                    return True
                return hmac.compare_digest(sign(payload), sig)
            """,
            line=2,
        ),
        Invalid(
            """
            async def current_admin(request: Request):
                if request.headers.get("X-Internal-Test") == "yes":
                    return {"id": 0, "role": "admin"}
                user = await load_user(request)
                if user is None or user.role != "admin":
                    raise HTTPException(403)
                return user
            """,
            line=2,
        ),
    ]

    def visit_If(self, node: cst.If) -> None:
        self._judge(node, node.test, node.body)

    def _judge(self, node: cst.CSTNode, test: cst.BaseExpression, body: cst.CSTNode) -> None:
        names = self._names_in(test)
        if self._bypass_flag(test, names):
            self.report(node, "A flag switches authentication/authorization off.")
            return
        if self._client_switch(test) and self._in_auth_code() and self._grants(body):
            self.report(
                node,
                "A request header or parameter that any caller can send switches the check off.",
            )
            return
        if not self._debug_flag(names) or not self._in_auth_code():
            return
        if self._grants(body):
            self.report(node, "In debug/test/dev mode this check grants access without verifying anything.")

    def _client_switch(self, test: cst.BaseExpression) -> bool:
        """`request.headers.get("X-Internal-Test") == "yes"`, `request.args.get("debug")`: the client
        decides whether the check runs."""
        if not is_request_input(self.ctx, test):
            return False
        for string in nodes_in(test, cst.SimpleString):
            value = string_literal_value(string)
            if isinstance(value, str) and set(identifier_words(value)) & _CLIENT_SWITCH_WORDS:
                return True
        return False

    def _names_in(self, test: cst.BaseExpression) -> list[str]:
        """Names, attributes and strings in the test, and the strings of values its names were assigned."""
        # Only membership matters to the callers, so each kind is listed on its own (no merge into source order).
        names = [name.value for name in nodes_in(test, cst.Name)]
        names += [attribute.attr.value for attribute in nodes_in(test, cst.Attribute)]
        for string in nodes_in(test, cst.SimpleString):
            value = string_literal_value(string)
            if isinstance(value, str):
                names.append(value)
        for name in set(names):
            for value in self._assigned_values(name) if name.isidentifier() else []:  # type: ignore[assignment]  # libcst node types: narrowed by the checks on this path, which mypy cannot follow
                if isinstance(value, cst.BaseExpression) and not isinstance(value, cst.Name):
                    for inner in nodes_in(value, cst.SimpleString):
                        text = string_literal_value(inner)
                        if isinstance(text, str):
                            names.append(text)
        return names

    def _assigned_values(self, name: str) -> list[cst.BaseExpression]:
        """What `ctx.resolve_all` gives for the bare name, without building a `cst.Name` for it."""
        return [self.ctx.resolve(value) or value for value in self.ctx.assigned_values(name)]

    def _bypass_flag(self, test: cst.BaseExpression, names: list[str]) -> bool:
        fn = self.ctx.current_function
        for name in names:
            words = set(identifier_words(name))
            # Settings and environment variables are UPPER_CASE; a per-view attribute
            # (`view._ignore_model_permissions`) is a design choice, not a switch.
            if (
                words & _BYPASS_WORDS
                and words & _CONTROL_WORDS
                and (name.isupper() or isinstance(fn, cst.FunctionDef) and request_taint(self.ctx, fn).is_tainted(test))
            ):
                return True
        return False

    def _debug_flag(self, names: list[str]) -> bool:
        return any(name.lower() in _DEBUG_NAMES or name.lower() in _DEV_ENV_VALUES for name in names)

    def _in_auth_code(self) -> bool:
        for fn in self.ctx.function_stack:
            if is_auth_decision_function(fn) or function_words(fn) & _WRAPPER_WORDS:
                return True
        return False

    def _grants(self, body: cst.CSTNode) -> bool:
        fn = self.ctx.current_function
        identifies = fn is not None and bool(function_words(fn) & _IDENTIFY_WORDS)
        for ret in nodes_in(body, cst.Return):
            if is_allow_value(self.ctx, ret.value):
                return True
            # `authenticate()` / `get_current_user()` returning a user without checking anything
            if (
                identifies
                and ret.value is not None
                and self.ctx.bool_value(ret.value) is None
                and not (isinstance(ret.value, cst.Name) and ret.value.value == "None")
            ):
                return True
            value = ret.value.expression if isinstance(ret.value, cst.Await) else ret.value
            if isinstance(value, cst.Call) and isinstance(value.func, cst.Name) and value.func.value in _PASS_THROUGH:
                return True
        return False
