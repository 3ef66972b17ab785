"""IDG153: session/auth cookies without Secure / HttpOnly, or cookie security settings turned off."""

from __future__ import annotations

import re

import libcst as cst

from ..models import GuardMeta
from ..python_flow import callee_name
from ..python_support import PythonGuard, identifier_words

_AUTH_COOKIE_WORDS = frozenset(
    {"session", "sessionid", "sid", "auth", "token", "jwt", "access", "refresh", "remember", "login", "csrf", "csrftoken", "xsrf", "identity", "sso"}
)
# Framework settings that must not be False in production.
_SECURE_SETTINGS = frozenset(
    {
        "SESSION_COOKIE_SECURE", "CSRF_COOKIE_SECURE", "SESSION_COOKIE_HTTPONLY", "REMEMBER_COOKIE_SECURE",
        "REMEMBER_COOKIE_HTTPONLY", "JWT_COOKIE_SECURE", "LANGUAGE_COOKIE_SECURE", "SECURE_COOKIES", "COOKIE_SECURE",
        "AUTH_COOKIE_SECURE", "SESSION_SECURE",
    }
)
_NON_PRODUCTION_PATH = re.compile(r"(^|[/\\_.-])(dev|development|local|test|tests|testing|ci)([/\\_.-]|$)", re.I)


class AuthCookieInsecure(PythonGuard):
    """
    ## What it does
    Finds authentication cookies set without protection:
    `set_cookie("session" | "access_token" | "refresh_token" | ...)` without
    `secure=True` or without `httponly=True` (CSRF cookies only need
    `secure`); and framework
    settings that turn it off: Django/Flask `SESSION_COOKIE_SECURE = False`,
    `CSRF_COOKIE_SECURE = False`, `SESSION_COOKIE_HTTPONLY = False`,
    `REMEMBER_COOKIE_SECURE = False` (also via `app.config[...]` and
    `app.config.update(...)`). Settings files for dev/local/test are ignored.

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

    ## References
    CWE-614 Sensitive Cookie in HTTPS Session Without 'Secure' Attribute;
    CWE-1004 Sensitive Cookie Without 'HttpOnly' Flag; OWASP ASVS V3.4.
    """

    id = "IDG153"
    name = "auth-cookie-insecure"
    title = "Auth cookie without Secure/HttpOnly"
    meta = GuardMeta(
        cwe=["CWE-614", "CWE-1004"],
        owasp_nhi=[],
        nist_csf=["PR.DS-02", "PR.AA-03"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["session"],
    )
    VALID = [
        'resp.set_cookie("session", sid, max_age=3600, secure=True, httponly=True, samesite="Lax")\n',
        'resp.set_cookie("theme", "dark", max_age=86400)\n',
        'resp.set_cookie("csrftoken", token, secure=True, samesite="Strict")\n',
        'SESSION_COOKIE_SECURE = True\nCSRF_COOKIE_SECURE = True\nSESSION_COOKIE_HTTPONLY = True\n',
        'DEBUG = True  # local development settings\nSESSION_COOKIE_SECURE = False\n',
        'import os\nSESSION_COOKIE_SECURE = os.environ.get("COOKIE_SECURE", "1") == "1"\n',
    ]
    INVALID = [
        'resp.set_cookie("session", sid, max_age=3600)\n',
        'response.set_cookie(key="refresh_token", value=rt, httponly=True, secure=False, samesite="strict")\n',
        'SESSION_COOKIE_SECURE = False\n',
        'app.config["SESSION_COOKIE_SECURE"] = False\n',
        'app.config.update(SESSION_COOKIE_HTTPONLY=False, SESSION_COOKIE_SAMESITE="Lax")\n',
        'COOKIE = "access_token"\n\ndef login(resp, tok):\n    resp.set_cookie(COOKIE, tok, secure=True, samesite="None")\n',
    ]

    def _production(self) -> bool:
        """Settings for dev/local/test (by path, or a module that sets `DEBUG = True`) may relax cookies."""
        if self.ctx.path and _NON_PRODUCTION_PATH.search(self.ctx.path.rsplit(".", 1)[0]):
            return False
        return not any(self.ctx.bool_value(v) is True for v in self.ctx.assigned_values("DEBUG"))

    def _setting_off(self, node: cst.CSTNode, name: str | None, value: cst.BaseExpression) -> None:
        if name in _SECURE_SETTINGS and self.ctx.bool_value(value) is False and self._production():
            self.report(node, f"`{name} = False` lets the auth cookie travel without that protection.", fix=self._fix())

    def visit_Assign(self, node: cst.Assign) -> None:
        for target in node.targets:
            self._setting_off(node, self.ctx.target_name(target.target), node.value)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        last = callee_name(func)
        if last == "update":
            for arg in node.args:
                if arg.keyword is not None:
                    self._setting_off(arg, arg.keyword.value, arg.value)
            return
        if last != "set_cookie" or any(a.star for a in node.args):
            return
        cookie = self.ctx.kwarg(node, "key")
        if cookie is None:
            cookie = self.ctx.positional(node, 0)
        name = self.ctx.string_value(cookie)
        if name is None and cookie is not None:
            name = self.ctx.source(cookie)
        words = set(identifier_words(name or ""))
        if not words & _AUTH_COOKIE_WORDS:
            return
        missing = []
        # An unknown value (`secure=not app.debug`) is not reported; a missing or False one is.
        secure = self.ctx.kwarg(node, "secure")
        if secure is None or self.ctx.bool_value(secure) is False:
            missing.append("secure=True")
        httponly = self.ctx.kwarg(node, "httponly")
        is_csrf = bool(words & {"csrf", "csrftoken", "xsrf"})  # scripts must read CSRF cookies
        if not is_csrf and (httponly is None or self.ctx.bool_value(httponly) is False):
            missing.append("httponly=True")
        if missing:
            self.report(node, f"The auth cookie is set without {' and '.join(missing)}.", fix=self._fix())

    @staticmethod
    def _fix() -> str:
        return "Set auth cookies with secure=True, httponly=True and samesite='Lax' (or 'Strict'); keep *_COOKIE_SECURE = True in production settings."
