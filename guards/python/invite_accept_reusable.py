"""IDG150: an invitation that can be accepted more than once."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta
from ..python_flow import display_name, ONE_TIME_TRIGGERS, acceptance_marks_used, one_time_acceptance
from ..python_support import PythonGuard


class InviteAcceptReusable(PythonGuard):
    """
    ## What it does
    Finds functions that accept a one-time code (invitation, magic link,
    signup or onboarding code, signed login link) and grant something from it
    but never mark it as used: no `accepted_at` / `used` / `status` update, no
    `delete()`, no `mark_used()` / `consume()` / `accept()` call, no
    `update(...).values(accepted_at=...)`, no use counter increment, in the
    function or a helper of the module it calls; for a signed, stateless code,
    no replay store (its `jti` or nonce recorded as used). Reported on the
    function's `def` line.

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
    # Only the acceptance of a one-time code (invitation, magic link, signup code...) is judged.
    triggers = ONE_TIME_TRIGGERS
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
        'def partner_onboarding(request, token):\n    link = PartnerOnboardingLink.objects.filter(token=token).first()\n'
        '    if link.email.lower() != request.user.email.lower():\n        raise PermissionDenied()\n    link.partner.members.add(request.user)\n',
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        acceptance = one_time_acceptance(self.ctx, node)
        if acceptance is None or acceptance_marks_used(self.ctx, acceptance):
            return
        self.report(node.name, f"`{display_name(self.ctx, node)}` grants access from `{acceptance.record}` but never marks it used, so the code works again.", fix=self._fix())

    @staticmethod
    def _fix() -> str:
        return ("Mark the code accepted (or delete it) in the same transaction that grants access, and only load unused codes "
                "(for signed codes, record their id as used).")
