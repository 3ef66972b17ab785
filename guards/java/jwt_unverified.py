"""IDG504: a JWT read without verifying its signature (jjwt unsecured parse, Auth0 `JWT.decode`, Nimbus)."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.jwt import is_jjwt_parser_chain
from .support.tree import Node

_JJWT_UNSECURED = frozenset(
    {"parseClaimsJwt", "parseUnsecuredClaims", "parseUnsecuredContent", "parsePlaintextJwt", "parseContentJwt"}
)
_NIMBUS_PARSE = ("JWTParser.parse", "SignedJWT.parse", "PlainJWT.parse", "JWSObject.parse")


class JavaJwtUnverified(JavaGuard):
    """
    ## What it does
    Finds JWTs whose claims are read without a signature check: jjwt's
    `parseClaimsJwt`/`parseUnsecuredClaims`/`parsePlaintextJwt` and
    `Jwts.parser().unsecured()`, Auth0 `JWT.decode(token)` and Nimbus
    `JWTParser.parse(token)`/`SignedJWT.parse(token)` in a method that never
    verifies (`JWT.require(...).build().verify(...)`, `jwt.verify(verifier)`),
    `Algorithm.none()`, the algorithm taken from the token's own header
    (`JWT.decode(token).getAlgorithm()` choosing the verifier), and a token
    split on `.` whose payload is Base64-decoded by hand.

    ## Why is this bad?
    Anyone can write a JWT: without the signature check the subject, roles
    and expiry are whatever the caller typed, so an attacker becomes any
    user, or an administrator, by editing the payload.

    ## Example
    ```java
    Claims claims = Jwts.parser().build().parseUnsecuredClaims(token).getPayload();
    ```

    ## Use instead
    ```java
    Claims claims = Jwts.parser().verifyWith(key).build().parseSignedClaims(token).getPayload();
    ```
    """

    id = "IDG504"
    name = "java-jwt-unverified"
    title = "JWT claims read without signature verification"
    fix_hint = (
        "Verify before trusting claims: jjwt `Jwts.parser().verifyWith(key).build().parseSignedClaims(t)`, Auth0 "
        "`JWT.require(alg).build().verify(t)`, Nimbus `signedJwt.verify(verifier)`."
    )
    triggers = ("jwt", "token")
    meta = GuardMeta(
        cwe=["CWE-347", "CWE-345"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-03"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["token"],
    )
    VALID = [
        Valid(
            """
            Claims claims = Jwts.parser().verifyWith(key).build().parseSignedClaims(token).getPayload();
            """
        ),
        Valid(
            """
            DecodedJWT verify(String token) {
                String kid = JWT.decode(token).getKeyId();
                Algorithm alg = Algorithm.RSA256(keys.get(kid), null);
                return JWT.require(alg).withIssuer(ISSUER).build().verify(token);
            }
            """
        ),
        Valid(
            """
            JWTClaimsSet claims(String token) throws Exception {
                SignedJWT jwt = SignedJWT.parse(token);
                if (!jwt.verify(new RSASSAVerifier(publicKey))) throw new BadJOSEException("signature");
                return jwt.getJWTClaimsSet();
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            Claims claims = Jwts.parserBuilder().build()
                .parseClaimsJwt(token).getBody();
            """,
            line=2,
        ),
        Invalid(
            """
            String currentUser(String header) {
                DecodedJWT jwt = JWT.decode(header.substring(7));
                return jwt.getSubject();
            }
            """,
            line=2,
        ),
        Invalid(
            """
            JWTClaimsSet claims(String token) throws Exception {
                return JWTParser.parse(token).getJWTClaimsSet();
            }
            """,
            line=2,
        ),
        Invalid(
            """
            Map<String, Object> claims(String token) {
                String[] parts = token.split("\\\\.");
                String json = new String(Base64.getUrlDecoder().decode(parts[1]));
                return mapper.readValue(json, Map.class);
            }
            """,
            line=3,
        ),
        Invalid(
            """
            JWTVerifier verifier = JWT.require(Algorithm.none()).build();
            """,
            line=1,
        ),
        Invalid(
            """
            DecodedJWT verify(String token) {
                DecodedJWT unverified = JWT.decode(token);
                Algorithm algorithm = algorithms.get(unverified.getAlgorithm());
                return JWT.require(algorithm).build().verify(token);
            }
            """,
            line=3,
        ),
    ]

    def _verifies(self, node: Node) -> bool:
        ctx = self.ctx
        method = ctx.enclosing_method(node)
        scope = method if method is not None else ctx.tree.root
        for call in ctx.descendants(scope, ("method_invocation",)):
            name = ctx.method_name(call)
            if name in ("verify", "parseSignedClaims", "parseClaimsJws", "verifyWith", "process", "isValidSignature"):
                return True
            if name == "require" and ctx.call_name(call).endswith("JWT.require"):
                return True
        return False

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        method = ctx.method_name(node)
        where = node.child_by_field_name("name") or node
        if method in _JJWT_UNSECURED and is_jjwt_parser_chain(ctx, node):
            self.report(where, f"`{method}` accepts an unsigned token; its claims are not verified.")
        elif method in ("parse", "parseClaims") and is_jjwt_parser_chain(ctx, node) and not self._keyed(node):
            self.report(where, "The jjwt parser has no key, so it accepts an unsigned token.")
        elif method == "unsecured" and is_jjwt_parser_chain(ctx, node):
            self.report(where, "`Jwts.parser().unsecured()` accepts tokens with `alg: none`.")
        elif method == "none" and ctx.call_name(node).endswith("Algorithm.none"):
            self.report(where, "`Algorithm.none()` accepts tokens without a signature.")
        elif method == "decode":
            name = ctx.call_name(node)
            if (name == "com.auth0.jwt.JWT.decode" or name == "JWT.decode") and not self._verifies(node):
                self.report(where, "`JWT.decode` reads the claims without verifying the signature.")
            elif name.endswith(("getUrlDecoder().decode", "getDecoder().decode")) and self._payload_of_split(node):
                if not self._verifies(node) and not self._uses_mac(node):
                    self.report(where, "The token's payload is Base64-decoded by hand, without a signature check.")
        elif method == "getAlgorithm" and self._decoded(ctx.receiver(node)) and self._verifies(node):
            self.report(where, "The verification algorithm is read from the token's own header.")
        elif method == "parse" and ctx.call_name(node).endswith(_NIMBUS_PARSE) and not self._verifies(node):
            self.report(where, f"`{ctx.call_name(node).rsplit('.', 2)[-2]}.parse` does not verify the signature.")

    def _keyed(self, call: Node) -> bool:
        names = set(self.ctx.chain_methods(call))
        return bool(
            names
            & {
                "setSigningKey",
                "verifyWith",
                "setSigningKeyResolver",
                "keyLocator",
                "decryptWith",
                "setSigningKeyBytes",
            }
        ) or self.ctx.text(self.ctx.chain_root(call)) not in ("Jwts", "io.jsonwebtoken.Jwts")

    def _decoded(self, node: Node | None) -> bool:
        """An Auth0 `JWT.decode(token)` result (directly or through a local)."""
        resolved = self.ctx.resolve(node)
        return (
            resolved is not None
            and resolved.type == "method_invocation"
            and self.ctx.call_name(resolved) in ("com.auth0.jwt.JWT.decode", "JWT.decode")
        )

    def _payload_of_split(self, call: Node) -> bool:
        ctx = self.ctx
        argument = ctx.arg(call, 0)
        resolved = ctx.resolve(argument)
        if (
            resolved is None
            or resolved.type != "array_access"
            or ctx.number_value(resolved.child_by_field_name("index")) != 1
        ):
            return False
        array = ctx.resolve(resolved.child_by_field_name("array"))
        return array is not None and array.type == "method_invocation" and ctx.method_name(array) == "split"

    def _uses_mac(self, node: Node) -> bool:
        method = self.ctx.enclosing_method(node)
        text = self.ctx.text(method) if method is not None else ""
        return "Mac.getInstance" in text or "isEqual(" in text
