"""IDG144: an OAuth authorization-code request built without PKCE."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.flow.words import literal_keys, module_words_among
from .support.guard import PythonGuard

_PKCE_MARKERS = frozenset({"challenge", "verifier", "pkce"})  # code_challenge, code_verifier, pkce=
_AUTH_URL_CALLS = frozenset({"authorization_url", "create_authorization_url"})
_CONFIDENTIAL_CLIENT_WORDS = frozenset({"client", "secret"})  # a client secret: PKCE matters less


class OauthPkceMissing(PythonGuard):
    """
    ## What it does
    Finds OAuth 2.0 authorization-code requests without PKCE: authorize-URL
    parameters built by hand with `response_type="code"` and no
    `code_challenge`, and requests-oauthlib `authorization_url(...)` / authlib
    `create_authorization_url(...)` in a module that never creates a
    `code_verifier` / `code_challenge`. Reported as medium for public clients
    and low when the module also uses a client secret (confidential client).

    ## Why is this bad?
    Without PKCE an authorization code intercepted on the redirect (a malicious
    app registered for the same custom scheme, a leaked referrer or log line) can
    be redeemed by the attacker. RFC 9700 requires PKCE for public clients and
    recommends it for all.

    ## Example
    ```python
    params = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": REDIRECT, "state": state}
    return redirect(f"{AUTHORIZE_URL}?{urlencode(params)}")
    ```

    ## Use instead
    ```python
    verifier = secrets.token_urlsafe(64)
    challenge = base64.urlsafe_b64encode(hashlib.sha256(verifier.encode()).digest()).rstrip(b"=").decode()
    params = {"response_type": "code", "client_id": CLIENT_ID, "redirect_uri": REDIRECT, "state": state,
              "code_challenge": challenge, "code_challenge_method": "S256"}
    ```
    """

    id = "IDG144"
    name = "oauth-pkce-missing"
    title = "OAuth authorization code flow without PKCE"
    fix_hint = "Use PKCE (S256): send code_challenge/code_challenge_method on authorize and the code_verifier on the token request."
    meta = GuardMeta(
        cwe=["CWE-345"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["sso"],
        urls=["https://www.rfc-editor.org/rfc/rfc9700#section-2.1.1"],
        see_also=["RFC 7636 (PKCE)", "RFC 9700 section 2.1.1"],
    )
    VALID = [
        Valid(
            """
            params = {"response_type": "code", "client_id": CID, "redirect_uri": R, "state": s, "code_challenge": ch, "code_challenge_method": "S256"}
            """
        ),
        Valid(
            """
            from requests_oauthlib import OAuth2Session
            sess = OAuth2Session(CID, redirect_uri=R, pkce="S256")
            url, state = sess.authorization_url(AUTHZ)
            """
        ),
        Valid(
            """
            params = {"response_type": "token id_token", "client_id": CID}
            other = {"grant_type": "client_credentials"}
            """
        ),
        Valid(
            """
            from authlib.integrations.requests_client import OAuth2Session
            client = OAuth2Session(CID, code_challenge_method="S256")
            verifier = generate_token(48)
            uri, state = client.create_authorization_url(AUTHZ, code_verifier=verifier)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            params = {"response_type": "code", "client_id": CID, "redirect_uri": R, "state": s}
            url = AUTHZ + "?" + urlencode(params)
            """,
            line=1,
        ),
        Invalid(
            """
            from requests_oauthlib import OAuth2Session
            sess = OAuth2Session(CID, redirect_uri=R, scope=["openid"])
            url, state = sess.authorization_url(AUTHZ)
            """,
            line=3,
        ),
        Invalid(
            """
            from authlib.integrations.requests_client import OAuth2Session
            client = OAuth2Session(CID, client_secret=CS)
            uri, state = client.create_authorization_url(AUTHZ)
            """,
            line=3,
        ),
        Invalid(
            """
            def login_url(state):
                q = dict(response_type="code", client_id=CID, redirect_uri=R, state=state)
                return f"{AUTHZ}?{urlencode(q)}"
            """,
            line=2,
        ),
    ]

    def _has_pkce(self) -> bool:
        return bool(module_words_among(self.ctx, _PKCE_MARKERS))

    def _severity(self) -> Severity:
        confidential = module_words_among(self.ctx, _CONFIDENTIAL_CLIENT_WORDS) == _CONFIDENTIAL_CLIENT_WORDS
        return Severity.low if confidential else self.meta.severity

    def _judge_params(self, node: cst.CSTNode, items: dict[str, cst.BaseExpression] | None) -> None:
        if not items or "response_type" not in items or "client_id" not in items:
            return
        response_type = (self.ctx.string_value(items["response_type"]) or "").split()
        if "code" in response_type and "code_challenge" not in items and not self._has_pkce():
            self.report(
                node,
                "The authorization request has no `code_challenge` (PKCE).",
                severity=self._severity(),
            )

    def visit_Dict(self, node: cst.Dict) -> None:
        if "response_type" in literal_keys(node):
            self._judge_params(node, self.ctx.dict_items(node))

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.call_name(node) or ""
        if name in {"dict", "builtins.dict"}:
            self._judge_params(node, self.ctx.dict_items(node))
            return
        last = name.rsplit(".", 1)[-1]
        # `authorization_url()` without arguments is a getter (social-core); `**kwargs` may carry the verifier.
        forwards = any(a.star == "**" for a in node.args)
        if last in _AUTH_URL_CALLS and node.args and not forwards and not self._has_pkce():
            self.report(
                node,
                f"`{last}(...)` starts an authorization-code flow without PKCE.",
                severity=self._severity(),
            )
