"""IDG157: an OIDC / social-login library setting that switches off one of its own checks."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import PythonGuard

# Setting -> (the value that turns the check off, what is then accepted).
_SETTINGS: dict[str, tuple[bool, str]] = {
    # mozilla-django-oidc
    "OIDC_VERIFY_JWT": (False, "ID tokens whose signature is never verified"),
    "OIDC_USE_NONCE": (
        False,
        "ID tokens without a nonce check, so a captured token can be replayed into another login",
    ),
    "OIDC_VERIFY_KID": (False, "ID tokens signed with a key the provider never published for them"),
    # django-allauth: provider emails trusted as verified, accounts joined by email
    "VERIFIED_EMAIL": (
        True,
        "the provider's email as verified whatever the provider says, so an unverified address at the provider takes over the local account",
    ),
    "SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT": (
        True,
        "a social login into the existing account that has the same email, without the owner's consent",
    ),
}


class OidcLibraryCheckDisabled(PythonGuard):
    """
    ## What it does
    Finds settings that switch off a check an OIDC or social-login library
    makes for you: mozilla-django-oidc `OIDC_VERIFY_JWT = False` (no ID-token
    signature check), `OIDC_USE_NONCE = False`, `OIDC_VERIFY_KID = False`;
    django-allauth `"VERIFIED_EMAIL": True` in a provider's settings (every
    provider email is taken as verified) and
    `SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = True` (python-social-auth's
    `associate_by_email` pipeline step is IDG164's). Read as module constants,
    attribute assignments (`settings.OIDC_VERIFY_JWT = False`), dict entries
    and keyword arguments, through a name holding the value. The libraries'
    defaults are safe; only an explicit opt-out is reported.

    ## Why is this bad?
    Each setting removes one of the checks that make an OIDC login
    authentication: an unverified ID token is a JSON document anyone can
    write, a token without a nonce check can be replayed into another
    browser's login, and an email the provider never verified links a
    stranger to an existing account.

    ## Example
    ```python
    OIDC_VERIFY_JWT = False
    SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"VERIFIED_EMAIL": True}}
    ```

    ## Use instead
    ```python
    OIDC_VERIFY_JWT = True  # the default: leave it out
    SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [...]}}  # emails follow the provider's email_verified
    ```
    """

    id = "IDG157"
    name = "oidc-library-check-disabled"
    title = "OIDC library check switched off"
    triggers = ("oidc_verify", "oidc_use_nonce", "verified_email", "auto_connect")
    meta = GuardMeta(
        cwe=["CWE-347", "CWE-294", "CWE-287"],
        owasp_nhi=["NHI4"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["sso"],
        urls=["https://openid.net/specs/openid-connect-core-1_0.html#IDTokenValidation"],
        see_also=["OpenID Connect Core 1.0 sections 3.1.3.7 and 15.5.2"],
    )
    VALID = [
        Valid(
            """
            OIDC_VERIFY_JWT = True
            OIDC_USE_NONCE = True
            """
        ),
        Valid(
            """
            SOCIALACCOUNT_PROVIDERS = {"openid_connect": {"APPS": [{"provider_id": "corp", "client_id": CLIENT_ID}]}}
            """
        ),
        Valid(
            """
            def check(account):
                if account.extra_data.get("VERIFIED_EMAIL") is True:
                    return account
            """
        ),
        Valid(
            """
            SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = False
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            OIDC_RP_SIGN_ALGO = "RS256"
            OIDC_VERIFY_JWT = False
            """,
            line=2,
        ),
        Invalid(
            """
            OIDC_USE_NONCE = False
            """,
            line=1,
        ),
        Invalid(
            """
            SOCIALACCOUNT_PROVIDERS = {
                "openid_connect": {
                    "APPS": [{"provider_id": "corp", "client_id": CLIENT_ID}],
                    "VERIFIED_EMAIL": True,
                }
            }
            """,
            line=4,
        ),
        Invalid(
            """
            TRUST = True
            SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT = TRUST
            """,
            line=2,
        ),
        Invalid(
            """
            from django.test import override_settings

            @override_settings(OIDC_VERIFY_JWT=False)
            def login_view(request):
                pass
            """,
            line=3,
        ),
    ]

    def _judge(self, node: cst.CSTNode, key: str | None, value: cst.BaseExpression | None) -> None:
        if key is None or value is None or key not in _SETTINGS:
            return
        off, accepted = _SETTINGS[key]
        if self.ctx.bool_value(value) is off:
            self.report(node, f"`{key}` is set to {off}: the library now accepts {accepted}.", fix=self._fix(key))

    def visit_Assign(self, node: cst.Assign) -> None:
        if self.ctx.function_stack and not any(isinstance(t.target, cst.Attribute) for t in node.targets):
            return  # a local variable, not a setting
        for target in node.targets:
            self._judge(node, self.ctx.target_name(target.target), node.value)

    def visit_DictElement(self, node: cst.DictElement) -> None:
        self._judge(node, self.ctx.string_value(node.key), node.value)

    def visit_Arg(self, node: cst.Arg) -> None:
        if node.keyword is not None:
            self._judge(node, node.keyword.value, node.value)

    @staticmethod
    def _fix(key: str) -> str:
        if key in {"VERIFIED_EMAIL", "SOCIALACCOUNT_EMAIL_AUTHENTICATION_AUTO_CONNECT"}:
            return "Leave the setting at its default: link accounts only on a provider-verified email, and let the owner confirm the link."
        return "Remove the setting (the default verifies the ID token's signature, key id and nonce)."
