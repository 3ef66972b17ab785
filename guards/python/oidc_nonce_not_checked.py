"""IDG143: an OIDC ID token accepted without checking the `nonce` the login sent."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta
from ..python_flow import callee_name, module_text, nodes_in
from ..python_support import PythonGuard, identifier_words

_DECODE_ENDINGS = ("decode", "decode_complete", "parse_id_token", "verify_id_token", "verify_oauth2_token")


class OidcNonceNotChecked(PythonGuard):
    """
    ## What it does
    Finds OIDC relying-party code that sends a `nonce` in the authorization
    request (the module mentions `nonce` elsewhere) but decodes or verifies the
    returned ID token in a function that never looks at the nonce (no
    `claims["nonce"]` comparison, no `nonce=` argument to
    `parse_id_token(...)`).

    ## Why is this bad?
    The nonce binds the ID token to the login that the browser started. If it
    is generated but never checked, an ID token stolen or injected from another
    login is replayed and accepted.

    ## Example
    ```python
    def handle_id_token(raw):
        return jwt.decode(raw, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUER)
    ```

    ## Use instead
    ```python
    def handle_id_token(raw, expected_nonce):
        claims = jwt.decode(raw, key, algorithms=["RS256"], audience=CLIENT_ID, issuer=ISSUER)
        if not secrets.compare_digest(claims.get("nonce", ""), expected_nonce):
            raise AuthError("nonce mismatch")
        return claims
    ```

    ## References
    CWE-294 Authentication Bypass by Capture-replay; OpenID Connect Core 1.0
    section 3.1.3.7 step 11.
    """

    id = "IDG143"
    name = "oidc-nonce-not-checked"
    title = "OIDC nonce sent but not checked"
    meta = GuardMeta(
        cwe=["CWE-294"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-03"],
        likelihood="low",
        impact="high",
        confidence="medium",
        categories=["sso"],
        urls=["https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation"],
    )
    VALID = [
        'import jwt, secrets\n\ndef start(session):\n    session["nonce"] = secrets.token_urlsafe(16)\n\ndef finish(session, id_token):\n    claims = jwt.decode(id_token, KEY, algorithms=["RS256"], audience=CID)\n    if claims["nonce"] != session.pop("nonce"):\n        raise ValueError("nonce")\n    return claims\n',
        'def finish(session, token):\n    return oauth.oidc.parse_id_token(token, nonce=session.pop("nonce"))\n\ndef start():\n    return {"nonce": make_nonce()}\n',
        'import jwt\n\ndef read_access_token(raw):\n    return jwt.decode(raw, KEY, algorithms=["RS256"], audience=API)\n',
    ]
    INVALID = [
        'import jwt, secrets\n\ndef start(session):\n    session["nonce"] = secrets.token_urlsafe(16)\n\ndef finish(id_token):\n    return jwt.decode(id_token, KEY, algorithms=["RS256"], audience=CID)\n',
        'def login_url():\n    return build_url(AUTHZ, nonce=new_nonce(), response_type="code")\n\ndef callback(tokens):\n    claims = verify_id_token(tokens["id_token"], audience=CID)\n    return claims["sub"]\n',
        'import jwt\nAUTH_PARAMS = {"scope": "openid", "nonce": None}\n\ndef on_callback(resp):\n    raw = resp["id_token"]\n    return jwt.decode(raw, KEY, algorithms=["RS256"], audience=CID)\n',
    ]

    def __init__(self, ctx) -> None:  # type: ignore[no-untyped-def]
        super().__init__(ctx)
        self._module_mentions_nonce: bool | None = None

    def _nonce_in_module(self) -> bool:
        if self._module_mentions_nonce is None:
            self._module_mentions_nonce = "nonce" in module_text(self.ctx).lower()
        return self._module_mentions_nonce

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if not self._nonce_in_module() or "nonce" in self.ctx.source(node).lower():
            return
        if self._delegates_claim_checks(node):
            return
        for call in nodes_in(self.ctx, node.body, cst.Call):
            assert isinstance(call, cst.Call)
            name = self.ctx.call_name(call) or ""
            if not name.endswith(_DECODE_ENDINGS) or not call.args:
                continue
            first = call.args[0].value
            sources = [self.ctx.source(first)] + [self.ctx.source(v) for v in self.ctx.resolve_all(first) if v is not None]
            if any(_is_id_token(text) for text in sources):
                self.report(call, "The ID token is accepted without comparing its `nonce` with the one this login sent.", fix=self._fix())

    def _delegates_claim_checks(self, fn: cst.FunctionDef) -> bool:
        """`self.validate_claims(claims)`: the nonce check lives in a helper."""
        for call in nodes_in(self.ctx, fn.body, cst.Call):
            assert isinstance(call, cst.Call)
            words = set(identifier_words(callee_name(call.func)))
            if words & {"validate", "verify", "check"} and words & {"claims", "nonce"}:
                return True
        return False

    @staticmethod
    def _fix() -> str:
        return "Store the nonce with the login state and reject the ID token unless `claims['nonce']` equals it (constant-time compare)."


def _is_id_token(text: str) -> bool:
    words = identifier_words(text)
    return any(a == "id" and b == "token" for a, b in zip(words, words[1:]))
