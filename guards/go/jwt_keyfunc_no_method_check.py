"""IDG401: a golang-jwt Keyfunc that returns the key without checking the token's signing method."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.judge import jwt_member
from .support.tree import Node

_PARSE = frozenset({"Parse", "ParseWithClaims", "NewParser.Parse", "NewParser.ParseWithClaims"})


class GoJwtKeyfuncNoMethodCheck(GoGuard):
    """
    ## What it does
    Finds `jwt.Parse` / `jwt.ParseWithClaims` (golang-jwt, also through a
    `jwt.NewParser()` held in a variable, and under an import alias) whose
    Keyfunc returns the key without looking at `token.Method` (a type
    assertion such as `token.Method.(*jwt.SigningMethodRSA)`, or a comparison
    of `token.Method.Alg()` / `token.Header["alg"]`), when no
    `jwt.WithValidMethods(...)` option pins the algorithms. The Keyfunc may be
    a literal, a same-file function or method, or a variable bound to one.

    ## Why is this bad?
    The token chooses its own algorithm. A verifier that hands out its key
    for whatever `alg` the token names lets an attacker pick the algorithm:
    the classic confusion signs an HS256 token with the RSA public key as the
    HMAC secret, and a key meant for one method verifies tokens of another.

    ## Example
    ```go
    tok, err := jwt.Parse(raw, func(t *jwt.Token) (any, error) { return publicKey, nil })
    ```

    ## Use instead
    ```go
    tok, err := jwt.Parse(raw, keyfunc, jwt.WithValidMethods([]string{"RS256"}))
    ```
    """

    id = "IDG401"
    name = "go-jwt-keyfunc-no-method-check"
    title = "JWT Keyfunc does not check the signing method"
    fix_hint = (
        'Pin the algorithms: `jwt.WithValidMethods([]string{"RS256"})`, or check `t.Method.(*jwt.SigningMethodRSA)`.'
    )
    triggers = ("jwt",)
    meta = GuardMeta(
        cwe=["CWE-347", "CWE-327"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
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

            func verify(raw string) (*jwt.Token, error) {
                return jwt.Parse(raw, func(t *jwt.Token) (any, error) {
                    if _, ok := t.Method.(*jwt.SigningMethodRSA); !ok {
                        return nil, errUnexpectedMethod
                    }
                    return publicKey, nil
                })
            }
            """
        ),
        Valid(
            """
            package auth

            import jwtlib "github.com/golang-jwt/jwt/v5"

            func verify(raw string) (*jwtlib.Token, error) {
                return jwtlib.Parse(raw, keyFor, jwtlib.WithValidMethods([]string{"RS256"}))
            }

            func keyFor(t *jwtlib.Token) (any, error) { return publicKey, nil }
            """
        ),
        Valid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            var parser = jwt.NewParser(jwt.WithValidMethods([]string{"ES256"}), jwt.WithExpirationRequired())

            func verify(raw string, claims *Claims) error {
                _, err := parser.ParseWithClaims(raw, claims, func(t *jwt.Token) (any, error) { return ecKey, nil })
                return err
            }
            """
        ),
        Valid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            func (v *Verifier) keyfunc(t *jwt.Token) (any, error) {
                if t.Method.Alg() != jwt.SigningMethodHS256.Alg() {
                    return nil, fmt.Errorf("unexpected alg %v", t.Header["alg"])
                }
                return v.secret, nil
            }

            func (v *Verifier) Verify(raw string) (*jwt.Token, error) { return jwt.Parse(raw, v.keyfunc) }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v5"

            func verify(raw string) (*jwt.Token, error) {
                return jwt.Parse(raw, func(t *jwt.Token) (interface{}, error) {
                    return publicKey, nil
                })
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package auth

            import jwtlib "github.com/golang-jwt/jwt/v5"

            func (s *Service) lookupKey(t *jwtlib.Token) (any, error) {
                return s.rsaPublic, nil
            }

            func (s *Service) Claims(raw string) (*UserClaims, error) {
                claims := &UserClaims{}
                _, err := jwtlib.ParseWithClaims(raw, claims, s.lookupKey)
                return claims, err
            }
            """,
            line=11,
        ),
        Invalid(
            """
            package auth

            import "github.com/golang-jwt/jwt/v4"

            var keyFunc = func(t *jwt.Token) (interface{}, error) { return verifyKey, nil }

            func parse(raw string) (*jwt.Token, error) {
                p := jwt.NewParser(jwt.WithLeeway(5 * time.Second))
                return p.Parse(raw, keyFunc)
            }
            """,
            line=9,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        member = jwt_member(self.ctx, node)
        if member not in _PARSE:
            return
        args = self.ctx.args(node)
        index = 1 if member.endswith("Parse") else 2
        if len(args) <= index:
            return
        if self._pins_methods(node, args[index + 1 :]):
            return
        keyfunc = self._function(args[index])
        if keyfunc is None or self._checks_method(keyfunc):
            return
        self.report(
            node,
            "The Keyfunc hands out the key for whatever algorithm the token names, and no "
            "`jwt.WithValidMethods` pins it: a token can choose an algorithm the key was not meant for.",
        )

    def _pins_methods(self, call: Node, options: list[Node]) -> bool:
        for option in options:
            if "WithValidMethods" in self.ctx.text(option):
                return True
        # p.Parse(...) with p := jwt.NewParser(jwt.WithValidMethods(...))
        function = call.child_by_field_name("function")
        operand = function.child_by_field_name("operand") if function is not None else None
        if operand is not None:
            constructor = self.ctx.resolve(operand)
            if constructor is not None and "WithValidMethods" in self.ctx.text(constructor):
                return True
        return False

    def _function(self, node: Node) -> Node | None:
        resolved = self.ctx.resolve(node)
        if resolved is None:
            return None
        if resolved.type == "func_literal":
            return resolved
        if resolved.type in ("identifier", "selector_expression"):
            name = self.ctx.text(resolved)
            last = self.ctx.last_name(name)
            return self.ctx.functions_by_name.get(last)
        return None

    def _checks_method(self, function: Node) -> bool:
        text = self.ctx.text(function)
        return any(marker in text for marker in (".Method", 'Header["alg"]', "SigningMethod", ".Alg()"))
