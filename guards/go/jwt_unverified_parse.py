"""IDG402: a JWT parsed without verifying its signature, then trusted."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.judge import JWX_JWT, OIDC, jwt_member
from .support.tree import Node

_VERIFYING = frozenset({"Parse", "ParseWithClaims", "NewParser.Parse", "NewParser.ParseWithClaims"})


class GoJwtUnverifiedParse(GoGuard):
    """
    ## What it does
    Finds tokens read without signature verification and then used:
    golang-jwt `ParseUnverified` (on `jwt.NewParser()` or a parser variable)
    whose claims the function goes on to read, when the same function does
    not also verify the token (`jwt.Parse`, `ParseWithClaims`, a `Verify`
    call); jwx `jwt.Parse(b, jwt.WithVerify(false))` and `jwt.ParseInsecure`;
    go-oidc `oidc.Config{InsecureSkipSignatureCheck: true}`. Reading only the
    header (`t.Header["kid"]`) to pick the key is fine.

    ## Why is this bad?
    Anyone can write a token: without the signature check the subject,
    roles and tenant in it are whatever the caller chose, so an
    authorization decision based on them is a decision the attacker makes.

    ## Example
    ```go
    tok, _, err := jwt.NewParser().ParseUnverified(raw, jwt.MapClaims{})
    role := tok.Claims.(jwt.MapClaims)["role"]
    ```

    ## Use instead
    ```go
    tok, err := jwt.Parse(raw, keyfunc, jwt.WithValidMethods([]string{"RS256"}))
    ```
    """

    id = "IDG402"
    name = "go-jwt-unverified-parse"
    title = "JWT parsed without signature verification"
    fix_hint = "Verify the signature (`jwt.Parse` with a Keyfunc and `jwt.WithValidMethods`) before trusting any claim."
    triggers = ("unverified", "withverify", "parseinsecure", "insecureskipsignaturecheck")
    meta = GuardMeta(
        cwe=["CWE-347", "CWE-345"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["token"],
        see_also=["RFC 8725 section 3.1"],
    )
    VALID = [
        Valid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            func keyID(raw string) (string, error) {
                tok, _, err := jwt.NewParser().ParseUnverified(raw, jwt.MapClaims{})
                if err != nil {
                    return "", err
                }
                kid, _ := tok.Header["kid"].(string)
                return kid, nil
            }
            """
        ),
        Valid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            func (v *Verifier) Verify(raw string) (*Claims, error) {
                unverified, _, err := v.parser.ParseUnverified(raw, &Claims{})
                if err != nil {
                    return nil, err
                }
                key := v.keys[unverified.Claims.(*Claims).Issuer]
                claims := &Claims{}
                _, err = jwt.ParseWithClaims(raw, claims, key.Func, jwt.WithValidMethods([]string{"RS256"}))
                return claims, err
            }
            """
        ),
        Valid(
            """
            package auth

            import "github.com/coreos/go-oidc/v3/oidc"

            func verifier(p *oidc.Provider) *oidc.IDTokenVerifier {
                return p.Verifier(&oidc.Config{ClientID: clientID})
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            func RoleFrom(raw string) (string, error) {
                tok, _, err := jwt.NewParser().ParseUnverified(raw, jwt.MapClaims{})
                if err != nil {
                    return "", err
                }
                claims := tok.Claims.(jwt.MapClaims)
                return claims["role"].(string), nil
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package auth

            import jwtlib "github.com/golang-jwt/jwt/v5"

            var parser = jwtlib.NewParser()

            func (m *Middleware) subject(raw string) string {
                claims := &jwtlib.RegisteredClaims{}
                if _, _, err := parser.ParseUnverified(raw, claims); err != nil {
                    return ""
                }
                return claims.Subject
            }
            """,
            line=9,
        ),
        Invalid(
            """
            package auth

            import "github.com/lestrrat-go/jwx/v2/jwt"

            func userID(payload []byte) (string, error) {
                tok, err := jwt.Parse(payload, jwt.WithVerify(false))
                if err != nil {
                    return "", err
                }
                return tok.Subject(), nil
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package auth

            import "github.com/coreos/go-oidc/v3/oidc"

            func verifier(p *oidc.Provider) *oidc.IDTokenVerifier {
                return p.Verifier(&oidc.Config{
                    ClientID:                   clientID,
                    InsecureSkipSignatureCheck: true,
                })
            }
            """,
            line=8,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        last = self.ctx.last_name(name)
        if last == "ParseUnverified":
            if self._header_only(node) or self._verified_nearby(node):
                return
            self.report(
                node,
                "`ParseUnverified` reads the token without checking its signature, and its claims are used: "
                "whoever writes the token chooses them.",
            )
            return
        member = self.ctx.calls_package(node, *JWX_JWT)
        if member in ("ParseInsecure",) or member in ("Parse", "ParseString", "ParseRequest", "ParseHeader"):
            for option in self.ctx.args(node)[1:]:
                if option.type == "call_expression" and self.ctx.last_name(self.ctx.call_name(option)) == "WithVerify":
                    if self.ctx.bool_value(self.ctx.arg(option, 0)) is False:
                        self.report(option, "`jwt.WithVerify(false)` parses the token without checking its signature.")
            if member == "ParseInsecure":
                self.report(node, "`jwt.ParseInsecure` parses the token without checking its signature.")

    def visit_keyed_element(self, node: Node) -> None:
        field = self.ctx.keyed_field(node)
        if field is None or field[0] != "InsecureSkipSignatureCheck" or self.ctx.bool_value(field[1]) is not True:
            return
        if self.ctx.imports_path(*OIDC) or "oidc" in self.ctx.text(field[2]):
            self.report(node, "`InsecureSkipSignatureCheck: true` accepts ID tokens without checking their signature.")

    def _verified_nearby(self, call: Node) -> bool:
        function = self.ctx.enclosing_function(call)
        if function is None:
            return False
        for other in self.ctx.descendants(function, ("call_expression",)):
            if other == call:
                continue
            if jwt_member(self.ctx, other) in _VERIFYING:
                return True
            last = self.ctx.last_name(self.ctx.call_name(other))
            if last in ("ParseWithClaims", "Verify", "VerifyToken", "VerifySignature"):
                return True
        return False

    def _header_only(self, call: Node) -> bool:
        """The token is only read for its header (`tok.Header["kid"]`), the claims argument a throwaway literal."""
        statement = call.parent
        while statement is not None and statement.type not in ("short_var_declaration", "assignment_statement"):
            if statement.type in ("block", "if_statement", "function_declaration", "method_declaration"):
                break
            statement = statement.parent
        claims = self.ctx.arg(call, 1)
        if claims is None:
            return False
        claims = self.ctx.unwrap(claims)
        if claims is not None and claims.type == "unary_expression":
            claims = self.ctx.unwrap(claims.child_by_field_name("operand"))
        if claims is not None and claims.type not in ("composite_literal",):
            return False  # the claims are read from a variable afterwards
        if statement is None or statement.type not in ("short_var_declaration", "assignment_statement"):
            return False
        targets = self.ctx.expressions(statement.child_by_field_name("left"))
        if not targets or targets[0].type != "identifier":
            return False
        token = self.ctx.text(targets[0])
        function = self.ctx.enclosing_function(call)
        if function is None:
            return False
        uses = [
            n
            for n in self.ctx.descendants(function, ("identifier",))
            if self.ctx.text(n) == token and n.start_byte > statement.end_byte
        ]
        for use in uses:
            parent = use.parent
            if parent is None or parent.type != "selector_expression":
                return False
            if self.ctx.text(parent.child_by_field_name("field")) not in ("Header", "Method"):
                return False
        return True
