"""IDG323: a password, key or token checked against a literal written into the code."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from ..python.support.words import identifier_words
from .support.guard import ScriptGuard
from .support.judge import name_of, secret_name_kind
from .support.tree import Node

_OPERATORS = frozenset({"===", "!==", "==", "!="})
_NOT_VALUES = frozenset({"", "undefined", "null", "bearer", "basic", "string", "object", "password", "token"})


class TsHardcodedCredentialComparison(ScriptGuard):
    """
    ## What it does
    Finds credentials checked against literals: `if (password === "admin123")`,
    `req.headers["x-api-key"] !== "k3y"`, `token == MASTER_TOKEN` where
    `MASTER_TOKEN` is a string constant of the same file, and
    `[...].includes(apiKey)` over literal keys. Comparisons with protocol
    words (`tokenType === "Bearer"`), empty strings and type names are fine.
    Test files are skipped.

    ## Why is this bad?
    The literal is a credential that every reader of the repository has: a
    back door that works on every deployment and cannot be rotated without a
    release. A secret scanner passes short values such as "admin123".

    ## Example
    ```ts
    if (username === "admin" && password === "admin123") return issueSession(res, "admin");
    ```

    ## Use instead
    ```ts
    const user = await users.findByName(username);
    if (!user || !(await bcrypt.compare(password, user.passwordHash))) return res.sendStatus(401);
    ```
    """

    id = "IDG323"
    name = "ts-hardcoded-credential-comparison"
    title = "Credential checked against a literal"
    fix_hint = "Check credentials against a stored hash (bcrypt/argon2) or a secret read at run time, never a literal."
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-259"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01", "PR.DS-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["secrets", "password"],
    )
    VALID = [
        Valid(
            """
            if (tokenType !== "Bearer") throw new Error("unsupported");
            """
        ),
        Valid(
            """
            if (password === "") return res.status(400).send("password required");
            """
        ),
        Valid(
            """
            if (await bcrypt.compare(password, user.passwordHash)) ok();
            """
        ),
        Valid(
            """
            if (typeof token !== "string") throw new TypeError();
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            if (username === "admin" && password === "admin123") return issueSession(res, "admin");
            """,
            line=1,
        ),
        Invalid(
            """
            if (req.headers["x-api-key"] !== "k3y-2024-internal") return res.sendStatus(401);
            """,
            line=1,
        ),
        Invalid(
            """
            const MASTER_TOKEN = "letmein-please";
            export const isMaster = (token) => token == MASTER_TOKEN;
            """,
            line=2,
        ),
        Invalid(
            """
            const KEYS = ["partner-a-key-1", "partner-b-key-2"];
            if (!KEYS.includes(apiKey)) throw new Error("denied");
            """,
            line=2,
        ),
    ]

    def visit_binary_expression(self, node: Node) -> None:
        if self.ctx.text(node.child_by_field_name("operator")) not in _OPERATORS or self.ctx.is_test_file():
            return
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        for secret, other in ((left, right), (right, left)):
            if self._credential(secret) and self._literal(other):
                self.report(node, "A credential is checked against a value written into the code.")
                return

    def visit_call_expression(self, node: Node) -> None:
        callee = node.child_by_field_name("function")
        if callee is None or callee.type != "member_expression" or self.ctx.is_test_file():
            return
        if self.ctx.text(callee.child_by_field_name("property")) not in ("includes", "has"):
            return
        items = self.ctx.array_items(callee.child_by_field_name("object"))
        if items and self._credential(self.ctx.arg(node, 0)) and all(self._literal(i) for i in items):
            self.report(node, "A credential is checked against values written into the code.")

    def _credential(self, node: Node | None) -> bool:
        node = self.ctx.unwrap(node)
        if node is None or node.type not in ("identifier", "member_expression", "subscript_expression"):
            return False
        name = name_of(self.ctx, node)
        if set(identifier_words(name)) & {"type", "length", "kind", "scheme", "name", "status", "mode", "format"}:
            return False
        return secret_name_kind(name) in ("password", "api_key", "token", "secret", "key", "credential")

    def _literal(self, node: Node | None) -> bool:
        value = self.ctx.string_value(node)
        return value is not None and value.strip().lower() not in _NOT_VALUES and len(value) >= 4
