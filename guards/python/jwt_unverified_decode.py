"""IDG101: a JWT decoded without verifying its signature."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta
from ..python_support import PythonGuard
from ._jwt import jwt_call

_DECODERS = {
    "jwt.decode",
    "jwt.decode_complete",
    "jwt.api_jwt.decode",
    "jwt.PyJWT.decode",
    "jwt.api_jwt.PyJWT.decode",
    "jose.jwt.decode",
    "jose.jwt.get_unverified_claims",
    "jwt.get_unverified_claims",
}
_OPERATIONS = {"decode", "decode_complete", "get_unverified_claims"}
_ALWAYS_UNVERIFIED = {"jose.jwt.get_unverified_claims", "jwt.get_unverified_claims"}


class JwtUnverifiedDecode(PythonGuard):
    """
    ## What it does
    Finds JWTs decoded with signature verification turned off: PyJWT's
    `options={"verify_signature": False}` (also when the options dict is built
    earlier), the old `verify=False` argument, and python-jose's
    `get_unverified_claims`.

    ## Why is this bad?
    Without signature verification anyone can mint a token with any subject,
    role or tenant, and the code will trust it. This is full authentication
    bypass.

    ## Example
    ```python
    claims = jwt.decode(token, options={"verify_signature": False})
    ```

    ## Use instead
    ```python
    claims = jwt.decode(token, key, algorithms=["RS256"], audience=AUDIENCE, issuer=ISSUER)
    ```

    ## References
    CWE-347 Improper Verification of Cryptographic Signature; OWASP NHI7.
    """

    id = "IDG101"
    # Every call this guard judges names a JWT library.
    triggers = ("jwt", "jose", "jsonwebtoken")
    name = "jwt-unverified-decode"
    title = "JWT decoded without signature verification"
    meta = GuardMeta(
        cwe=["CWE-347"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="high",
        impact="high",
        confidence="high",
        categories=["token"],
    )
    VALID = [
        'import jwt\nclaims = jwt.decode(token, key, algorithms=["RS256"], audience="api")\n',
        'import jwt as pyjwt\nopts = {"verify_signature": True, "require": ["exp"]}\npyjwt.decode(t, k, algorithms=["HS256"], options=opts)\n',
        'from jwt import decode\nclaims = decode(token, key, algorithms=["ES256"])\n',
        "import json\ndata = json.decode(blob)\n",
    ]
    INVALID = [
        'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n',
        'import jwt as pyjwt\nopts = {"verify_signature": False}\n\ndef read(t):\n    return pyjwt.decode(t, options=opts)\n',
        "from jwt import decode as d\nclaims = d(token, key, verify=False)\n",
        "import jwt\nclaims = jwt.decode(token, None, False)\n",
        "from jose import jwt\nclaims = jwt.get_unverified_claims(token)\n",
        'import jwt\nclaims = jwt.decode_complete(token, options=dict(verify_signature=False))\n',
        'from jwt import PyJWT\nclaims = PyJWT().decode(token, key, algorithms=["HS256"], options={"verify_signature": False})\n',
    ]

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.call_name(node)
        found = jwt_call(self.ctx, node)  # also PyJWT()/PyJWS() instances and aliases
        if name not in _DECODERS and (found is None or found[1] not in _OPERATIONS):
            return
        if name in _ALWAYS_UNVERIFIED or found is not None and found[1] == "get_unverified_claims":
            self.report(node, "Token claims are read without verifying the signature.", fix=self._fix())
            return
        third = self.ctx.positional(node, 2)  # PyJWT 1.x: decode(token, key, verify)
        if self.ctx.bool_value(self.ctx.kwarg(node, "verify")) is False or (
            isinstance(third, cst.Name) and third.value == "False"
        ):
            self.report(node, "`verify=False` turns off JWT signature verification.", fix=self._fix())
            return
        options = self.ctx.dict_items(self.ctx.kwarg(node, "options"))
        if options and self.ctx.bool_value(options.get("verify_signature")) is False:
            self.report(node, '`options={"verify_signature": False}` turns off JWT signature verification.', fix=self._fix())

    @staticmethod
    def _fix() -> str:
        return 'Verify the token: `jwt.decode(token, key, algorithms=["RS256"], audience=..., issuer=...)`.'
