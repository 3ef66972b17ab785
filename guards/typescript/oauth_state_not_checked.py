"""IDG319: an OAuth callback that redeems the code without checking `state`, or a public client without PKCE."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.functions import named_functions, unit_text
from .support.guard import ScriptGuard
from .support.tree import Node

_READS_CODE = re.compile(
    r"(query|searchParams|params|url\.searchParams)\s*(\.code\b|\.get\(\s*['\"]code['\"]\s*\)|\[\s*['\"]code['\"]\s*\])"
    r"|\{\s*(?:[^}]*,\s*)?code\s*(?:,[^}]*)?\}\s*=\s*(?:req|request|ctx|c)\.(?:query|req\.query)"
)
_REDEEMS = re.compile(
    r"authorization_code|getToken\(|exchangeCode|exchangeCodeForToken|\.callback\(|oauthCallback|authorizationCodeGrant"
    r"|token_endpoint|tokenUrl|TOKEN_URL|/token['\"`]|oauth2/token|fetchToken|requestToken|getAccessToken",
)
_STATE_CHECK = re.compile(
    r"state\s*(?:!==|===|!=|==)|(?:!==|===|!=|==)\s*[\w.\[\]'\"]*state\b|timingSafeEqual\([^)]*state|checks\s*:\s*\{[^}]*state"
    r"|\{\s*state\s*[,}]|expectedState|verifyState|validateState|checkState|state\s*:\s*(?:req|request)\.session",
    re.IGNORECASE,
)


class TsOAuthStateNotChecked(ScriptGuard):
    """
    ## What it does
    Finds OAuth 2.0 / OIDC redirect callbacks that read the authorization
    `code` from the request (`req.query.code`, `searchParams.get("code")`) and
    redeem it (a token-endpoint request with `grant_type:
    "authorization_code"`, `oauth2.getToken`, openid-client `client.callback`,
    `exchangeCode(...)`, also inside a same-file helper) without comparing the
    returned `state` with the one stored in the session (or passing it to the
    library's `checks`). Also finds authorization requests built with
    `response_type: "code"` and no `code_challenge` in a module that holds no
    client secret (a public client without PKCE), reported as medium, and
    openid-client `client.callback(uri, params)` called without `checks`. The
    finding is on the first line of the callback function (on the call for
    openid-client).

    ## Why is this bad?
    Without `state` an attacker can make a victim's browser complete the
    attacker's own login (login CSRF), linking the victim's session to the
    attacker's account. Without PKCE a public client's code can be redeemed by
    whoever intercepts it.

    ## Example
    ```ts
    app.get("/oauth/callback", async (req, res) => {
      const tokens = await exchangeCode(req.query.code);
    });
    ```

    ## Use instead
    ```ts
    app.get("/oauth/callback", async (req, res) => {
      if (!req.query.state || req.query.state !== req.session.oauthState) return res.sendStatus(400);
      const tokens = await exchangeCode(req.query.code, req.session.codeVerifier);
    });
    ```
    """

    id = "IDG319"
    name = "ts-oauth-state-not-checked"
    title = "OAuth callback without state check, or no PKCE"
    triggers = ("code", "callbackparams", "openid-client")
    meta = GuardMeta(
        cwe=["CWE-352", "CWE-345"],
        owasp_nhi=[],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["sso"],
        see_also=["RFC 6749 section 10.12", "RFC 7636", "RFC 9700"],
    )
    VALID = [
        Valid(
            """
            app.get("/oauth/callback", async (req, res) => {
              if (req.query.state !== req.session.oauthState) return res.sendStatus(400);
              const tokens = await exchangeCode(req.query.code);
            });
            """
        ),
        Valid(
            """
            app.get("/cb", async (req, res) => {
              const params = client.callbackParams(req);
              const set = await client.callback(REDIRECT, params, { state: req.session.state, code_verifier: req.session.verifier });
            });
            """
        ),
        Valid(
            """
            const url = `${AUTH}?response_type=code&client_id=${ID}&code_challenge=${challenge}&code_challenge_method=S256`;
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            app.get("/oauth/callback", async (req, res) => {
              const tokens = await exchangeCode(req.query.code);
              res.redirect("/");
            });
            """,
            line=1,
        ),
        Invalid(
            """
            export async function GET(request) {
              const code = new URL(request.url).searchParams.get("code");
              const r = await fetch(TOKEN_URL, { method: "POST", body: new URLSearchParams({ grant_type: "authorization_code", code }) });
            }
            """,
            line=1,
        ),
        Invalid(
            """
            const params = new URLSearchParams({ response_type: "code", client_id: CLIENT_ID, redirect_uri: REDIRECT });
            window.location.href = `${AUTHORIZE_URL}?${params}`;
            """,
            line=1,
        ),
        Invalid(
            """
            const { Issuer } = require("openid-client");
            async function finish(req) {
              return client.callback(REDIRECT_URI, client.callbackParams(req));
            }
            """,
            line=3,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        """openid-client `client.callback(redirectUri, params)` with no `checks`: neither state nor nonce is compared."""
        callee = node.child_by_field_name("function")
        if callee is None or callee.type != "member_expression":
            return
        if self.ctx.text(callee.child_by_field_name("property")) not in ("callback", "oauthCallback"):
            return
        receiver = self.ctx.text(callee.child_by_field_name("object")).lower()
        source = self.ctx.text(self.ctx.tree.root)
        if "client" not in receiver or ("callbackParams" not in source and "openid-client" not in source):
            return
        checks = self.ctx.arg(node, 2)
        if checks is not None and self.ctx.unwrap(checks).type != "object":  # type: ignore[union-attr]  # tree-sitter nodes: the type is checked on this path, which mypy does not follow
            return  # a checks object built elsewhere (`checks.state = ...` later): not judged
        entries = self.ctx.object_entries(checks) if checks is not None else {}
        if checks is None or entries is not None and not {"state", "nonce", "code_verifier"} & set(entries):
            self.report(
                node,
                "`client.callback` is given no checks: the returned `state` and `nonce` are never compared.",
                fix="Pass the values stored before the redirect: `client.callback(uri, params, { state, nonce, "
                "code_verifier })`.",
            )

    def visit_program(self, node: Node) -> None:
        reported_inner: list[Node] = []
        for function, _name in named_functions(self.ctx):
            if any(function.start_byte >= r.start_byte and function.end_byte <= r.end_byte for r in reported_inner):
                continue
            own = self.ctx.text(function)
            if not _READS_CODE.search(own):
                continue
            text = unit_text(self.ctx, function)
            if _REDEEMS.search(text) and not _STATE_CHECK.search(text):
                reported_inner.append(function)
                self.report(
                    function,
                    "The callback redeems the authorization code without checking `state`.",
                    fix="Store a random `state` in the session before redirecting and reject the callback unless "
                    "it matches (constant-time); use PKCE as well.",
                )
        source = self.ctx.text(node)
        if (
            "code_challenge" in source
            or "codeChallenge" in source
            or re.search(r"client_?secret", source, re.IGNORECASE)
        ):
            return
        for pair in self.ctx.nodes("pair"):
            key = self.ctx._key_text(pair.child_by_field_name("key"))
            if (
                key in ("response_type", "responseType")
                and self.ctx.string_value(pair.child_by_field_name("value")) == "code"
            ):
                self.report(
                    pair,
                    "The authorization request asks for a code without PKCE (`code_challenge`), in a public client.",
                    fix="Send `code_challenge` (S256 of a random `code_verifier`) and the verifier when redeeming.",
                    severity=Severity.medium,
                )
