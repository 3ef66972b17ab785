"""IDG110: a JWT verified with a key but no pinned `algorithms=` list."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard
from .support.jwt import JWT_TRIGGERS, algorithms_arg, has_star_args, jwt_call, key_arg


class JwtDecodeWithoutAlgorithms(PythonGuard):
    """
    ## What it does
    Finds PyJWT and python-jose `decode` calls that pass a verification key
    but no `algorithms=` allow-list.

    ## Why is this bad?
    Without a pinned list the library (python-jose, PyJWT 1.x) accepts
    whatever algorithm the token header names, which allows algorithm
    confusion: a public RSA key accepted as an HMAC secret lets anyone holding
    the public key mint valid tokens. PyJWT 2 refuses the call at run time, so
    the line is at best a crash in the login path.

    ## Example
    ```python
    claims = jwt.decode(token, public_key)
    ```

    ## Use instead
    ```python
    claims = jwt.decode(token, public_key, algorithms=["RS256"], audience=AUDIENCE)
    ```
    """

    id = "IDG110"
    triggers = JWT_TRIGGERS  # every call this guard judges names a JWT library
    name = "jwt-decode-without-algorithms"
    title = "JWT decoded without an algorithms allow-list"
    meta = GuardMeta(
        cwe=["CWE-347", "CWE-757"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["token"],
        see_also=["RFC 8725 section 3.1"],
    )
    VALID = [
        Valid(
            """
            import jwt
            claims = jwt.decode(token, key, algorithms=["RS256"])
            """
        ),
        Valid(
            """
            import jwt
            claims = jwt.decode(token, key, ["HS256"])
            """
        ),
        Valid(
            """
            from jose import jwt
            claims = jwt.decode(token, key, **decode_kwargs)
            """
        ),
        Valid(
            """
            import json
            data = json.decode(blob, strict)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import jwt
            claims = jwt.decode(token, settings.JWT_PUBLIC_KEY)
            """,
            line=2,
        ),
        Invalid(
            """
            import jwt as pyjwt
            claims = pyjwt.decode(token, key=secret, audience='api')
            """,
            line=2,
        ),
        Invalid(
            """
            from jose import jwt

            def user_for(token):
                return jwt.decode(token, PUBLIC_KEY)['sub']
            """,
            line=4,
        ),
        Invalid(
            """
            from jwt import decode as d
            claims = d(token, key, audience=AUD)
            """,
            line=2,
        ),
        Invalid(
            """
            from jose import jwt
            claims = jwt.decode(token, key, algorithms=None)
            """,
            line=2,
        ),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        found = jwt_call(self.ctx, node)
        if found is None or found[0] == "authlib" or found[1] not in ("decode", "decode_complete"):
            return
        algorithms = algorithms_arg(node)
        pinned = algorithms is not None and not (isinstance(algorithms, cst.Name) and algorithms.value == "None")
        if key_arg(node) is None or pinned or has_star_args(node):
            return
        if self.ctx.bool_value(self.ctx.kwarg(node, "verify")) is False:
            return  # IDG101 reports this call: nothing is verified at all
        options = self.ctx.dict_items(self.ctx.kwarg(node, "options")) or {}
        if self.ctx.bool_value(options.get("verify_signature")) is False:
            return
        self.report(
            node,
            "The token is verified without an `algorithms=` allow-list, so its header picks the algorithm.",
            fix='Pass the expected algorithms explicitly: `algorithms=["RS256"]`.',
        )
