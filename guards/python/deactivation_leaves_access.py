"""IDG148: an offboarding routine that leaves some of the person's live access in place."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.flow.credential_kinds import ALL_KINDS, kinds_in, module_credential_kinds
from .support.flow.decisions import display_name, local_callees
from .support.flow.denials import is_offboarding
from .support.flow.words import body_words, nodes_in
from .support.guard import PythonGuard
from .support.words import identifier_words

_ACTIVE_FLAGS = frozenset({"is_active", "active", "enabled", "is_enabled", "can_login"})
_INACTIVE_STATUSES = frozenset(
    {
        "disabled",
        "inactive",
        "suspended",
        "deactivated",
        "offboarded",
        "terminated",
        "locked",
        "blocked",
        "decommissioned",
        "retired",
        "removed",
    }
)
# Any of these in the body means the function (or a helper it calls) deals with live credentials.
_CLEANUP_WORDS = frozenset(
    {
        "session",
        "sessions",
        "token",
        "tokens",
        "key",
        "keys",
        "apikey",
        "apikeys",
        "credential",
        "credentials",
        "membership",
        "memberships",
        "grant",
        "grants",
        "revoke",
        "logout",
        "invalidate",
        "flush",
        "signout",
        "refresh",
        "deprovision",
        "offboard",
        "delete",
        "cleanup",
        "role",
        "roles",
        "groups",
        "group",
        "certificate",
        "certificates",
    }
)
# Verbs of a call that withdraws access in another system (an IdP, a code host, chat).
_EXTERNAL_REVOKE_VERBS = frozenset(
    {"deactivate", "disable", "suspend", "remove", "block", "unassign", "deprovision", "offboard"}
)
_PLURALS = {
    "session": "sessions",
    "refresh token": "refresh tokens",
    "API key": "API keys",
    "OAuth grant": "OAuth grants",
    "membership": "memberships",
    "SSH key": "SSH keys",
    "service key": "service-account keys",
    "access token": "access tokens",
}


def _listed(kinds: set[str]) -> str:
    names = [_PLURALS.get(k, k) for k in sorted(kinds)]
    return names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1]


class DeactivationLeavesAccess(PythonGuard):
    """
    ## What it does
    Finds offboarding routines (`deactivate_user`, `offboard_employee`,
    `remove_member`, `decommission_machine`, a `deactivate` method of a user
    view set...) that leave part of the person's live access in place:
    - the routine revokes some kinds of access but not others that the same
      module handles: it deletes sessions and refresh tokens while the module
      also issues API keys, OAuth grants, SSH or service-account keys or
      memberships (`ApiKey`, `revoke_oauth_grants`, `user.ssh_keys`...), and
      neither it nor a helper it calls touches them;
    - or it only flips the account off (`is_active = False`,
      `status = "disabled"`) and revokes nothing. Reported as low in Django code
      that flips `is_active`, whose auth backends already refuse inactive
      users' sessions and DRF tokens, and as low when nothing in the module
      issues or names a session, token or key (whether the flag ends them
      depends on a login layer the file does not show).
    Kinds are read from names, not strings, and a helper of the same module
    the routine calls counts as part of it; a call that hands the job to a
    revoke-everything or offboarding service (`revoke_all_access.delay(uid)`)
    counts as revoking every kind. Reported on the routine's `def` line.

    ## Why is this bad?
    A deactivated flag stops new logins only where the code checks it. Live
    sessions, refresh tokens, personal access tokens and API keys usually keep
    working until they expire, and memberships keep granting access in systems
    that never read the flag. The kinds an offboarding step forgets are exactly
    the ones a departed employee or a retired machine keeps using.

    ## Example
    ```python
    def deactivate_user(db, user_id):
        db.execute(delete(UserSession).where(UserSession.user_id == user_id))
        db.execute(update(RefreshToken).where(RefreshToken.user_id == user_id).values(revoked_at=now()))
        # ApiKey and OAuthGrant rows of this user stay valid

    def revoke_api_key(db, key_id):
        db.execute(update(ApiKey).where(ApiKey.id == key_id).values(revoked_at=now()))
    ```

    ## Use instead
    ```python
    def deactivate_user(db, user_id):
        db.execute(delete(UserSession).where(UserSession.user_id == user_id))
        for model in (RefreshToken, ApiKey, OAuthGrant):
            db.execute(update(model).where(model.user_id == user_id).values(revoked_at=now()))
    ```
    """

    id = "IDG148"
    name = "deactivation-leaves-access"
    title = "Deactivation leaves sessions, tokens or keys live"
    fix_hint = (
        "In the same step revoke every kind of access the person holds: delete sessions and refresh tokens, "
        "revoke API keys/PATs, OAuth grants, SSH and service-account keys, and remove memberships and grants."
    )
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
        Valid(
            """
            class LeaverService:
                def __init__(self, directory, token_store, ssh_store):
                    self.directory = directory
                    self.token_store = token_store
                    self.ssh_store = ssh_store

                def offboard_leaver(self, uid):
                    self.directory.disable(uid)
                    self.token_store.revoke_all(owner=uid)
                    self.ssh_store.remove_all(owner=uid)
            """
        ),
        Valid(
            """
            def deactivate_user(user):
                user.is_active = False
                user.save()
                Session.objects.filter(user=user).delete()
                user.api_keys.update(revoked_at=now())
            """
        ),
        Valid(
            """
            def deactivate_user(user):
                user.is_active = False
                user.save()
                revoke_all_access.delay(user.id)
            """
        ),
        Valid(
            """
            def toggle_feature(flag):
                flag.enabled = False
                flag.save()
            """
        ),
        Valid(
            """
            def offboard(user):
                user.status = "offboarded"
                tokens.revoke_for(user)
            """
        ),
        # every kind the module handles is revoked, one of them through a helper
        Valid(
            """
            from app.models import ApiKey, UserSession

            def _drop_keys(uid):
                ApiKey.query.filter_by(user_id=uid).delete()

            def deactivate_user(uid):
                UserSession.query.filter_by(user_id=uid).delete()
                _drop_keys(uid)
            """
        ),
        # leaving one team is not offboarding
        Valid(
            """
            from orgs.models import OrgApiToken, TeamMembership

            def leave_team(team_membership):
                team_membership.delete()
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            class LeaverService:
                def __init__(self, directory, token_store, ssh_store):
                    self.directory = directory
                    self.token_store = token_store
                    self.ssh_store = ssh_store

                def offboard_leaver(self, uid):
                    self.directory.disable(uid)
                    self.token_store.revoke_all(owner=uid)
            """,
            line=7,
            message="SSH keys",
        ),
        Invalid(
            """
            def deactivate_user(user):
                user.is_active = False
                user.save()
            """,
            line=1,
        ),
        Invalid(
            """
            def offboard_employee(employee_id):
                User.objects.filter(id=employee_id).update(is_active=False)
                notify_hr(employee_id)
            """,
            line=1,
        ),
        Invalid(
            """
            def suspend_member(member):
                member.status = "suspended"
                db.session.commit()
            """,
            line=1,
        ),
        Invalid(
            """
            from app.models import ApiKey, RefreshToken, UserSession

            def deactivate_user(db, uid):
                db.execute(delete(UserSession).where(UserSession.user_id == uid))
                db.execute(update(RefreshToken).where(RefreshToken.user_id == uid).values(revoked_at=now()))
            """,
            line=3,
        ),
        Invalid(
            """
            from orgs.models import Membership, OrgApiToken

            def remove_member(membership):
                membership.delete()

            def my_tokens(user):
                return OrgApiToken.objects.filter(created_by=user)
            """,
            line=3,
        ),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if not is_offboarding(self.ctx, node):
            return
        spot = self._deactivation(node)
        known = module_credential_kinds(self.ctx)
        covered = kinds_in(self.ctx, node)
        if ALL_KINDS in covered:
            return
        missing = set(known) - covered
        if covered and missing:
            for _call, callee in local_callees(self.ctx, node):
                if is_offboarding(self.ctx, callee) and missing <= set(known) - kinds_in(self.ctx, callee):
                    return  # the helper that does the revoking is reported itself
            shown = ", ".join(known[k] for k in sorted(missing))
            self.report(
                node.name,
                f"`{display_name(self.ctx, node)}` revokes {_listed(covered)} but leaves {_listed(missing)} live ({shown} in this module).",
            )
            return
        if spot is None:
            return
        words = body_words(self.ctx, node)
        # `db.session.commit()` is a database session, not a login session.
        if "session" in words and "db" in words and not words & (_CLEANUP_WORDS - {"session"}):
            words = words - {"session"}
        if not words & _CLEANUP_WORDS and not self._calls_out_revocation(node):
            if self.ctx.imported_module("django") and "is_active" in self.ctx.source(spot):
                # Django's ModelBackend and DRF's TokenAuthentication refuse inactive users, so
                # sessions and DRF tokens die with the flag; custom keys and JWTs do not.
                self.report(
                    node.name,
                    "The account is switched off; Django refuses its sessions, but custom API keys, JWTs and external grants stay live.",
                    severity=Severity.low,
                )
                return
            if not known:
                # nothing in this module issues a session, token or key: what stays live, if anything,
                # depends on whether the login layer reads the flag, which this file does not show
                self.report(
                    node.name,
                    "The account is switched off and nothing is revoked; unless the login layer refuses the flag on every request, its sessions and tokens stay live.",
                    severity=Severity.low,
                )
                return
            self.report(
                node.name,
                "The account is switched off, but its sessions, tokens, API keys and memberships are left live.",
            )

    def _calls_out_revocation(self, fn: cst.FunctionDef) -> bool:
        """`okta.deactivate_user(uid)`, `github.remove_org_member(login)`: the routine revokes access in the
        systems that hold it (whether their failures are handled is IDG147's question)."""
        for call in nodes_in(fn.body, cst.Call):
            func = call.func
            if (
                isinstance(func, cst.Attribute)
                and isinstance(func.value, (cst.Name, cst.Attribute))
                and self.ctx.target_name(func.value) not in {"self", "user", "member", "account", "employee"}
            ):
                if set(identifier_words(func.attr.value)) & _EXTERNAL_REVOKE_VERBS:
                    return True
        return False

    def _deactivation(self, fn: cst.FunctionDef) -> cst.CSTNode | None:
        for node in nodes_in(fn.body, cst.Assign, cst.Arg):
            if isinstance(node, cst.Assign):
                for target in node.targets:
                    name = self.ctx.target_name(target.target)
                    if self._switches_off(name, node.value):
                        return node
            elif (
                isinstance(node, cst.Arg)
                and node.keyword is not None
                and self._switches_off(node.keyword.value, node.value)
            ):
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
