"""IDG309: a session or authentication cookie set without Secure, HttpOnly or SameSite."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.durations import words_of
from .support.guard import ScriptGuard
from .support.judge import name_of, secret_name_kind
from .support.tree import Node

_AUTH_WORDS = frozenset(
    {"session", "sess", "sid", "token", "auth", "jwt", "refresh", "access", "remember", "csrf", "xsrf", "id"}
)
_FLAGS = {"httpOnly": "HttpOnly", "secure": "Secure", "sameSite": "SameSite"}
_SET_COOKIE_NAME = re.compile(r"^\s*([^=;\s]+)=")


def is_auth_cookie(name: str, value_name: str = "") -> bool:
    words = words_of(name)
    if "id" in words and len(words) > 1 and not words & (_AUTH_WORDS - {"id"}):
        return False  # `user_id`, `tenant_id` are not credentials... `sid`, `session_id` are
    return bool(words & _AUTH_WORDS) or name in ("connect.sid", "__Host-session") or bool(secret_name_kind(value_name))


class TsAuthCookieInsecure(ScriptGuard):
    """
    ## What it does
    Finds session and authentication cookies (named like a session, token,
    auth, refresh or remember-me cookie, or carrying a token) set without
    `httpOnly`, `secure` or `sameSite`, or with `httpOnly: false` /
    `secure: false`: Express `res.cookie(name, value, options)`, Next.js
    `cookies().set(...)` and `response.cookies.set(...)`,
    `cookie.serialize(...)`, Fastify `reply.setCookie(...)`, Hono and h3
    `setCookie(c, ...)`, `Set-Cookie` headers written by hand, and the
    `cookie` options of `express-session` / `cookie-session` (an explicit
    `false`, or cookie options without `secure`). Koa's `ctx.cookies.set`,
    which defaults to HttpOnly, is judged on explicit `false` values only.
    Options held in a constant or spread in are read.

    ## Why is this bad?
    Without HttpOnly any injected script reads the session; without Secure the
    cookie travels over plain HTTP; without SameSite it rides along on
    cross-site requests (CSRF). Each turns one bug elsewhere into an account
    takeover.

    ## Example
    ```ts
    res.cookie("session", token, { maxAge: 3600_000 });
    ```

    ## Use instead
    ```ts
    res.cookie("session", token, { httpOnly: true, secure: true, sameSite: "lax", maxAge: 3600_000 });
    ```
    """

    id = "IDG309"
    name = "ts-auth-cookie-insecure"
    title = "Auth cookie without Secure, HttpOnly or SameSite"
    fix_hint = 'Set `httpOnly: true, secure: true, sameSite: "lax"` (or "strict") on every session and auth cookie.'
    triggers = ("cookie",)
    meta = GuardMeta(
        cwe=["CWE-614", "CWE-1004", "CWE-1275"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.DS-02", "PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["session", "token"],
    )
    VALID = [
        Valid(
            """
            res.cookie("session", token, { httpOnly: true, secure: true, sameSite: "lax" });
            """
        ),
        Valid(
            """
            res.cookie("theme", "dark", { maxAge: 86400000 });
            """
        ),
        Valid(
            """
            const opts = { httpOnly: true, secure: process.env.NODE_ENV === "production", sameSite: "strict" };
            res.cookie("refresh_token", rt, { ...opts, path: "/auth" });
            """
        ),
        Valid(
            """
            app.use(session({ secret: s, cookie: { secure: true, httpOnly: true, sameSite: "lax" } }));
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            res.cookie("session", token, { maxAge: 3600000 });
            """,
            line=1,
        ),
        Invalid(
            """
            res.cookie("access_token", jwt, { httpOnly: false, secure: true, sameSite: "lax" });
            """,
            line=1,
        ),
        Invalid(
            """
            import { cookies } from "next/headers";
            cookies().set("auth", token);
            """,
            line=2,
        ),
        Invalid(
            """
            app.use(session({ secret: s, cookie: { secure: false, httpOnly: true } }));
            """,
            line=1,
        ),
        Invalid(
            """
            res.setHeader("Set-Cookie", `sid=${sid}; Path=/`);
            """,
            line=1,
        ),
        Invalid(
            """
            import cookie from "cookie";
            const header = cookie.serialize("refreshToken", rt, { httpOnly: true });
            """,
            line=2,
        ),
        Invalid(
            """
            import { setCookie } from "hono/cookie";
            setCookie(c, "session", sid, { path: "/" });
            """,
            line=2,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        last = self.ctx.last_name(name)
        if last == "cookie" and "." in name or last == "serialize" and "cookie" in name.lower():
            self._judge_call(node, koa=False)
        elif last == "setCookie":
            # Fastify `reply.setCookie(name, value, opts)`; Hono and h3 `setCookie(c, name, value, opts)`
            self._judge_call(node, koa=False, shift=0 if self.ctx.string_value(self.ctx.arg(node, 0)) else 1)
        elif last == "set" and name.endswith("cookies.set"):
            self._judge_call(node, koa=name.startswith(("ctx.", "context.")))
        elif last in ("setHeader", "header", "set", "append") and "." in name:
            header = (self.ctx.string_value(self.ctx.arg(node, 0)) or "").lower()
            if header == "set-cookie":
                self._judge_header(node, self.ctx.arg(node, 1))
        elif last in ("session", "cookieSession") or name in ("express-session", "cookie-session"):
            entries = self.ctx.object_entries(self.ctx.arg(node, 0))
            if entries is None or "cookie" not in entries:
                return
            cookie = entries["cookie"]
            flags = self.ctx.object_entries(cookie)
            if flags is None:
                return
            for flag in ("httpOnly", "secure"):
                if self.ctx.bool_value(flags.get(flag)) is False:
                    self.report(
                        self.ctx.entry_pair(cookie, flag) or node,
                        f"The session cookie sets `{flag}: false`.",
                    )
            if "secure" not in flags and not self.ctx.has_unknown_spread(cookie):
                self.report(
                    self.ctx.entry_pair(self.ctx.arg(node, 0) if entries else None, "cookie") or node,
                    "The session cookie options leave out `secure`.",
                )

    def visit_pair(self, node: Node) -> None:
        """NextAuth `cookies: { sessionToken: { options: { secure: false } } }` and other nested cookie options."""
        key = self.ctx._key_text(node.child_by_field_name("key"))
        if key not in ("secure", "httpOnly") or self.ctx.bool_value(node.child_by_field_name("value")) is not False:
            return
        current, depth = node.parent, 0
        while current is not None and depth < 6:
            if current.type == "pair":
                owner = self.ctx._key_text(current.child_by_field_name("key"))
                if owner in ("cookies", "sessionToken", "csrfToken", "callbackUrl", "pkceCodeVerifier", "state") or (
                    owner != "cookie" and is_auth_cookie(owner)
                ):
                    self.report(node, f"The auth cookie sets `{key}: false`.")
                    return
            if current.type in ("call_expression", "program"):
                return
            current, depth = current.parent, depth + 1

    def _judge_call(self, node: Node, koa: bool, shift: int = 0) -> None:
        first = self.ctx.arg(node, shift)
        cookie_name = self.ctx.string_value(first)
        options = self.ctx.arg(node, 2 + shift)
        if cookie_name is None:
            # Next.js: cookies().set({ name, value, httpOnly, ... })
            entries = self.ctx.object_entries(first)
            if entries is None:
                return
            cookie_name = self.ctx.string_value(entries.get("name")) or ""
            options = first
        if not is_auth_cookie(cookie_name, name_of(self.ctx, self.ctx.arg(node, 1 + shift))):
            return
        if self.ctx.resolve(options) is not None and self.ctx.resolve(options).type != "object":  # type: ignore[union-attr]  # tree-sitter nodes: the type is checked on this path, which mypy does not follow
            return  # options built elsewhere (a parameter): unknown
        entries = self.ctx.object_entries(options) if options is not None else {}
        if entries is None or self.ctx.has_unknown_spread(options):
            return
        explicit = [flag for flag in ("httpOnly", "secure") if self.ctx.bool_value(entries.get(flag)) is False]
        for flag in explicit:
            self.report(
                self.ctx.entry_pair(options, flag) or node,
                f"The `{cookie_name}` cookie sets `{flag}: false`.",
            )
        if koa or explicit:
            return
        missing = [flag for flag in _FLAGS if flag not in entries]
        if missing:
            self.report(
                node,
                f"The `{cookie_name}` cookie is set without {', '.join(f'`{m}`' for m in missing)}.",
            )

    def _judge_header(self, node: Node, value: Node | None) -> None:
        value = self.ctx.resolve(value)
        if value is None or value.type not in ("string", "template_string"):
            return
        text = self.ctx.text(value)[1:-1]
        match = _SET_COOKIE_NAME.match(text)
        if match is None or not is_auth_cookie(match.group(1)):
            return
        lowered = text.lower()
        missing = [attr for attr in _FLAGS.values() if attr.lower() not in lowered]
        if missing:
            self.report(node, f"The `{match.group(1)}` cookie header leaves out {', '.join(missing)}.")
