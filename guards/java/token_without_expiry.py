"""IDG507: a token built without an expiry (jjwt, Auth0 java-jwt, Nimbus)."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.jwt import EXPIRY_METHODS, token_builder
from .support.tree import Node
from .support.units import unit_text

_FINISH = {"jjwt": "compact", "auth0": "sign", "nimbus": "build"}


class JavaTokenWithoutExpiry(JavaGuard):
    """
    ## What it does
    Finds tokens minted without an expiry: a `Jwts.builder()` chain that ends
    in `compact()` with no `setExpiration`/`expiration`, an Auth0
    `JWT.create()` chain signed with no `withExpiresAt`, a Nimbus
    `new JWTClaimsSet.Builder()` built with no `expirationTime`. A method that
    sets the expiry elsewhere (`builder.setExpiration(...)` on its own line,
    an `exp` claim in the claims map) is not reported.

    ## Why is this bad?
    A token without `exp` is valid forever: a leaked or stolen one, or the
    token of a user who was removed, keeps working until the signing key is
    rotated for everyone.

    ## Example
    ```java
    return Jwts.builder().subject(user.getId()).signWith(key).compact();
    ```

    ## Use instead
    ```java
    return Jwts.builder().subject(user.getId()).expiration(Date.from(now.plus(15, ChronoUnit.MINUTES))).signWith(key).compact();
    ```
    """

    id = "IDG507"
    name = "java-token-without-expiry"
    title = "Token minted without an expiry"
    fix_hint = "Set an expiry of minutes to hours: `.expiration(...)` (jjwt), `.withExpiresAt(...)` (Auth0), `.expirationTime(...)` (Nimbus)."
    triggers = ("jwts", "jwt.create", "jwtclaimsset")
    meta = GuardMeta(
        cwe=["CWE-613"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="medium",
        confidence="high",
        categories=["token"],
    )
    VALID = [
        Valid(
            """
            String token = Jwts.builder().subject(id).expiration(new Date(System.currentTimeMillis() + 900_000)).signWith(key).compact();
            """
        ),
        Valid(
            """
            String token = JWT.create().withSubject(id).withExpiresAt(Instant.now().plusSeconds(600)).sign(algorithm);
            """
        ),
        Valid(
            """
            String issue(String id) {
                JwtBuilder builder = Jwts.builder().setSubject(id);
                builder.setExpiration(Date.from(Instant.now().plus(Duration.ofMinutes(15))));
                return builder.signWith(key).compact();
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            String token = Jwts.builder()
                .setSubject(user.getUsername())
                .signWith(key)
                .compact();
            """,
            line=1,
        ),
        Invalid(
            """
            String token = JWT.create().withSubject(id).withClaim("role", role).sign(Algorithm.HMAC256(secret));
            """,
            line=1,
        ),
        Invalid(
            """
            JWTClaimsSet claims = new JWTClaimsSet.Builder().subject(id).issuer(ISSUER).build();
            """,
            line=1,
        ),
    ]

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        library = token_builder(ctx, node) if ctx.method_name(node) in ("compact", "sign", "build") else None
        if library is None or ctx.method_name(node) != _FINISH[library]:
            return
        chain = ctx.chain(node)
        if chain[-1] != node:
            return
        if any(ctx.method_name(c) in EXPIRY_METHODS for c in chain):
            return
        method = ctx.enclosing_method(node)
        text = unit_text(ctx, method) if method is not None else ctx.text(ctx.tree.root)
        if any(f".{m}(" in text for m in EXPIRY_METHODS) or '"exp"' in text or "Claims.EXPIRATION" in text:
            return
        if library == "nimbus":
            head = chain[0]
            root = ctx.receiver(head)
            report_at = root if root is not None else head
        else:
            report_at = node
            root = ctx.receiver(chain[0])
            bound = ctx.resolve(root) if root is not None and root.type == "identifier" else None
            if bound is not None and bound is not root and bound.type == "method_invocation":
                report_at = bound  # the builder is made on an earlier line: report where the token starts
        self.report(report_at, "The token is minted without an expiry: it stays valid until the key changes.")
