"""IDG416: a signature, token or API key compared with `==` or `bytes.Equal` instead of in constant time."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.judge import name_of, secret_name_kind, words
from .support.tree import Node

_MAC_WORDS = frozenset({"mac", "hmac", "signature", "sig", "digest"})
_SECRET_KINDS = frozenset({"token", "api_key", "secret", "signature", "password", "key", "code"})
_EQUALS = frozenset({"bytes.Equal", "reflect.DeepEqual", "strings.EqualFold", "strings.Compare", "slices.Equal"})


class GoTimingUnsafeSecretComparison(GoGuard):
    """
    ## What it does
    Finds secrets compared in variable time: `==` / `!=` between two runtime
    values when one names an HMAC or webhook signature, a token, an API key,
    a password (hash) or an OTP (`sig != expected`, `r.Header.Get("X-API-Key")
    != s.apiKey`, `token == stored.Token`), and `bytes.Equal`,
    `strings.EqualFold` or `reflect.DeepEqual` over such values; a value is a
    MAC also when it is computed by `mac.Sum(...)` or a `...Signature(...)`
    helper. Comparisons with literals, `nil`, `""` and of lengths are fine
    (literals are IDG406's), as are `hmac.Equal` and
    `subtle.ConstantTimeCompare`.

    ## Why is this bad?
    `==` stops at the first differing byte. Timing many requests tells an
    attacker how many leading bytes of a guess are right, so a signature or
    key can be recovered byte by byte.

    ## Example
    ```go
    if r.Header.Get("X-Signature") != hex.EncodeToString(mac.Sum(nil)) { return errBadSignature }
    ```

    ## Use instead
    ```go
    if !hmac.Equal([]byte(r.Header.Get("X-Signature")), []byte(hex.EncodeToString(mac.Sum(nil)))) { return errBadSignature }
    ```
    """

    id = "IDG416"
    name = "go-timing-unsafe-secret-comparison"
    title = "Secret compared in variable time"
    fix_hint = "Compare secrets with `hmac.Equal` or `subtle.ConstantTimeCompare(a, b) == 1`."
    meta = GuardMeta(
        cwe=["CWE-208"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-03"],
        likelihood="low",
        impact="high",
        confidence="medium",
        categories=["token", "api_key"],
    )
    VALID = [
        Valid(
            """
            package webhook

            func valid(body []byte, sig string) bool {
                mac := hmac.New(sha256.New, secret)
                mac.Write(body)
                return hmac.Equal([]byte(sig), []byte(hex.EncodeToString(mac.Sum(nil))))
            }
            """
        ),
        Valid(
            """
            package auth

            func check(apiKey string) bool {
                return apiKey != "" && subtle.ConstantTimeCompare([]byte(apiKey), []byte(expectedKey)) == 1
            }
            """
        ),
        Valid(
            """
            package auth

            func owner(claims *Claims, userID string) bool { return claims.Subject == userID }
            """
        ),
        Valid(
            """
            package auth

            func (t *Token) Kind(other string) bool { return t.TokenType == other }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package webhook

            func valid(r *http.Request, body []byte) bool {
                mac := hmac.New(sha256.New, secret)
                mac.Write(body)
                expected := hex.EncodeToString(mac.Sum(nil))
                return r.Header.Get("X-Hub-Signature-256") == "sha256="+expected
            }
            """,
            line=7,
        ),
        Invalid(
            """
            package auth

            func (m *Middleware) ok(r *http.Request) bool {
                return r.Header.Get("X-API-Key") == m.apiKey
            }
            """,
            line=4,
        ),
        Invalid(
            """
            package auth

            func verify(sig, want []byte) bool {
                return bytes.Equal(sig, want)
            }
            """,
            line=4,
        ),
        Invalid(
            """
            package auth

            func (s *Store) Redeem(ctx context.Context, id, token string) error {
                rec, err := s.get(ctx, id)
                if err != nil {
                    return err
                }
                if rec.Token != token {
                    return errInvalid
                }
                return s.consume(ctx, id)
            }
            """,
            line=8,
        ),
    ]

    def visit_binary_expression(self, node: Node) -> None:
        if self.ctx.text(node.child_by_field_name("operator")) not in ("==", "!="):
            return
        self._compare(node, node.child_by_field_name("left"), node.child_by_field_name("right"))

    def visit_call_expression(self, node: Node) -> None:
        if self.ctx.call_name(node) not in _EQUALS:
            return
        args = self.ctx.args(node)
        if len(args) == 2:
            self._compare(node, args[0], args[1])

    def _compare(self, node: Node, left: Node | None, right: Node | None) -> None:
        if left is None or right is None:
            return
        for side in (left, right):
            if self._constant(side):
                return
        kinds = [self._kind(left), self._kind(right)]
        kind = next((k for k in kinds if k is not None), None)
        if kind is None:
            return
        label = {"api_key": "API key", "signature": "signature", "code": "one-time code"}.get(kind, kind)
        self.report(node, f"A {label} is compared with `==`/`bytes.Equal`, which leaks how much of a guess is right.")

    def _constant(self, original: Node) -> bool:
        node = self.ctx.unwrap(original)
        if node is None:
            return True
        if node.type in ("nil", "true", "false", "int_literal", "interpreted_string_literal", "raw_string_literal"):
            return True
        if node.type == "identifier" and self.ctx.string_value(node) is not None:
            return True
        if node.type == "call_expression" and self.ctx.call_name(node) in ("len", "cap"):
            return True
        return False

    def _kind(self, original: Node | None) -> str | None:
        node = self.ctx.unwrap(original)
        if node is None:
            return None
        if node.type == "binary_expression" and self.ctx.text(node.child_by_field_name("operator")) == "+":
            return self._kind(node.child_by_field_name("left")) or self._kind(node.child_by_field_name("right"))
        name = name_of(self.ctx, node)
        name_words = words(name)
        if name_words & _MAC_WORDS or name_words & {"hash"} and name_words & {"password", "pw", "key", "token"}:
            return "signature" if name_words & _MAC_WORDS else "password"
        kind = secret_name_kind(name)
        if kind in _SECRET_KINDS:
            if kind == "key" or kind == "code" and not name_words & {"otp", "totp", "verification", "mfa", "reset"}:
                return None if kind == "code" else kind
            return kind
        resolved = self.ctx.resolve(node) if node.type == "identifier" else None
        if resolved is not None and resolved != node:
            text = self.ctx.text(resolved)[:200]
            if "mac.Sum" in text or words(text.replace(".", "_").replace("(", "_")) & {"hmac", "signature", "sign"}:
                return "signature"
        return None
