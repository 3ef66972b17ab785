"""IDG307: a credential lifetime above the policy's limits."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta, with_article
from .support.durations import (
    credential_lifetime_kind,
    describe_seconds,
    duration_seconds,
    lifetime_limit_seconds,
    words_of,
)
from .support.guard import ScriptGuard
from .support.judge import jwt_call
from .support.tree import Node

_COOKIE_CALLS = ("cookie", "cookies.set", "serialize")


class TsTokenLifetimeAbovePolicy(ScriptGuard):
    """
    ## What it does
    Finds credential lifetimes above the policy limits (`limits.*` in
    `.idguard/policy.toml`; defaults: access tokens 1 h, refresh tokens 30 d,
    sessions 12 h, invitations and one-time links 7 d, API keys 90 d), the
    same limits the Python lifetime guard applies: `jwt.sign(..., { expiresIn:
    "365d" })` (also through an options constant or a spread), jose
    `setExpirationTime("90d")`, a session or auth cookie's `maxAge`
    (milliseconds), and constants such as `const REFRESH_TOKEN_TTL = "1y"`.
    The kind of credential is read from the names involved (the variable,
    the payload's `type`, the function, the cookie); a lifetime whose kind is
    unknown is not judged, except a JWT's, which is an access token unless
    named otherwise.

    ## Why is this bad?
    The lifetime bounds how long a stolen credential works. A year-long access
    token makes revocation, logout and role changes meaningless for a year.

    ## Example
    ```ts
    const token = jwt.sign(claims, key, { expiresIn: "365d" });
    ```

    ## Use instead
    ```ts
    const token = jwt.sign(claims, key, { expiresIn: "15m" }); // plus a rotating refresh token
    ```
    """

    id = "IDG307"
    name = "ts-token-lifetime-above-policy"
    title = "Credential lifetime above policy"
    meta = GuardMeta(
        cwe=["CWE-613"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["token", "session"],
    )
    VALID = [
        Valid(
            """
            import jwt from "jsonwebtoken";
            const t = jwt.sign(claims, key, { expiresIn: "15m" });
            """
        ),
        Valid(
            """
            import jwt from "jsonwebtoken";
            const refresh = jwt.sign({ sub, type: "refresh" }, key, { expiresIn: "14d" });
            """
        ),
        Valid(
            """
            res.cookie("theme", "dark", { maxAge: 365 * 24 * 3600 * 1000 });
            """
        ),
        Valid(
            """
            const CACHE_TTL = "30d";
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            const TOKEN_LIFETIMES = {
              access: "15m",
              cli: "365d",
            };
            async function mint(sub, kind) {
              return new SignJWT({ kind }).setSubject(sub).setExpirationTime(TOKEN_LIFETIMES[kind]).sign(key);
            }
            """,
            line=3,
        ),
        Invalid(
            """
            function buildDownloadUrl(fileId, userId) {
              return jwt.sign({ f: fileId, u: userId, exp: Math.floor(Date.now() / 1000) + 60 * 60 * 24 * 180 }, secret);
            }
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt from "jsonwebtoken";
            const token = jwt.sign(claims, key, { expiresIn: "365d" });
            """,
            line=2,
        ),
        Invalid(
            """
            const jwt = require("jsonwebtoken");
            const OPTS = { expiresIn: 60 * 60 * 24 * 30 };
            exports.mint = (c) => jwt.sign(c, key, OPTS);
            """,
            line=2,
        ),
        Invalid(
            """
            res.cookie("session", sid, { httpOnly: true, secure: true, maxAge: 30 * 24 * 60 * 60 * 1000 });
            """,
            line=1,
        ),
        Invalid(
            """
            export const REFRESH_TOKEN_TTL = "1y";
            """,
            line=1,
        ),
        Invalid(
            """
            import { SignJWT } from "jose";
            await new SignJWT(c).setProtectedHeader({ alg: "ES256" }).setExpirationTime("90d").sign(k);
            """,
            line=2,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        found = jwt_call(self.ctx, node)
        if found is not None and found[1] == "sign":
            options = self.ctx.arg(node, 2) if found[0] != "jwt" else self.ctx.arg(node, 1)
            entries = self.ctx.object_entries(options) or {}
            value = entries.get("expiresIn")
            payload_entries = self.ctx.object_entries(self.ctx.arg(node, 0)) or {}
            if value is None and "exp" in payload_entries:
                # `{ exp: Math.floor(Date.now() / 1000) + 60 * 60 * 24 * 180 }`: the lifetime is what is added to now.
                exp = self.ctx.unwrap(payload_entries["exp"])
                if (
                    exp is not None
                    and exp.type == "binary_expression"
                    and "Date.now" in self.ctx.text(exp.child_by_field_name("left"))
                ):
                    kind = credential_lifetime_kind(words_of(self._around(node))) or "access"
                    self._judge(
                        self.ctx.entry_pair(self.ctx.arg(node, 0), "exp") or node,
                        exp.child_by_field_name("right"),
                        kind,
                        1.0,
                    )
                return
            if value is not None:
                payload = self.ctx.object_entries(self.ctx.arg(node, 0)) or {}
                kind_words = words_of(self._around(node), self.ctx.string_value(payload.get("type")) or "")
                kind = credential_lifetime_kind(kind_words) or "access"
                self._judge(self.ctx.entry_pair(options, "expiresIn") or node, value, kind, 1.0)
            return
        last = self.ctx.last_name(name)
        if last == "setExpirationTime":
            kind = credential_lifetime_kind(words_of(self._around(node))) or "access"
            self._judge(node, self.ctx.arg(node, 0), kind, 1.0)
        elif name.endswith(_COOKIE_CALLS) and last in ("cookie", "set", "serialize"):
            cookie = self.ctx.string_value(self.ctx.arg(node, 0)) or ""
            cookie_kind = credential_lifetime_kind(words_of(cookie, self.ctx.text(self.ctx.arg(node, 1))))
            options = self.ctx.arg(node, 2)
            entries = self.ctx.object_entries(options) or {}
            if cookie_kind is not None and "maxAge" in entries:
                unit = 1.0 if last == "serialize" else 0.001
                self._judge(self.ctx.entry_pair(options, "maxAge") or node, entries["maxAge"], cookie_kind, unit)

    def visit_pair(self, node: Node) -> None:
        """NextAuth / Auth.js `session: { maxAge: 365 * 24 * 60 * 60 }` (seconds), `jwt: { maxAge }`."""
        if self.ctx._key_text(node.child_by_field_name("key")) != "maxAge":
            return
        holder = node.parent.parent if node.parent is not None else None
        if holder is None or holder.type != "pair":
            return
        owner = self.ctx._key_text(holder.child_by_field_name("key"))
        if owner in ("session", "jwt"):
            self._judge(node, node.child_by_field_name("value"), "session", 1.0)

    def visit_variable_declarator(self, node: Node) -> None:
        name = self.ctx.text(node.child_by_field_name("name"))
        words = words_of(name)
        if not words & {"ttl", "lifetime", "expiry", "expires", "expiration", "age", "duration", "validity"}:
            return
        kind = credential_lifetime_kind(words)
        value = node.child_by_field_name("value")
        if kind is not None and value is not None:
            text = self.ctx.text(value)
            unit = (
                0.001
                if "ms" in words
                or "millis" in words
                or text.rstrip().endswith("1000")
                or text.rstrip().endswith("1_000")
                else 60
                if "minutes" in words or "mins" in words
                else 86400
                if "days" in words
                else 1.0
            )
            self._judge(node, value, kind, unit)

    def _lifetime_table(self, value: Node | None) -> list[Node] | None:
        """The pairs of a same-file object a lifetime is looked up in (`LIFETIMES[kind]`), if it is one."""
        value = self.ctx.unwrap(value)
        if value is None or value.type != "subscript_expression":
            return None
        table = self.ctx.resolve(value.child_by_field_name("object"))
        if table is None or table.type != "object":
            return None
        return [child for child in table.named_children if child.type == "pair"]

    def _around(self, node: Node) -> str:
        """The names a lifetime is judged by: the variable or property receiving the call, and the function."""
        parts = [self.ctx.function_name(self.ctx.enclosing_function(node))]
        parent = node.parent
        while parent is not None and parent.type in ("await_expression", "parenthesized_expression"):
            parent = parent.parent
        if parent is not None and parent.type == "variable_declarator":
            parts.append(self.ctx.text(parent.child_by_field_name("name")))
        elif parent is not None and parent.type == "pair":
            parts.append(self.ctx._key_text(parent.child_by_field_name("key")))
        elif parent is not None and parent.type == "assignment_expression":
            parts.append(self.ctx.text(parent.child_by_field_name("left")))
        return " ".join(parts)

    def _judge(self, at: Node, value: Node | None, kind: str, unit: float) -> None:
        if kind == "session" and "remember" in self.ctx.text(at).lower():
            kind = "refresh"  # a remember-me cookie re-authenticates like a refresh token
        table = self._lifetime_table(value)
        if table is not None:
            # `setExpirationTime(TOKEN_LIFETIMES[kind])`: every lifetime the table can hand out, each on its line.
            for pair in table:
                self._judge(pair, pair.child_by_field_name("value"), kind, unit)
            return
        seconds = duration_seconds(self.ctx, value, unit)
        if seconds is None:
            return
        limit = lifetime_limit_seconds(self.ctx.policy, kind)
        if seconds > limit:
            label = kind.replace("_", " ")
            self.report(
                at,
                f"{with_article(label)} lifetime of {describe_seconds(seconds)} is above the policy limit of "
                f"{describe_seconds(limit)}.",
                fix="Shorten the lifetime to the policy limit (`limits.*` in .idguard/policy.toml); "
                "use refresh tokens for long sessions.",
            )
