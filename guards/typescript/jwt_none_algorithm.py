"""IDG301: a JWT verified or signed with the `none` algorithm (TypeScript/JavaScript)."""

from __future__ import annotations

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

    ## References
    CWE-327 Use of a Broken or Risky Cryptographic Algorithm; CWE-347; OWASP NHI7;
    RFC 8725 section 3.1.
    """

    id = "IDG301"
    name = "ts-jwt-none-algorithm"
    title = "JWT `none` algorithm allowed"
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
    )
    VALID = [
        'import jwt from "jsonwebtoken";\nconst claims = jwt.verify(token, key, { algorithms: ["RS256"] });\n',
        'const jwt = require("jsonwebtoken");\nconst ALGS = ["ES256"];\njwt.verify(t, k, { algorithms: ALGS });\n',
        'import * as jose from "jose";\nconst { payload } = await jose.jwtVerify(t, jwks, { algorithms: ["RS256"] });\n',
        'const mode = "none";\nconsole.log(mode);\n',
    ]
    INVALID = [
        'import jwt from "jsonwebtoken";\nconst claims = jwt.verify(token, key, { algorithms: ["HS256", "none"] });\n',
        'const jwt = require("jsonwebtoken");\nconst OPTS = { algorithms: ["none"] };\nmodule.exports = (t) => jwt.verify(t, "", OPTS);\n',
        'const { verify } = require("jsonwebtoken");\nconst base = { algorithms: ["none"] };\nverify(t, k, { ...base, audience: "api" });\n',
        'import { sign } from "jsonwebtoken";\nexport const mint = (p) => sign(p, "", { algorithm: "none" });\n',
        'import { jwtVerify as check } from "jose";\nawait check(t, key, { algorithms: ["RS256", "none"] });\n',
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
                    fix=self._fix(),
                )
        elif operation == "sign":
            entries = self.ctx.object_entries(options) or {}
            algorithm = self.ctx.string_value(entries.get("algorithm"))
            if algorithm is not None and algorithm.lower() == "none":
                self.report(
                    self.ctx.entry_pair(options, "algorithm") or node,
                    "The token is signed with `alg: none`: anyone can forge it.",
                    fix=self._fix(),
                )

    @staticmethod
    def _fix() -> str:
        return 'Sign with a real algorithm and pin it on verify: `{ algorithms: ["RS256"] }` (never "none").'
