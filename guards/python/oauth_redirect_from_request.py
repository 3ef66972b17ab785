"""IDG145: a `redirect_uri` or post-login redirect taken from the request without an allow-list."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.decisions import checked_keys, leaf_keys
from .support.flow.endpoints import is_endpoint, request_taint
from .support.flow.words import callee_name, is_route, nodes_in, string_literal
from .support.guard import PythonGuard

_REDIRECT_CALLS = frozenset(
    {"redirect", "RedirectResponse", "HttpResponseRedirect", "HTTPFound", "authorize_redirect", "redirect_to"}
)
_REDIRECT_KEYS = frozenset(
    {"redirect_uri", "redirect_url", "redirect_to", "return_to", "post_logout_redirect_uri", "next_url"}
)
_EXTRA_VALIDATORS = frozenset(
    {"url_has_allowed_host_and_scheme", "is_safe_url", "safe", "allowed", "whitelisted", "registered", "trusted"}
)


class OauthRedirectFromRequest(PythonGuard):
    """
    ## What it does
    Finds redirect targets in identity flows taken straight from the request:
    `redirect_uri=request.args["redirect_uri"]` passed to an OAuth client or
    token request, `authorize_redirect(request.args["next"])` (Starlette/FastAPI
    clients: `authorize_redirect(request, request.query_params["redirect_uri"])`), and
    `redirect(request.args.get("next"))` / `RedirectResponse(...)` /
    `HttpResponseRedirect(...)` after login, when the function never checks the
    value (`in ALLOWED_REDIRECTS`, `url_has_allowed_host_and_scheme`,
    `is_safe_url`, a comparison). Relative paths built from a fixed prefix
    (`f"/orgs/{org_id}"`) are fine.

    ## Why is this bad?
    An attacker-chosen redirect after authentication is an open redirect that
    carries the user's trust (phishing), and an attacker-chosen `redirect_uri`
    makes the IdP deliver the authorization code or token to the attacker.

    ## Example
    ```python
    return oauth.idp.authorize_redirect(request.args["redirect_uri"])
    ```

    ## Use instead
    ```python
    return oauth.idp.authorize_redirect(url_for("auth_callback", _external=True))
    ```
    """

    id = "IDG145"
    name = "oauth-redirect-from-request"
    title = "Redirect target taken from the request"
    fix_hint = (
        "Use a fixed, registered redirect URI (url_for(..., _external=True)); for post-login `next` values accept only "
        "relative paths or hosts on an allow-list (url_has_allowed_host_and_scheme)."
    )
    meta = GuardMeta(
        cwe=["CWE-601"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["sso", "session"],
        see_also=["RFC 9700 section 4.1 (exact redirect URI matching)"],
    )
    VALID = [
        Valid(
            """
            from flask import request, url_for

            @app.get("/login")
            def login():
                return oauth.idp.authorize_redirect(url_for("callback", _external=True))
            """
        ),
        Valid(
            """
            from django.utils.http import url_has_allowed_host_and_scheme

            def after_login(request):
                nxt = request.GET.get("next", "/")
                if not url_has_allowed_host_and_scheme(nxt, allowed_hosts={request.get_host()}):
                    nxt = "/"
                return redirect(nxt)
            """
        ),
        Valid(
            """
            from flask import request

            def start():
                target = request.args.get("redirect_uri")
                if target not in REGISTERED_REDIRECTS:
                    abort(400)
                return oauth.idp.authorize_redirect(target)
            """
        ),
        Valid(
            """
            from flask import request, redirect

            def switch_org():
                return redirect(f"/orgs/{request.form['org_id']}/dashboard")
            """
        ),
        Valid(
            """
            from fastapi.responses import RedirectResponse

            @router.get("/oauth/authorize")
            def authorize(client_id: str, redirect_uri: str, state: str):
                if redirect_uri not in CLIENTS[client_id].redirect_uris:
                    raise HTTPException(400)
                return RedirectResponse(f"{redirect_uri}?code={issue_code(client_id)}&state={state}")
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            from flask import request

            @app.get("/login")
            def login():
                return oauth.idp.authorize_redirect(request.args["redirect_uri"])
            """,
            line=5,
        ),
        Invalid(
            """
            from flask import request, redirect

            def after_login():
                login_user(user)
                return redirect(request.args.get("next"))
            """,
            line=5,
        ),
        Invalid(
            """
            import requests

            def callback(request):
                code = request.GET["code"]
                return requests.post(TOKEN_URL, data={"grant_type": "authorization_code", "code": code, "redirect_uri": request.GET["redirect_uri"]})
            """,
            line=5,
        ),
        Invalid(
            """
            from starlette.responses import RedirectResponse

            async def logout(request):
                request.session.clear()
                return RedirectResponse(request.query_params["return_to"])
            """,
            line=5,
        ),
        Invalid(
            """
            async def social_login(provider, request):
                client = oauth.create_client(provider)
                return await client.authorize_redirect(request, request.query_params.get("redirect_uri"))
            """,
            line=3,
        ),
        # an authorization endpoint's query parameter, filled by the framework, gets the code
        Invalid(
            """
            from fastapi.responses import RedirectResponse

            @router.get("/oauth/authorize")
            def authorize(client_id: str, redirect_uri: str, state: str):
                code = issue_code(client_id)
                return RedirectResponse(f"{redirect_uri}?code={code}&state={state}")
            """,
            line=6,
        ),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        taint = request_taint(self.ctx, node, direct=True)
        params = self._redirect_params(node)
        if taint.is_empty and not params:
            return
        checked: set[str] | None = None
        for sink, value in self._sinks(node):
            from_request = taint.is_tainted(value) or any(n.value in params for n in nodes_in(value, cst.Name))
            if not from_request or self._fixed_prefix(value):
                continue
            if checked is None:
                checked = checked_keys(self.ctx, node.body, _EXTRA_VALIDATORS, _REDIRECT_CALLS)
            if (leaf_keys(self.ctx, value) | {n.value for n in nodes_in(value, cst.Name)}) & checked:
                continue  # also `f"{redirect_uri}?code={code}"` after `if redirect_uri not in registered`
            self.report(
                sink,
                "The redirect target comes from the request and is not checked against an allow-list.",
            )

    def _redirect_params(self, fn: cst.FunctionDef) -> set[str]:
        """Query parameters of an endpoint named for a redirect target (`def authorize(client_id: str,
        redirect_uri: str)` in FastAPI or Litestar): the framework fills them from the request."""
        if not (is_route(self.ctx, fn) or is_endpoint(self.ctx, fn)):
            return set()
        every = [*fn.params.posonly_params, *fn.params.params, *fn.params.kwonly_params]
        return {
            p.name.value
            for p in every
            if p.name.value in _REDIRECT_KEYS | {"redirect", "next"}
            and not (isinstance(p.default, cst.Call) and callee_name(p.default.func) in {"Depends", "Security"})
        }

    def _sinks(self, fn: cst.FunctionDef):
        for node in nodes_in(fn.body, cst.Call, cst.DictElement):
            if isinstance(node, cst.DictElement):
                key = string_literal(node.key)
                if key in _REDIRECT_KEYS:
                    yield node, node.value
                continue
            func = node.func
            last = callee_name(func)
            for arg in node.args:
                if arg.keyword is not None and arg.keyword.value in _REDIRECT_KEYS:
                    yield arg, arg.value
            if last in _REDIRECT_CALLS and node.args and node.args[0].keyword is None:
                target = node.args[0].value
                if last == "authorize_redirect" and isinstance(target, cst.Name) and target.value in ("request", "req"):
                    # Starlette/FastAPI authlib clients: authorize_redirect(request, redirect_uri)
                    if len(node.args) < 2 or node.args[1].keyword is not None:
                        continue
                    target = node.args[1].value
                yield node, target

    @staticmethod
    def _fixed_prefix(value: cst.BaseExpression) -> bool:
        if (
            isinstance(value, cst.FormattedString)
            and value.parts
            and isinstance(value.parts[0], cst.FormattedStringText)
        ):
            text = value.parts[0].value
            return text.startswith("/") and not text.startswith("//") or text.startswith("https://")
        if isinstance(value, cst.BinaryOperation) and isinstance(value.left, cst.SimpleString):
            text = str(value.left.evaluated_value)
            return text.startswith("/") and not text.startswith("//") or text.startswith("https://")
        return False
