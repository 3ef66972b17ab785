"""IDG151: an email invitation accepted by whoever holds the link."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta
from ..python_flow import checked_keys, grants_membership, is_invite_acceptance, module_words_among, nodes_in
from ..python_support import PythonGuard, identifier_words


class InviteNotBoundToEmail(PythonGuard):
    """
    ## What it does
    Finds acceptance of email invitations (the module sends invitations to an
    email address) where the accepting user's email is never compared with the
    invited address: no `invite.email == user.email` check, no lookup filtered
    on the user's email, and no new account created with the invitation's email.

    ## Why is this bad?
    The invitation was issued to a person, but the link is a bearer token: a
    forwarded or intercepted mail lets a different account join with the
    invited role, and the audit trail shows an approval for someone else.

    ## Example
    ```python
    def accept_invite(request, token):
        invite = get_pending_invite(token)
        Membership.objects.create(user=request.user, org=invite.org, role=invite.role)
    ```

    ## Use instead
    ```python
    def accept_invite(request, token):
        invite = get_pending_invite(token)
        if invite.email.casefold() != request.user.email.casefold():
            raise PermissionDenied("invitation was sent to another address")
        Membership.objects.create(user=request.user, org=invite.org, role=invite.role)
    ```

    ## References
    CWE-639 Authorization Bypass Through User-Controlled Key; CWE-863
    Incorrect Authorization.
    """

    id = "IDG151"
    name = "invite-not-bound-to-email"
    title = "Invitation not bound to the invited address"
    meta = GuardMeta(
        cwe=["CWE-639", "CWE-863"],
        owasp_nhi=[],
        nist_csf=["PR.AA-02", "PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["invitation"],
    )
    # Only the acceptance of an invitation (`invite`, `invitation`... in its name or body) is judged.
    triggers = ("invit",)
    VALID = [
        'def invite(org, email):\n    return Invitation.create(org=org, email=email)\n\ndef accept_invite(request, token):\n    invite = get_pending_invite(token)\n    if invite.email.casefold() != request.user.email.casefold():\n        raise PermissionDenied()\n    Membership.objects.create(user=request.user, org=invite.org, role=invite.role)\n',
        'def invite(org, email):\n    send_mail(email)\n\ndef accept_invite(user, token):\n    invite = Invitation.objects.get(token=token, email__iexact=user.email)\n    Membership.objects.create(user=user, org=invite.org)\n',
        'def invite(org, email):\n    send_mail(email)\n\ndef accept_invitation(token, password):\n    inv = Invitation.get(token)\n    user = User.create(email=inv.email, password=password)\n    Membership.create(user=user, org=inv.org)\n',
        'def join_with_link(user, code):\n    link = JoinLink.get(code)\n    link.team.members.add(user)\n',
    ]
    INVALID = [
        'def invite(org, email):\n    return Invitation.create(org=org, email=email)\n\ndef accept_invite(request, token):\n    invite = get_pending_invite(token)\n    Membership.objects.create(user=request.user, org=invite.org, role=invite.role)\n',
        'def send_invitation(team, email):\n    mail(email, make_link(team))\n\ndef redeem_invitation(db, current_user, code):\n    inv = db.query(Invite).filter_by(code=code).one()\n    db.add(TeamMember(team_id=inv.team_id, user_id=current_user.id))\n',
        '@router.post("/invitations/{token}/accept")\nasync def accept_invitation(token: str, user=Depends(current_user)):\n    inv = await Invitation.get(token=token)\n    if inv.email:\n        await inv.org.add_member(user, inv.role)\n',
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if not module_words_among(self.ctx, {"email"}) or not is_invite_acceptance(self.ctx, node):
            return
        grant = grants_membership(self.ctx, node)
        if grant is None or self._bound(node):
            return
        self.report(grant, "Whoever holds the invitation link joins; the accepting account's email is never compared with the invited address.", fix=self._fix())

    def _bound(self, fn: cst.FunctionDef) -> bool:
        if any("email" in identifier_words(key) for key in checked_keys(self.ctx, fn.body)):
            return True
        for arg in nodes_in(fn.body, cst.Arg):
            if arg.keyword is not None and "email" in identifier_words(arg.keyword.value):
                return True
        return False

    @staticmethod
    def _fix() -> str:
        return "Compare the invitation's email with the accepting user's verified email (case-insensitively) before granting membership."
