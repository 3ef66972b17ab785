"""IDG149: an invitation accepted without checking that it has expired."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta
from ..python_flow import body_words, grants_membership, is_invite_acceptance
from ..python_support import PythonGuard

_EXPIRY_WORDS = frozenset(
    {"expires", "expiry", "expired", "expiration", "expire", "exp", "ttl", "valid", "validity", "until", "age", "lifetime", "deadline", "stale", "is_valid"}
)


class InviteAcceptWithoutExpiry(PythonGuard):
    """
    ## What it does
    Finds invitation-acceptance functions (`accept_invite`, `redeem_invitation`,
    `join(token)` reading an `Invitation`) that add the user to an
    organisation, team or role but never look at the invitation's expiry
    (`expires_at`, `is_expired()`, `max_age=` on a signed token, an
    `expires_at__gt=now()` filter, an `is_valid()` helper).

    ## Why is this bad?
    Invitation links sit in mailboxes, chat logs and ticket systems for years.
    Without an expiry check an old link (sent to someone who since left, or
    forwarded) grants membership whenever it is found.

    ## Example
    ```python
    def accept_invite(user, token):
        invite = Invitation.objects.get(token=token, accepted_at=None)
        Membership.objects.create(user=user, org=invite.org, role=invite.role)
    ```

    ## Use instead
    ```python
    def accept_invite(user, token):
        invite = Invitation.objects.get(token=token, accepted_at=None)
        if invite.expires_at <= timezone.now():
            raise InvitationExpired()
        ...
    ```

    ## References
    CWE-613 Insufficient Session Expiration; CWE-324 Use of a Key Past its
    Expiration Date; OWASP NHI7 Long-Lived Secrets.
    """

    id = "IDG149"
    name = "invite-accept-without-expiry"
    title = "Invitation accepted without an expiry check"
    meta = GuardMeta(
        cwe=["CWE-613", "CWE-324"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-01", "PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["invitation"],
    )
    # Only the acceptance of an invitation (`invite`, `invitation`... in its name or body) is judged.
    triggers = ("invit",)
    VALID = [
        'def accept_invite(user, token):\n    invite = Invitation.objects.get(token=token, accepted_at=None)\n    if invite.expires_at <= timezone.now():\n        raise InvitationExpired()\n    invite.accepted_at = timezone.now()\n    invite.save()\n    Membership.objects.create(user=user, org=invite.org, role=invite.role)\n',
        'def accept_invitation(user, signed):\n    data = signer.loads(signed, max_age=7 * 86400)\n    Membership.objects.create(user=user, org_id=data["org"], role="member")\n',
        'def accept_invite(user, invite):\n    invite.accept(user)\n',
        'def send_invite(org, email):\n    return Invitation.objects.create(org=org, email=email, expires_at=now() + WEEK)\n',
    ]
    INVALID = [
        'def accept_invite(user, token):\n    invite = Invitation.objects.get(token=token, accepted_at=None)\n    invite.accepted_at = timezone.now()\n    invite.save()\n    Membership.objects.create(user=user, org=invite.org, role=invite.role)\n',
        'def redeem_invitation(db, current_user, code):\n    inv = db.query(Invite).filter_by(code=code).one()\n    db.add(TeamMember(team_id=inv.team_id, user_id=current_user.id, role=inv.role))\n    db.delete(inv)\n',
        '@app.post("/invites/<token>/accept")\ndef accept(token):\n    invitation = Invitation.query.filter_by(token=token).first_or_404()\n    invitation.org.members.append(current_user)\n    invitation.used = True\n',
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if not is_invite_acceptance(self.ctx, node):
            return
        grant = grants_membership(self.ctx, node)
        if grant is None or body_words(self.ctx, node) & _EXPIRY_WORDS:
            return
        self.report(grant, "Membership is granted from an invitation whose expiry is never checked.", fix=self._fix())

    @staticmethod
    def _fix() -> str:
        return "Reject the invitation when `expires_at <= now()` (policy max: limits.max_invite_ttl_seconds) before granting anything."
