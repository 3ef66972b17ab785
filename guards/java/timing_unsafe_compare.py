"""IDG515: a signature, token or key compared with `equals` instead of a constant-time comparison."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.judge import name_of, secret_name_kind, words
from .support.tree import Node

_KINDS = frozenset({"signature", "token", "api_key", "secret", "password"})
_DIGEST_WORDS = frozenset({"hmac", "mac", "signature", "sig", "digest", "hash"})
_NOT_SECRET_WORDS = frozenset(
    {"id", "type", "name", "status", "header", "url", "uri", "count", "length", "format"}
    | {"hashcode", "algorithm", "kind", "prefix", "scope", "scopes", "issuer", "audience", "alg", "oid", "provider"}
    | {"scheme", "schemes", "ref", "str", "class", "mode", "version", "method", "key_id", "kid", "family", "label"}
)

# A side named for one of these makes the comparison lexical, whatever the other side is called.
_NEUTRAL_WORDS = frozenset(
    {"name", "type", "status", "alg", "algorithm", "oid", "provider", "scheme", "schemes", "ref", "kind", "mode"}
    | {"version", "method", "label", "family", "class", "format", "count", "length"}
)


class JavaTimingUnsafeCompare(JavaGuard):
    """
    ## What it does
    Finds secrets compared with an early-exit comparison: `equals`,
    `equalsIgnoreCase`, `contentEquals`, `Objects.equals` and `Arrays.equals`
    where one side is named for an HMAC, signature, digest, hash, token, API
    key or secret and neither side is a literal. `MessageDigest.isEqual` is
    the constant-time comparison and is not reported.

    ## Why is this bad?
    `equals` returns at the first differing character, so its running time
    tells an attacker how much of a guessed signature or key is right. Over
    many requests that is enough to forge a webhook signature or recover an
    API key byte by byte.

    ## Example
    ```java
    if (!expectedSignature.equals(request.getHeader("X-Signature"))) throw new ForbiddenException();
    ```

    ## Use instead
    ```java
    if (!MessageDigest.isEqual(expected.getBytes(UTF_8), given.getBytes(UTF_8))) throw new ForbiddenException();
    ```
    """

    id = "IDG515"
    name = "java-timing-unsafe-compare"
    title = "Secret compared in non-constant time"
    fix_hint = "Compare secrets with `MessageDigest.isEqual(a, b)` on their bytes (constant time)."
    triggers = ("equals", "==", "!=")
    meta = GuardMeta(
        cwe=["CWE-208"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-03"],
        likelihood="low",
        impact="medium",
        confidence="medium",
        categories=["token", "api_key"],
    )
    VALID = [
        Valid(
            """
            boolean valid = MessageDigest.isEqual(expectedSignature.getBytes(UTF_8), signature.getBytes(UTF_8));
            """
        ),
        Valid(
            """
            if (token.getStatus().equals(TokenStatus.ACTIVE) && token.getUserId().equals(userId)) { use(token); }
            """
        ),
        Valid(
            """
            if ("refresh".equals(tokenType)) { return refresh(); }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            String expectedSignature = hmacHex(secret, payload);
            if (!expectedSignature.equals(request.getHeader("X-Hub-Signature-256"))) { return false; }
            """,
            line=2,
        ),
        Invalid(
            """
            boolean ok = Arrays.equals(computedMac, providedMac);
            """,
            line=1,
        ),
        Invalid(
            """
            ApiClient find(String presentedKey) {
                return clients.stream().filter(c -> c.getApiKey().equals(presentedKey)).findFirst().orElse(null);
            }
            """,
            line=2,
        ),
    ]

    def _constant(self, node: Node | None) -> bool:
        """An UPPER_CASE constant (`TIMESTAMP_TOKEN_INFO_OID`, `Role.ADMIN`): not a runtime secret."""
        node = self.ctx.unwrap(node)
        if node is None or node.type not in ("identifier", "field_access"):
            return False
        last = self.ctx.text(node).rsplit(".", 1)[-1]
        return last.isupper() and len(last) > 1

    def _neutral(self, node: Node | None) -> bool:
        """Named for something that is no secret (`refName`, `hashAlg`, `sigProvider`): the compare is lexical."""
        return bool(words(name_of(self.ctx, node)) & _NEUTRAL_WORDS)

    def _secret(self, node: Node | None) -> str | None:
        ctx = self.ctx
        if node is None or ctx.string_value(node) is not None or self._constant(node):
            return None
        if node.type == "method_invocation" and ctx.method_name(node) in (
            "doFinal",
            "digest",
            "sign",
            "hmac",
            "calculateHmac",
        ):
            return ctx.method_name(node)
        name = name_of(ctx, node)
        found = words(name)
        if not name or found & _NOT_SECRET_WORDS or name == "hashCode":
            return None
        if secret_name_kind(name) in _KINDS or found & _DIGEST_WORDS:
            return name
        if node.type == "identifier":  # `String computed = hmac(body)`: named by what computed it
            bound = ctx.unwrap(ctx.binding(node))
            if bound is not None and bound.type == "method_invocation":
                computed = words(ctx.method_name(bound))
                if computed & (_DIGEST_WORDS | {"sign", "hmacsha256"}) and not computed & _NOT_SECRET_WORDS:
                    return name
        return None

    def _literal_or_null(self, node: Node | None) -> bool:
        ctx = self.ctx
        resolved = ctx.resolve(node)
        return (
            resolved is None
            or resolved.type in ("null_literal", "true", "false")
            or ctx.string_value(resolved) is not None
        )

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        method = ctx.method_name(node)
        if method not in ("equals", "equalsIgnoreCase", "contentEquals"):
            return
        function = ctx.enclosing_method(node)
        if function is not None and ctx.function_name(function) in ("equals", "hashCode"):
            return
        name = ctx.call_name(node)
        left: Node | None
        right: Node | None
        if name.endswith(("Arrays.equals", "Objects.equals")) and len(ctx.args(node)) == 2:
            left, right = ctx.args(node)
        else:
            left, right = ctx.receiver(node), ctx.arg(node, 0)
            if left is None:
                return
        if self._literal_or_null(left) or self._literal_or_null(right):
            return
        if self._constant(left) or self._constant(right) or self._neutral(left) or self._neutral(right):
            return
        if secret_name_kind(name_of(ctx, left)) == "password" and secret_name_kind(name_of(ctx, right)) == "password":
            return  # two passwords the user typed (`password.equals(confirmPassword)`)
        secret = self._secret(left) or self._secret(right)
        if secret:
            self.report(
                node.child_by_field_name("name") or node,
                f"`{secret}` is compared with `{method}`, which leaks through timing how much matches.",
            )

    def visit_binary_expression(self, node: Node) -> None:
        """`if (token == storedToken)`: reference equality on secrets (and no constant-time comparison)."""
        ctx = self.ctx
        if ctx.operator(node) not in ("==", "!="):
            return
        left, right = node.child_by_field_name("left"), node.child_by_field_name("right")
        if self._literal_or_null(left) or self._literal_or_null(right) or self._constant(left) or self._constant(right):
            return
        if self._neutral(left) or self._neutral(right):
            return
        kinds = {"token", "api_key", "secret", "signature"}
        named = [name_of(ctx, side) for side in (left, right)]
        if not all(secret_name_kind(n) in kinds and not words(n) & {"hash", "code", "id"} for n in named):
            return  # `e.hash == hash`: integers; reference equality is only a secret compare on named secrets
        secret = named[0]
        if secret:
            self.report(node, f"`{secret}` is compared with `{ctx.operator(node)}`, not in constant time.")
