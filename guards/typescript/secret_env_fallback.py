"""IDG305: a secret read from the environment with a literal fallback."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import ScriptGuard
from .support.judge import name_of, secret_name_kind
from .support.tree import Node


class TsSecretEnvFallback(ScriptGuard):
    """
    ## What it does
    Finds secrets read from configuration with a literal fallback:
    `process.env.JWT_SECRET || "dev"`, `process.env.NEXTAUTH_SECRET ?? "secret"`,
    `process.env.X ? process.env.X : "..."`, `configService.get("JWT_SECRET", "dev")`,
    a destructuring default (`const { SESSION_SECRET = "dev" } = process.env`) and
    a settings value with a literal fallback (`config.jwtSecret || "changeme"`).
    The variable must be named like a secret (secret, key, token, password).
    Test files are skipped.

    ## Why is this bad?
    A deployment that forgets the variable does not fail: it runs with a key
    that is in the repository, and every token or session it signs can be
    forged. Such fallbacks are how "dev" secrets reach production.

    ## Example
    ```ts
    const JWT_SECRET = process.env.JWT_SECRET || "dev-secret";
    ```

    ## Use instead
    ```ts
    const JWT_SECRET = process.env.JWT_SECRET;
    if (!JWT_SECRET) throw new Error("JWT_SECRET is not set");
    ```
    """

    id = "IDG305"
    name = "ts-secret-env-fallback"
    title = "Secret with a literal fallback"
    meta = GuardMeta(
        cwe=["CWE-1188", "CWE-798"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01", "PR.PS-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["secrets"],
    )
    VALID = [
        Valid(
            """
            const out = await sm.send(new GetSecretValueCommand({ SecretId: env.DB_SECRET_ARN }));
            const parsed = JSON.parse(out.SecretString ?? "{}");
            """
        ),
        Valid(
            """
            const PORT = process.env.PORT || "3000";
            """
        ),
        Valid(
            """
            const secret = process.env.JWT_SECRET;
            if (!secret) throw new Error("JWT_SECRET missing");
            """
        ),
        Valid(
            """
            const issuer = process.env.JWT_ISSUER ?? "https://auth.example.com";
            """
        ),
        Valid(
            """
            const tokenUrl = process.env.TOKEN_URL || "https://idp.example.com/token";
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            const JWT_SECRET = process.env.JWT_SECRET || "dev-secret";
            """,
            line=1,
        ),
        Invalid(
            """
            export const authOptions = { secret: process.env.NEXTAUTH_SECRET ?? "changeme" };
            """,
            line=1,
        ),
        Invalid(
            """
            const { SESSION_SECRET = "keyboard cat" } = process.env;
            """,
            line=1,
        ),
        Invalid(
            """
            const key = this.config.get("JWT_SECRET", "dev");
            """,
            line=1,
        ),
        Invalid(
            """
            const secret = config.jwtSecret || "local";
            """,
            line=1,
        ),
    ]

    def _fallback_report(self, name: str, literal: Node) -> None:
        if secret_name_kind(name) is None or self.ctx.is_test_file():
            return
        value = self.ctx.string_value(literal)
        if value is None or not value.strip() or value.startswith(("http://", "https://", "/")):
            return
        if not any(c.isalnum() for c in value):
            return  # `out.SecretString ?? "{}"`: an empty document to parse, no secret in it
        self.report(
            literal,
            f"`{name}` falls back to a literal when it is not set, so a missing setting runs with a known secret.",
            fix="Fail at start-up when the variable is missing instead of falling back to a literal.",
        )

    def visit_binary_expression(self, node: Node) -> None:
        operator = self.ctx.text(node.child_by_field_name("operator"))
        if operator not in ("||", "??"):
            return
        found = self.ctx.env_fallback(node)
        if found is not None:
            self._fallback_report(found[0], found[1])
            return
        left = self.ctx.unwrap(node.child_by_field_name("left"))
        right = node.child_by_field_name("right")
        if left is not None and left.type in ("member_expression", "identifier"):
            if right is not None and self.ctx.string_value(right, follow=False) is not None:
                self._fallback_report(name_of(self.ctx, left), right)

    def visit_ternary_expression(self, node: Node) -> None:
        found = self.ctx.env_fallback(node)
        if found is not None:
            self._fallback_report(*found)

    def visit_call_expression(self, node: Node) -> None:
        found = self.ctx.env_fallback(node)
        if found is not None:
            self._fallback_report(*found)

    def visit_object_assignment_pattern(self, node: Node) -> None:
        """`const { JWT_SECRET = "dev" } = process.env`."""
        pattern = node.parent
        declarator = pattern.parent if pattern is not None else None
        if declarator is None or declarator.type != "variable_declarator":
            return
        source = self.ctx.text(self.ctx.unwrap(declarator.child_by_field_name("value"))).replace(" ", "")
        if source not in ("process.env", "import.meta.env", "env", "Bun.env"):
            return
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is not None and right is not None and self.ctx.string_value(right, follow=False) is not None:
            self._fallback_report(self.ctx.text(left), right)
