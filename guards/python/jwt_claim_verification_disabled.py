"""IDG111: JWT audience, issuer or expiry checks switched off."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard
from .support.jwt import JWT_TRIGGERS, jwt_call

# The checks whose absence lets foreign or stale tokens in. `verify_iat`, `verify_at_hash` and
# friends are left alone: turning them off is routine (at_hash needs the access token at hand).
_CLAIM_CHECKS = {
    "verify_aud": "audience",
    "verify_iss": "issuer",
    "verify_exp": "expiry",
    "verify_nbf": "not-before",
}


class JwtClaimVerificationDisabled(PythonGuard):
    """
    ## What it does
    Finds JWT decode calls that turn off registered-claim checks:
    `options={"verify_aud": False}`, `verify_iss`, `verify_exp`, `verify_nbf`
    (PyJWT and python-jose spellings, options dicts built earlier, and the old
    `verify_exp=False` keyword).

    ## Why is this bad?
    A signature only says *someone* trusted issued the token. Without audience
    and issuer checks a token minted for another service or tenant is accepted
    here; without expiry checks a stolen or revoked token works forever.

    ## Example
    ```python
    claims = jwt.decode(token, key, algorithms=["RS256"], options={"verify_aud": False})
    ```

    ## Use instead
    ```python
    claims = jwt.decode(token, key, algorithms=["RS256"], audience="billing-api", issuer=ISSUER)
    ```
    """

    id = "IDG111"
    triggers = JWT_TRIGGERS  # every call this guard judges names a JWT library
    name = "jwt-claim-verification-disabled"
    title = "JWT audience/issuer/expiry verification disabled"
    meta = GuardMeta(
        cwe=["CWE-345", "CWE-613"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["token"],
        see_also=["RFC 8725 section 3.9"],
    )
    VALID = [
        Valid(
            """
            import jwt
            claims = jwt.decode(t, k, algorithms=["RS256"], audience="api", options={"require": ["exp", "aud"]})
            """
        ),
        Valid(
            """
            import jwt
            opts = {"verify_aud": True, "verify_exp": True}
            jwt.decode(t, k, algorithms=["RS256"], audience="api", options=opts)
            """
        ),
        Valid(
            """
            from jose import jwt
            claims = jwt.decode(t, k, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUER)
            """
        ),
        Valid(
            """
            settings = {"verify_aud": False}
            render(settings)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import jwt
            claims = jwt.decode(t, k, algorithms=["RS256"], options={"verify_aud": False})
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt as pyjwt
            OPTS = {"verify_exp": False}

            def read(t, k):
                return pyjwt.decode(t, k, algorithms=["HS256"], options=OPTS)
            """,
            line=5,
        ),
        Invalid(
            """
            from jose import jwt
            claims = jwt.decode(t, k, algorithms=["RS256"], options=dict(verify_iss=False, verify_aud=False))
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt
            claims = jwt.decode(t, k, algorithms=["HS256"], verify_exp=False)
            """,
            line=2,
        ),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        found = jwt_call(self.ctx, node)
        if found is None or found[1] not in ("decode", "decode_complete"):
            return
        options = self.ctx.dict_items(self.ctx.kwarg(node, "options")) or {}
        if self.ctx.bool_value(options.get("verify_signature")) is False:
            return  # IDG101 reports the wider problem
        disabled = [
            _CLAIM_CHECKS[key]
            for key in _CLAIM_CHECKS
            if self.ctx.bool_value(options.get(key)) is False or self.ctx.bool_value(self.ctx.kwarg(node, key)) is False
        ]
        if disabled:
            # Point at the `options=` / `verify_*=` argument when it is written in the call itself.
            where: cst.CSTNode = next(
                (
                    a
                    for a in node.args
                    if a.keyword is not None
                    and (
                        a.keyword.value in _CLAIM_CHECKS
                        or a.keyword.value == "options"
                        and not isinstance(a.value, cst.Name)
                    )
                ),
                node,
            )
            self.report(
                where,
                f"JWT {', '.join(disabled)} verification is switched off.",
                fix="Remove the `verify_*: False` options and pass `audience=` / `issuer=`; "
                'require the claims with `options={"require": ["exp", "aud", "iss"]}`.',
            )
