"""IDG403: the unsigned `none` JWT algorithm allowed, or the algorithm taken from the token itself."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.judge import jwt_alias
from .support.tree import Node


class GoJwtNoneAlgorithm(GoGuard):
    """
    ## What it does
    Finds golang-jwt code that lets unsigned tokens through or lets the token
    pick its algorithm: `jwt.UnsafeAllowNoneSignatureType` returned as a key,
    tokens made with `jwt.SigningMethodNone`, `"none"` in
    `jwt.WithValidMethods`, and `jwt.GetSigningMethod(t.Header["alg"]...)`
    (the verifier uses whatever algorithm the token names). Import aliases
    (`jwtlib`) are followed.

    ## Why is this bad?
    A token with `alg: none` carries no signature: a verifier that accepts
    it trusts whatever subject and roles the caller wrote, and a signer that
    emits it makes tokens anyone can forge. Taking the algorithm from the
    token's header hands the same choice to the attacker.

    ## Example
    ```go
    return jwt.UnsafeAllowNoneSignatureType, nil
    ```

    ## Use instead
    ```go
    tok, err := jwt.Parse(raw, keyfunc, jwt.WithValidMethods([]string{"RS256"}))
    ```
    """

    id = "IDG403"
    name = "go-jwt-none-algorithm"
    title = "JWT `none` algorithm allowed"
    fix_hint = 'Sign with a real algorithm and pin it on verify: `jwt.WithValidMethods([]string{"RS256"})`.'
    triggers = ("none", "getsigningmethod")
    meta = GuardMeta(
        cwe=["CWE-327", "CWE-347"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["token"],
        urls=["https://datatracker.ietf.org/doc/html/rfc8725#section-3.1"],
        see_also=["RFC 8725 section 3.1"],
    )
    VALID = [
        Valid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            func sign(c jwt.Claims) (string, error) {
                return jwt.NewWithClaims(jwt.SigningMethodRS256, c).SignedString(privateKey)
            }
            """
        ),
        Valid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            var opts = []jwt.ParserOption{jwt.WithValidMethods([]string{"RS256", "ES256"})}
            """
        ),
        Valid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            func method() jwt.SigningMethod {
                return jwt.GetSigningMethod(cfg.Algorithm)
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            func keyfunc(t *jwt.Token) (interface{}, error) {
                return jwt.UnsafeAllowNoneSignatureType, nil
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package auth

            import jwtlib "github.com/golang-jwt/jwt/v5"

            func devToken(sub string) (string, error) {
                t := jwtlib.NewWithClaims(jwtlib.SigningMethodNone, jwtlib.MapClaims{"sub": sub})
                return t.SignedString(jwtlib.UnsafeAllowNoneSignatureType)
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            var parser = jwt.NewParser(jwt.WithValidMethods([]string{"HS256", "none"}))
            """,
            line=5,
        ),
        Invalid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            func keyfunc(t *jwt.Token) (any, error) {
                m := jwt.GetSigningMethod(t.Header["alg"].(string))
                return keys[m.Alg()], nil
            }
            """,
            line=6,
        ),
    ]

    def visit_selector_expression(self, node: Node) -> None:
        operand = node.child_by_field_name("operand")
        field = self.ctx.text(node.child_by_field_name("field"))
        if field not in ("UnsafeAllowNoneSignatureType", "SigningMethodNone"):
            return
        if operand is None or self.ctx.text(operand) not in jwt_alias(self.ctx):
            return
        if field == "UnsafeAllowNoneSignatureType":
            self.report(
                node, "`UnsafeAllowNoneSignatureType` accepts (or mints) tokens with `alg: none`: no signature."
            )
        else:
            self.report(node, "`SigningMethodNone` makes unsigned tokens anyone can forge.")

    def visit_call_expression(self, node: Node) -> None:
        last = self.ctx.last_name(self.ctx.call_name(node))
        if last == "WithValidMethods":
            items = self.ctx.string_items(self.ctx.arg(node, 0)) or []
            if any((item or "").lower() == "none" for item in items):
                self.report(node, "`none` is among the accepted JWT algorithms, so unsigned tokens verify.")
        elif last == "GetSigningMethod":
            argument = self.ctx.text(self.ctx.arg(node, 0))
            if 'Header["alg"]' in argument.replace(" ", ""):
                self.report(node, "The signing method is read from the token's own header: the token picks it.")
