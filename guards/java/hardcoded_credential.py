"""IDG514: a credential checked against, or connected with, a password written in the code."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.judge import name_of, secret_name_kind, words
from .support.tree import Node

_COMPARE = frozenset({"equals", "equalsIgnoreCase", "contentEquals"})
# Protocol words and placeholders that are compared with credential-named fields without being credentials.
_NOT_SECRETS = frozenset(
    {"", "password", "refresh_token", "client_credentials", "authorization_code", "bearer", "basic", "null", "none"}
    | {
        "token",
        "access_token",
        "id_token",
        "secret",
        "api_key",
        "apikey",
        "urn:ietf:params:oauth:grant-type:jwt-bearer",
    }
)
_SHORT_PASSWORD_WORDS = frozenset({"pass", "pwd", "passwd", "pw", "passcode", "pin", "passphrase"})
_KINDS = frozenset({"password", "secret", "api_key", "token"})
_PASSWORD_SETTERS = frozenset({"setPassword", "password", "setCredentials", "credentials", "withPassword", "auth"})
_CONNECTIONS = {"getConnection": 2, "UsernamePasswordCredentials": 1, "PasswordAuthentication": 1}


class JavaHardcodedCredential(JavaGuard):
    """
    ## What it does
    Finds passwords written into authentication code: a password, secret,
    API key or token compared with a literal (`password.equals("admin123")`,
    `"admin123".equals(password)`, `Objects.equals(apiKey, "...")`), JDBC
    `DriverManager.getConnection(url, "sa", "...")`, a literal password given
    to `setPassword(...)`/`.password(...)` (Hikari, DataSource builders, Spring
    `User.withUsername(...).password("{noop}...")`, Jedis `auth("...")`) and
    `new UsernamePasswordCredentials(user, "...")`. Protocol constants
    (`"password"` as a grant type, `"refresh_token"`) and `${...}` placeholders are not
    reported; test sources are left alone.

    ## Why is this bad?
    A password in the source is shared with everyone who can read the
    repository, is the same in every environment, and cannot be rotated
    without a release. A literal comparison is a back door.

    ## Example
    ```java
    if ("admin".equals(username) && "S3cure!2024".equals(password)) { return true; }
    ```

    ## Use instead
    ```java
    return passwordEncoder.matches(password, user.getPasswordHash());
    ```
    """

    id = "IDG514"
    name = "java-hardcoded-credential"
    title = "Hard-coded password in authentication code"
    fix_hint = "Read credentials at run time (environment, secret manager) and compare password hashes with an encoder."
    triggers = ("pass", "pwd", "pin", "secret", "key", "token", "getconnection", "credential", "auth")
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-259"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["secrets"],
    )
    VALID = [
        Valid(
            """
            boolean ok = passwordEncoder.matches(password, user.getPasswordHash());
            """
        ),
        Valid(
            """
            if ("password".equals(request.getGrantType())) { return passwordGrant(request); }
            """
        ),
        Valid(
            """
            Connection c = DriverManager.getConnection(url, System.getenv("DB_USER"), System.getenv("DB_PASSWORD"));
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            boolean login(String username, String password) {
                return "admin".equals(username) && "Winter2024!".equals(password);
            }
            """,
            line=2,
        ),
        Invalid(
            """
            Connection c = DriverManager.getConnection("jdbc:h2:mem:app", "sa", "h2pass123");
            """,
            line=1,
        ),
        Invalid(
            """
            UserDetails admin = User.withUsername("admin")
                .password("{noop}admin123")
                .roles("ADMIN").build();
            """,
            line=2,
        ),
        Invalid(
            """
            private static final String DB_PASS = "orders-db-pw";
            void configure(HikariConfig cfg) { cfg.setPassword(DB_PASS); }
            """,
            line=2,
        ),
        Invalid(
            """
            if (apiKey.equals("k3y-prod-7781")) { chain.doFilter(req, res); }
            """,
            line=1,
        ),
    ]

    def _literal(self, node: Node | None) -> str | None:
        ctx = self.ctx
        resolved = ctx.resolve(node)
        if resolved is not None and resolved.type == "method_invocation" and ctx.method_name(resolved) == "encode":
            resolved = ctx.resolve(ctx.arg(resolved, 0))
        value = ctx.secret_text(resolved)
        if value is None or value.strip().lower() in _NOT_SECRETS or value.startswith("${"):
            return None
        return value

    def _credential(self, node: Node | None) -> bool:
        node = self.ctx.unwrap(node)
        if node is not None and node.type == "method_invocation" and not self.ctx.method_name(node).startswith("get"):
            return False  # `tokens.nextToken()`, `readLine()`: what a call computes, not a stored credential
        name = name_of(self.ctx, node)
        return secret_name_kind(name) in _KINDS or bool(words(name) & _SHORT_PASSWORD_WORDS)

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.is_test_file():
            return
        method = ctx.method_name(node)
        where = node.child_by_field_name("name") or node
        if method in _COMPARE:
            receiver, argument = ctx.receiver(node), ctx.arg(node, 0)
            for name_side, value_side in ((receiver, argument), (argument, receiver)):
                if self._credential(name_side) and ctx.string_value(name_side) is None and self._literal(value_side):
                    self.report(where, f"`{name_of(ctx, name_side)}` is compared with a literal.")
                    return
        elif method == "equals" and ctx.call_name(node).endswith("Objects.equals") and len(ctx.args(node)) == 2:
            first, second = ctx.args(node)
            for name_side, value_side in ((first, second), (second, first)):
                if self._credential(name_side) and self._literal(value_side):
                    self.report(where, f"`{name_of(ctx, name_side)}` is compared with a literal.")
                    return
        elif method in _CONNECTIONS and ctx.call_name(node).endswith("DriverManager.getConnection"):
            if len(ctx.args(node)) >= 3 and self._literal(ctx.arg(node, 2)):
                self.report(where, "The database password is written in the code.")
        elif method in _PASSWORD_SETTERS and len(ctx.args(node)) == 1 and self._literal(ctx.arg(node, 0)):
            if method == "auth" and "jedis" not in ctx.text(ctx.receiver(node)).lower():
                return
            self.report(where, f"`{method}` is given a password written in the code.")

    def visit_object_creation_expression(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.is_test_file():
            return
        index = _CONNECTIONS.get(ctx.last_name(ctx.type_name(node)))
        if index is not None and self._literal(ctx.arg(node, index)):
            self.report(node, "The password is written in the code.")
