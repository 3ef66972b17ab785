"""IDG506: a secret read from configuration with a literal fallback (`@Value("${jwt.secret:dev}")`)."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from ..secrets.words import credential_name_kind
from .support.guard import JavaGuard
from .support.tree import Node

_PLACEHOLDER = re.compile(r"\$\{([^:}]+):([^}]*)\}")
_ENV_READS = frozenset({"getenv", "getProperty", "get", "getValue", "getOptionalValue"})


def _is_credential(name: str) -> bool:
    last = re.split(r"[.\[\]]", name.strip())
    return (
        any(credential_name_kind(part) for part in last if part)
        or credential_name_kind(name.replace(".", "_")) is not None
    )


class JavaSecretDefaultValue(JavaGuard):
    """
    ## What it does
    Finds secrets that fall back to a literal when configuration lacks them:
    Spring `@Value("${jwt.secret:dev-secret}")`, `System.getProperty("db.password",
    "...")`, `env.getProperty("jwt.secret", "...")`,
    `System.getenv().getOrDefault("API_KEY", "...")`,
    `Optional.ofNullable(System.getenv("JWT_SECRET")).orElse("...")`,
    `Objects.requireNonNullElse(System.getenv(...), "...")`, and
    `System.getenv("X") != null ? System.getenv("X") : "..."`.

    ## Why is this bad?
    The fallback is what production runs with when a variable is missing or
    misspelt: a key that is in the repository, so anyone can sign tokens or
    log in. A missing secret should stop the service, not weaken it.

    ## Example
    ```java
    @Value("${jwt.secret:dev-secret-change-me}") private String jwtSecret;
    ```

    ## Use instead
    ```java
    @Value("${jwt.secret}") private String jwtSecret;  // startup fails when it is not configured
    ```
    """

    id = "IDG506"
    name = "java-secret-default-value"
    title = "Secret falls back to a literal default"
    fix_hint = "Drop the default and fail at startup when the secret is not configured."
    triggers = ("secret", "password", "key", "token", "credential")
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-1188"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["secrets"],
    )
    VALID = [
        Valid(
            """
            @Value("${jwt.secret}") private String jwtSecret;
            """
        ),
        Valid(
            """
            @Value("${server.port:8080}") private int port;
            """
        ),
        Valid(
            """
            String key = Optional.ofNullable(System.getenv("API_KEY")).orElseThrow(() -> new IllegalStateException("API_KEY"));
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            @Value("${jwt.secret:dev-secret-change-me}")
            private String jwtSecret;
            """,
            line=1,
        ),
        Invalid(
            """
            String secret = Optional.ofNullable(System.getenv("JWT_SECRET")).orElse("local-dev-secret");
            """,
            line=1,
        ),
        Invalid(
            """
            String password = System.getProperty("db.password", "postgres123");
            """,
            line=1,
        ),
        Invalid(
            """
            String key = System.getenv("API_KEY") != null ? System.getenv("API_KEY") : "k-1234567890";
            """,
            line=1,
        ),
    ]

    def visit_annotation(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.annotation_name(node) not in ("Value", "ConfigProperty"):
            return
        if ctx.annotation_name(node) == "ConfigProperty":
            name = ctx.string_value(ctx.annotation_value(node, "name")) or ""
            default = ctx.string_value(ctx.annotation_value(node, "defaultValue"))
            if default and _is_credential(name):
                self.report(node, f"`{name[:60]}` falls back to a literal default.")
            return
        value = ctx.string_value(ctx.annotation_value(node)) or ""
        for match in _PLACEHOLDER.finditer(value):
            if match.group(2).strip() and not match.group(2).startswith("${") and _is_credential(match.group(1)):
                self.report(node, f"`{match.group(1)[:60]}` falls back to a literal default.")
                return

    def _config_name(self, node: Node | None) -> str | None:
        ctx = self.ctx
        node = ctx.resolve(node)
        if node is None or node.type != "method_invocation" or ctx.method_name(node) not in _ENV_READS:
            return None
        return ctx.string_value(ctx.arg(node, 0))

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        method = ctx.method_name(node)
        if method in ("getProperty", "getOrDefault", "getValueOrDefault") and len(ctx.args(node)) == 2:
            name = ctx.string_value(ctx.arg(node, 0))
            if name and _is_credential(name) and ctx.string_value(ctx.arg(node, 1)):
                self.report(node, f"`{name[:60]}` falls back to a literal default.")
        elif method in ("orElse", "or") and ctx.string_value(ctx.arg(node, 0)):
            chain = ctx.chain(node)
            for call in chain:
                for argument in ctx.args(call):
                    name = self._config_name(argument)
                    if name and _is_credential(name):
                        self.report(node, f"`{name[:60]}` falls back to a literal default.")
                        return
        elif method in ("requireNonNullElse", "defaultIfBlank", "defaultIfEmpty", "defaultString"):
            name = self._config_name(ctx.arg(node, 0))
            if name and _is_credential(name) and ctx.string_value(ctx.arg(node, 1)):
                self.report(node, f"`{name[:60]}` falls back to a literal default.")

    def visit_ternary_expression(self, node: Node) -> None:
        ctx = self.ctx
        consequence, alternative = node.child_by_field_name("consequence"), node.child_by_field_name("alternative")
        name = self._config_name(consequence)
        if name and _is_credential(name) and ctx.string_value(alternative):
            # On the literal when the ternary is wrapped: that line holds the value to remove.
            where = (
                alternative if alternative is not None and alternative.start_point.row != node.start_point.row else node
            )
            self.report(where, f"`{name[:60]}` falls back to a literal default.")

    def visit_assignment_expression(self, node: Node) -> None:
        """`String s = System.getenv("JWT_SECRET"); if (s == null) s = "dev";`: the literal replaces a missing secret."""
        ctx = self.ctx
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if left is None or left.type != "identifier" or not ctx.string_value(right, follow=False):
            return
        method = ctx.enclosing_method(node)
        name = ctx.text(left)
        for declarator in ctx.descendants(method, ("variable_declarator",)) if method is not None else []:
            if ctx.text(declarator.child_by_field_name("name")) != name:
                continue
            read = self._config_name(declarator.child_by_field_name("value"))
            if read and _is_credential(read):
                self.report(node, f"`{read[:60]}` falls back to a literal when it is not configured.")
                return
