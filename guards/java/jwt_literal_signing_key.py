"""IDG505: a JWT or HMAC signing key written into the code."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.tree import Node

_KEY_CALLS = frozenset({"signWith", "setSigningKey", "verifyWith", "decryptWith", "hmacShaKeyFor"})
_ALGORITHM_FACTORIES = frozenset({"HMAC256", "HMAC384", "HMAC512"})
_KEY_TYPES = ("SecretKeySpec", "MACSigner", "MACVerifier", "HmacKey")


class JavaJwtLiteralSigningKey(JavaGuard):
    """
    ## What it does
    Finds signing and verification keys given as literals, directly or
    through constants: jjwt `signWith(..., "...")`, `setSigningKey("...")`,
    `verifyWith(...)`, `Keys.hmacShaKeyFor("...".getBytes())`, Auth0
    `Algorithm.HMAC256("...")`, `new SecretKeySpec("...".getBytes(), "HmacSHA256")`,
    Nimbus `new MACSigner("...")`/`new MACVerifier("...")`. Test sources are
    left alone.

    ## Why is this bad?
    A key in the source is in every clone, build log and fork. Whoever reads
    it can mint tokens for any user and role, and rotating it needs a
    release.

    ## Example
    ```java
    private final Key key = Keys.hmacShaKeyFor("change-me-please-change-me-please".getBytes());
    ```

    ## Use instead
    ```java
    private final Key key = Keys.hmacShaKeyFor(Decoders.BASE64.decode(System.getenv("JWT_SIGNING_KEY")));
    ```
    """

    id = "IDG505"
    name = "java-jwt-literal-signing-key"
    title = "JWT/HMAC signing key written in code"
    fix_hint = "Load the key at run time (environment, secret manager or key store) and fail fast when it is missing."
    triggers = (
        "signwith",
        "signingkey",
        "verifywith",
        "hmacshakeyfor",
        "hmac",
        "secretkeyspec",
        "macsigner",
        "macverifier",
    )
    meta = GuardMeta(
        cwe=["CWE-798", "CWE-321"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.AA-01"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["token", "secrets"],
    )
    VALID = [
        Valid(
            """
            SecretKey key = Keys.hmacShaKeyFor(Decoders.BASE64.decode(System.getenv("JWT_SIGNING_KEY")));
            """
        ),
        Valid(
            """
            String token = Jwts.builder().subject(id).signWith(privateKey, Jwts.SIG.RS256).compact();
            """
        ),
        Valid(
            """
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(webhookSecret.getBytes(UTF_8), "HmacSHA256"));
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            private static final String SECRET = "my-super-secret-signing-key-0123456789";
            Key key = Keys.hmacShaKeyFor(SECRET.getBytes(StandardCharsets.UTF_8));
            """,
            line=2,
        ),
        Invalid(
            """
            String token = Jwts.builder().setSubject(user)
                .signWith(SignatureAlgorithm.HS256, "s3cr3t-k3y")
                .compact();
            """,
            line=2,
        ),
        Invalid(
            """
            Algorithm algorithm = Algorithm.HMAC256("hmac-key-for-tokens");
            """,
            line=1,
        ),
        Invalid(
            """
            Claims c = Jwts.parser().setSigningKey("s3cr3t-k3y".getBytes()).parseClaimsJws(t).getBody();
            """,
            line=1,
        ),
    ]

    def _literal(self, arguments: list[Node]) -> str | None:
        for argument in arguments:
            value = self.ctx.secret_text(argument)
            if value:
                return value
        return None

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.is_test_file():
            return
        method = ctx.method_name(node)
        if method in _KEY_CALLS or (
            method in _ALGORITHM_FACTORIES and ctx.call_name(node).endswith("Algorithm." + method)
        ):
            arguments = ctx.args(node)
            if method == "signWith" or method == "setSigningKey":
                arguments = [a for a in arguments if not ctx.text(a).startswith(("SignatureAlgorithm.", "Jwts.SIG."))]
            if self._literal(arguments) is not None:
                self.report(node.child_by_field_name("name") or node, f"`{method}` is given a key written in the code.")

    def visit_object_creation_expression(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.is_test_file():
            return
        type_name = ctx.last_name(ctx.type_name(node))
        if type_name not in _KEY_TYPES:
            return
        arguments = ctx.args(node)
        if type_name == "SecretKeySpec":
            algorithm = (ctx.string_value(ctx.arg(node, len(arguments) - 1)) or "").lower()
            if not algorithm.startswith("hmac"):
                return
            arguments = arguments[:1]
        if self._literal(arguments) is not None:
            self.report(node, f"`new {type_name}` is given a key written in the code.")
