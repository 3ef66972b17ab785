"""IDG326: SAML and OIDC set up to skip signature, replay or email-verification checks."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.durations import words_of
from .support.functions import name_words
from .support.guard import ScriptGuard
from .support.tree import Node

# Option -> the value that turns a check off (passport-saml / @node-saml, openid-client, NextAuth / Auth.js).
_OFF = {
    "wantAssertionsSigned": False,
    "wantAuthnResponseSigned": False,
    "validateInResponseTo": "never",
    "allowDangerousEmailAccountLinking": True,
    "disableRequestedAuthnContext": None,
    "acceptedClockSkewMs": -1,
    "id_token_signed_response_alg": "none",
    "idTokenSigned": False,
    "checkAudience": False,
    "audience": False,
}
_EMAIL_SOURCES = re.compile(
    r"\b(claims|profile|userinfo|userInfo|idToken|id_token|payload|tokenSet|assertion|user)\b[\w?.]*\.email\b"
)
_VERIFIED = re.compile(r"email_verified|emailVerified|verified_email|isEmailVerified", re.I)
_REDIRECT_WORDS = frozenset(
    {"redirect", "return", "returnto", "next", "callback", "continue", "target", "dest", "destination"}
)


class TsSsoMisconfiguration(ScriptGuard):
    """
    ## What it does
    Finds SAML and OIDC set-ups that turn a protocol check off:
    passport-saml / @node-saml `wantAssertionsSigned: false`,
    `wantAuthnResponseSigned: false`, `validateInResponseTo: "never"` (or
    `false`), `acceptedClockSkewMs: -1`; openid-client
    `id_token_signed_response_alg: "none"`; NextAuth / Auth.js
    `allowDangerousEmailAccountLinking: true`; accounts looked up or linked by
    the IdP's `email` claim (`findUserByEmail(claims.email)`,
    `profile.email.endsWith("@corp.com")`) in a module that never reads
    `email_verified`; and redirect targets accepted by prefix or substring
    (`url.startsWith(APP_ORIGIN)`, `.includes(...)` in a redirect check),
    reported as medium.

    ## Why is this bad?
    Each switch removes what makes an SSO assertion trustworthy: an unsigned
    assertion can be written by anyone, a replayed one is accepted twice, an
    unverified email lets an attacker register `victim@corp.com` at a lax IdP
    and take over the account, and a prefix match sends codes and tokens to
    `https://app.example.com.evil.io`.

    ## Example
    ```ts
    new SamlStrategy({ entryPoint, idpCert, wantAssertionsSigned: false }, verify);
    ```

    ## Use instead
    ```ts
    new SamlStrategy({ entryPoint, idpCert, wantAssertionsSigned: true, wantAuthnResponseSigned: true }, verify);
    ```
    """

    id = "IDG326"
    name = "ts-sso-misconfiguration"
    title = "SAML/OIDC check turned off"
    fix_hint = "Keep SSO checks on: signed assertions and responses, InResponseTo validation, verified email claims."
    meta = GuardMeta(
        cwe=["CWE-347", "CWE-294", "CWE-601", "CWE-287"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["sso"],
    )
    VALID = [
        Valid(
            """
            const strategy = new SamlStrategy({ entryPoint, idpCert, wantAssertionsSigned: true }, verify);
            """
        ),
        Valid(
            """
            const claims = tokenSet.claims();
            if (!claims.email_verified) throw new Error('unverified');
            const user = await findUserByEmail(claims.email);
            """
        ),
        Valid(
            """
            function safeReturnTo(url) {
              return new URL(url, APP_ORIGIN).origin === APP_ORIGIN;
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            const strategy = new SamlStrategy({ entryPoint, idpCert, wantAssertionsSigned: false }, verify);
            """,
            line=1,
        ),
        Invalid(
            """
            const saml = { validateInResponseTo: "never", idpCert };
            """,
            line=1,
        ),
        Invalid(
            """
            const claims = tokenSet.claims();
            const user = await findUserByEmail(claims.email);
            """,
            line=2,
        ),
        Invalid(
            """
            GoogleProvider({ clientId, clientSecret, allowDangerousEmailAccountLinking: true });
            """,
            line=1,
        ),
        Invalid(
            """
            function isAllowedReturnTo(url) {
              return url.startsWith(APP_ORIGIN);
            }
            """,
            line=2,
        ),
    ]

    def visit_pair(self, node: Node) -> None:
        key = self.ctx._key_text(node.child_by_field_name("key"))
        if key not in _OFF:
            return
        value = node.child_by_field_name("value")
        off = _OFF[key]
        if off is None:
            return
        if isinstance(off, bool):
            hit = self.ctx.bool_value(value) is off
        elif isinstance(off, int):
            hit = self.ctx.number_value(value) == off
        else:
            hit = (self.ctx.string_value(value) or "").lower() == off or (
                key == "validateInResponseTo" and self.ctx.bool_value(value) is False
            )
        if hit and (key != "audience" or "saml" in self.ctx.text(self.ctx.tree.root).lower()):
            self.report(node, f"`{self.ctx.text(node).split(chr(10))[0][:60]}` turns an SSO check off.")

    def visit_call_expression(self, node: Node) -> None:
        callee = node.child_by_field_name("function")
        if callee is None:
            return
        last = self.ctx.last_name(self.ctx.text(callee))
        args_text = " ".join(self.ctx.text(a) for a in self.ctx.args(node))
        receiver = self.ctx.text(callee.child_by_field_name("object")) if callee.type == "member_expression" else ""
        if ("email" in last.lower() or last in ("findOne", "findUnique", "findFirst", "endsWith", "upsert")) and (
            _EMAIL_SOURCES.search(args_text) or last == "endsWith" and _EMAIL_SOURCES.search(receiver + ".email")
        ):
            if last == "endsWith" and not _EMAIL_SOURCES.search(receiver):
                return
            if not _VERIFIED.search(self.ctx.text(self.ctx.tree.root)):
                self.report(
                    node,
                    "The account is chosen by an email claim whose verification is never checked.",
                    fix="Require `email_verified === true` (or link by the IdP's `sub`) before trusting the email.",
                )
            return
        if last in ("startsWith", "includes", "indexOf") and callee.type == "member_expression":
            function = self.ctx.enclosing_function(node)
            words = name_words(self.ctx.function_name(function)) | words_of(receiver)
            if words & _REDIRECT_WORDS and words & {
                "url",
                "uri",
                "allowed",
                "safe",
                "valid",
                "is",
                "redirect",
                "return",
                "returnto",
            }:
                if function is not None and name_words(self.ctx.function_name(function)) & (
                    _REDIRECT_WORDS | {"allowed", "safe", "valid"}
                ):
                    self.report(
                        node,
                        "The redirect target is accepted by a prefix or substring match.",
                        fix="Parse the URL and compare its origin (and path) with an exact allow-list.",
                        severity=Severity.medium,
                    )
