"""IDG146: a Google/Firebase ID token verified without an audience."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard

# verifier -> position of its `audience` parameter
_VERIFIERS = {
    "google.oauth2.id_token.verify_oauth2_token": 2,
    "google.oauth2.id_token.verify_token": 2,
    "google.oauth2.id_token.verify_firebase_token": 2,
}


class OidcAudienceNotChecked(PythonGuard):
    """
    ## What it does
    Finds ID tokens verified with google-auth without an audience:
    `id_token.verify_oauth2_token(token, request)`, `verify_token(...)` and
    `verify_firebase_token(...)` with no `audience` (or `audience=None`). The
    library then checks the signature and issuer but accepts tokens issued to
    *any* client.

    ## Why is this bad?
    Every application that uses Google sign-in receives valid Google ID tokens
    for its users. Without the audience check, a token a user gave to some
    unrelated (or malicious) app logs that user into yours.

    ## Example
    ```python
    claims = id_token.verify_oauth2_token(token, google_requests.Request())
    ```

    ## Use instead
    ```python
    claims = id_token.verify_oauth2_token(token, google_requests.Request(), audience=GOOGLE_CLIENT_ID)
    ```
    """

    id = "IDG146"
    name = "oidc-audience-not-checked"
    title = "ID token verified without an audience"
    fix_hint = "Pass `audience=<your OAuth client id>` (or the list of your client ids)."
    # Only `google.oauth2.id_token` verifiers are judged; their module is named in the file's imports or calls.
    triggers = ("google",)
    meta = GuardMeta(
        cwe=["CWE-287", "CWE-345"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["sso", "token"],
        see_also=["OpenID Connect Core 1.0 section 3.1.3.7 step 3"],
    )
    VALID = [
        Valid(
            """
            from google.oauth2 import id_token
            from google.auth.transport import requests
            claims = id_token.verify_oauth2_token(tok, requests.Request(), audience=CLIENT_ID)
            """
        ),
        Valid(
            """
            from google.oauth2 import id_token
            claims = id_token.verify_oauth2_token(tok, req, CLIENT_ID)
            """
        ),
        Valid(
            """
            from google.oauth2.id_token import verify_token
            claims = verify_token(tok, req, audience=[WEB_ID, IOS_ID])
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            from google.oauth2 import id_token
            from google.auth.transport import requests
            claims = id_token.verify_oauth2_token(tok, requests.Request())
            """,
            line=3,
        ),
        Invalid(
            """
            from google.oauth2 import id_token as gid
            claims = gid.verify_token(tok, req, audience=None)
            """,
            line=2,
        ),
        Invalid(
            """
            from google.oauth2.id_token import verify_firebase_token
            AUD = None
            claims = verify_firebase_token(tok, req, audience=AUD)
            """,
            line=3,
        ),
    ]

    def visit_Call(self, node: cst.Call) -> None:
        name = self.ctx.call_name(node)
        if name not in _VERIFIERS:
            return
        audience = self.ctx.kwarg(node, "audience")
        if audience is None:
            audience = self.ctx.positional(node, _VERIFIERS[name])
        resolved = self.ctx.resolve(audience)
        if audience is None or (isinstance(resolved, cst.Name) and resolved.value == "None"):
            self.report(
                node,
                "The ID token's audience is not checked: tokens issued to any client are accepted.",
            )
