"""IDG312: passwords hashed with a fast, general-purpose digest."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from ..python.support.words import identifier_words
from .support.guard import ScriptGuard
from .support.judge import name_of, secret_name_kind
from .support.tree import Node

_FAST = frozenset({"md5", "sha1", "sha224", "sha256", "sha384", "sha512", "sha-1", "sha-256", "sha-512", "ripemd160"})
_BROKEN = frozenset({"md5", "sha1", "sha-1"})
# npm digest helpers: `md5(password)`, `sha256(password)`, CryptoJS.SHA256(password).
_DIGEST_FUNCTIONS = frozenset({"md5", "sha1", "sha256", "sha512", "MD5", "SHA1", "SHA256", "SHA512"})


class TsPasswordFastHash(ScriptGuard):
    """
    ## What it does
    Finds passwords and PINs hashed with general-purpose digests:
    `crypto.createHash("md5" | "sha1" | "sha256" | ...)` whose `update(...)`
    input is a password (also a concatenation or template with a salt), whose
    digest is stored as a password hash (`passwordHash: createHash(...)...`),
    and npm digest helpers (`md5(password)`, `CryptoJS.SHA256(password)`).
    API keys, secrets and tokens hashed with the broken MD5 or SHA-1 are
    reported as medium; a SHA-256 of a random token (a lookup index) is fine.

    ## Why is this bad?
    Fast digests compute billions of guesses per second on a GPU: a leaked
    table of MD5 or SHA-256 password hashes, salted or not, is cracked in
    hours. Password storage needs a slow, salted scheme.

    ## Example
    ```ts
    const passwordHash = crypto.createHash("sha256").update(salt + password).digest("hex");
    ```

    ## Use instead
    ```ts
    const passwordHash = await bcrypt.hash(password, 12); // or argon2.hash(password)
    ```
    """

    id = "IDG312"
    name = "ts-password-fast-hash"
    title = "Password hashed with a fast digest"
    triggers = ("createhash", "md5", "sha1", "sha256", "sha512")
    meta = GuardMeta(
        cwe=["CWE-916", "CWE-759"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01", "PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["password"],
    )
    VALID = [
        Valid(
            """
            import bcrypt from "bcrypt";
            const passwordHash = await bcrypt.hash(password, 12);
            """
        ),
        Valid(
            """
            import crypto from "crypto";
            const etag = crypto.createHash("sha256").update(body).digest("hex");
            """
        ),
        Valid(
            """
            import crypto from "crypto";
            const tokenHash = crypto.createHash("sha256").update(resetToken).digest("hex");
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import crypto from "crypto";
            const passwordHash = crypto.createHash("sha256").update(salt + password).digest("hex");
            """,
            line=2,
        ),
        Invalid(
            """
            const crypto = require("crypto");
            user.password = crypto.createHash("md5").update(req.body.password).digest("hex");
            """,
            line=2,
        ),
        Invalid(
            """
            import md5 from "md5";
            if (md5(password) !== user.passwordHash) throw new Unauthorized();
            """,
            line=2,
        ),
        Invalid(
            """
            import { createHash } from "node:crypto";
            const ALG = "sha1";
            const hashed = createHash(ALG).update(`${pin}:${SALT}`).digest("base64");
            """,
            line=3,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        last = self.ctx.last_name(name)
        if last == "createHash":
            algorithm = (self.ctx.string_value(self.ctx.arg(node, 0)) or "").lower()
            if algorithm not in _FAST:
                return
            inputs = self._chain_inputs(node)
            sink = self._sink_name(node)
        elif last in _DIGEST_FUNCTIONS and (name.lower().startswith(("md5", "sha", "js-sha", "cryptojs", "crypto-js"))):
            algorithm = last.lower()
            inputs = self.ctx.args(node)[:1]
            sink = self._sink_name(node)
        else:
            return
        kinds = {self._input_kind(i) for i in inputs} - {None}
        sink_words = set(identifier_words(sink))
        if (
            "password" in kinds
            or kinds & {"pin"}
            or {"password", "hash"} <= sink_words
            or sink_words & {"pwd", "passwd"}
            or "password" in sink_words
            and sink_words & {"digest", "hash", "hashed", "encode", "encrypt"}
        ):
            self.report(
                node,
                f"A password is hashed with {algorithm}, a fast digest that is cheap to brute-force.",
                fix="Hash passwords with bcrypt (cost 12), argon2id or scrypt.",
            )
        elif kinds & {"secret", "api_key", "token", "key", "credential"} and algorithm in _BROKEN:
            self.report(
                node,
                f"A secret is hashed with {algorithm}, a broken digest.",
                fix="Use SHA-256 (or HMAC-SHA-256 with a server key) for lookups of random tokens.",
                severity=Severity.medium,
            )

    def _chain_inputs(self, node: Node) -> list[Node]:
        """The arguments of `.update(...)` calls chained on `createHash(...)`, or on the variable holding it."""
        inputs: list[Node] = []
        current = node
        while current.parent is not None and current.parent.type in ("member_expression", "call_expression"):
            current = current.parent
            if current.type == "call_expression":
                callee = current.child_by_field_name("function")
                if callee is not None and self.ctx.text(callee).endswith("update"):
                    inputs.extend(self.ctx.args(current)[:1])
        if not inputs and node.parent is not None and node.parent.type == "variable_declarator":
            variable = self.ctx.text(node.parent.child_by_field_name("name"))
            for call in self.ctx.nodes("call_expression"):
                if self.ctx.text(call.child_by_field_name("function")) == f"{variable}.update":
                    inputs.extend(self.ctx.args(call)[:1])
        return inputs

    def _input_kind(self, node: Node) -> str | None:
        parts = self.ctx.descendants(
            node, ("identifier", "member_expression", "subscript_expression", "shorthand_property_identifier")
        )
        kinds = set()
        for part in parts:
            name = name_of(self.ctx, part)
            words = set(identifier_words(name))
            if words & {"pin", "passcode"}:
                kinds.add("pin")
            kind = secret_name_kind(name)
            if kind:
                kinds.add(kind)
        for preferred in ("password", "pin", "api_key", "secret", "key", "credential", "token"):
            if preferred in kinds:
                return preferred
        return None

    def _sink_name(self, node: Node) -> str:
        current = node
        while current.parent is not None:
            parent = current.parent
            if parent.type == "variable_declarator":
                return self.ctx.text(parent.child_by_field_name("name"))
            if parent.type == "pair":
                return self.ctx._key_text(parent.child_by_field_name("key"))
            if parent.type == "assignment_expression":
                return self.ctx.last_name(self.ctx.text(parent.child_by_field_name("left")))
            if parent.type == "return_statement":
                return self.ctx.function_name(self.ctx.enclosing_function(parent))
            if parent.type in ("statement_block", "program", "arguments"):
                return ""
            current = parent
        return ""
