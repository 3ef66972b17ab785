"""IDG314: a secret compared with `===` / `!==` instead of a constant-time comparison."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from ..python.support.words import identifier_words
from .support.guard import ScriptGuard
from .support.judge import name_of, secret_name_kind
from .support.tree import Node

_OPERATORS = frozenset({"===", "!==", "==", "!="})
_DIGEST_WORDS = frozenset({"signature", "sig", "hmac", "mac"})
_PASSWORD_WORDS = frozenset({"password", "passwd", "pwd", "pin", "passcode", "passphrase"})
_NOT_SECRET_WORDS = frozenset(
    {
        "type",
        "length",
        "status",
        "kind",
        "prefix",
        "id",
        "count",
        "name",
        "format",
        "scheme",
        "version",
        "expires",
        "algorithm",
        "alg",
        "bytes",
        "b64",
        "skip",
        "check",
        "encoding",
        "param",
        "params",
        "header",
        "size",
    }
)
_TYPING = frozenset({"confirm", "confirmation", "repeat", "repeated", "new", "old", "current", "again"})


class TsTimingUnsafeSecretComparison(ScriptGuard):
    """
    ## What it does
    Finds `===`, `!==`, `==` and `!=` comparisons where one side is a secret:
    a token, API key, webhook or HMAC signature, a digest
    (`createHmac(...).digest("hex")`), a stored password hash, or a key read
    from a request header or the environment, and the other side is not a
    literal, `null`/`undefined`, a length or a `typeof`. Two passwords the same
    user typed (`password !== confirmPassword`) are fine, and so is the digest
    of a random token (`tokenHash`), which cannot be reversed.

    ## Why is this bad?
    String comparison stops at the first differing character, so the time it
    takes tells an attacker how many leading characters were right: the
    expected signature or key can be recovered byte by byte.

    ## Example
    ```ts
    if (req.headers["x-signature"] !== expectedSignature) return res.sendStatus(401);
    ```

    ## Use instead
    ```ts
    const a = Buffer.from(received), b = Buffer.from(expectedSignature);
    if (a.length !== b.length || !crypto.timingSafeEqual(a, b)) return res.sendStatus(401);
    ```
    """

    id = "IDG314"
    name = "ts-timing-unsafe-secret-comparison"
    title = "Secret compared in non-constant time"
    meta = GuardMeta(
        cwe=["CWE-208"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["secrets", "token"],
    )
    VALID = [
        Valid(
            """
            if (token === undefined || tokenType !== "Bearer") throw new Error("no token");
            """
        ),
        Valid(
            """
            if (signature.length !== expected.length || !crypto.timingSafeEqual(signature, expected)) return false;
            """
        ),
        Valid(
            """
            if (password !== confirmPassword) throw new Error("passwords differ");
            """
        ),
        Valid(
            """
            if (user.id === session.userId) allow();
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            if (req.headers["x-signature"] !== expectedSignature) return res.sendStatus(401);
            """,
            line=1,
        ),
        Invalid(
            """
            const digest = crypto.createHmac("sha256", secret).update(body).digest("hex");
            if (digest === received) accept();
            """,
            line=2,
        ),
        Invalid(
            """
            if (apiKey === process.env.API_KEY) return next();
            """,
            line=1,
        ),
        Invalid(
            """
            return user.passwordHash == sha256(salt + presented);
            """,
            line=1,
        ),
        Invalid(
            """
            if (provided !== storedToken) throw new Unauthorized();
            """,
            line=1,
        ),
    ]

    def visit_binary_expression(self, node: Node) -> None:
        if self.ctx.text(node.child_by_field_name("operator")) not in _OPERATORS:
            return
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if self._plain(left) or self._plain(right):
            return
        lk, rk = self._kind(left), self._kind(right)
        if not lk and not rk:
            return
        if "password" in (lk, rk) and self._typed_twice(left, right):
            return
        self.report(
            node,
            "A secret is compared with a string comparison that leaks timing.",
            fix="Compare with `crypto.timingSafeEqual(Buffer.from(a), Buffer.from(b))` after checking the lengths match.",
        )

    def _plain(self, node: Node | None) -> bool:
        """Literals, null/undefined, lengths, typeof, numbers: comparing with them leaks nothing secret."""
        node = self.ctx.unwrap(node)
        if node is None:
            return True
        if node.type == "template_string":
            return not any(c.type == "template_substitution" for c in node.named_children)
        if node.type in ("null", "undefined", "true", "false", "number", "string", "regex"):
            return True
        if node.type == "unary_expression":
            return True
        if node.type == "identifier" and self.ctx.text(node) == "undefined":
            return True
        if node.type == "identifier":
            bound = self.ctx.resolve(node)
            if bound is not None and bound.type in ("string", "number", "null", "true", "false"):
                return True
        return set(identifier_words(name_of(self.ctx, node))) & {"length", "size", "type", "status"} != set()

    def _kind(self, node: Node | None) -> str | None:
        node = self.ctx.unwrap(node)
        if node is None:
            return None
        if node.type == "template_string":
            kinds = [
                self._kind(c.named_children[0])
                for c in node.named_children
                if c.type == "template_substitution" and c.named_children
            ]
            return next((k for k in kinds if k), None)
        if node.type == "call_expression" and self.ctx.last_name(self.ctx.call_name(node)) == "digest":
            return "signature" if "createHmac" in self.ctx.text(node) else None
        name = name_of(self.ctx, node)
        words = set(identifier_words(name))
        if words & _NOT_SECRET_WORDS:
            return None
        kind = secret_name_kind(name)
        if kind is None and words & _PASSWORD_WORDS and words & {"hash", "hashed", "digest"}:
            kind = "password"  # a stored password hash: learnt through timing, it is cracked offline
        if kind is None and words & _DIGEST_WORDS:
            kind = "signature"
        if kind is None and words & {"csrf", "xsrf", "otp", "nonce"}:
            kind = "token"
        if kind in ("password", "token", "secret", "api_key", "key", "signature", "credential"):
            return kind
        if node.type in ("subscript_expression", "member_expression") and self.ctx.env_name(node):
            return "key" if set(identifier_words(self.ctx.env_name(node) or "")) & {"key", "secret", "token"} else None
        if node.type == "identifier":
            bound = self.ctx.resolve(node)
            if bound is not None and bound is not node:
                return self._kind(bound)
        return None

    def _typed_twice(self, left: Node | None, right: Node | None) -> bool:
        words = set(identifier_words(name_of(self.ctx, left))) | set(identifier_words(name_of(self.ctx, right)))
        return bool(words & _TYPING) and not words & {"hash", "hashed", "stored"}
