"""IDG318: a token kept in `localStorage` / `sessionStorage`."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from ..python.support.words import identifier_words
from .support.guard import ScriptGuard
from .support.judge import name_of
from .support.tree import Node

_TOKEN_WORDS = frozenset({"token", "jwt", "bearer", "session", "auth", "credentials", "refresh", "access"})
_STORES = ("localStorage", "window.localStorage", "sessionStorage", "window.sessionStorage")


class TsJwtInLocalStorage(ScriptGuard):
    """
    ## What it does
    Finds tokens stored in web storage: `localStorage.setItem(key, value)` and
    `sessionStorage.setItem(...)` whose key or value is named like a token,
    JWT, session or credential (`"access_token"`, `authToken`, `data.jwt`),
    and direct writes such as `localStorage.token = jwt`.

    ## Why is this bad?
    Web storage is readable by every script on the origin: one XSS, one
    compromised npm dependency or analytics snippet, and the token leaves the
    browser. An HttpOnly, Secure, SameSite cookie is out of scripts' reach.

    ## Example
    ```ts
    localStorage.setItem("access_token", data.accessToken);
    ```

    ## Use instead
    ```ts
    // The server sets the session: Set-Cookie: session=...; HttpOnly; Secure; SameSite=Lax
    await fetch("/api/login", { method: "POST", body, credentials: "include" });
    ```
    """

    id = "IDG318"
    name = "ts-jwt-in-local-storage"
    title = "Token stored in web storage"
    fix_hint = "Keep tokens out of web storage: use an HttpOnly, Secure, SameSite session cookie set by the server."
    triggers = ("localstorage", "sessionstorage")
    meta = GuardMeta(
        cwe=["CWE-922", "CWE-1004"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["token", "session"],
    )
    VALID = [
        Valid(
            """
            localStorage.setItem("theme", "dark");
            """
        ),
        Valid(
            """
            sessionStorage.setItem("returnTo", window.location.pathname);
            """
        ),
        Valid(
            """
            const token = localStorage.getItem("draft");
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            localStorage.setItem("access_token", data.accessToken);
            """,
            line=1,
        ),
        Invalid(
            """
            window.localStorage.setItem(TOKEN_KEY, jwt);
            """,
            line=1,
        ),
        Invalid(
            """
            localStorage.token = response.token;
            """,
            line=1,
        ),
        Invalid(
            """
            sessionStorage.setItem("auth", JSON.stringify({ refreshToken }));
            """,
            line=1,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.text(node.child_by_field_name("function"))
        if not name.endswith(".setItem") or name.removesuffix(".setItem") not in _STORES:
            return
        key, value = self.ctx.arg(node, 0), self.ctx.arg(node, 1)
        labels = [self.ctx.string_value(key) or name_of(self.ctx, key), name_of(self.ctx, value), self.ctx.text(value)]
        if any(set(identifier_words(label)) & _TOKEN_WORDS for label in labels if label):
            self.report(node, "A token is stored where every script on the page can read it.")

    def visit_assignment_expression(self, node: Node) -> None:
        left = node.child_by_field_name("left")
        if left is None or left.type not in ("member_expression", "subscript_expression"):
            return
        obj = self.ctx.text(left.child_by_field_name("object"))
        if obj in _STORES and set(identifier_words(name_of(self.ctx, left))) & _TOKEN_WORDS:
            self.report(node, "A token is stored where every script on the page can read it.")
