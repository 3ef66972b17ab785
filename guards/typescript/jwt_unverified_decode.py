"""IDG303: a JWT decoded without verification and trusted for authentication or authorization."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from ..python.support.words import identifier_words
from .support.guard import ScriptGuard
from .support.judge import function_words, jwt_call
from .support.tree import Node

# What a function does with claims it trusts.
_AUTHZ_HINTS = (
    "role",
    "admin",
    "permission",
    "scope",
    ".sub",
    "userid",
    "user_id",
    "req.user",
    "request.user",
    "next(",
    "tenant",
    "isauthenticated",
    "authorized",
    "session",
    "return true",
    "findbyid",
    "findunique",
)
_CLAIM_FIELDS = frozenset(
    {
        "role",
        "roles",
        "sub",
        "scope",
        "scopes",
        "permissions",
        "isAdmin",
        "admin",
        "tenant",
        "tenantId",
        "orgId",
        "userId",
        "email",
        "groups",
        "org",
        "plan",
    }
)
_DISPLAY_WORDS = frozenset({"display", "describe", "debug", "inspect", "expiry", "expires", "expired", "remaining"})


class TsJwtUnverifiedDecode(ScriptGuard):
    """
    ## What it does
    Finds JWTs read without signature verification and then trusted:
    `jwt.decode(token)` (jsonwebtoken), `jose.decodeJwt(token)`, `jwtDecode`
    and a NestJS `jwtService.decode(token)` in a function that makes an
    access decision with the claims (roles, scopes, the subject, `req.user`,
    `next()`) and verifies nothing. A decode followed by a verification in
    the same function (reading `kid` or `iss` to choose the key) is fine, and
    so is one in a function that only displays the claims or their expiry; one
    in a function that shows no sign of an access decision is reported as medium.

    ## Why is this bad?
    `decode` does not check the signature: anyone can write a token whose
    payload says `role: "admin"`, and code that trusts it hands out that role.

    ## Example
    ```ts
    const claims = jwt.decode(req.headers.authorization.slice(7));
    if (claims.role === "admin") return next();
    ```

    ## Use instead
    ```ts
    const claims = jwt.verify(token, publicKey, { algorithms: ["RS256"] });
    ```
    """

    id = "IDG303"
    name = "ts-jwt-unverified-decode"
    title = "JWT claims trusted without signature verification"
    triggers = ("decode",)
    meta = GuardMeta(
        cwe=["CWE-347", "CWE-345"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="high",
        impact="high",
        confidence="medium",
        categories=["token"],
    )
    VALID = [
        Valid(
            """
            import jwt from "jsonwebtoken";
            function auth(t) {
              const { header } = jwt.decode(t, { complete: true });
              return jwt.verify(t, keys[header.kid], { algorithms: ["RS256"] });
            }
            """
        ),
        Valid(
            """
            import * as jose from "jose";
            export async function user(t) {
              const { payload } = await jose.jwtVerify(t, jwks);
              return payload.sub;
            }
            """
        ),
        Valid(
            """
            import { decodeJwt } from "jose";
            export function tokenExpiry(t) {
              return decodeJwt(t).exp;
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import jwt from "jsonwebtoken";
            export function requireAdmin(req, res, next) {
              const claims = jwt.decode(req.headers.authorization.slice(7));
              if (claims.role === "admin") return next();
              res.sendStatus(403);
            }
            """,
            line=3,
        ),
        Invalid(
            """
            import * as jose from "jose";
            export function currentUser(token) {
              const claims = jose.decodeJwt(token);
              return db.user.findUnique({ where: { id: claims.sub } });
            }
            """,
            line=3,
        ),
        Invalid(
            """
            const { decode } = require("jsonwebtoken");
            module.exports = (req, res, next) => {
              req.user = decode(req.cookies.session);
              next();
            };
            """,
            line=3,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        found = jwt_call(self.ctx, node)
        if found is None or found[1] != "decode" or self._keyed(node, found[0]):
            return
        function = self.ctx.enclosing_function(node)
        scope = function or self.ctx.tree.root
        body = self.ctx.text(scope)
        if self._verifies(scope) and not self._claims_decide(node, scope):
            return
        words = function_words(self.ctx, node)
        lowered = body.lower().replace(" ", "")
        if words & _DISPLAY_WORDS:
            return  # shows the claims or when they expire: nothing is granted on them
        if any(hint in lowered for hint in _AUTHZ_HINTS) or words & {"auth", "authenticate", "guard", "user"}:
            severity = None
        else:
            severity = Severity.medium
        self.report(
            node,
            "The token is decoded without verifying its signature, and its claims decide access.",
            fix="Verify instead of decoding: `jwt.verify(token, key, { algorithms: [...] })` / `jose.jwtVerify`.",
            severity=severity,
        )

    def _keyed(self, node: Node, library: str) -> bool:
        """`decode({ token, secret })` (NextAuth decrypts and checks the JWE) and `jwt.decode(token, key)` of
        jwt-simple verify with a key; jsonwebtoken's and jose's decode never do."""
        first = self.ctx.object_entries(self.ctx.arg(node, 0))
        if first is not None and ("secret" in first or "key" in first or library not in ("jsonwebtoken", "jose")):
            return True  # NextAuth's `jwt.decode({ ...jwt, token })` decrypts the JWE with the configured secret
        second = self.ctx.arg(node, 1)
        return (
            library not in ("jsonwebtoken", "jose", "jwt-decode")
            and second is not None
            and (self.ctx.object_entries(second) is None)
        )

    def _claims_decide(self, decode: Node, scope: Node) -> bool:
        """The decoded claims themselves are read for access (`claims.role`, `payload.sub`), not only `kid`/`alg`."""
        holder = decode.parent
        while holder is not None and holder.type in ("await_expression", "as_expression", "parenthesized_expression"):
            holder = holder.parent
        if holder is None or holder.type != "variable_declarator":
            return False
        target = holder.child_by_field_name("name")
        name = self.ctx.text(target)
        if target is None or target.type != "identifier":
            return False
        for member in self.ctx.descendants(scope, ("member_expression",)):
            if self.ctx.text(member.child_by_field_name("object")).rstrip("?") == name:
                field = self.ctx.text(member.child_by_field_name("property"))
                if field in _CLAIM_FIELDS:
                    return True
        return False

    def _verifies(self, scope: Node) -> bool:
        for call in self.ctx.descendants(scope, ("call_expression",)):
            found = jwt_call(self.ctx, call)
            if found is not None and found[1] == "verify":
                return True
            if set(identifier_words(self.ctx.last_name(self.ctx.call_name(call)))) & {"verify", "verified"}:
                return True
        return False
