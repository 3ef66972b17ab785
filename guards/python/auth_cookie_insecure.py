"""IDG153: session/auth cookies without Secure / HttpOnly, or cookie security settings turned off."""

from __future__ import annotations

import re

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.flow.words import callee_name
from .support.guard import PythonGuard
from .support.secret_refs import secret_reference
from .support.values import generated_secret
from .support.walk import walk
from .support.words import identifier_words

# Cookie names that say the cookie authenticates (a name such as `last_login_email_domain` does not:
# it is judged by its value).
_AUTH_COOKIE_WORDS = frozenset(
    {
        "session",
        "sessionid",
        "sess",
        "sid",
        "auth",
        "authn",
        "token",
        "jwt",
        "refresh",
        "remember",
        "rememberme",
        "csrf",
        "csrftoken",
        "xsrf",
        "identity",
        "sso",
        "tkt",
        "bearer",
        "credential",
        "credentials",
        "apikey",
    }
)
_SECRET_VALUE_KINDS = frozenset({"token", "secret", "api_key", "key", "credential"})
_SET_COOKIE = frozenset({"set_cookie", "set_signed_cookie", "set_secure_cookie", "add_cookie"})
_COOKIE_POLICIES = frozenset(
    {
        "AuthTktCookieHelper",
        "AuthTktAuthenticationPolicy",
        "SignedCookieSessionFactory",
        "BaseCookieSessionFactory",
        "EncryptedCookieStorage",
        "NaClCookieStorage",
        "RedisStorage",
        "MemcachedStorage",
        "Cookie",
    }
)
_CONFIG_UPDATES = frozenset({"update", "from_mapping", "configure"})
# Which flags each framework's set_cookie turns on when they are not passed.
_DEFAULTS: dict[str, dict[str, bool]] = {
    "": {"secure": False, "httponly": False, "samesite": False},  # werkzeug/Flask, Django, aiohttp, Tornado, Bottle
    "starlette": {"secure": False, "httponly": False, "samesite": True},
    "fastapi": {"secure": False, "httponly": False, "samesite": True},
    "litestar": {"secure": False, "httponly": False, "samesite": True},
    "falcon": {"secure": True, "httponly": True, "samesite": False},
    "sanic": {"secure": True, "httponly": False, "samesite": True},
    "flask": {"secure": False, "httponly": False, "samesite": False},
    "quart": {"secure": False, "httponly": False, "samesite": False},
    "django": {"secure": False, "httponly": False, "samesite": False},
    "aiohttp": {"secure": False, "httponly": False, "samesite": False},
    "tornado": {"secure": False, "httponly": False, "samesite": False},
    "pyramid": {"secure": False, "httponly": False, "samesite": False},
    "werkzeug": {"secure": False, "httponly": False, "samesite": False},
}
# Framework settings that must not be False in production.
_SECURE_SETTINGS = frozenset(
    {
        "SESSION_COOKIE_SECURE",
        "CSRF_COOKIE_SECURE",
        "SESSION_COOKIE_HTTPONLY",
        "REMEMBER_COOKIE_SECURE",
        "REMEMBER_COOKIE_HTTPONLY",
        "JWT_COOKIE_SECURE",
        "SECURE_COOKIES",
        "COOKIE_SECURE",
        "AUTH_COOKIE_SECURE",
        "SESSION_SECURE",
    }
)
# Django and Flask settings for the SameSite attribute of the session, CSRF and remember-me cookies.
_SAMESITE_SETTINGS = frozenset({"SESSION_COOKIE_SAMESITE", "CSRF_COOKIE_SAMESITE", "REMEMBER_COOKIE_SAMESITE"})
_NON_PRODUCTION_WORDS = frozenset({"dev", "development", "local", "test", "tests", "testing", "ci"})
_NON_PRODUCTION_PATH = re.compile(r"(^|[/\\_.-])(dev|development|local|test|tests|testing|ci)([/\\_.-]|$)", re.I)


class AuthCookieInsecure(PythonGuard):
    """
    ## What it does
    Finds authentication cookies set without protection: `set_cookie(...)`,
    `set_signed_cookie`, Tornado `set_secure_cookie`, Sanic `add_cookie` and
    `response.cookies[...] = ...` morsels without `secure=True` or without
    `httponly=True` (CSRF cookies only need `secure`), with each framework's
    defaults applied (Falcon sets both by default, Sanic sets `secure`); Pyramid
    `AuthTktCookieHelper` / `AuthTktAuthenticationPolicy` /
    `SignedCookieSessionFactory`, aiohttp-session storages and Litestar
    `Cookie(...)` left insecure; Starlette `SessionMiddleware(https_only=False)`;
    and framework settings that turn it off: Django/Flask `SESSION_COOKIE_SECURE = False` (or `SESSION_COOKIE_SAMESITE = None`),
    `CSRF_COOKIE_SECURE = False`, `SESSION_COOKIE_HTTPONLY = False`,
    `REMEMBER_COOKIE_SECURE = False`, or a flag that is off unless an environment
    variable opts in (`os.environ.get("FORCE_HTTPS", "") == "always"`; also via `app.config[...]`,
    `app.config.update(...)` and settings dicts). A cookie is an auth cookie by
    its name (`session`, `sid`, `access_token`, `remember_me`, `auth_tkt`) or its
    value (a token, or a value drawn from `secrets`); theme, locale and other
    preference cookies are not. Flags given through `**COOKIE_OPTS` are read
    where the dict is defined. An auth cookie whose only gap is `samesite`, in a
    framework that does not default it to Lax, is reported as low. Settings
    files for dev/local/test, and settings classes named for them (`class LocalConfig`), are ignored.

    ## Why is this bad?
    A session cookie is a bearer credential. Without `Secure` it is sent over
    plain HTTP to anyone on the path; without `HttpOnly` any XSS can read it and
    replay the session from elsewhere.

    ## Example
    ```python
    resp.set_cookie("session", session_id, max_age=3600)
    ```

    ## Use instead
    ```python
    resp.set_cookie("session", session_id, max_age=3600, secure=True, httponly=True, samesite="Lax")
    ```
    """

    id = "IDG153"
    name = "auth-cookie-insecure"
    title = "Auth cookie without Secure/HttpOnly"
    fix_hint = "Set auth cookies with secure=True, httponly=True and samesite='Lax' (or 'Strict'); keep *_COOKIE_SECURE = True in production settings."
    meta = GuardMeta(
        cwe=["CWE-614", "CWE-1004"],
        owasp_nhi=[],
        nist_csf=["PR.DS-02", "PR.AA-03"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["session"],
        see_also=["OWASP ASVS V3.4"],
    )
    VALID = [
        Valid(
            """
            resp.set_cookie("session", sid, max_age=3600, secure=True, httponly=True, samesite="Lax")
            """
        ),
        Valid(
            """
            resp.set_cookie("theme", "dark", max_age=86400)
            """
        ),
        Valid(
            """
            resp.set_cookie("csrftoken", token, secure=True, samesite="Strict")
            """
        ),
        Valid(
            """
            SESSION_COOKIE_SECURE = True
            CSRF_COOKIE_SECURE = True
            SESSION_COOKIE_HTTPONLY = True
            """
        ),
        Valid(
            """
            SESSION_COOKIE_SAMESITE = "Lax"
            CSRF_COOKIE_SAMESITE = "Strict"
            """
        ),
        Valid(
            """
            DEBUG = True  # local development settings
            SESSION_COOKIE_SECURE = False
            """
        ),
        Valid(
            """
            class ProductionConfig:
                SESSION_COOKIE_SECURE = True

            class LocalConfig(ProductionConfig):
                SESSION_COOKIE_SECURE = False
            """
        ),
        Valid(
            """
            import os
            SESSION_COOKIE_SECURE = os.environ.get("COOKIE_SECURE", "1") == "1"
            """
        ),
        Valid(
            """
            from pyramid.authentication import AuthTktCookieHelper
            helper = AuthTktCookieHelper(secret, cookie_name="auth_tkt", secure=True, http_only=True, samesite="Lax")
            """
        ),
        Valid(
            """
            def login(resp, user):
                resp.set_cookie("last_login_email_domain", user.email.split("@")[-1], max_age=86400)
            """
        ),
        Valid(
            """
            OPTS = {"httponly": True, "secure": True, "samesite": "strict"}

            def login(response, sid):
                response.set_cookie("dash_auth", sid, **OPTS)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            resp.set_cookie("session", sid, max_age=3600)
            """,
            line=1,
        ),
        Invalid(
            """
            response.set_cookie(key="refresh_token", value=rt, httponly=True, secure=False, samesite="strict")
            """,
            line=1,
        ),
        Invalid(
            """
            SESSION_COOKIE_SECURE = False
            """,
            line=1,
        ),
        Invalid(
            """
            import os
            SESSION_COOKIE_SECURE = os.environ.get("FORCE_HTTPS", "") == "always"
            """,
            line=2,
        ),
        Invalid(
            """
            class ProductionConfig:
                SESSION_COOKIE_SECURE = False
            """,
            line=2,
        ),
        Invalid(
            """
            SESSION_COOKIE_SECURE = True
            SESSION_COOKIE_SAMESITE = None
            """,
            line=2,
        ),
        Invalid(
            """
            app.config["SESSION_COOKIE_SECURE"] = False
            """,
            line=1,
        ),
        Invalid(
            """
            app.config.update(SESSION_COOKIE_HTTPONLY=False, SESSION_COOKIE_SAMESITE="Lax")
            """,
            line=1,
        ),
        Invalid(
            """
            COOKIE = "access_token"

            def login(resp, tok):
                resp.set_cookie(COOKIE, tok, secure=True, samesite="None")
            """,
            line=4,
        ),
        Invalid(
            """
            from pyramid.authentication import AuthTktAuthenticationPolicy
            policy = AuthTktAuthenticationPolicy(secret, hashalg="sha512")
            """,
            line=2,
        ),
        Invalid(
            """
            import secrets

            def trust_device(resp):
                token = secrets.token_urlsafe(32)
                resp.set_cookie("trusted_device", token, samesite="Strict")
            """,
            line=5,
        ),
        Invalid(
            """
            from sanic import response

            def login(request):
                resp = response.json({})
                resp.cookies["session"] = sid
                resp.cookies["session"]["httponly"] = True
                return resp
            """,
            line=5,
        ),
    ]

    def _production(self) -> bool:
        """Settings for dev/local/test (by path, or a module that sets `DEBUG = True`) may relax cookies."""
        if self.ctx.path and _NON_PRODUCTION_PATH.search(self.ctx.path.rsplit(".", 1)[0]):
            return False
        if any(_NON_PRODUCTION_WORDS & set(identifier_words(k.name.value)) for k in self.ctx.class_stack):
            return False  # `class LocalConfig(ProductionConfig)`, `class TestingConfig`: a settings class for dev/test
        return not any(self.ctx.bool_value(v) is True for v in self.ctx.assigned_values("DEBUG"))

    def _setting_off(self, node: cst.CSTNode, name: str | None, value: cst.BaseExpression) -> None:
        if name in _SECURE_SETTINGS and self.ctx.bool_value(value) is False and self._production():
            self.report(node, f"`{name} = False` lets the auth cookie travel without that protection.")
        elif name in _SECURE_SETTINGS and self._off_unless_environment(value) and self._production():
            self.report(
                node,
                f"`{name}` is off unless an environment variable opts in: a deployment that forgets it sends the auth cookie without that protection.",
                fix="Default the flag to True and let only development settings turn it off.",
            )
        elif name in _SAMESITE_SETTINGS and self._samesite_none(value) and self._production():
            self.report(node, f"`{name} = None` sends the auth cookie on cross-site requests (CSRF).")

    def _off_unless_environment(self, value: cst.BaseExpression | None) -> bool:
        """`os.environ.get("FORCE_HTTPS", "") == "always"`, `os.getenv("SECURE") == "1"`: False when unset."""
        value = self.ctx.resolve(value)
        if type(value) is not cst.Comparison or len(value.comparisons) != 1:
            return False
        comparison = value.comparisons[0]
        if type(comparison.operator) is not cst.Equal:
            return False
        call, expected = value.left, comparison.comparator
        if type(call) is not cst.Call:
            call, expected = expected, call
        if type(call) is not cst.Call:
            return False
        qualname = self.ctx.qualname(call.func) or ""
        if qualname not in ("os.environ.get", "os.getenv"):
            return False
        wanted = self.ctx.string_value(expected)
        if wanted is None:
            return False
        default = self.ctx.string_value(call.args[1].value) if len(call.args) > 1 else None
        return default != wanted

    def _samesite_none(self, value: cst.BaseExpression) -> bool:
        resolved = self.ctx.resolve(value)
        if isinstance(resolved, cst.Name) and resolved.value in ("None", "False"):
            return True
        return (self.ctx.string_value(value) or "").lower() == "none"

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            if isinstance(target.target, cst.Subscript) and isinstance(target.target.value, cst.Subscript):
                continue  # `app.config["X"]["Y"] = ...`
            self._setting_off(node, self.ctx.target_name(target.target), node.value)
            self._check_morsel(node, target.target)

    def _check_morsel(self, node: cst.Assign, target: cst.BaseExpression) -> None:
        """`response.cookies["session"] = sid` (Sanic before 23, `http.cookies.SimpleCookie`): the flags are
        set afterwards as `response.cookies["session"]["secure"] = True`; an auth cookie without them is reported."""
        if (
            not isinstance(target, cst.Subscript)
            or len(target.slice) != 1
            or not isinstance(target.slice[0].slice, cst.Index)
        ):
            return
        jar = target.value
        is_jar = (
            isinstance(jar, cst.Attribute)
            and jar.attr.value == "cookies"
            or isinstance(jar, cst.Name)
            and (
                (self.ctx.call_name(self.ctx.resolve(jar)) or "").endswith("SimpleCookie")  # type: ignore[arg-type]  # the node's type is checked just above (type(...) is / kind is), which mypy does not narrow on
                if isinstance(self.ctx.resolve(jar), cst.Call)
                else False
            )
        )
        if not is_jar:
            return
        key = target.slice[0].slice.value
        if not self._is_auth_cookie(key, node.value):
            return
        function = self.ctx.current_function
        scope = function.body if isinstance(function, cst.FunctionDef) else self.ctx.module
        jar_source, key_source = self.ctx.source(jar), self.ctx.source(key)
        flags: set[str] = set()
        for other in walk(scope):
            if type(other) is not cst.Assign:
                continue
            for t in other.targets:
                sub = t.target
                if (
                    isinstance(sub, cst.Subscript)
                    and isinstance(sub.value, cst.Subscript)
                    and self.ctx.source(sub.value.value) == jar_source
                    and len(sub.value.slice) == 1
                    and isinstance(sub.value.slice[0].slice, cst.Index)
                    and self.ctx.source(sub.value.slice[0].slice.value) == key_source
                    and len(sub.slice) == 1
                    and isinstance(sub.slice[0].slice, cst.Index)
                    and self.ctx.bool_value(other.value) is not False
                ):
                    flag = self.ctx.string_value(sub.slice[0].slice.value)
                    if flag:
                        flags.add(flag.lower())
        missing = [f"{flag}=True" for flag in ("secure", "httponly") if flag not in flags]
        if missing:
            self.report(node, f"The auth cookie is set without {' and '.join(missing)}.")

    def visit_DictElement(self, node: cst.DictElement) -> None:
        # `app.config.from_mapping({"SESSION_COOKIE_SECURE": False})`, settings dicts
        if isinstance(node.key, cst.SimpleString):
            self._setting_off(node, self.ctx.string_value(node.key), node.value)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        last = callee_name(func)
        if last in _CONFIG_UPDATES:
            for arg in node.args:
                if arg.keyword is not None:
                    self._setting_off(arg, arg.keyword.value, arg.value)
                elif isinstance(arg.value, (cst.Call, cst.Name)):
                    # `app.config.update(dict(SESSION_COOKIE_SECURE=False))`; dict literals are read element by element
                    for key, value in (self.ctx.dict_items(arg.value) or {}).items():
                        self._setting_off(arg, key, value)
            return
        if last in _SET_COOKIE:
            self._check_set_cookie(node, last)
        elif last in _COOKIE_POLICIES:
            self._check_cookie_policy(node, last)
        elif last == "add_middleware":
            self._check_session_middleware(node)

    # -- response.set_cookie(...) and friends -----------------------------------------
    def _cookie_options(self, node: cst.Call) -> dict[str, cst.BaseExpression] | None:
        """Keyword arguments, with `**COOKIE_OPTS` dicts read where they are defined; None if one cannot be read."""
        options: dict[str, cst.BaseExpression] = {}
        for arg in node.args:
            if arg.star == "**":
                items = self.ctx.dict_items(arg.value)
                if items is None:
                    return None
                options.update(items)
            elif arg.star:
                return None
            elif arg.keyword is not None:
                options[arg.keyword.value] = arg.value
        return options

    def _check_set_cookie(self, node: cst.Call, last: str) -> None:
        options = self._cookie_options(node)
        if options is None:
            return  # flags we cannot see
        cookie = options.get("key") or options.get("name") or self.ctx.positional(node, 0)
        value = options.get("value") or self.ctx.positional(node, 1)
        if not self._is_auth_cookie(cookie, value):
            return
        framework = self._framework(node)
        defaults = _DEFAULTS.get(framework, _DEFAULTS[""])
        if last == "add_cookie" and framework == "":
            defaults = _DEFAULTS["sanic"]
        missing = []
        if self._flag_off(options, ("secure",), defaults["secure"]):
            missing.append("secure=True")
        words = self._cookie_words(cookie)
        is_csrf = bool(words & {"csrf", "csrftoken", "xsrf"})  # scripts must read CSRF cookies
        if not is_csrf and self._flag_off(options, ("httponly", "http_only"), defaults["httponly"]):
            missing.append("httponly=True")
        if missing:
            self.report(node, f"The auth cookie is set without {' and '.join(missing)}.")
            return
        samesite = options.get("samesite", options.get("same_site"))
        if samesite is None and not defaults["samesite"] and not is_csrf:
            self.report(
                node,
                "The auth cookie is set without a `samesite` value, so older browsers send it on cross-site requests.",
                fix="Add samesite='Lax' (or 'Strict') to auth cookies.",
                severity=Severity.low,
            )

    def _flag_off(self, options: dict[str, cst.BaseExpression], names: tuple[str, ...], default_on: bool) -> bool:
        """Missing (when the framework's default is off) or False. An unknown value
        (`secure=not app.debug`) is not reported."""
        for name in names:
            if name in options:
                return self.ctx.bool_value(options[name]) is False
        return not default_on

    def _cookie_words(self, cookie: cst.BaseExpression | None) -> set[str]:
        name = self.ctx.string_value(cookie)
        if name is None and cookie is not None:
            name = self.ctx.source(cookie)
        return set(identifier_words(name or ""))

    def _is_auth_cookie(self, cookie: cst.BaseExpression | None, value: cst.BaseExpression | None) -> bool:
        """By its name (`session`, `access_token`, `remember_me`) or by its value (a token, a minted secret)."""
        words = self._cookie_words(cookie)
        if words & _AUTH_COOKIE_WORDS:
            return True
        if value is None:
            return False
        function = self.ctx.current_function if isinstance(self.ctx.current_function, cst.FunctionDef) else None
        return bool(
            secret_reference(self.ctx, value, _SECRET_VALUE_KINDS) or generated_secret(self.ctx, value, function)
        )

    def _framework(self, node: cst.Call) -> str:
        """Which framework's defaults apply: from what made the response object, the enclosing
        function's annotations, or the one web framework the file imports."""
        receiver = node.func.value if isinstance(node.func, cst.Attribute) else None
        candidates: list[str] = []
        if receiver is not None:
            made = self.ctx.resolve(receiver)
            if isinstance(made, cst.Await):
                made = made.expression
            if isinstance(made, cst.Call):
                candidates.append(self.ctx.call_name(made) or "")
            if isinstance(receiver, cst.Name):
                function = self.ctx.current_function
                if isinstance(function, cst.FunctionDef):
                    for param in (*function.params.params, *function.params.kwonly_params):
                        if param.name.value == receiver.value and param.annotation is not None:
                            candidates.append(self.ctx.qualname(param.annotation.annotation) or "")
            elif isinstance(receiver, cst.Attribute) and receiver.attr.value in ("response", "resp"):
                candidates.append("")
        for name in candidates:
            for framework in _DEFAULTS:
                if framework and (name == framework or name.startswith(framework + ".")):
                    return framework
        imported = {q.split(".", 1)[0] for q in self.ctx.imports.values()} & set(_DEFAULTS)
        return imported.pop() if len(imported) == 1 else ""

    # -- cookie and session policies configured by constructor ------------------------
    def _check_cookie_policy(self, node: cst.Call, last: str) -> None:
        """Pyramid `AuthTktCookieHelper` / `AuthTktAuthenticationPolicy` / `SignedCookieSessionFactory`
        (insecure by default), aiohttp-session storages, Litestar `Cookie(...)`: flags off, or left to a
        default that is off."""
        options = self._cookie_options(node)
        if options is None:
            return
        name = self.ctx.call_name(node) or ""
        if last == "Cookie":
            if not name.startswith("litestar") or not self._is_auth_cookie(options.get("key"), options.get("value")):
                return
            defaults = _DEFAULTS["litestar"]
        elif name.startswith("pyramid."):
            defaults = {"secure": False, "httponly": False, "samesite": True}
        elif name.startswith("aiohttp_session"):
            defaults = {"secure": False, "httponly": True, "samesite": True}
        else:
            return
        missing = []
        if self._flag_off(options, ("secure",), defaults["secure"]):
            missing.append("secure=True")
        if self._flag_off(options, ("httponly", "http_only"), defaults["httponly"]):
            missing.append("http_only=True" if name.startswith("pyramid.") else "httponly=True")
        if missing:
            self.report(
                node,
                f"The auth/session cookie this sets up is sent without {' and '.join(missing)}.",
            )

    def _check_session_middleware(self, node: cst.Call) -> None:
        """Starlette/FastAPI `app.add_middleware(SessionMiddleware, ..., https_only=False)`."""
        first = self.ctx.positional(node, 0)
        if not (self.ctx.qualname(first) or "").endswith("SessionMiddleware"):
            return
        https_only = self.ctx.kwarg(node, "https_only")
        if https_only is not None and self.ctx.bool_value(https_only) is False and self._production():
            self.report(node, "`https_only=False` sends the session cookie over plain HTTP too.")
