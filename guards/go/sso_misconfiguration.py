"""IDG420: OIDC/OAuth checks switched off: client id, issuer, or a fixed `state`."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.functions import unit_text
from .support.guard import GoGuard
from .support.judge import is_request_input
from .support.tree import Node

_STATE_CHECK = re.compile(
    r"[Ss]tate\b[^\n]*(!=|==)|(!=|==)[^\n]*[Ss]tate\b|Equal\([^\n]*[Ss]tate|VerifyState|checkState|validateState"
)
_EMAIL_LOOKUPS = frozenset(
    {"ByEmail", "FindByEmail", "GetByEmail", "UserByEmail", "FindUserByEmail", "GetUserByEmail", "LookupEmail"}
)

_SKIPS = {
    "SkipClientIDCheck": "the token's audience is not checked: ID tokens issued to any client are accepted",
    "SkipIssuerCheck": "the issuer is not checked: tokens from another provider are accepted",
}


class GoSsoMisconfiguration(GoGuard):
    """
    ## What it does
    Finds single sign-on checks turned off: go-oidc
    `oidc.Config{SkipClientIDCheck: true}` or `SkipIssuerCheck: true` (for
    the expiry and signature switches see IDG407 and IDG402),
    `oauth2.Config.AuthCodeURL` called with a literal `state`, an OAuth
    callback that redeems the request's `code` (`conf.Exchange(ctx, code)`)
    without comparing the returned `state` with the stored one (reported on
    the callback's first line), and accounts looked up by the ID token's
    `email` claim (`users.ByEmail(ctx, claims.Email)`) in a file that never
    reads `email_verified`.

    ## Why is this bad?
    Without the audience check an ID token minted for any other application
    of the same provider logs in here; without the issuer check any provider
    does. A fixed `state` removes the CSRF protection of the code flow: an
    attacker logs the victim into the attacker's account.

    ## Example
    ```go
    verifier := provider.Verifier(&oidc.Config{SkipClientIDCheck: true})
    ```

    ## Use instead
    ```go
    verifier := provider.Verifier(&oidc.Config{ClientID: clientID})
    ```
    """

    id = "IDG420"
    name = "go-sso-misconfiguration"
    title = "SSO check switched off"
    fix_hint = "Keep go-oidc's client id and issuer checks; use a random per-login `state` stored in the session."
    triggers = (
        "skipclientidcheck",
        "skipissuercheck",
        "authcodeurl",
        "exchange",
        "email",
        "saml",
        "redirect",
        "return",
    )
    meta = GuardMeta(
        cwe=["CWE-287", "CWE-352"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["sso"],
    )
    VALID = [
        Valid(
            """
            package web

            func AfterLogin(w http.ResponseWriter, r *http.Request) {
                next := r.URL.Query().Get("redirect_uri")
                if !strings.HasPrefix(next, "/") || strings.HasPrefix(next, "//") {
                    next = "/"
                }
                http.Redirect(w, r, next, http.StatusFound)
            }
            """
        ),
        Valid(
            """
            package sso

            func (h *Handler) Callback(w http.ResponseWriter, r *http.Request) {
                c, err := r.Cookie("oauth_state")
                if err != nil || r.URL.Query().Get("state") != c.Value {
                    http.Error(w, "bad state", http.StatusBadRequest)
                    return
                }
                tok, err := h.conf.Exchange(r.Context(), r.URL.Query().Get("code"))
                if err != nil {
                    return
                }
                h.startSession(w, tok)
            }
            """
        ),
        Valid(
            """
            package sso

            import "github.com/coreos/go-oidc/v3/oidc"

            func verifier(p *oidc.Provider) *oidc.IDTokenVerifier { return p.Verifier(&oidc.Config{ClientID: clientID}) }
            """
        ),
        Valid(
            """
            package sso

            func login(w http.ResponseWriter, r *http.Request) {
                state := rand.Text()
                setStateCookie(w, state)
                http.Redirect(w, r, conf.AuthCodeURL(state, oauth2.S256ChallengeOption(verifier)), http.StatusFound)
            }
            """
        ),
        Valid(
            """
            package sso

            var cfg = &oidc.Config{ClientID: clientID, SkipClientIDCheck: false}
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package web

            func AfterLogin(w http.ResponseWriter, r *http.Request) {
                next := r.URL.Query().Get("redirect_uri")
                if !strings.Contains(next, "app.example.com") {
                    next = "/"
                }
                http.Redirect(w, r, next, http.StatusFound)
            }
            """,
            line=5,
        ),
        Invalid(
            """
            package saml

            func (a *ACS) ServeHTTP(w http.ResponseWriter, r *http.Request) {
                raw, _ := base64.StdEncoding.DecodeString(r.PostFormValue("SAMLResponse"))
                var resp saml.Response
                if err := xml.Unmarshal(raw, &resp); err != nil {
                    return
                }
                a.Sign(w, resp.Assertion.Subject.NameID.Value)
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package sso

            func (h *Handler) Callback(w http.ResponseWriter, r *http.Request) {
                tok, err := h.conf.Exchange(r.Context(), r.URL.Query().Get("code"))
                if err != nil {
                    http.Error(w, "exchange failed", http.StatusBadGateway)
                    return
                }
                h.startSession(w, tok)
            }
            """,
            line=3,
        ),
        Invalid(
            """
            package sso

            import "github.com/coreos/go-oidc/v3/oidc"

            func verifier(p *oidc.Provider) *oidc.IDTokenVerifier {
                return p.Verifier(&oidc.Config{SkipClientIDCheck: true})
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package sso

            var cfg = &oidc.Config{
                ClientID:        clientID,
                SkipIssuerCheck: true,
            }
            """,
            line=5,
        ),
        Invalid(
            """
            package sso

            func login(w http.ResponseWriter, r *http.Request) {
                http.Redirect(w, r, conf.AuthCodeURL("state"), http.StatusFound)
            }
            """,
            line=4,
        ),
    ]

    def visit_keyed_element(self, node: Node) -> None:
        field = self.ctx.keyed_field(node)
        if field is None or field[0] not in _SKIPS or self.ctx.bool_value(field[1]) is not True:
            return
        self.report(node, f"`{field[0]}: true`: {_SKIPS[field[0]]}.")

    def visit_call_expression(self, node: Node) -> None:
        last = self.ctx.last_name(self.ctx.call_name(node))
        if last == "AuthCodeURL":
            state = self.ctx.arg(node, 0)
            if self.ctx.string_value(state) is not None:
                self.report(
                    node, "The OAuth `state` is a fixed value: the callback cannot detect a forged login (CSRF)."
                )
        elif last == "Exchange" and len(self.ctx.args(node)) >= 2:
            self._callback_checks_state(node)
        elif last in _EMAIL_LOOKUPS and "Email" in self.ctx.text(self.ctx.arg(node, 1) or self.ctx.arg(node, 0)):
            self._email_verified(node, self.ctx.arg(node, 1) or self.ctx.arg(node, 0))
        elif last in ("Unmarshal", "Decode") and self._into_saml_response(node):
            self.report(
                node,
                "The SAML response is read with a plain XML decoder: its signature, audience and expiry are never "
                "checked, so anyone can post an assertion naming any user.",
                fix="Parse it with the library (`sp.ParseResponse(r, ids)` / `ParseXMLResponse`), which verifies it.",
            )
        elif last in ("Contains", "HasPrefix", "HasSuffix") and self.ctx.call_name(node).startswith("strings."):
            target, allowed = self.ctx.arg(node, 0), self.ctx.string_value(self.ctx.arg(node, 1))
            if allowed is not None and allowed.startswith("/"):
                return  # `strings.HasPrefix(next, "/")`: a relative path check, the safe idiom
            if target is not None and self._is_redirect_input(target):
                self.report(
                    node,
                    f"The redirect target is accepted by `strings.{last}`, not compared exactly: "
                    "`https://app.example.com.evil.net/` passes.",
                    fix="Parse the URL and compare its scheme and host with an allow-list, or allow relative paths only.",
                )
        else:
            for arg in self.ctx.args(node):
                if re.fullmatch(r"\w+\.Email", self.ctx.text(arg)) and last not in ("Printf", "Sprintf", "Errorf"):
                    self._email_verified(node, arg)
                    return

    def _into_saml_response(self, call: Node) -> bool:
        """`xml.Unmarshal(raw, &resp)` / `xml.NewDecoder(r).Decode(&resp)` where `resp` is a SAML response or
        assertion type (`saml.Response`, `saml.Assertion`)."""
        if "xml" not in self.ctx.call_name(call).lower() and "xml." not in self.ctx.text(call):
            return False
        for arg in self.ctx.args(call):
            name = self.ctx.text(arg).lstrip("&")
            if re.search(
                rf"\bvar\s+{re.escape(name)}\s+\*?saml\w*\.(?:Response|Assertion)\b",
                self.ctx.text(self.ctx.enclosing_function(call) or self.ctx.tree.root),
            ):
                return True
        return False

    def _is_redirect_input(self, node: Node) -> bool:
        """A redirect/return/next URL taken from the request (`r.URL.Query().Get("redirect_uri")`)."""
        resolved = self.ctx.resolve(node) or node
        text = self.ctx.text(resolved).lower()
        name = self.ctx.text(node).lower()
        redirect = re.search(r"redirect|return|next|continue|callback", text + " " + name)
        return bool(redirect) and is_request_input(self.ctx, node)

    def _callback_checks_state(self, exchange: Node) -> None:
        """An authorization-code callback must compare the returned `state` with the one it stored."""
        code = self.ctx.arg(exchange, 1)
        if code is None or not is_request_input(self.ctx, code):
            return
        function = self.ctx.outermost_function(exchange) or self.ctx.enclosing_function(exchange)
        if function is None:
            return
        text = unit_text(self.ctx, function)
        if _STATE_CHECK.search(text):
            return
        self.report(
            function, "The OAuth callback redeems the code without comparing the returned `state` (login CSRF)."
        )

    def _email_verified(self, lookup: Node, email: Node | None) -> None:
        """Accounts found or linked by the ID token's `email` claim (`idToken.Claims(&claims)`, then
        `ByEmail(ctx, claims.Email)`, `p.link(ctx, claims.Email, sub)`) in a file that never reads
        `email_verified` (a struct field declaring it is not reading it)."""
        text = self.ctx.text(self.ctx.tree.root)
        holders = set(re.findall(r"\.Claims\(&(\w+)\)", text))
        argument = self.ctx.text(email)
        if not holders or argument.split(".", 1)[0] not in holders:
            return
        if re.search(r"\.EmailVerified\b|\[\"email_verified\"\]", text):
            return
        self.report(lookup, "The account is found by the IdP's `email` claim without checking `email_verified`.")
