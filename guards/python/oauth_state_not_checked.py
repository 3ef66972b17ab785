"""IDG142: an OAuth/OIDC callback that exchanges the code without checking `state`."""

from __future__ import annotations

import libcst as cst
from libcst.metadata import PositionProvider

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.decisions import checked_keys, leaf_keys
from .support.flow.endpoints import RequestTaint, request_taint
from .support.flow.words import callee_name, function_words, is_route, node_words, nodes_in, parameter_names
from .support.guard import PythonGuard
from .support.words import identifier_words

# Library calls that verify `state` themselves (authlib's Flask/Django/Starlette clients).
_SELF_CHECKING = frozenset({"authorize_access_token", "authorize_redirect_callback", "complete_login"})


def code_exchange(ctx, fn: cst.FunctionDef, taint: RequestTaint) -> cst.Call | None:
    """The call that redeems an authorization code taken from the request, if any."""
    if not _reads_code(ctx, fn, taint):
        return None
    for call in nodes_in(fn.body, cst.Call):
        func = call.func
        last = callee_name(func)
        words = set(identifier_words(last))
        if (
            {"fetch", "token"} <= words
            or {"exchange"} <= words
            or last in {"fetch_access_token", "get_access_token", "request_token"}
        ):
            return call
        for arg in call.args:
            if arg.keyword is not None and arg.keyword.value == "code" and taint.is_tainted(arg.value):
                return call
            items = (
                ctx.dict_items(arg.value)
                if arg.keyword is not None and arg.keyword.value in {"data", "json", "params", "body"}
                else None
            )
            if (
                items
                and "code" in items
                and (
                    ctx.string_value(items.get("grant_type")) == "authorization_code" or taint.is_tainted(items["code"])
                )
            ):
                return call
    return None


def _reads_code(ctx, fn: cst.FunctionDef, taint: RequestTaint) -> bool:
    if "code" in parameter_names(fn) and (
        is_route(ctx, fn) or function_words(fn) & {"callback", "authorized", "complete"}
    ):
        return True  # a helper that receives the code is not where `state` belongs
    if taint.is_empty:
        return False
    for node in nodes_in(fn.body, cst.Subscript, cst.Call):
        if taint.is_tainted(node) and "code" in leaf_keys(ctx, node):
            return True
    return False


class OauthStateNotChecked(PythonGuard):
    """
    ## What it does
    Finds OAuth 2.0 / OIDC redirect callbacks that read the authorization
    `code` from the request and redeem it (`fetch_token`, a token-endpoint POST
    with `grant_type=authorization_code`, `exchange_code(...)`) without
    comparing the returned `state` with the value stored in the user's session.
    authlib's `authorize_access_token()` and `OAuth2Session(..., state=saved)`
    check `state` themselves and are not reported. The finding is on the `def`
    line of the callback that lacks the check.

    ## Why is this bad?
    `state` ties the callback to the browser that started the login. Without
    it an attacker can feed the victim a callback URL carrying the attacker's
    own code (login CSRF): the victim is signed into the attacker's account, or
    the attacker's IdP account is linked to the victim's profile.

    ## Example
    ```python
    @app.get("/oauth/callback")
    def callback():
        token = oauth.fetch_token(TOKEN_URL, code=request.args["code"], client_secret=SECRET)
    ```

    ## Use instead
    ```python
    @app.get("/oauth/callback")
    def callback():
        if not secrets.compare_digest(request.args.get("state", ""), session.pop("oauth_state", "")):
            abort(400)
        token = oauth.fetch_token(TOKEN_URL, code=request.args["code"], client_secret=SECRET)
    ```
    """

    id = "IDG142"
    name = "oauth-state-not-checked"
    title = "OAuth callback does not check state"
    fix_hint = (
        "Generate an unguessable `state` per login, store it in the session, and reject the callback unless "
        "`secrets.compare_digest(request_state, session.pop('oauth_state'))`; or use authlib's authorize_access_token()."
    )
    meta = GuardMeta(
        cwe=["CWE-352"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["sso"],
        urls=["https://www.rfc-editor.org/rfc/rfc9700#section-4.7"],
        see_also=["RFC 6749 section 10.12", "RFC 9700 (OAuth 2.0 Security BCP) section 4.7"],
    )
    VALID = [
        Valid(
            """
            from flask import request, session, abort
            import secrets

            @app.get("/callback")
            def callback():
                if not secrets.compare_digest(request.args.get("state", ""), session.pop("oauth_state", "")):
                    abort(400)
                return oauth.fetch_token(TOKEN_URL, code=request.args["code"])
            """
        ),
        Valid(
            """
            @app.route("/authorize")
            def authorize():
                token = oauth.google.authorize_access_token()
                return login(token["userinfo"])
            """
        ),
        Valid(
            """
            from flask import request, session
            from requests_oauthlib import OAuth2Session

            @app.get("/callback")
            def callback():
                github = OAuth2Session(CLIENT_ID, state=session["oauth_state"])
                return github.fetch_token(TOKEN_URL, client_secret=SECRET, authorization_response=request.url)
            """
        ),
        Valid(
            """
            def login(request):
                form = LoginForm(request.POST)
                return authenticate(form.cleaned_data["code"])
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            from flask import request

            @app.get("/oauth/callback")
            def callback():
                token = oauth.fetch_token(TOKEN_URL, code=request.args["code"], client_secret=SECRET)
                return login(token)
            """,
            line=4,
        ),
        Invalid(
            """
            import requests

            def oidc_callback(request):
                code = request.GET.get("code")
                state = request.GET.get("state")
                resp = requests.post(TOKEN_URL, data={"grant_type": "authorization_code", "code": code, "redirect_uri": REDIRECT})
                return finish(resp.json())
            """,
            line=3,
        ),
        Invalid(
            """
            @router.get("/auth/callback")
            async def auth_callback(code: str, state: str):
                tokens = await exchange_code(code)
                return await sign_in(tokens)
            """,
            line=2,
        ),
        Invalid(
            """
            from flask import request
            from requests_oauthlib import OAuth2Session

            @app.get("/callback")
            def callback():
                github = OAuth2Session(CLIENT_ID)
                return github.fetch_token(TOKEN_URL, client_secret=SECRET, authorization_response=request.url)
            """,
            line=5,
        ),
        # the nonce is compared in constant time, the state never is
        Invalid(
            """
            import hmac, requests
            from flask import request, session, abort

            @app.get("/oidc/callback")
            def callback():
                code = request.args.get("code")
                resp = requests.post(TOKEN_URL, data={"grant_type": "authorization_code", "code": code})
                claims = verify(resp.json()["id_token"])
                if not hmac.compare_digest(claims.get("nonce", ""), session.pop("oidc_nonce", "")):
                    abort(400)
            """,
            line=5,
        ),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        taint = request_taint(self.ctx, node)
        exchange = code_exchange(self.ctx, node, taint) or self._url_exchange(node, taint)
        if exchange is None or self._state_checked(node):
            return
        # A missing check belongs to the function: it is reported on the `def` line.
        line = self.get_metadata(PositionProvider, exchange).start.line
        self.report(
            node.name,
            f"The authorization code redeemed on line {line} is not preceded by a comparison of `state` with the value saved in the session.",
        )

    def _url_exchange(self, fn: cst.FunctionDef, taint: RequestTaint) -> cst.Call | None:
        # requests-oauthlib / authlib: fetch_token(authorization_response=request.url) carries the code in the URL.
        if taint.is_empty:
            return None
        for call in nodes_in(fn.body, cst.Call):
            value = self.ctx.kwarg(call, "authorization_response")
            if value is not None and taint.is_tainted(value):
                return call
        return None

    def _state_checked(self, fn: cst.FunctionDef) -> bool:
        for call in nodes_in(fn.body, cst.Call):
            func = call.func
            last = callee_name(func)
            if last in _SELF_CHECKING:
                return True
            if last == "compare_digest" and "state" in self._compared_words(fn, call):
                return True  # a constant-time comparison of the nonce or a signature is not the state check
            if any(a.keyword is not None and "state" in identifier_words(a.keyword.value) for a in call.args):
                return True
        return any("state" in identifier_words(key) for key in checked_keys(self.ctx, fn.body))

    def _compared_words(self, fn: cst.FunctionDef, call: cst.Call) -> set[str]:
        """Words of what `compare_digest` compares, through the local names it is given
        (`expected = session.pop("oauth_state")`)."""
        words = set(node_words(self.ctx, call))
        for name in nodes_in(call, cst.Name):
            for value in self.ctx.assigned_values_in(fn, name.value):
                words |= node_words(self.ctx, value)
        return words
