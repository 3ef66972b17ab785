"""IDG112: authlib JWT claims decoded but never `.validate()`d."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard
from .support.jwt import JWT_TRIGGERS, jwt_call
from .support.walk import findall


class AuthlibClaimsNotValidated(PythonGuard):
    """
    ## What it does
    Finds `authlib.jose` JWT decodes whose claims are used without calling
    `claims.validate()` in the same function: the result is indexed directly,
    or stored in a variable that is never validated.

    ## Why is this bad?
    authlib's `jwt.decode` checks only the signature. Expiry, not-before,
    issuer and audience (`claims_options`) are checked by `claims.validate()`;
    skipping it accepts expired and foreign tokens.

    ## Example
    ```python
    claims = jwt.decode(token, public_key)
    return claims["sub"]
    ```

    ## Use instead
    ```python
    claims = jwt.decode(token, public_key, claims_options={"iss": {"essential": True, "value": ISSUER}})
    claims.validate()
    return claims["sub"]
    ```
    """

    id = "IDG112"
    triggers = JWT_TRIGGERS  # every call this guard judges names a JWT library
    name = "authlib-claims-not-validated"
    title = "authlib JWT claims never validated"
    fix_hint = "Call `claims.validate()` (with `claims_options` for iss/aud) before using the claims."
    meta = GuardMeta(
        cwe=["CWE-613", "CWE-345"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["token", "sso"],
        urls=["https://docs.authlib.org/en/latest/jose/jwt.html"],
    )
    VALID = [
        Valid(
            """
            from authlib.jose import jwt

            def sub(token, key):
                claims = jwt.decode(token, key)
                claims.validate()
                return claims['sub']
            """
        ),
        Valid(
            """
            from authlib.jose import JsonWebToken
            jwt = JsonWebToken(['RS256'])

            def read(t, k):
                claims = jwt.decode(t, k, claims_options=OPTS)
                claims.validate(leeway=30)
                return claims
            """
        ),
        Valid(
            """
            import jwt

            def sub(token, key):
                claims = jwt.decode(token, key, algorithms=['RS256'])
                return claims['sub']
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            from authlib.jose import jwt

            def sub(token, key):
                claims = jwt.decode(token, key)
                return claims['sub']
            """,
            line=4,
        ),
        Invalid(
            """
            from authlib.jose import jwt

            def sub(token, key):
                return jwt.decode(token, key)['sub']
            """,
            line=4,
        ),
        Invalid(
            """
            from authlib.jose import JsonWebToken
            jwt = JsonWebToken(['RS256'])

            def read(t, k):
                data = jwt.decode(t, k)
                return User.get(data.get('sub'))
            """,
            line=5,
        ),
    ]

    def _is_authlib_decode(self, expr: cst.BaseExpression) -> bool:
        if not isinstance(expr, cst.Call):
            return False
        found = jwt_call(self.ctx, expr)
        return found == ("authlib", "decode")

    def visit_Assign(self, node: cst.Assign) -> None:
        if not self._is_authlib_decode(node.value) or len(node.targets) != 1:
            return
        target = node.targets[0].target
        if not isinstance(target, cst.Name):
            return
        scope = self.ctx.current_function or self.ctx.module
        validated = [
            call
            for call in findall(scope, cst.Call)
            if isinstance(call.func, cst.Attribute)
            and call.func.attr.value == "validate"
            and isinstance(call.func.value, cst.Name)
            and call.func.value.value == target.value
        ]
        if not validated:
            self.report(node.value, self._message())

    def visit_Subscript(self, node: cst.Subscript) -> None:
        if self._is_authlib_decode(node.value):
            self.report(node.value, self._message())

    def visit_Attribute(self, node: cst.Attribute) -> None:
        if node.attr.value in ("get", "__getitem__") and self._is_authlib_decode(node.value):
            self.report(node.value, self._message())

    @staticmethod
    def _message() -> str:
        return "authlib checked only the signature; expiry, issuer and audience are never validated."
