"""IDG519: a password, token, key or authorization header written to a log or the console."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.judge import name_of, secret_name_kind, words
from .support.tree import Node

# Request types whose fields hold a password or secret (`LoginRequest`, `CredentialsDto`, `SignupForm`).
_CREDENTIAL_CARRIERS = frozenset({"login", "signin", "signup", "credential", "credentials", "password", "register"})
_LOG_METHODS = frozenset(
    {
        "trace",
        "debug",
        "info",
        "warn",
        "warning",
        "error",
        "fatal",
        "log",
        "println",
        "print",
        "printf",
        "format",
        "severe",
        "fine",
    }
    | {"tracef", "debugf", "infof", "warnf", "errorf", "fatalf", "debugv", "infov", "warnv", "errorv"}
)
_SAFE_CALLS = frozenset(
    {
        "mask",
        "redact",
        "fingerprint",
        "hash",
        "sha256",
        "sha256Hex",
        "length",
        "size",
        "isEmpty",
        "isBlank",
        "isPresent",
    }
    | {"getClass", "hashCode", "substring", "last4", "abbreviate", "obfuscate", "masked", "redacted", "getExpiration"}
    | {"getExpiresAt", "getIssuedAt", "getSubject", "getId", "getUserId", "getTokenType", "getType", "getScope"}
)
_KINDS = frozenset({"password", "token", "secret", "api_key", "signature", "code", "credential", "key"})
_FORMATTERS = frozenset({"format", "formatted", "concat", "valueOf", "join", "append", "toString"})


class JavaSecretInLog(JavaGuard):
    """
    ## What it does
    Finds secrets passed to a logger (SLF4J, Log4j, JUL, `System.out`/`System.err`):
    an argument named for a password, token, secret, API key or one-time
    code (`token`, `user.getPassword()`, `request.getHeader("Authorization")`),
    also inside a string concatenation. Values passed through a masking or
    hashing helper (`mask(token)`, `fingerprint(key)`) and token metadata
    (`getSubject()`, `getExpiration()`) are not reported.

    ## Why is this bad?
    Logs are copied to aggregators, tickets and laptops and kept for months,
    readable by far more people than the credential store. A logged bearer
    token or password is a credential handed to all of them.

    ## Example
    ```java
    log.debug("Issued token {} for {}", token, user.getId());
    ```

    ## Use instead
    ```java
    log.debug("Issued token for {}", user.getId());
    ```
    """

    id = "IDG519"
    name = "java-secret-in-log"
    title = "Secret written to a log"
    fix_hint = "Log the user or key id, or a fingerprint, never the secret itself."
    triggers = ("log", "system.out", "system.err", "exception")
    meta = GuardMeta(
        cwe=["CWE-532"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="high",
        impact="medium",
        confidence="medium",
        categories=["secrets", "token"],
    )
    VALID = [
        Valid(
            """
            log.info("Issued token for user {} expiring {}", user.getId(), claims.getExpiration());
            """
        ),
        Valid(
            """
            log.debug("API key fingerprint {}", fingerprint(apiKey));
            """
        ),
        Valid(
            """
            log.warn("Password reset requested for {}", email);
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            class AuthController {
                ResponseEntity<TokenResponse> login(@RequestBody LoginRequest request) {
                    log.debug("Login attempt: {}", request);
                    return service.login(request);
                }
            }
            """,
            line=3,
        ),
        Invalid(
            """
            log.debug("Issued token {} for {}", token, user.getId());
            """,
            line=1,
        ),
        Invalid(
            """
            System.out.println("Login attempt " + username + " / " + password);
            """,
            line=1,
        ),
        Invalid(
            """
            logger.info("Auth header: {}", request.getHeader("Authorization"));
            """,
            line=1,
        ),
        Invalid(
            """
            LOG.error("Could not connect with client secret " + props.getClientSecret(), e);
            """,
            line=1,
        ),
    ]

    def _is_logger(self, call: Node) -> bool:
        ctx = self.ctx
        receiver = ctx.receiver(call)
        if receiver is None:
            return False
        text = ctx.text(receiver)
        if text in ("System.out", "System.err"):
            return True
        found = words(text)
        return bool(found & {"log", "logger", "slf4j", "audit"}) or text.lower().endswith(("log", "logger"))

    def _secret(self, node: Node | None, depth: int = 4) -> str | None:
        ctx = self.ctx
        node = ctx.unwrap(node)
        if node is None or depth == 0:
            return None
        if node.type == "binary_expression" and ctx.operator(node) == "+":
            return self._secret(node.child_by_field_name("left"), depth - 1) or self._secret(
                node.child_by_field_name("right"), depth - 1
            )
        if node.type not in ("identifier", "field_access", "method_invocation"):
            return None
        if node.type == "method_invocation" and ctx.method_name(node) in _FORMATTERS:
            parts = [*ctx.args(node), ctx.receiver(node)]
            return next((s for s in (self._secret(a, depth - 1) for a in parts if a is not None) if s), None)
        if node.type == "method_invocation":
            method = ctx.method_name(node)
            if method in _SAFE_CALLS or not method.startswith("get"):
                return None  # a helper's result (mask(token), describe(key)) or a safe property
        name = name_of(ctx, node)
        if name.isupper() and node.type != "method_invocation":
            return None  # a constant such as TOKEN_HEADER names the secret, it is not one
        excluded = words(name) & {
            "algo",
            "alg",
            "algorithm",
            "spec",
            "provider",
            "id",
            "type",
            "length",
            "count",
            "expiry",
            "expiration",
            "header",
            "name",
            "url",
            "hash",
        }
        if not excluded and secret_name_kind(name) in _KINDS:
            return name
        if node.type == "identifier":  # `String header = request.getHeader("Authorization")`, then logged
            bound = ctx.unwrap(ctx.binding(node))
            if bound is not None and bound.type == "method_invocation":
                return self._secret(bound, depth - 1)
        return None

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.method_name(node) not in _LOG_METHODS or not self._is_logger(node):
            return
        for argument in ctx.args(node):
            secret = self._secret(argument) or self._carrier(argument)
            if secret:
                # On the argument's line when a long call is wrapped, so the report points at what leaks.
                self.report(
                    argument if argument.start_point.row != node.start_point.row else node,
                    f"`{secret}` is written to the log.",
                )
                return

    def _carrier(self, node: Node | None) -> str | None:
        """A whole object that carries a credential: a login/credentials request parameter (its `toString`,
        a record's above all, prints the password) or a request's full header set (`Authorization`)."""
        ctx = self.ctx
        node = ctx.unwrap(node)
        if node is None:
            return None
        if node.type == "method_invocation" and ctx.method_name(node) in ("headers", "getHeaders", "getAllHeaders"):
            receiver = ctx.receiver(node)
            if receiver is not None and words(ctx.text(receiver)) & {"request", "req", "outgoing", "upstream"}:
                return ctx.text(node)
            return None
        if node.type != "identifier":
            return None
        name = ctx.text(node)
        for parameter in ctx.parameters(ctx.enclosing_method(node)):
            if ctx.parameter_name(parameter) != name:
                continue
            declared = ctx.last_name(ctx.text(parameter.child_by_field_name("type")))
            found = words(declared)
            if found & _CREDENTIAL_CARRIERS and found & {"request", "dto", "form", "command", "body", "payload"}:
                return f"{name} ({declared})"
        return None

    def visit_object_creation_expression(self, node: Node) -> None:
        """`throw new IllegalStateException("bad key " + apiKey)`: the message ends up in logs and responses."""
        ctx = self.ctx
        type_name = ctx.last_name(ctx.type_name(node))
        if not type_name.endswith(("Exception", "Error")):
            return
        message = ctx.arg(node, 0)
        if message is None or message.type != "binary_expression":
            return
        secret = self._secret(message)
        if secret and secret_name_kind(secret) in ("password", "token", "secret", "api_key", "credential"):
            self.report(node, f"`{secret}` is put into an exception message, which is logged and may be returned.")
