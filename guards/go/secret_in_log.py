"""IDG418: a token, password or key written to a log or an error message."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.judge import is_log_call, name_of, secret_name_kind
from .support.tree import Node

_KINDS = frozenset({"password", "secret", "token", "api_key", "key"})
_FIELD_CALLS = frozenset({"String", "Any", "ByteString", "Stringer", "Str", "Bytes", "Reflect"})
_SAFE_WRAPPERS = (
    "redact",
    "mask",
    "hash",
    "fingerprint",
    "last4",
    "prefix",
    "truncate",
    "len",
    "hint",
    "sha256",
    "digest",
)
_TOKEN_FIELDS = frozenset({"Raw", "Value", "AccessToken", "RefreshToken", "IDToken", "Token", "String"})


# zap fields that log through the value's own MarshalLogObject/String method: the type's redaction decides.
_OWN_MARSHALLER = frozenset({"Object", "Stringer", "Inline"})


def _at(call: Node, arg: Node) -> Node:
    """The argument when a wrapped call puts it on another line (the report points at what leaks)."""
    return arg if arg.start_point.row != call.start_point.row else call


class GoSecretInLog(GoGuard):
    """
    ## What it does
    Finds secrets written where they do not belong: arguments of `log.Printf`
    and friends, `slog` (`slog.Info("login", "token", tok)`,
    `slog.String("password", pw)`), zap (`zap.String("token", tok)`,
    sugared `Infow`), logrus `WithField("token", tok)`, `fmt.Println`, and
    `fmt.Errorf` messages that go back to a caller. A value is a secret by
    its name (`token`, `password`, `apiKey`, `r.Header.Get("Authorization")`,
    `tok.Raw`) or by the log key it is written under. Values passed through
    `redact(...)`, `mask(...)`, a hash or a length are fine, as are ids.

    ## Why is this bad?
    Logs are copied to aggregators, tickets and laptops and kept for years,
    readable by far more people than the secret was meant for; an error
    message may reach the client. A logged bearer token is a working
    session for whoever reads it.

    ## Example
    ```go
    log.Printf("refreshing session for %s with token %s", userID, refreshToken)
    ```

    ## Use instead
    ```go
    log.Printf("refreshing session for %s", userID)
    ```
    """

    id = "IDG418"
    name = "go-secret-in-log"
    title = "Secret written to a log"
    fix_hint = "Log an id or a fingerprint of the secret (`redact(tok)`), never the value itself."
    meta = GuardMeta(
        cwe=["CWE-532", "CWE-209"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="high",
        impact="medium",
        confidence="medium",
        categories=["token", "secrets"],
    )
    VALID = [
        Valid(
            """
            package upstream

            func (c *Client) Connected(endpoint string) {
                c.log.Info("connected", zap.String("endpoint", endpoint), zap.Object("token", c.token))
            }
            """
        ),
        Valid(
            """
            package auth

            func login(userID string, token string) {
                log.Printf("login ok for %s (token %s)", userID, redact(token))
            }
            """
        ),
        Valid(
            """
            package auth

            func issued(logger *zap.Logger, userID, tokenID string) {
                logger.Info("token issued", zap.String("user", userID), zap.String("token_id", tokenID))
            }
            """
        ),
        Valid(
            """
            package auth

            func fail(err error, password string) error {
                slog.Warn("login failed", "err", err, "password_len", len(password))
                return fmt.Errorf("login: %w", err)
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package oauth

            func (e *Exchanger) logged(tok *oauth2.Token) {
                e.log.Debug("token exchange ok",
                    zap.String("access_token", tok.AccessToken),
                    zap.Time("expiry", tok.Expiry),
                )
            }
            """,
            line=5,
        ),
        Invalid(
            """
            package auth

            func refresh(userID, refreshToken string) {
                log.Printf("refreshing %s with %s", userID, refreshToken)
            }
            """,
            line=4,
        ),
        Invalid(
            """
            package auth

            func (s *Service) Login(ctx context.Context, user, password string) error {
                s.logger.Debug("login attempt", zap.String("user", user), zap.String("password", password))
                return s.check(ctx, user, password)
            }
            """,
            line=4,
        ),
        Invalid(
            """
            package auth

            func middleware(r *http.Request) {
                slog.Info("request", "path", r.URL.Path, "authorization", r.Header.Get("Authorization"))
            }
            """,
            line=4,
        ),
        Invalid(
            """
            package auth

            func validate(apiKey string) error {
                if !known(apiKey) {
                    return fmt.Errorf("unknown api key %q", apiKey)
                }
                return nil
            }
            """,
            line=5,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        if name not in ("fmt.Errorf", "errors.New", "net/http.Error", "http.Error") and not is_log_call(self.ctx, node):
            return
        args = self.ctx.args(node)
        if name.endswith("http.Error"):
            args = args[1:2]  # the message sent to the client
        for index, arg in enumerate(args):
            if self._secret(arg):
                self.report(_at(node, arg), f"`{self.ctx.text(arg)[:60]}` is written to the log or an error message.")
                return
            key = self.ctx.string_value(arg, follow=False)
            if key is not None and index + 1 < len(args) and index > 0:
                value = args[index + 1]
                if secret_name_kind(key) in _KINDS and not self._harmless(value):
                    self.report(_at(node, value), f"A `{key}` value is written to the log.")
                    return
            if arg.type == "call_expression" and self.ctx.last_name(self.ctx.call_name(arg)) in _OWN_MARSHALLER:
                continue
            if arg.type == "call_expression" and self.ctx.last_name(self.ctx.call_name(arg)) in _FIELD_CALLS | {
                "WithField"
            }:
                field_args = self.ctx.args(arg)
                field_key = self.ctx.string_value(field_args[0]) if field_args else None
                if field_key and len(field_args) > 1 and secret_name_kind(field_key) in _KINDS:
                    if not self._harmless(field_args[1]):
                        self.report(_at(node, arg), f"A `{field_key}` value is written to the log.")
                        return

    def _harmless(self, node: Node) -> bool:
        """A literal, a masking helper's result, or a zap field that marshals through the value's own
        redacting method (`zap.Object`, `zap.Stringer`, `zap.Inline`)."""
        node = self.ctx.unwrap(node) or node
        if node.type in ("interpreted_string_literal", "raw_string_literal", "int_literal", "nil", "true", "false"):
            return True
        if node.type == "call_expression":
            callee = self.ctx.last_name(self.ctx.call_name(node)).lower()
            return any(word in callee for word in _SAFE_WRAPPERS)
        return False

    def _secret(self, original: Node) -> bool:
        node = self.ctx.unwrap(original) or original
        if node.type == "binary_expression" and self.ctx.text(node.child_by_field_name("operator")) == "+":
            return any(
                self._secret(side)
                for side in (node.child_by_field_name("left"), node.child_by_field_name("right"))
                if side
            )
        if self._harmless(node) or node.type in ("interpreted_string_literal", "raw_string_literal"):
            return False
        if node.type == "call_expression":
            last = self.ctx.last_name(self.ctx.call_name(node))
            if last in _FIELD_CALLS | {"WithField", "Sprintf", "Errorf"}:
                return False
            if last not in ("Get", "FormValue", "GetHeader", "Getenv", "string", "String"):
                return False
        name = name_of(self.ctx, node)
        kind = secret_name_kind(name)
        if kind in _KINDS:
            return kind != "key" or "signing" in name.lower() or "private" in name.lower()
        if node.type == "selector_expression" and name in _TOKEN_FIELDS:
            operand = name_of(self.ctx, node.child_by_field_name("operand"))
            return secret_name_kind(operand) in ("token",) or operand.lower() in ("tok", "token", "t")
        return False
