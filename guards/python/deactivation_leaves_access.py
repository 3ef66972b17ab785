"""IDG148: a user deactivated while their sessions, tokens, keys or memberships stay live."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta, Severity
from ..python_flow import body_words, is_offboarding_function, nodes_in
from ..python_support import PythonGuard

_ACTIVE_FLAGS = frozenset({"is_active", "active", "enabled", "is_enabled", "can_login"})
_INACTIVE_STATUSES = frozenset({"disabled", "inactive", "suspended", "deactivated", "offboarded", "terminated", "locked", "blocked"})
# Any of these in the body means the function (or a helper it calls) deals with live credentials.
_CLEANUP_WORDS = frozenset(
    {"session", "sessions", "token", "tokens", "key", "keys", "apikey", "apikeys", "credential", "credentials",
     "membership", "memberships", "grant", "grants", "revoke", "logout", "invalidate", "flush", "signout", "refresh",
     "deprovision", "offboard", "delete", "cleanup", "role", "roles", "groups", "group", "certificate", "certificates"}
)


class DeactivationLeavesAccess(PythonGuard):
    """
    ## What it does
    Finds offboarding / deactivation functions (`deactivate_user`,
    `offboard`, `suspend_member`...) that flip the account off
    (`is_active = False`, `status = "disabled"`, `.update(is_active=False)`)
    but never touch the access the person already holds: no session, token,
    API key, credential, membership, group or grant is revoked, deleted or
    invalidated in the function (nor a revoke/offboard helper called).
    Reported as low in Django code that flips `is_active`, whose auth backends
    already refuse inactive users' sessions and DRF tokens.

    ## Why is this bad?
    A deactivated flag stops new logins only where the code checks it. Live
    sessions, refresh tokens, personal access tokens and API keys usually keep
    working until they expire, and group memberships keep granting access in
    systems that never read the flag.

    ## Example
    ```python
    def deactivate_user(user):
        user.is_active = False
        user.save()
    ```

    ## Use instead
    ```python
    def deactivate_user(user):
        user.is_active = False
        user.save()
        Session.objects.filter(user=user).delete()
        user.api_keys.update(revoked_at=timezone.now())
        RefreshToken.objects.filter(user=user).delete()
    ```

    ## References
    CWE-613 Insufficient Session Expiration; CWE-672 Operation on a Resource
    after Expiration or Release; OWASP NHI1 Improper Offboarding.
    """

    id = "IDG148"
    name = "deactivation-leaves-access"
    title = "Deactivation leaves sessions, tokens or keys live"
    meta = GuardMeta(
        cwe=["CWE-613", "CWE-672"],
        owasp_nhi=["NHI1"],
        nist_csf=["PR.AA-01", "PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["deprovisioning"],
    )
    VALID = [
        'def deactivate_user(user):\n    user.is_active = False\n    user.save()\n    Session.objects.filter(user=user).delete()\n    user.api_keys.update(revoked_at=now())\n',
        'def deactivate_user(user):\n    user.is_active = False\n    user.save()\n    revoke_all_access.delay(user.id)\n',
        'def toggle_feature(flag):\n    flag.enabled = False\n    flag.save()\n',
        'def offboard(user):\n    user.status = "offboarded"\n    tokens.revoke_for(user)\n',
    ]
    INVALID = [
        'def deactivate_user(user):\n    user.is_active = False\n    user.save()\n',
        'def offboard_employee(employee_id):\n    User.objects.filter(id=employee_id).update(is_active=False)\n    notify_hr(employee_id)\n',
        'def suspend_member(member):\n    member.status = "suspended"\n    db.session.commit()\n',
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if not is_offboarding_function(node):
            return
        spot = self._deactivation(node)
        if spot is None:
            return
        words = body_words(self.ctx, node)
        # `db.session.commit()` is a database session, not a login session.
        if "session" in words and "db" in words and not words & (_CLEANUP_WORDS - {"session"}):
            words = words - {"session"}
        if not words & _CLEANUP_WORDS:
            if self.ctx.imported_module("django") and "is_active" in self.ctx.source(spot):
                # Django's ModelBackend and DRF's TokenAuthentication refuse inactive users, so
                # sessions and DRF tokens die with the flag; custom keys and JWTs do not.
                self.report(spot, "The account is switched off; Django refuses its sessions, but custom API keys, JWTs and external grants stay live.", fix=self._fix(), severity=Severity.low)
                return
            self.report(spot, "The account is switched off, but its sessions, tokens, API keys and memberships are left live.", fix=self._fix())

    def _deactivation(self, fn: cst.FunctionDef) -> cst.CSTNode | None:
        for node in nodes_in(fn.body, cst.Assign, cst.Arg):
            if isinstance(node, cst.Assign):
                for target in node.targets:
                    name = self.ctx.target_name(target.target)
                    if self._switches_off(name, node.value):
                        return node
            elif isinstance(node, cst.Arg) and node.keyword is not None and self._switches_off(node.keyword.value, node.value):
                return node
        return None

    def _switches_off(self, name: str | None, value: cst.BaseExpression) -> bool:
        if name in _ACTIVE_FLAGS:
            return self.ctx.bool_value(value) is False
        if name == "status" or name == "state":
            text = self.ctx.string_value(value)
            if text is None and isinstance(value, cst.Attribute):
                text = value.attr.value
            return (text or "").lower() in _INACTIVE_STATUSES
        return False

    @staticmethod
    def _fix() -> str:
        return "In the same step, delete the user's sessions and refresh tokens, revoke API keys/PATs, and remove group memberships and grants."
