"""IDG521: SAML/OIDC checks switched off or weakened (unsigned assertions, redirect URIs matched loosely)."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.judge import name_of, words
from .support.tree import Node

# Setters whose `false` turns a signature, audience or issuer check off.
_CHECK_SETTERS = frozenset(
    {
        "setWantAssertionsSigned",
        "wantAssertionsSigned",
        "setRequireSignedAssertions",
        "setRequireSignedResponses",
        "setWantMessagesSigned",
        "setValidateSignature",
        "setSignatureRequired",
        "setVerifyTokenAudience",
        "setValidateIssuer",
        "setValidateAudience",
        "setRequireNonce",
        "setCheckState",
        "setValidateState",
        "setStrict",
    }
)
_REDIRECT_WORDS = frozenset({"redirect", "callback", "return"})


class JavaSsoMisconfiguration(JavaGuard):
    """
    ## What it does
    Finds single sign-on checks switched off: `setWantAssertionsSigned(false)`,
    `setRequireSignedAssertions(false)`, `setValidateSignature(false)`,
    `setVerifyTokenAudience(false)`, `setValidateIssuer(false)`,
    `setRequireNonce(false)`, `setStrict(false)` (OneLogin SAML) and similar
    settings of SAML and OIDC libraries; and redirect or callback URIs accepted
    by a prefix or substring match (`redirectUri.startsWith(registered)`,
    `.contains(...)`, `.matches(...)`) instead of an exact comparison.

    ## Why is this bad?
    An unsigned assertion is one anyone can write, naming any user. A
    redirect URI matched by prefix (`https://app.example.com.evil.net/`) or
    substring sends the authorization code or token to an attacker's host.

    ## Example
    ```java
    consumer.setWantAssertionsSigned(false);
    ```

    ## Use instead
    ```java
    consumer.setWantAssertionsSigned(true);
    if (!client.getRedirectUris().contains(redirectUri)) throw new OAuth2AuthenticationException("redirect_uri");
    ```
    """

    id = "IDG521"
    name = "java-sso-misconfiguration"
    title = "SSO signature or redirect check weakened"
    fix_hint = "Require signed assertions and compare redirect URIs exactly against the registered list."
    triggers = ("signed", "validate", "verify", "redirect", "callback", "nonce", "strict", "state")
    meta = GuardMeta(
        cwe=["CWE-347", "CWE-601"],
        owasp_nhi=["NHI5"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["sso"],
    )
    VALID = [
        Valid(
            """
            consumer.setWantAssertionsSigned(true);
            """
        ),
        Valid(
            """
            boolean allowed(Client client, String redirectUri) { return client.getRedirectUris().contains(redirectUri); }
            """
        ),
        Valid(
            """
            boolean isApi(String path) { return path.startsWith("/api/"); }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            WebSSOProfileConsumerImpl consumer = new WebSSOProfileConsumerImpl();
            consumer.setWantAssertionsSigned(false);
            """,
            line=2,
        ),
        Invalid(
            """
            boolean allowed(Client client, String redirectUri) {
                return redirectUri.startsWith(client.getRegisteredRedirectUri());
            }
            """,
            line=2,
        ),
        Invalid(
            """
            Saml2Settings settings = builder.fromValues(values).build();
            settings.setStrict(false);
            """,
            line=2,
        ),
        Invalid(
            """
            void callback(@RequestParam String redirect_uri) {
                if (!redirect_uri.contains("acme.example")) throw new IllegalArgumentException();
            }
            """,
            line=2,
        ),
    ]

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        method = ctx.method_name(node)
        where = node.child_by_field_name("name") or node
        if method in _CHECK_SETTERS and ctx.bool_value(ctx.arg(node, 0)) is False:
            self.report(where, f"`{method}(false)` turns an SSO check off.")
        elif method in ("startsWith", "contains", "matches", "endsWith", "indexOf"):
            receiver = ctx.receiver(node)
            name = words(name_of(ctx, receiver))
            if receiver is None or not (name & _REDIRECT_WORDS and name & {"uri", "url"}):
                return
            if ctx.string_items(receiver) != [None]:
                return  # a list of registered URIs: `uris.contains(x)` is an exact match
            self.report(where, f"The redirect URI is accepted by `{method}`, not compared exactly.")
