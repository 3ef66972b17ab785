"""IDG150: an invitation that can be accepted more than once."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta
from ..python_flow import callee_name, grants_membership, is_invite_acceptance, node_words, nodes_in
from ..python_support import PythonGuard, identifier_words

_USED_WORDS = frozenset({"used", "accepted", "consumed", "redeemed", "claimed", "status", "revoked", "uses", "state", "active", "used_at", "accepted_at"})
_CONSUME_CALL_WORDS = frozenset({"mark", "consume", "redeem", "delete", "accept", "invalidate", "revoke", "remove", "expire", "use"})


class InviteAcceptReusable(PythonGuard):
    """
    ## What it does
    Finds invitation-acceptance functions that grant membership but never mark
    the invitation as used: no `accepted_at` / `used` / `status` update, no
    `delete()`, no `mark_used()` / `consume()` / `accept()` call, no use
    counter increment.

    ## Why is this bad?
    An invitation is a bearer credential for one person. If it stays valid
    after acceptance, everyone who later sees the link (forwarded mail, a
    shared chat, browser history, a proxy log) joins with the invited role.

    ## Example
    ```python
    def accept_invite(user, token):
        invite = Invitation.objects.get(token=token, expires_at__gt=now())
        Membership.objects.create(user=user, org=invite.org, role=invite.role)
    ```

    ## Use instead
    ```python
    def accept_invite(user, token):
        with transaction.atomic():
            invite = Invitation.objects.select_for_update().get(token=token, accepted_at=None, expires_at__gt=now())
            invite.accepted_at = now()
            invite.save(update_fields=["accepted_at"])
            Membership.objects.create(user=user, org=invite.org, role=invite.role)
    ```

    ## References
    CWE-294 Authentication Bypass by Capture-replay; CWE-613 Insufficient
    Session Expiration; OWASP NHI9 NHI Reuse.
    """

    id = "IDG150"
    name = "invite-accept-reusable"
    title = "Invitation not marked as used"
    meta = GuardMeta(
        cwe=["CWE-294", "CWE-613"],
        owasp_nhi=["NHI9"],
        nist_csf=["PR.AA-01", "PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["invitation"],
    )
    # Only the acceptance of an invitation (`invite`, `invitation`... in its name or body) is judged.
    triggers = ("invit",)
    VALID = [
        'def accept_invite(user, token):\n    invite = Invitation.objects.get(token=token, expires_at__gt=now(), accepted_at=None)\n    invite.accepted_at = now()\n    invite.save()\n    Membership.objects.create(user=user, org=invite.org, role=invite.role)\n',
        'def redeem_invitation(db, user, code):\n    inv = db.query(Invite).filter_by(code=code).one()\n    db.add(TeamMember(team_id=inv.team_id, user_id=user.id))\n    db.delete(inv)\n',
        'def join_with_invite(user, invite):\n    if invite.uses >= invite.max_uses or invite.expired:\n        raise Gone()\n    invite.uses += 1\n    invite.org.members.add(user)\n',
        'def accept_invite(user, invite):\n    invite.accept(user)\n',
    ]
    INVALID = [
        'def accept_invite(user, token):\n    invite = Invitation.objects.get(token=token, expires_at__gt=now())\n    Membership.objects.create(user=user, org=invite.org, role=invite.role)\n',
        '@app.post("/invites/<token>/accept")\ndef accept(token):\n    invitation = Invitation.query.filter_by(token=token).first_or_404()\n    if invitation.expires_at < datetime.utcnow():\n        abort(410)\n    invitation.org.members.append(current_user)\n    db.session.commit()\n',
        'async def accept_invitation(session, user, token):\n    inv = await session.scalar(select(Invitation).where(Invitation.token == token))\n    session.add(Membership(user_id=user.id, org_id=inv.org_id, role=inv.role))\n    await session.commit()\n',
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if not is_invite_acceptance(self.ctx, node):
            return
        grant = grants_membership(self.ctx, node)
        if grant is None or self._marks_used(node):
            return
        self.report(grant, "Membership is granted but the invitation is never marked used, so the link works again.", fix=self._fix())

    def _marks_used(self, fn: cst.FunctionDef) -> bool:
        for node in nodes_in(fn.body, cst.Assign, cst.AugAssign, cst.Call):
            if isinstance(node, cst.Assign):
                for target in node.targets:
                    if isinstance(target.target, (cst.Attribute, cst.Subscript)) and set(identifier_words(self.ctx.target_name(target.target) or "")) & _USED_WORDS:
                        return True
            elif isinstance(node, cst.AugAssign):
                if set(identifier_words(self.ctx.target_name(node.target) or "")) & _USED_WORDS:
                    return True
            else:
                func = node.func
                last = callee_name(func)
                if set(identifier_words(last)) & _CONSUME_CALL_WORDS:
                    return True
                if node_words(self.ctx, func) & {"used", "consumed", "redeemed", "spent"}:
                    return True  # UsedInviteToken.objects.get_or_create(...) records the use
                if last in {"update", "values"} and any(
                    a.keyword is not None and set(identifier_words(a.keyword.value)) & _USED_WORDS for a in node.args
                ):
                    return True
        return False

    @staticmethod
    def _fix() -> str:
        return "Mark the invitation accepted (or delete it) in the same transaction that creates the membership, and only load unaccepted invitations."
