"""IDG109: the JWT algorithm to verify with is read from the token itself."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.context import PythonContext
from .support.guard import PythonGuard
from .support.jwt import JWT_TRIGGERS, algorithms_arg, jwt_call
from .support.words import identifier_words
from .support.words import key_read as header_read


def reads_header_alg(ctx: PythonContext, expr: cst.BaseExpression | None, depth: int = 4) -> bool:
    """Whether `expr` is (built from) the `alg` of an unverified token header."""
    if expr is None or depth == 0:
        return False
    if isinstance(expr, cst.Name):
        resolved = ctx.resolve(expr, depth=1)
        return resolved is not expr and reads_header_alg(ctx, resolved, depth - 1)
    if isinstance(expr, (cst.List, cst.Tuple, cst.Set)):
        return any(reads_header_alg(ctx, e.value, depth) for e in expr.elements)
    base, key = header_read(expr)
    if base is not None and key == "alg":
        return is_unverified_header(ctx, base)
    return False


def is_unverified_header(ctx: PythonContext, expr: cst.BaseExpression) -> bool:
    """A `get_unverified_header(...)` call, or a name bound to one."""
    target = ctx.resolve(expr) if isinstance(expr, cst.Name) else expr
    if isinstance(target, cst.Call):
        found = jwt_call(ctx, target)
        if found is not None and found[1] == "get_unverified_header":
            return True
        name = ctx.call_name(target) or ""
        return name.endswith("get_unverified_header")
    if isinstance(expr, cst.Name):
        words = identifier_words(expr.value)
        return "unverified" in words and "header" in words
    return False


class JwtAlgorithmFromTokenHeader(PythonGuard):
    """
    ## What it does
    Finds JWT decode calls whose `algorithms=` comes from the token's own,
    unverified header: `jwt.get_unverified_header(token)["alg"]`, directly or
    through a variable.

    ## Why is this bad?
    The attacker writes the header. Letting it choose the algorithm enables
    algorithm confusion (an RS256 public key used as an HS256 secret) and
    `alg: none`; the allow-list must come from the verifier's configuration.

    ## Example
    ```python
    alg = jwt.get_unverified_header(token)["alg"]
    claims = jwt.decode(token, key, algorithms=[alg])
    ```

    ## Use instead
    ```python
    claims = jwt.decode(token, key, algorithms=["RS256"])
    ```
    """

    id = "IDG109"
    triggers = JWT_TRIGGERS  # every call this guard judges names a JWT library
    name = "jwt-algorithm-from-token-header"
    title = "JWT algorithm taken from the unverified token header"
    meta = GuardMeta(
        cwe=["CWE-347", "CWE-327"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["token"],
        urls=["https://datatracker.ietf.org/doc/html/rfc8725#section-2.1"],
        see_also=["RFC 8725 section 2.1"],
    )
    VALID = [
        Valid(
            """
            import jwt
            kid = jwt.get_unverified_header(token)["kid"]
            claims = jwt.decode(token, keys[kid], algorithms=["RS256"])
            """
        ),
        Valid(
            """
            import jwt
            ALG = settings.JWT_ALGORITHM
            claims = jwt.decode(token, key, algorithms=[ALG])
            """
        ),
        Valid(
            """
            import jwt
            header = jwt.get_unverified_header(token)
            key = jwks.get_signing_key(header["kid"])
            jwt.decode(token, key.key, algorithms=["ES256"])
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import jwt
            alg = jwt.get_unverified_header(token)["alg"]
            claims = jwt.decode(token, key, algorithms=[alg])
            """,
            line=3,
        ),
        Invalid(
            """
            import jwt as pyjwt

            def read(token, key):
                header = pyjwt.get_unverified_header(token)
                return pyjwt.decode(token, key, algorithms=[header["alg"]])
            """,
            line=5,
        ),
        Invalid(
            """
            from jose import jwt
            hdr = jwt.get_unverified_header(t)
            claims = jwt.decode(t, key, algorithms=hdr.get("alg"))
            """,
            line=3,
        ),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        found = jwt_call(self.ctx, node)
        if found is None or found[1] not in ("decode", "decode_complete"):
            return
        if reads_header_alg(self.ctx, algorithms_arg(node)):
            self.report(
                node,
                "The accepted algorithm is read from the token's unverified header, so the sender chooses it.",
                fix='Pin the algorithms from configuration: `algorithms=["RS256"]`.',
            )
