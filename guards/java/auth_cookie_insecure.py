"""IDG516: a session or token cookie sent without `Secure` and `HttpOnly`."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.judge import name_of, secret_name_kind, words
from .support.tree import Node

_AUTH_WORDS = frozenset(
    {
        "session",
        "sessionid",
        "sid",
        "jsessionid",
        "token",
        "auth",
        "jwt",
        "remember",
        "refresh",
        "access",
        "sso",
        "login",
    }
    | {"identity", "id_token", "bearer"}
)
_NOT_AUTH = frozenset({"csrf", "xsrf", "theme", "locale", "lang", "consent", "tracking", "analytics"})


class JavaAuthCookieInsecure(JavaGuard):
    """
    ## What it does
    Finds authentication cookies (a name or value about the session, a token,
    JWT, remember-me or refresh token) sent without protection: a servlet
    `new Cookie(...)` never given `setSecure(true)` and `setHttpOnly(true)`
    in its method, `setHttpOnly(false)`/`setSecure(false)` on one, Spring
    `ResponseCookie.from(...)` chains without `.httpOnly(true)` and
    `.secure(true)` (or with `false`), and `Set-Cookie` headers written by
    hand without `HttpOnly` and `Secure`. Cookies that are cleared
    (`setMaxAge(0)`), CSRF cookies (read by scripts by design) and
    preference cookies are left alone.

    ## Why is this bad?
    Without `HttpOnly` any injected script reads the session token; without
    `Secure` the browser sends it over plain HTTP, where anyone on the
    network path can copy it and take over the session.

    ## Example
    ```java
    Cookie cookie = new Cookie("SESSION", sessionId);
    response.addCookie(cookie);
    ```

    ## Use instead
    ```java
    Cookie cookie = new Cookie("SESSION", sessionId);
    cookie.setHttpOnly(true);
    cookie.setSecure(true);
    cookie.setAttribute("SameSite", "Lax");
    response.addCookie(cookie);
    ```
    """

    id = "IDG516"
    name = "java-auth-cookie-insecure"
    title = "Authentication cookie without Secure/HttpOnly"
    fix_hint = "Set `HttpOnly`, `Secure` and `SameSite` on session and token cookies."
    triggers = ("cookie",)
    meta = GuardMeta(
        cwe=["CWE-1004", "CWE-614"],
        owasp_nhi=[],
        nist_csf=["PR.DS-02"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["token"],
    )
    VALID = [
        Valid(
            """
            void issue(HttpServletResponse response, String sessionId) {
                Cookie cookie = new Cookie("SESSION", sessionId);
                cookie.setHttpOnly(true);
                cookie.setSecure(true);
                response.addCookie(cookie);
            }
            """
        ),
        Valid(
            """
            void theme(HttpServletResponse response) { response.addCookie(new Cookie("theme", "dark")); }
            """
        ),
        Valid(
            """
            ResponseCookie c = ResponseCookie.from("refresh_token", token).httpOnly(true).secure(true).sameSite("Strict").build();
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            class Cookies {
                void write(HttpServletResponse response, String refreshToken) {
                    String header = "refresh_token=" + refreshToken + "; Path=/auth; HttpOnly";
                    response.addHeader(HttpHeaders.SET_COOKIE, header);
                }
            }
            """,
            line=3,
        ),
        Invalid(
            """
            void issue(HttpServletResponse response, String jwt) {
                Cookie cookie = new Cookie("AUTH_TOKEN", jwt);
                cookie.setPath("/");
                response.addCookie(cookie);
            }
            """,
            line=2,
        ),
        Invalid(
            """
            void remember(HttpServletResponse response, String value) {
                Cookie cookie = new Cookie("remember-me", value);
                cookie.setSecure(true);
                cookie.setHttpOnly(false);
                response.addCookie(cookie);
            }
            """,
            line=4,
        ),
        Invalid(
            """
            ResponseCookie c = ResponseCookie.from("SESSION", id)
                .path("/")
                .build();
            """,
            line=1,
        ),
        Invalid(
            """
            response.addHeader("Set-Cookie", "access_token=" + token + "; Path=/");
            """,
            line=1,
        ),
    ]

    def _is_auth(self, name_node: Node | None, value_node: Node | None) -> bool:
        ctx = self.ctx
        name = ctx.string_value(name_node) or name_of(ctx, name_node)
        found = words(name)
        if found & _NOT_AUTH:
            return False
        if found & _AUTH_WORDS or secret_name_kind(name):
            return True
        value = name_of(ctx, value_node)
        return bool(value) and (bool(words(value) & _AUTH_WORDS) or secret_name_kind(value) is not None)

    def visit_object_creation_expression(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.last_name(ctx.type_name(node)) != "Cookie" or len(ctx.args(node)) != 2:
            return
        value = ctx.arg(node, 1)
        if value is None or value.type == "null_literal" or ctx.string_value(value) == "":
            return
        if not self._is_auth(ctx.arg(node, 0), value):
            return
        parent = node.parent
        variable = (
            ctx.text(parent.child_by_field_name("name"))
            if parent is not None and parent.type == "variable_declarator"
            else None
        )
        scope = ctx.enclosing_method(node) or ctx.tree.root
        flags: dict[str, bool | None] = {"setSecure": None, "setHttpOnly": None}
        for call in ctx.descendants(scope, ("method_invocation",)):
            method = ctx.method_name(call)
            if variable is not None and ctx.text(ctx.receiver(call)) != variable:
                continue
            if method in flags:
                flags[method] = ctx.bool_value(ctx.arg(call, 0))
                if flags[method] is False:
                    self.report(call, f"`{method}(false)` on an authentication cookie.")
                    return
            elif method == "setMaxAge" and ctx.number_value(ctx.arg(call, 0)) == 0:
                return
        missing = [m.removeprefix("set") for m, v in flags.items() if v is not True]
        if missing:
            self.report(node, f"The authentication cookie is sent without {' and '.join(missing)}.")

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        method = ctx.method_name(node)
        if method in ("setUseSecureCookie", "setUseHttpOnlyCookie") and ctx.bool_value(ctx.arg(node, 0)) is False:
            self.report(node, f"`{method}(false)` turns the flag off for the session cookie.")
            return
        if method in ("setSecure", "setHttpOnly") and ctx.bool_value(ctx.arg(node, 0)) is False:
            receiver = ctx.text(ctx.receiver(node)).lower()
            if "sessioncookieconfig" in receiver or "sessioncookie" in receiver:
                self.report(node, f"`{method}(false)` on the session cookie configuration.")
                return
        if method == "from" and ctx.call_name(node).endswith("ResponseCookie.from"):
            if not self._is_auth(ctx.arg(node, 0), ctx.arg(node, 1)):
                return
            chain = ctx.chain(node)
            settings = {ctx.method_name(c): ctx.bool_value(ctx.arg(c, 0)) for c in chain}
            if any(ctx.method_name(c) == "maxAge" and ctx.number_value(ctx.arg(c, 0)) == 0 for c in chain):
                return  # a cookie being cleared
            for call in chain:
                flag = ctx.method_name(call)
                if flag in ("httpOnly", "secure") and ctx.bool_value(ctx.arg(call, 0)) is False:
                    # The line of `.httpOnly(false)` in the chain, not the chain's first line.
                    self.report(
                        call.child_by_field_name("name") or call, f"`{flag}(false)` on an authentication cookie."
                    )
                    return
            missing = [flag for flag in ("httpOnly", "secure") if settings.get(flag) is not True]
            if missing:
                self.report(node, f"The authentication cookie is built without {' and '.join(missing)}.")
        elif method in ("addHeader", "setHeader", "header") and self._names_set_cookie(ctx.arg(node, 0)):
            value = ctx.arg(node, 1)
            resolved = ctx.resolve(value)
            text = ctx.text(resolved).lower()
            first = text.strip('"').split("=", 1)[0]
            if not (words(first) & _AUTH_WORDS or secret_name_kind(first)) or words(first) & _NOT_AUTH:
                return
            missing = [flag for flag in ("HttpOnly", "Secure") if flag.lower() not in text]
            if missing:
                # Where the header's text is written (a local built a line above), else the call.
                written = (
                    resolved
                    if resolved is not None and value is not None and resolved.start_point != value.start_point
                    else node
                )
                self.report(written, f"The `Set-Cookie` header lacks {' and '.join(missing)}.")

    def _names_set_cookie(self, name: Node | None) -> bool:
        """`"Set-Cookie"`, or a constant for it (`HttpHeaders.SET_COOKIE`)."""
        if name is None:
            return False
        literal = self.ctx.string_value(name)
        if literal is not None:
            return literal.lower() == "set-cookie"
        return self.ctx.text(name).replace("_", "-").lower().endswith("set-cookie")
