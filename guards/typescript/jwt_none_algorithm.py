"""IDG301: a JWT verified or signed with the `none` algorithm (TypeScript/JavaScript)."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import ScriptGuard
from .support.judge import jwt_call
from .support.tree import Node


class TsJwtNoneAlgorithm(ScriptGuard):
    """
    ## What it does
    Finds JWT code that allows the unsigned `none` algorithm: `"none"` in the
    `algorithms` option of `jwt.verify` (jsonwebtoken), `jose.jwtVerify` or a
    NestJS `JwtService.verify` (also when the options or the list are held in
    a constant, or spread in from a base object), or a token signed with
    `algorithm: "none"`.

    ## Why is this bad?
    A token with `alg: none` carries no signature. A verifier that accepts it
    trusts whatever subject, role and tenant the caller wrote; a signer that
    emits it produces tokens anyone can forge.

    ## Example
    ```ts
    const claims = jwt.verify(token, key, { algorithms: ["HS256", "none"] });
    ```

    ## Use instead
    ```ts
    const claims = jwt.verify(token, publicKey, { algorithms: ["RS256"], audience: AUDIENCE });
    ```
    """

    id = "IDG301"
    name = "ts-jwt-none-algorithm"
    title = "JWT `none` algorithm allowed"
    fix_hint = 'Sign with a real algorithm and pin it on verify: `{ algorithms: ["RS256"] }` (never "none").'
    triggers = ("none",)
    meta = GuardMeta(
        cwe=["CWE-327", "CWE-347"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["token"],
        urls=["https://datatracker.ietf.org/doc/html/rfc8725#section-3.1"],
        see_also=["RFC 8725 section 3.1"],
    )
    VALID = [
        Valid(
            """
            import jwt from "jsonwebtoken";
            const claims = jwt.verify(token, key, { algorithms: ["RS256"] });
            """
        ),
        Valid(
            """
            const jwt = require("jsonwebtoken");
            const ALGS = ["ES256"];
            jwt.verify(t, k, { algorithms: ALGS });
            """
        ),
        Valid(
            """
            import * as jose from "jose";
            const { payload } = await jose.jwtVerify(t, jwks, { algorithms: ["RS256"] });
            """
        ),
        Valid(
            """
            const mode = "none";
            console.log(mode);
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import jwt from "jsonwebtoken";
            const claims = jwt.verify(token, key, { algorithms: ["HS256", "none"] });
            """,
            line=2,
        ),
        Invalid(
            """
            const jwt = require("jsonwebtoken");
            const OPTS = { algorithms: ["none"] };
            module.exports = (t) => jwt.verify(t, "", OPTS);
            """,
            line=2,
        ),
        Invalid(
            """
            const { verify } = require("jsonwebtoken");
            const base = { algorithms: ["none"] };
            verify(t, k, { ...base, audience: "api" });
            """,
            line=2,
        ),
        Invalid(
            """
            import { sign } from "jsonwebtoken";
            export const mint = (p) => sign(p, "", { algorithm: "none" });
            """,
            line=2,
        ),
        Invalid(
            """
            import { jwtVerify as check } from "jose";
            await check(t, key, { algorithms: ["RS256", "none"] });
            """,
            line=2,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        found = jwt_call(self.ctx, node)
        if found is None:
            return
        _, operation = found
        options = self.ctx.arg(node, 2)
        if operation == "verify":
            entries = self.ctx.object_entries(options) or {}
            algorithms = entries.get("algorithms")
            if algorithms is not None and any((a or "").lower() == "none" for a in self.ctx.string_items(algorithms)):
                self.report(
                    self.ctx.entry_pair(options, "algorithms") or node,
                    "`none` is in the accepted JWT algorithms, so unsigned tokens verify.",
                )
        elif operation == "sign":
            entries = self.ctx.object_entries(options) or {}
            algorithm = self.ctx.string_value(entries.get("algorithm"))
            if algorithm is not None and algorithm.lower() == "none":
                self.report(
                    self.ctx.entry_pair(options, "algorithm") or node,
                    "The token is signed with `alg: none`: anyone can forge it.",
                )
