"""IDG302: `jsonwebtoken` verify without an `algorithms` allow-list."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from ..python.support.words import identifier_words
from .support.guard import ScriptGuard
from .support.judge import jwt_call
from .support.tree import FUNCTION_TYPES, Node


class TsJwtVerifyWithoutAlgorithms(ScriptGuard):
    """
    ## What it does
    Finds `jsonwebtoken` `verify` calls (`jwt.verify`, a destructured or
    aliased `verify`) and `express-jwt` middleware that pass a key but no
    `algorithms` option: no options at all, a callback in the options'
    place, or an options object (also one held in a constant or built by
    spreading a base object) without `algorithms`; and any JWT verify (jose
    `jwtVerify` included) whose `algorithms` are read from the token's own
    header (`algorithms: [header.alg]` after `decodeProtectedHeader(token)`).
    A jsonwebtoken verify with a key named as a shared secret
    (`process.env.JWT_SECRET`) is reported as low: jsonwebtoken 9 accepts
    only the HS algorithms for a string secret.

    ## Why is this bad?
    Without an allow-list the algorithm comes from the token's own header. A
    verifier holding an RSA public key can then be fed an HS256 token signed
    with that public key as the HMAC secret (algorithm confusion), and older
    versions accept `none`.

    ## Example
    ```ts
    const claims = jwt.verify(token, publicKey);
    ```

    ## Use instead
    ```ts
    const claims = jwt.verify(token, publicKey, { algorithms: ["RS256"], issuer: ISSUER });
    ```
    """

    id = "IDG302"
    name = "ts-jwt-verify-without-algorithms"
    title = "JWT verified without an algorithms allow-list"
    fix_hint = 'Pin the algorithms you issue: `jwt.verify(token, key, { algorithms: ["RS256"] })`.'
    triggers = ("jsonwebtoken", "express-jwt", "alg")
    meta = GuardMeta(
        cwe=["CWE-347", "CWE-757"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["token"],
        see_also=["RFC 8725 section 3.1"],
    )
    VALID = [
        Valid(
            """
            import jwt from "jsonwebtoken";
            const c = jwt.verify(t, key, { algorithms: ["RS256"] });
            """
        ),
        Valid(
            """
            const jwt = require("jsonwebtoken");
            const base = { algorithms: ["HS256"] };
            jwt.verify(t, k, { ...base, issuer: "me" });
            """
        ),
        Valid(
            """
            import { expressjwt } from "express-jwt";
            app.use(expressjwt({ secret: key, algorithms: ["RS256"] }));
            """
        ),
        Valid(
            """
            import * as jose from "jose";
            await jose.jwtVerify(t, jwks);
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import jwt from "jsonwebtoken";
            const claims = jwt.verify(token, publicKey);
            """,
            line=2,
        ),
        Invalid(
            """
            const { verify } = require("jsonwebtoken");
            verify(token, getKey, (err, decoded) => done(err, decoded));
            """,
            line=2,
        ),
        Invalid(
            """
            import * as jwtLib from "jsonwebtoken";
            const OPTS = { audience: "api" };
            jwtLib.verify(t, key, OPTS);
            """,
            line=3,
        ),
        Invalid(
            """
            import { expressjwt } from "express-jwt";
            app.use(expressjwt({ secret: process.env.KEY }));
            """,
            line=2,
        ),
        Invalid(
            """
            import { decodeProtectedHeader, jwtVerify } from "jose";
            const header = decodeProtectedHeader(t);
            await jwtVerify(t, key, { algorithms: [header.alg] });
            """,
            line=3,
        ),
    ]

    def _from_header(self, node: Node) -> None:
        """`algorithms: [header.alg]` with the header decoded from the token itself: no allow-list at all."""
        options = self.ctx.arg(node, 2)
        algorithms = (self.ctx.object_entries(options) or {}).get("algorithms")
        items = self.ctx.array_items(algorithms) or ([algorithms] if algorithms is not None else [])
        for item in items:
            text = self.ctx.text(self.ctx.resolve(item) or item)
            if ".alg" in text or "header" in text.lower() and "alg" in text.lower():
                self.report(
                    self.ctx.entry_pair(options, "algorithms") or node,
                    "The accepted algorithm is read from the token's own, unverified header.",
                )
                return

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        if name.startswith("express-jwt"):
            entries = self.ctx.object_entries(self.ctx.arg(node, 0))
            if entries is not None and "algorithms" not in entries:
                self.report(node, "express-jwt is set up without `algorithms`.")
            return
        found = jwt_call(self.ctx, node)
        if found is not None and found[1] == "verify":
            self._from_header(node)
        if found is None or found != ("jsonwebtoken", "verify"):
            return
        key = self.ctx.arg(node, 1)
        if key is None:
            return
        severity = self._key_severity(key)
        options = self.ctx.arg(node, 2)
        resolved = self.ctx.resolve(options)
        if options is None or resolved is not None and resolved.type in FUNCTION_TYPES:
            self.report(node, "`jwt.verify` is called without `algorithms`.", severity=severity)
            return
        entries = self.ctx.object_entries(options)
        if entries is not None and "algorithms" not in entries and not self.ctx.has_unknown_spread(options):
            self.report(node, "`jwt.verify` options set no `algorithms`.", severity=severity)

    def _key_severity(self, key: Node) -> Severity | None:
        """jsonwebtoken 9 limits a shared secret to the HS algorithms, so a secret-named key is low; a public key,
        a PEM, a JWKS callback or a key of unknown kind keeps the default severity (algorithm confusion)."""
        words = set(identifier_words(self.ctx.text(key)))
        if words & {"secret", "hmac", "shared"} and not words & {"public", "pub", "pem", "jwks", "cert", "rsa"}:
            return Severity.low
        return None
