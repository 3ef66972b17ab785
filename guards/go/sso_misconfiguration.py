"""IDG420: OIDC/OAuth checks switched off: client id, issuer, or a fixed `state`."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.tree import Node

_SKIPS = {
    "SkipClientIDCheck": "the token's audience is not checked: ID tokens issued to any client are accepted",
    "SkipIssuerCheck": "the issuer is not checked: tokens from another provider are accepted",
}


class GoSsoMisconfiguration(GoGuard):
    """
    ## What it does
    Finds single sign-on checks turned off: go-oidc
    `oidc.Config{SkipClientIDCheck: true}` or `SkipIssuerCheck: true` (for
    the expiry and signature switches see IDG407 and IDG402), and
    `oauth2.Config.AuthCodeURL` called with a literal `state`, so the
    callback cannot tell its own login from a forged one.

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
    triggers = ("skipclientidcheck", "skipissuercheck", "authcodeurl")
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
        if self.ctx.last_name(self.ctx.call_name(node)) != "AuthCodeURL":
            return
        state = self.ctx.arg(node, 0)
        if self.ctx.string_value(state) is not None:
            self.report(node, "The OAuth `state` is a fixed value: the callback cannot detect a forged login (CSRF).")
