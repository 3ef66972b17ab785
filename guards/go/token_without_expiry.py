"""IDG407: a JWT minted without an expiry, or a verifier that skips the expiry check."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.context import Composite
from .support.guard import GoGuard
from .support.judge import jwt_member
from .support.tree import Node


class GoTokenWithoutExpiry(GoGuard):
    """
    ## What it does
    Finds golang-jwt tokens minted without an expiry: `jwt.NewWithClaims`
    (or `jwt.New` with claims set later) whose claims are a `jwt.MapClaims{...}`
    without `"exp"` (and no `claims["exp"] = ...` afterwards), a
    `jwt.RegisteredClaims{...}` without `ExpiresAt`, or a claims struct of
    the file embedding `jwt.RegisteredClaims` that never sets `ExpiresAt`;
    also through a variable or a same-file helper that builds the claims.
    Verifiers that switch the check off are found too:
    `jwt.WithoutClaimsValidation()` and go-oidc `SkipExpiryCheck: true`.

    ## Why is this bad?
    A token without `exp` is valid forever: a leaked one (logs, browser
    storage, a former employee's laptop) keeps working until the signing key
    is rotated, which logs out every user.

    ## Example
    ```go
    t := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": u.ID, "role": u.Role})
    ```

    ## Use instead
    ```go
    t := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{"sub": u.ID, "exp": time.Now().Add(15 * time.Minute).Unix()})
    ```
    """

    id = "IDG407"
    name = "go-token-without-expiry"
    title = "Token minted without an expiry"
    fix_hint = (
        "Set an expiry (`exp` / `ExpiresAt: jwt.NewNumericDate(time.Now().Add(15 * time.Minute))`) and keep it checked."
    )
    triggers = ("jwt", "skipexpirycheck")
    meta = GuardMeta(
        cwe=["CWE-613"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["token"],
    )
    VALID = [
        Valid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            func issue(id string) (string, error) {
                claims := jwt.MapClaims{"sub": id, "exp": time.Now().Add(15 * time.Minute).Unix()}
                return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
            }
            """
        ),
        Valid(
            """
            package auth

            import jwtlib "github.com/golang-jwt/jwt/v5"

            type Claims struct {
                Role string `json:"role"`
                jwtlib.RegisteredClaims
            }

            func issue(id, role string) (string, error) {
                c := Claims{Role: role, RegisteredClaims: jwtlib.RegisteredClaims{
                    Subject:   id,
                    ExpiresAt: jwtlib.NewNumericDate(time.Now().Add(time.Hour)),
                }}
                return jwtlib.NewWithClaims(jwtlib.SigningMethodRS256, c).SignedString(priv)
            }
            """
        ),
        Valid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            func issue(id string) (string, error) {
                claims := jwt.MapClaims{"sub": id}
                claims["exp"] = time.Now().Add(ttl).Unix()
                return jwt.NewWithClaims(jwt.SigningMethodHS256, claims).SignedString(key)
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            func issue(id, role string) (string, error) {
                token := jwt.NewWithClaims(jwt.SigningMethodHS256, jwt.MapClaims{
                    "sub":  id,
                    "role": role,
                })
                return token.SignedString(key)
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package auth

            import jwtlib "github.com/golang-jwt/jwt/v5"

            func buildClaims(id string) jwtlib.RegisteredClaims {
                return jwtlib.RegisteredClaims{Subject: id, IssuedAt: jwtlib.NewNumericDate(time.Now())}
            }

            func (s *Service) Issue(id string) (string, error) {
                return jwtlib.NewWithClaims(jwtlib.SigningMethodES256, buildClaims(id)).SignedString(s.key)
            }
            """,
            line=10,
        ),
        Invalid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            var parser = jwt.NewParser(jwt.WithValidMethods([]string{"RS256"}), jwt.WithoutClaimsValidation())
            """,
            line=5,
        ),
        Invalid(
            """
            package auth

            import "github.com/coreos/go-oidc/v3/oidc"

            var cfg = &oidc.Config{ClientID: clientID, SkipExpiryCheck: true}
            """,
            line=5,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        member = jwt_member(self.ctx, node)
        if member == "WithoutClaimsValidation":
            self.report(node, "`jwt.WithoutClaimsValidation()` turns off the expiry check: expired tokens verify.")
            return
        if member == "New":
            function = self.ctx.enclosing_function(node)
            text = self.ctx.text(function) if function is not None else ""
            if function is not None and not any(m in text for m in ('"exp"', "ExpiresAt", "Expires", "WithClaims")):
                self.report(node, "The token is minted without an expiry (`exp`): it stays valid forever.")
            return
        if member != "NewWithClaims":
            return
        claims = self.ctx.composite(self.ctx.arg(node, 1))
        if claims is None:
            return
        if not self._has_expiry(claims):
            self.report(node, "The token is minted without an expiry (`exp`): it stays valid forever.")

    def visit_keyed_element(self, node: Node) -> None:
        field = self.ctx.keyed_field(node)
        if field is not None and field[0] == "SkipExpiryCheck" and self.ctx.bool_value(field[1]) is True:
            self.report(node, "`SkipExpiryCheck: true` accepts expired ID tokens.")
        elif field is not None and field[0] == "SkipClaimsValidation" and self.ctx.bool_value(field[1]) is True:
            self.report(node, "`SkipClaimsValidation: true` turns off the expiry check: expired tokens verify.")

    def _has_expiry(self, claims: Composite, depth: int = 3) -> bool:
        type_name = self.ctx.last_name(claims.type_name)
        if type_name == "MapClaims" or claims.type_name.startswith("map["):
            if "exp" in claims.fields or any(self.ctx.text(e) for e in claims.elements):
                return True
            return self._exp_set_later(claims)
        if type_name in ("RegisteredClaims", "StandardClaims"):
            return bool({"ExpiresAt", "exp"} & claims.fields.keys()) or self._exp_set_later(claims)
        if "ExpiresAt" in claims.fields or self._exp_set_later(claims):
            return True
        for key in ("RegisteredClaims", "StandardClaims"):
            if key in claims.fields and depth > 0:
                inner = self.ctx.composite(claims.fields[key])
                return inner is None or self._has_expiry(inner, depth - 1)
        if claims.elements:
            return True  # positional fields: idguard cannot tell which is the expiry
        return not self._embeds_registered(type_name)

    def _exp_set_later(self, claims: Composite) -> bool:
        if claims.variable is None:
            return False
        function = self.ctx.enclosing_function(claims.node)
        text = self.ctx.text(function) if function is not None else ""
        return f'{claims.variable}["exp"]' in text or f"{claims.variable}.ExpiresAt" in text

    def _embeds_registered(self, type_name: str) -> bool:
        """A struct type of this file that embeds `jwt.RegisteredClaims`: it has an expiry field left unset."""
        for spec in self.ctx.nodes("type_spec"):
            if self.ctx.text(spec.child_by_field_name("name")) != type_name:
                continue
            body = self.ctx.text(spec.child_by_field_name("type"))
            return "RegisteredClaims" in body or "StandardClaims" in body
        return False
