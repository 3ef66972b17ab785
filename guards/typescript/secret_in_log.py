"""IDG317: tokens, passwords and keys written to logs or error messages."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from ..python.support.words import identifier_words
from .support.guard import ScriptGuard
from .support.judge import function_words, name_of, secret_name_kind
from .support.tree import Node

_LOG_METHODS = frozenset({"log", "info", "warn", "error", "debug", "trace", "fatal", "verbose", "silly", "notice"})
_LOGGERS = frozenset({"console", "logger", "log", "winston", "pino", "bunyan", "signale", "debug", "consola"})
_ANALYTICS = frozenset({"track", "capture", "identify", "setExtra", "setContext", "addBreadcrumb"})
_SAFE_WORDS = frozenset(
    {"masked", "redacted", "hashed", "fingerprint", "length", "prefix", "id", "type", "last", "suffix"}
)
_BUILTIN_ERRORS = frozenset(
    {"Error", "TypeError", "RangeError", "SyntaxError", "ReferenceError", "EvalError", "URIError", "AggregateError"}
)
_LOGIN_WORDS = frozenset({"login", "signin", "signup", "register", "password", "reset", "token", "auth", "oauth"})


class TsSecretInLog(ScriptGuard):
    """
    ## What it does
    Finds secret values passed to logs: `console.log/info/warn/error/debug`,
    loggers (`logger.info`, `this.logger.log`, pino, winston, `req.log`),
    analytics and error-tracking calls (`analytics.track`, `Sentry.setExtra`),
    and error messages (`throw new Error(\\`bad token ${token}\\`)`): variables
    and properties named like tokens, passwords, secrets, API keys and
    one-time codes (also inside template strings, concatenations and object
    literals), the `Authorization` header and `req.headers` as a whole, and
    the whole request body inside a login, sign-up, password or token
    handler. Logging an id, a length, a prefix or a masked value is fine; a
    secret logged at debug level is reported as medium.

    ## Why is this bad?
    Logs are copied to log stores, SIEMs, support tickets and vendors, kept
    for years and read by many people. A token or password in them is a
    credential handed to all of them.

    ## Example
    ```ts
    console.log(`issued token ${token} for ${user.id}`);
    ```

    ## Use instead
    ```ts
    logger.info({ userId: user.id, tokenId: claims.jti }, "issued token");
    ```
    """

    id = "IDG317"
    name = "ts-secret-in-log"
    title = "Secret written to a log"
    meta = GuardMeta(
        cwe=["CWE-532", "CWE-209"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01", "DE.CM-09"],
        likelihood="high",
        impact="medium",
        confidence="medium",
        categories=["secrets"],
    )
    VALID = [
        Valid(
            """
            logger.info({ userId: user.id, tokenId: claims.jti }, "issued token");
            """
        ),
        Valid(
            """
            console.log("token length", token.length);
            """
        ),
        Valid(
            """
            console.error("login failed for", email);
            """
        ),
        Valid(
            """
            console.log(`masked: ${maskedToken}`);
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            console.log(`issued token ${token} for ${user.id}`);
            """,
            line=1,
        ),
        Invalid(
            """
            logger.info({ password: req.body.password }, "login attempt");
            """,
            line=1,
        ),
        Invalid(
            """
            console.log("auth header", req.headers.authorization);
            """,
            line=1,
        ),
        Invalid(
            """
            throw new Error(`invalid api key ${apiKey}`);
            """,
            line=1,
        ),
        Invalid(
            """
            this.logger.debug("refresh " + refreshToken);
            """,
            line=1,
        ),
        Invalid(
            """
            app.post("/login", (req, res) => {
              console.log("login body", req.body);
            });
            """,
            line=2,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        parts = name.split(".")
        last = parts[-1]
        if last in _LOG_METHODS and len(parts) >= 2 and set(identifier_words(".".join(parts[:-1]))) & _LOGGERS:
            severity = Severity.medium if last in ("debug", "trace", "verbose", "silly") else None
        elif last in _ANALYTICS and len(parts) >= 2:
            severity = None
        else:
            return
        self._judge(node, self.ctx.args(node), severity)

    def visit_new_expression(self, node: Node) -> None:
        if node.parent is None or node.parent.type != "throw_statement":
            return
        name = self.ctx.last_name(self.ctx.call_name(node))
        if not name.endswith(("Error", "Exception")):
            return
        first = self.ctx.unwrap(self.ctx.arg(node, 0))
        if name not in _BUILTIN_ERRORS and first is not None and first.type == "object":
            # `throw new RPError({ message, jwt })`: the value rides on the error object; it reaches a log only
            # if someone prints the whole error, so it is reported as low (as for Python's custom exceptions).
            message = (self.ctx.object_entries(first) or {}).get("message")
            self._judge(node, [message] if message is not None else [], None)
            self._judge(node, [first], Severity.low)
            return
        self._judge(node, self.ctx.args(node)[:1], None)

    def _judge(self, node: Node, args: list[Node], severity: Severity | None) -> None:
        for arg in args:
            found = self._leaked(node, arg)
            if found:
                leaked, where = found
                self.report(
                    where,
                    f"`{leaked}` is written to a log or error message.",
                    fix="Log an id or a fingerprint instead of the secret (`tokenId`, `sha256(token).slice(0, 8)`).",
                    severity=severity,
                )
                return

    def _masked(self, part: Node, arg: Node) -> bool:
        """Inside `mask(token)`, `hash(token)`, `fingerprint(...)`: what is logged is not the secret."""
        current = part.parent
        while current is not None and current != arg.parent:
            if current.type == "call_expression":
                words = set(identifier_words(self.ctx.text(current.child_by_field_name("function"))))
                if words & (
                    _SAFE_WORDS | {"mask", "redact", "hash", "digest", "fingerprint", "truncate", "slice", "substring"}
                ):
                    return True
            current = current.parent
        return False

    @staticmethod
    def _condition(part: Node) -> bool:
        """`secret ? "symmetric key..." : "..."`, `!token`, `typeof token`: the value chooses the text, is not in it."""
        parent = part.parent
        if parent is None:
            return False
        if parent.type == "ternary_expression" and parent.child_by_field_name("condition") == part:
            return True
        return parent.type == "unary_expression"

    def _redacting_logger(self) -> bool:
        """pino / winston configured to redact the authorization header and credentials."""
        text = self.ctx.text(self.ctx.tree.root)
        return bool(re.search(r"redact\s*:", text)) and "authorization" in text.lower()

    def _leaked(self, call: Node, arg: Node) -> tuple[str, Node] | None:
        candidates = self.ctx.descendants(
            arg, ("identifier", "member_expression", "subscript_expression", "shorthand_property_identifier", "pair")
        )
        for part in candidates:
            if part.type == "pair":
                key = self.ctx._key_text(part.child_by_field_name("key"))
                value = part.child_by_field_name("value")
                if self._secret(key) and value is not None and value.type not in ("string", "number", "true", "false"):
                    if not set(identifier_words(self.ctx.text(value))) & _SAFE_WORDS and not self._masked(value, arg):
                        return key, part
                continue
            if (
                part.parent is not None
                and part.parent.type == "member_expression"
                and part.parent.child_by_field_name("object") == part
            ):
                continue  # `token.length`: judged as a whole below
            if (
                part.parent is not None
                and part.parent.type == "pair"
                and part.parent.child_by_field_name("key") == part
            ):
                continue
            if self._masked(part, arg) or self._condition(part):
                continue
            text = self.ctx.text(part).replace("?.", ".")
            lowered = text.lower()
            where = part.parent if part.parent is not None and part.parent.type == "pair" else call
            if lowered.endswith(
                ("headers.authorization", 'headers["authorization"]', "headers['authorization']")
            ) or lowered in (
                "req.headers",
                "request.headers",
            ):
                if self._redacting_logger():
                    continue
                return text, where
            if (
                lowered in ("req.body", "request.body", "ctx.request.body")
                and function_words(self.ctx, call) & _LOGIN_WORDS
            ):
                return text, where
            name = name_of(self.ctx, part)
            if part.type == "member_expression" and set(identifier_words(name)) & _SAFE_WORDS:
                continue
            if self._secret(name):
                return text, where
        return None

    @staticmethod
    def _secret(name: str) -> bool:
        words = set(identifier_words(name))
        if words & _SAFE_WORDS:
            return False
        return secret_name_kind(name) in ("password", "token", "secret", "api_key", "key", "credential", "code")
