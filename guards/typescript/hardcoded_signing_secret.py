"""IDG304: a JWT, session or cookie signing secret written into the code."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import ScriptGuard
from .support.judge import jwt_call
from .support.tree import Node

# Option keys that hold a signing or client secret, in the libraries identity code uses
# (express-session, cookie-session, passport-jwt, @nestjs/jwt, NextAuth/Auth.js, express-jwt, iron-session...).
SECRET_KEYS = frozenset(
    {
        "secret",
        "secretOrKey",
        "secretOrPrivateKey",
        "secretOrPublicKey",
        "jwtSecret",
        "jwt_secret",
        "signingKey",
        "signingSecret",
        "sessionSecret",
        "cookieSecret",
        "clientSecret",
        "client_secret",
        "privateKey",
        "password",  # iron-session seals cookies with it
        "keys",  # cookie-session's signing keys
        "hmacSecret",
        "tokenSecret",
        "refreshSecret",
        "accessSecret",
        "encryptionKey",
        "webhookSecret",
    }
)
# Where a literal handed straight to a call is the key: `cookieParser("s3cret")`, `createHmac("sha256", "k")`.
_KEY_ARGUMENT = {"cookie-parser": 0, "createHmac": 1, "crypto.createHmac": 1, "node:crypto.createHmac": 1}
_PLACEHOLDERS = frozenset({"", "changeme-in-env", "<secret>", "xxx", "..."})


def literal_secret(ctx, node: Node | None) -> Node | None:
    """The string literal a secret position holds (through constants and `new TextEncoder().encode("...")`,
    `Buffer.from("...")`), or None."""
    value = ctx.resolve(node)
    if value is None:
        return None
    if value.type in ("call_expression", "new_expression"):
        name = ctx.call_name(value)
        if name.endswith(("TextEncoder.encode", "Buffer.from", "createSecretKey")) or name == "TextEncoder":
            return literal_secret(ctx, ctx.arg(value, 0))
        return None
    items = ctx.array_items(value)
    if items is not None:
        return next((item for item in items if literal_secret(ctx, item) is not None), None)
    text = ctx.string_value(value)
    if text is None or text.strip() in _PLACEHOLDERS or text.startswith(("${", "-----BEGIN PUBLIC")):
        return None
    return value


class TsHardcodedSigningSecret(ScriptGuard):
    """
    ## What it does
    Finds signing and client secrets written as literals in TypeScript and
    JavaScript: `jwt.sign(payload, "secret")` and `jwt.verify(token, "secret")`
    (also through a constant, `new TextEncoder().encode("...")` for jose, or
    `Buffer.from("...")`), `session({ secret: "keyboard cat" })`,
    `cookieSession({ keys: ["..."] })`, `cookieParser("...")`,
    passport-jwt `secretOrKey`, `JwtModule.register({ secret })`, NextAuth
    `secret`, `clientSecret` options and `crypto.createHmac(alg, "...")`. Any
    literal counts, "dev" and "changeme" included. Test files are skipped.

    ## Why is this bad?
    Whoever reads the repository can mint tokens and session cookies for any
    user, and the secret cannot be rotated without a release. Short literals
    such as "secret" are also the first thing an attacker tries.

    ## Example
    ```ts
    app.use(session({ secret: "keyboard cat", resave: false, saveUninitialized: false }));
    ```

    ## Use instead
    ```ts
    app.use(session({ secret: requireEnv("SESSION_SECRET"), resave: false, saveUninitialized: false }));
    ```
    """

    id = "IDG304"
    name = "ts-hardcoded-signing-secret"
    title = "Hard-coded signing secret"
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-321"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01", "PR.DS-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["secrets", "token", "session"],
    )
    VALID = [
        Valid(
            """
            import jwt from "jsonwebtoken";
            const t = jwt.sign(payload, process.env.JWT_SECRET, { expiresIn: "15m" });
            """
        ),
        Valid(
            """
            import session from "express-session";
            app.use(session({ secret: config.sessionSecret, resave: false }));
            """
        ),
        Valid(
            """
            import * as jose from "jose";
            const key = new TextEncoder().encode(process.env.AUTH_SECRET);
            """
        ),
        Valid(
            """
            const cfg = { secret: "" };
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import jwt from "jsonwebtoken";
            const t = jwt.sign({ sub: id }, "my-secret", { expiresIn: "1h" });
            """,
            line=2,
        ),
        Invalid(
            """
            const session = require("express-session");
            app.use(session({ secret: "keyboard cat", resave: false }));
            """,
            line=2,
        ),
        Invalid(
            """
            const { sign } = require("jsonwebtoken");
            const JWT_KEY = "dev";
            exports.mint = (p) => sign(p, JWT_KEY, { expiresIn: 60 });
            """,
            line=2,
        ),
        Invalid(
            """
            import * as jose from "jose";
            const key = new TextEncoder().encode("super-secret-value");
            await new jose.SignJWT(p).setProtectedHeader({ alg: "HS256" }).sign(key);
            """,
            line=2,
        ),
        Invalid(
            """
            import cookieParser from "cookie-parser";
            app.use(cookieParser("s3cr3t"));
            """,
            line=2,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        if self.ctx.is_test_file():
            return
        found = jwt_call(self.ctx, node)
        name = self.ctx.call_name(node)
        if name.endswith(".sign") and ("SignJWT" in name or "CompactSign" in name or "FlattenedSign" in name):
            self._judge(self.ctx.arg(node, 0), node, "The JWT key is written into the code.")
            return
        if found is not None and found[1] in ("sign", "verify") and found[0] != "jwt":
            self._judge(self.ctx.arg(node, 1), node, "The JWT key is written into the code.")
            return
        index = _KEY_ARGUMENT.get(name)
        if index is not None:
            self._judge(self.ctx.arg(node, index), node, "The signing key is written into the code.")

    def visit_pair(self, node: Node) -> None:
        key = self.ctx._key_text(node.child_by_field_name("key"))
        if key not in SECRET_KEYS or self.ctx.is_test_file():
            return
        value = node.child_by_field_name("value")
        if key in ("password", "keys", "privateKey") and not self._signing_context(node):
            return
        self._judge(value, node, f"`{key}` is written into the code.")

    def _signing_context(self, pair: Node) -> bool:
        """`password`/`keys` are signing secrets in session and cookie options, not everywhere."""
        obj = pair.parent
        call = obj.parent.parent if obj is not None and obj.parent is not None else None
        if call is None or call.type not in ("call_expression", "new_expression"):
            return False
        words = self.ctx.call_name(call).lower()
        return any(w in words for w in ("session", "cookie", "iron", "jwt", "sign"))

    def _judge(self, value: Node | None, at: Node, message: str) -> None:
        literal = literal_secret(self.ctx, value)
        if literal is None:
            return
        definition = self.ctx.definition(value)
        self.report(
            at if definition is None else definition,
            message if definition is None else message + " (through a constant)",
            fix="Read it at run time (`process.env.JWT_SECRET` with a start-up check that it is set) "
            "or from your secrets manager, and rotate the exposed value.",
        )
