"""IDG524: offboarding that revokes some credentials and leaves others active, or hides a revocation failure."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.tree import Node
from .support.units import method_words, report_node, unit_text

_OFFBOARD_WORDS = frozenset(
    {"deactivate", "offboard", "offboarding", "deprovision", "disable", "suspend", "terminate"}
    | {"remove", "delete", "revoke", "ban", "lock", "leave", "kick", "fire", "archive"}
)
_TARGET_WORDS = frozenset(
    {"user", "member", "account", "employee", "staff", "contractor", "person", "seat", "membership"}
    | {"identity", "principal", "customer", "tenant", "users", "members", "accounts"}
)
# Credential kinds: what names them in the file, and what revoking them looks like.
_KINDS = {
    "sessions": re.compile(r"session", re.I),
    "API keys": re.compile(r"api_?keys?|apikey|accesskey|personalaccesstoken|\bpat\b", re.I),
    "refresh tokens": re.compile(r"refresh_?tokens?|refreshtoken|tokenstore|tokenrepository|tokens?repo", re.I),
    "OAuth grants": re.compile(r"oauth|consent|authorizedclient|grants?repository|authorization_?service", re.I),
    "group memberships": re.compile(r"membership|groups?repository|groupservice|teamservice|orgmember", re.I),
    "SSH keys": re.compile(r"ssh_?keys?|sshkey", re.I),
    "service account keys": re.compile(r"service_?account_?keys?|serviceaccountkey", re.I),
}


class JavaDeprovisioningIncomplete(JavaGuard):
    """
    ## What it does
    Finds offboarding routines (`deactivateUser`, `offboard`, `removeMember`,
    `deleteAccount`, `suspend`...) that revoke some kinds of access but not
    every kind the class holds: sessions, API keys, refresh tokens, OAuth
    grants, group memberships, SSH keys, service-account keys (a kind counts as
    held when a field or parameter of the class names it, and as revoked when
    the method or a same-class helper it calls names it). Also reports a
    `catch` in such a routine that swallows a revocation failure: empty, or
    only logging, after which the routine goes on to report success.

    ## Why is this bad?
    A removed employee's API key or refresh token keeps working after the
    account is disabled; a revocation that failed silently looks done in the
    audit trail. Offboarding is only as good as its least revoked credential.

    ## Example
    ```java
    void offboard(User u) { u.setActive(false); sessions.invalidateAll(u.getId()); }  // apiKeys never revoked
    ```

    ## Use instead
    ```java
    void offboard(User u) { u.setActive(false); sessions.invalidateAll(u.getId()); apiKeys.revokeAll(u.getId()); refreshTokens.revokeAll(u.getId()); }
    ```
    """

    id = "IDG524"
    name = "java-deprovisioning-incomplete"
    title = "Offboarding leaves credentials active"
    fix_hint = "Revoke every credential kind the service holds (sessions, API keys, tokens, grants, memberships) and let failures propagate."
    triggers = ("deactivat", "offboard", "deprovision", "disable", "suspend", "remove", "delete", "revoke", "terminate")
    meta = GuardMeta(
        cwe=["CWE-672", "CWE-613"],
        owasp_nhi=["NHI1"],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["deprovisioning"],
    )
    VALID = [
        Valid(
            """
            class Offboarding {
                private final SessionStore sessions;
                private final ApiKeyRepository apiKeys;
                void offboardUser(User u) { u.setActive(false); sessions.invalidateAll(u.getId()); apiKeys.revokeAll(u.getId()); }
            }
            """
        ),
        Valid(
            """
            class Users {
                private final SessionStore sessions;
                void deleteUser(User u) { sessions.invalidateAll(u.getId()); repo.delete(u); }
            }
            """
        ),
        Valid(
            """
            class Keys {
                private final ApiKeyRepository apiKeys;
                void removeKey(long id) { apiKeys.deleteById(id); }
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            class Offboarding {
                private final SessionStore sessions;
                private final ApiKeyRepository apiKeys;
                void offboardUser(User u) {
                    u.setActive(false);
                    sessions.invalidateAll(u.getId());
                }
            }
            """,
            line=4,
        ),
        Invalid(
            """
            class Members {
                private final RefreshTokenRepository refreshTokens;
                void removeMember(Member m) {
                    m.setStatus(Status.REMOVED);
                    try { refreshTokens.revokeAll(m.getId()); } catch (Exception e) { log.warn("revoke failed", e); }
                    audit.record("member removed");
                }
            }
            """,
            line=5,
        ),
        Invalid(
            """
            class Accounts {
                private final SessionRegistry sessionRegistry;
                private final OAuth2AuthorizedClientService authorizedClients;
                private final ApiKeyService apiKeyService;
                public void deactivateAccount(Account a) { a.setEnabled(false); apiKeyService.revokeAll(a.getId()); }
            }
            """,
            line=5,
        ),
    ]

    def _held(self, method: Node) -> set[str]:
        ctx = self.ctx
        klass = ctx.enclosing_class(method)
        body = (
            klass.child_by_field_name("body")
            if klass is not None and klass.type != "object_creation_expression"
            else None
        )
        names: list[str] = []
        for declaration in ctx.descendants(body, ("field_declaration",)) if body is not None else []:
            names.append(ctx.text(declaration))
        for constructor in ctx.descendants(body, ("constructor_declaration",)) if body is not None else []:
            names += [ctx.text(p) for p in ctx.parameters(constructor)]
        names += [ctx.text(p) for p in ctx.parameters(method)]
        text = " ".join(names)
        return {kind for kind, pattern in _KINDS.items() if pattern.search(text)}

    def visit_method_declaration(self, node: Node) -> None:
        ctx = self.ctx
        name_words = method_words(ctx, node)
        if not name_words & _OFFBOARD_WORDS or not name_words & _TARGET_WORDS or ctx.body(node) is None:
            return
        text = unit_text(ctx, node)
        revoked = {kind for kind, pattern in _KINDS.items() if pattern.search(text)}
        if self._swallowed(node):
            return
        held = self._held(node)
        missing = sorted(held - revoked)
        if revoked and missing:
            self.report(
                report_node(node), f"Offboarding revokes {', '.join(sorted(revoked))} but not {', '.join(missing)}."
            )

    def _swallowed(self, method: Node) -> bool:
        """Report a catch that hides a revocation failure; True when one was reported."""
        ctx = self.ctx
        for catch in ctx.descendants(ctx.body(method), ("catch_clause",)):
            body = catch.child_by_field_name("body")
            statements = ctx.statements(body)
            if any(s.type in ("throw_statement", "return_statement") for s in statements):
                continue
            only_logs = all(
                s.type == "expression_statement"
                and re.match(r"\s*(?:log|logger|LOG|LOGGER|System\.(?:out|err))\b", ctx.text(s))
                for s in statements
            )
            if not only_logs:
                continue
            try_body = catch.parent.child_by_field_name("body") if catch.parent is not None else None
            if re.search(r"revoke|invalidate|delete|remove|expire|disable", ctx.text(try_body), re.I):
                self.report(catch, "A failed revocation is swallowed and the offboarding goes on as if it succeeded.")
                return True
        return False
