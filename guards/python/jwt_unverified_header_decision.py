"""IDG113: decisions taken on the unverified JWT header beyond picking `kid`."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .jwt_algorithm_from_token_header import is_unverified_header
from .support.guard import PythonGuard
from .support.jwt import JWT_TRIGGERS
from .support.words import key_read as header_read

# Reading these only selects or sanity-checks; everything else is a decision on attacker data.
_HARMLESS_KEYS = frozenset({"kid", "typ", "cty", "alg"})
_KEY_SOURCE_KEYS = frozenset({"jku", "x5u", "jwk", "x5c"})


class JwtUnverifiedHeaderDecision(PythonGuard):
    """
    ## What it does
    Finds code that acts on the *unverified* JWT header
    (`jwt.get_unverified_header(token)`) for more than choosing a key by `kid`:
    taking the verification key from `jku`/`x5u`/`jwk`/`x5c`, branching on
    `alg` (`if header["alg"] == "HS256": key = SECRET`), or reading custom
    fields such as a tenant.

    ## Why is this bad?
    Everything in the header is written by the sender and is not covered by any
    check yet. A key URL from the header lets attackers sign with their own key;
    branching on `alg` is the classic RS256/HS256 confusion.

    ## Example
    ```python
    header = jwt.get_unverified_header(token)
    key = requests.get(header["jku"]).json()
    ```

    ## Use instead
    ```python
    kid = jwt.get_unverified_header(token)["kid"]
    key = jwks_client.get_signing_key(kid).key  # keys from your configured JWKS URL only
    ```
    """

    id = "IDG113"
    triggers = JWT_TRIGGERS  # every call this guard judges names a JWT library
    name = "jwt-unverified-header-decision"
    title = "Decision taken on the unverified JWT header"
    fix_hint = (
        "Use the unverified header only to look up `kid` in your configured JWKS; pin "
        '`algorithms=["RS256"]` and read everything else from verified claims.'
    )
    meta = GuardMeta(
        cwe=["CWE-345", "CWE-347"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["token"],
        see_also=["RFC 8725 sections 2.1 and 3.10"],
    )
    VALID = [
        Valid(
            """
            import jwt
            kid = jwt.get_unverified_header(token)["kid"]
            key = JWKS[kid]
            """
        ),
        Valid(
            """
            import jwt
            header = jwt.get_unverified_header(token)
            if header.get("alg") not in ("RS256",):
                raise InvalidToken()
            """
        ),
        Valid(
            """
            import jwt
            header = jwt.get_unverified_header(token)
            if header.get("typ") != "JWT":
                raise InvalidToken()
            """
        ),
        Valid(
            """
            headers = request.headers
            if headers["tenant"] == "acme":
                pass
            """
        ),
        Valid(
            """
            import jwt
            if jwt.get_unverified_header(token).get("alg") == "none":
                raise InvalidToken()
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            import jwt
            header = jwt.get_unverified_header(token)
            key = fetch_jwks(header["jku"])
            """,
            line=3,
        ),
        Invalid(
            """
            import jwt
            header = jwt.get_unverified_header(token)
            if header["alg"] == "HS256":
                key = SHARED_SECRET
            """,
            line=3,
        ),
        Invalid(
            """
            import jwt as pyjwt

            def tenant_of(token):
                return pyjwt.get_unverified_header(token)["tenant"]
            """,
            line=4,
        ),
        Invalid(
            """
            from jose import jwt
            h = jwt.get_unverified_header(t)
            key = load_pem(h.get("x5c")[0])
            """,
            line=3,
        ),
    ]

    def visit_Subscript(self, node: cst.Subscript) -> None:
        self._check_read(node)

    def visit_Call(self, node: cst.Call) -> None:
        self._check_read(node)

    def _check_read(self, node: cst.BaseExpression) -> None:
        base, key = header_read(node)
        if base is None or key is None or key in _HARMLESS_KEYS:
            return
        if not is_unverified_header(self.ctx, base):
            return
        if key in _KEY_SOURCE_KEYS:
            message = f"The verification key is taken from the unverified token header (`{key}`)."
        else:
            message = f"The unverified token header field `{key}` is used before the signature is checked."
        self.report(node, message)

    def visit_Comparison(self, node: cst.Comparison) -> None:
        # Selecting on alg/typ (== / in) chooses the verification path; rejecting (!= / not in) is fine.
        selecting = all(isinstance(t.operator, (cst.Equal, cst.In)) for t in node.comparisons)
        if not selecting:
            return
        sides = [node.left, *(t.comparator for t in node.comparisons)]
        if any(self.ctx.string_value(s) in ("none", "None", "NONE") for s in sides if isinstance(s, cst.SimpleString)):
            return  # `if header["alg"] == "none": raise` rejects, it does not choose
        for side in sides:
            if isinstance(side, cst.Name):
                side = self.ctx.resolve(side, depth=1) or side  # alg = header["alg"]; if alg == "HS256"
            base, key = header_read(side)
            if base is not None and key in ("alg", "typ") and is_unverified_header(self.ctx, base):
                self.report(
                    node,
                    f"Verification is chosen by the unverified header field `{key}` (algorithm confusion).",
                )
                return
