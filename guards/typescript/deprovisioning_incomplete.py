"""IDG320: offboarding that leaves access in place or hides a failed revocation."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.functions import name_words, named_functions, unit_text
from .support.guard import ScriptGuard
from .support.tree import Node

_OFFBOARD_VERBS = frozenset(
    {
        "offboard",
        "offboarding",
        "deprovision",
        "deactivate",
        "disable",
        "suspend",
        "terminate",
        "decommission",
        "remove",
        "delete",
        "revoke",
        "ban",
        "lock",
        "archive",
        "kick",
        "expel",
        "leave",
        "unassign",
        "evict",
    }
)
_SUBJECTS = frozenset(
    {
        "user",
        "users",
        "member",
        "members",
        "employee",
        "account",
        "access",
        "seat",
        "contractor",
        "machine",
        "identity",
        "collaborator",
        "staff",
        "person",
        "offboard",
        "offboarding",
        "deprovision",
        "tenant",
    }
)
# Kinds of live access, by the words that name them in identifiers.
_KINDS = {
    "sessions": re.compile(r"session", re.IGNORECASE),
    "refresh tokens": re.compile(r"refresh_?token", re.IGNORECASE),
    "API keys": re.compile(r"api_?keys?\b|apiKey|ApiKey", re.IGNORECASE),
    "OAuth grants": re.compile(r"oauth_?(grant|consent|token|app)|grants?\b", re.IGNORECASE),
    "SSH keys": re.compile(r"ssh_?keys?|sshKey", re.IGNORECASE),
    "personal access tokens": re.compile(r"personal_?access|\bpats?\b|accessTokens?\b", re.IGNORECASE),
    "memberships": re.compile(r"membership", re.IGNORECASE),
    "service-account keys": re.compile(r"service_?account_?keys?|serviceAccountKey", re.IGNORECASE),
}
_REVOKE_ALL = re.compile(
    r"revokeAll(Access|Credentials)\b|revoke_all_(access|credentials)|(?<![.\w])revokeAll\(|revokeEverything"
    r"|offboardingService|deprovisionAll|terminateAll",
    re.IGNORECASE,
)
_PROPAGATES = re.compile(
    r"\bthrow\b|reject\(|retry|alert|notify|pagerduty|failures?\.push|errors?\.push|failed\.push|status\(5\d\d|next\(\w+|"
    r"return\s+(false|\{[^}]*(ok|success)\s*:\s*false)|process\.exitCode|exit\(1",
    re.IGNORECASE,
)


def offboarding(name: str) -> bool:
    words = name_words(name)
    return bool(words & _OFFBOARD_VERBS) and bool(
        words & _SUBJECTS or words & {"offboard", "deprovision", "deactivate"}
    )


class TsDeprovisioningIncomplete(ScriptGuard):
    """
    ## What it does
    Finds offboarding routines (`deactivateUser`, `offboardEmployee`,
    `removeMember`, `deleteAccount`, a route such as `DELETE /members/:id`)
    that leave part of the person's access live:
    - the routine revokes some kinds of access (sessions, refresh tokens, API
      keys, OAuth grants, SSH keys, personal access tokens, memberships,
      service-account keys) while the module handles other kinds the routine
      and the same-file helpers it calls never touch;
    - or it wraps a revocation in a `catch` that neither rethrows, retries,
      alerts nor reports the failure (`catch {}`, `catch (e) { log(e) }`),
      hides it with `.catch(() => {})`, or drops the results of
      `Promise.allSettled`, and goes on to report success.
    A call that hands the work to a revoke-everything service counts as
    revoking every kind. Reported on the routine's first line, or on the
    handler that hides the failure.

    ## Why is this bad?
    The person is shown as offboarded while an API key, a refresh token or an
    OAuth grant still works: the departed employee (or whoever holds their
    credential) keeps access nobody is looking for.

    ## Example
    ```ts
    export async function offboardUser(id: string) {
      await db.session.deleteMany({ where: { userId: id } });
      await db.user.update({ where: { id }, data: { active: false } });
    } // the module also issues db.apiKey records
    ```

    ## Use instead
    ```ts
    export async function offboardUser(id: string) {
      await db.session.deleteMany({ where: { userId: id } });
      await db.apiKey.updateMany({ where: { userId: id }, data: { revokedAt: new Date() } });
      await db.user.update({ where: { id }, data: { active: false } });
    }
    ```
    """

    id = "IDG320"
    name = "ts-deprovisioning-incomplete"
    title = "Offboarding leaves access or hides a failure"
    meta = GuardMeta(
        cwe=["CWE-459", "CWE-613", "CWE-390"],
        owasp_nhi=["NHI1"],
        nist_csf=["PR.AA-05", "PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["deprovisioning"],
    )
    VALID = [
        Valid(
            """
            export async function offboardUser(id) {
              await db.session.deleteMany({ where: { userId: id } });
              await db.apiKey.deleteMany({ where: { userId: id } });
            }
            export const issueApiKey = (id) => db.apiKey.create({ data: { userId: id } });
            """
        ),
        Valid(
            """
            async function deactivateUser(id) {
              try {
                await idp.disable(id);
              } catch (err) {
                failures.push(id);
                throw err;
              }
            }
            """
        ),
        Valid(
            """
            async function removeMember(id) {
              await revokeAllAccess(id);
            }
            const x = { apiKey: 1, session: 2 };
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            export async function offboardUser(id) {
              await db.session.deleteMany({ where: { userId: id } });
              await db.user.update({ where: { id }, data: { active: false } });
            }
            export const issueApiKey = (id) => db.apiKey.create({ data: { userId: id } });
            """,
            line=1,
        ),
        Invalid(
            """
            async function deactivateUser(id) {
              try {
                await idp.revokeSessions(id);
              } catch (err) {
                console.warn('revoke failed', err);
              }
              return { ok: true };
            }
            """,
            line=4,
        ),
        Invalid(
            """
            async function removeMember(orgId, userId) {
              await github.removeMember(orgId, userId).catch(() => {});
              return true;
            }
            """,
            line=2,
        ),
    ]

    def visit_program(self, node: Node) -> None:
        module_kinds = {kind for kind, pattern in _KINDS.items() if pattern.search(self._identifiers())}
        for function, name in named_functions(self.ctx):
            if not offboarding(name):
                continue
            self._swallowed(function)
            text = unit_text(self.ctx, function)
            if _REVOKE_ALL.search(text):
                continue
            touched = {kind for kind, pattern in _KINDS.items() if pattern.search(text)}
            missing = sorted(module_kinds - touched)
            if missing and (touched or re.search(r"active|status|disabled|deactivated", text)):
                self.report(
                    function,
                    f"`{name}` leaves {', '.join(missing)} live although this module handles them.",
                    fix="Revoke every kind of access the module issues (or call one revoke-everything service), "
                    "and let failures propagate.",
                )

    def _identifiers(self) -> str:
        cached = self.ctx.shared.get("identifier_text")
        if cached is None:
            names: set[str] = set()
            for kind in ("identifier", "property_identifier", "shorthand_property_identifier", "type_identifier"):
                names.update(self.ctx.text(n) for n in self.ctx.nodes(kind))
            cached = self.ctx.shared["identifier_text"] = " ".join(sorted(names))
        return cached

    def _swallowed(self, function: Node) -> None:
        for clause in self.ctx.descendants(function, ("catch_clause",)):
            if self.ctx.enclosing_function(clause) != function:
                continue
            body = clause.child_by_field_name("body")
            if body is not None and not _PROPAGATES.search(self.ctx.text(body)):
                self.report(
                    clause,
                    "A failed revocation is caught and dropped; the routine still reports success.",
                    fix="Rethrow, retry or record the failure and report the offboarding as incomplete.",
                )
        for call in self.ctx.descendants(function, ("call_expression",)):
            callee = call.child_by_field_name("function")
            if callee is None:
                continue
            text = self.ctx.text(callee)
            if text.endswith(".catch"):
                handler = self.ctx.arg(call, 0)
                if handler is not None and not _PROPAGATES.search(self.ctx.text(handler)):
                    self.report(call, "A failed revocation is silenced with `.catch(...)`.", fix="Let it propagate.")
            elif text == "Promise.allSettled":
                holder = (
                    call.parent.parent
                    if call.parent is not None and call.parent.type == "await_expression"
                    else call.parent
                )
                if holder is not None and holder.type == "expression_statement":
                    self.report(
                        call,
                        "The results of `Promise.allSettled` are dropped: failed revocations go unseen.",
                        fix="Check each result and fail (or retry) when one was rejected.",
                    )
