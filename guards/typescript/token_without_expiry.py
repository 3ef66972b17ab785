"""IDG306: a token minted with no expiry."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import ScriptGuard
from .support.judge import jwt_call
from .support.tree import Node

_EXPIRY_OPTIONS = ("expiresIn", "exp", "expires_in", "expiration")


class TsTokenWithoutExpiry(ScriptGuard):
    """
    ## What it does
    Finds tokens minted with no expiry: `jwt.sign(payload, key)` (jsonwebtoken,
    also a destructured `sign` or an alias) whose options have no `expiresIn`
    and whose payload (a literal, or an object built earlier, spreads merged)
    has no `exp`, including a payload passed into a signing helper; jose
    `new SignJWT(claims)...sign(key)` chains without `setExpirationTime`; and
    NestJS `JwtModule.register({ signOptions })` without `expiresIn`. DPoP
    proofs (claims `htm`/`htu`, `typ: "dpop+jwt"`), which live for one request by design, are not
    reported.

    ## Why is this bad?
    A token without `exp` is valid forever: a leaked one (logs, browser
    storage, a laptop) grants access until the signing key is rotated, which
    logs everyone out.

    ## Example
    ```ts
    const token = jwt.sign({ sub: user.id, role: user.role }, process.env.JWT_SECRET);
    ```

    ## Use instead
    ```ts
    const token = jwt.sign({ sub: user.id, role: user.role }, process.env.JWT_SECRET, { expiresIn: "15m" });
    ```
    """

    id = "IDG306"
    name = "ts-token-without-expiry"
    title = "Token minted without expiry"
    fix_hint = (
        'Give every token a short lifetime: `{ expiresIn: "15m" }` (jsonwebtoken), `.setExpirationTime("15m")` (jose).'
    )
    triggers = ("sign", "jwtmodule")
    meta = GuardMeta(
        cwe=["CWE-613", "CWE-324"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-05", "PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["token"],
    )
    VALID = [
        Valid(
            """
            import jwt from "jsonwebtoken";
            const t = jwt.sign({ sub: id }, key, { expiresIn: "15m" });
            """
        ),
        Valid(
            """
            const jwt = require("jsonwebtoken");
            const t = jwt.sign({ sub: id, exp: Math.floor(Date.now() / 1000) + 900 }, key);
            """
        ),
        Valid(
            """
            import * as jose from "jose";
            const t = await new jose.SignJWT({ sub }).setProtectedHeader({ alg: "ES256" }).setExpirationTime("10m").sign(k);
            """
        ),
        Valid(
            """
            import jwt from "jsonwebtoken";
            const base = { expiresIn: 600 };
            const t = jwt.sign(p, key, { ...base, issuer: "me" });
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import jwt from "jsonwebtoken";
            const token = jwt.sign({ sub: user.id, role: user.role }, process.env.JWT_SECRET);
            """,
            line=2,
        ),
        Invalid(
            """
            const { sign } = require("jsonwebtoken");
            const OPTIONS = { algorithm: "HS256" };
            module.exports = (claims) => sign(claims, key, OPTIONS);
            """,
            line=3,
        ),
        Invalid(
            """
            import { SignJWT } from "jose";
            export const mint = (sub) => new SignJWT({ sub }).setProtectedHeader({ alg: "HS256" }).sign(key);
            """,
            line=2,
        ),
        Invalid(
            """
            import { JwtModule } from "@nestjs/jwt";
            JwtModule.register({ secret: process.env.K, signOptions: { algorithm: "HS256" } });
            """,
            line=2,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        if name.endswith(("JwtModule.register", "JwtModule.registerAsync")):
            entries = self.ctx.object_entries(self.ctx.arg(node, 0)) or {}
            if "useFactory" in entries:
                return
            sign = self.ctx.object_entries(entries.get("signOptions")) if "signOptions" in entries else {}
            if sign is not None and "expiresIn" not in sign:
                self.report(node, "`JwtModule` signs tokens with no `expiresIn`.")
            return
        if name.endswith(".sign") and "SignJWT" in name:
            if "setExpirationTime" not in self.ctx.text(node):
                payload = self._signjwt_payload(node)
                claims = self.ctx.object_entries(payload) or {}
                if "htm" in claims or "htu" in claims or "dpop+jwt" in self.ctx.text(node):
                    return  # a DPoP proof (RFC 9449): one request, bounded by `iat` and `jti`, has no `exp`
                if self.ctx.has_unknown_spread(payload):
                    return  # the claims come from elsewhere and may carry `exp`
                if payload is None or "exp" not in claims:
                    self.report(node, "The jose `SignJWT` chain never calls `setExpirationTime`.")
            return
        found = jwt_call(self.ctx, node)
        if found != ("jsonwebtoken", "sign"):
            return
        payload, options = self.ctx.arg(node, 0), self.ctx.arg(node, 2)
        if payload is None:
            return
        resolved = self.ctx.resolve(payload)
        if resolved is not None and resolved.type in ("string", "template_string"):
            self.report(node, "A string payload cannot carry an expiry: this token never expires.")
            return
        option_entries = self.ctx.object_entries(options) if options is not None else {}
        if (
            option_entries is None
            or self.ctx.has_unknown_spread(options)
            or any(k in option_entries for k in _EXPIRY_OPTIONS)
        ):
            return
        resolved_options = self.ctx.resolve(options) if options is not None else None
        if resolved_options is not None and resolved_options.type == "call_expression":
            resolved_options = self.ctx.returned_object(resolved_options)
        if options is not None and (resolved_options is None or resolved_options.type != "object"):
            return
        payload_claims = self.ctx.object_entries(payload)
        if payload_claims is not None and ("exp" in payload_claims or self.ctx.has_unknown_spread(payload)):
            return
        if payload_claims is None and "exp" in self._assigned_keys(payload):
            return
        self.report(node, "`jwt.sign` sets no `expiresIn` and the payload has no `exp`.")

    def _signjwt_payload(self, node: Node) -> Node | None:
        for inner in self.ctx.descendants(node, ("new_expression",)):
            if self.ctx.call_name(inner).endswith("SignJWT"):
                return self.ctx.arg(inner, 0)
        return None

    def _assigned_keys(self, payload: Node) -> set[str]:
        """Keys set on the payload variable after it is built: `claims.exp = ...`."""
        name = self.ctx.text(self.ctx.unwrap(payload))
        keys = set()
        for assignment in self.ctx.nodes("assignment_expression"):
            left = assignment.child_by_field_name("left")
            if left is not None and left.type == "member_expression":
                if self.ctx.text(left.child_by_field_name("object")) == name:
                    keys.add(self.ctx.text(left.child_by_field_name("property")))
        return keys
