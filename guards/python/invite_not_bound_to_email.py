"""IDG151: an email invitation accepted by whoever holds the link."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.credential_kinds import ONE_TIME_TRIGGERS
from .support.flow.one_time import acceptance_bound, one_time_acceptance
from .support.flow.words import nodes_in
from .support.guard import PythonGuard
from .support.taint import names_derived_from
from .support.words import identifier_words

# Names of the principal a value identifies (`user_id`, `account`, `email`).
_PRINCIPAL_WORDS = frozenset(
    {"user", "uid", "account", "principal", "subject", "sub", "member", "email", "username", "owner"}
)


class InviteNotBoundToEmail(PythonGuard):
    """
    ## What it does
    Finds the acceptance of a one-time code issued to a person (an email
    invitation, a beta or onboarding code, in a module that deals with email
    addresses) where nothing ties the code to who uses it: the invitee's
    email is never compared with the accepting account (no
    `invite.email == user.email`, no look-up filtered on the user's email),
    and what is granted does not go to the code's own principal (no
    `session["user_id"] = link.user_id`, no account created with
    `email=invite.email`). Reported on the function's `def` line.

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
    """

    id = "IDG151"
    name = "invite-not-bound-to-email"
    title = "Invitation not bound to the invited address"
    fix_hint = "Compare the invitation's email with the accepting user's verified email (case-insensitively) before granting membership."
    meta = GuardMeta(
        cwe=["CWE-639", "CWE-863"],
        owasp_nhi=[],
        nist_csf=["PR.AA-02", "PR.AA-05"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["invitation"],
    )
    # Only the acceptance of a one-time code (invitation, magic link, signup code...) is judged.
    triggers = ONE_TIME_TRIGGERS
    VALID = [
        Valid(
            """
            def invite(org, email):
                return Invitation.create(org=org, email=email)

            def accept_invite(request, token):
                invite = get_pending_invite(token)
                if invite.email.casefold() != request.user.email.casefold():
                    raise PermissionDenied()
                Membership.objects.create(user=request.user, org=invite.org, role=invite.role)
            """
        ),
        Valid(
            """
            def invite(org, email):
                send_mail(email)

            def accept_invite(user, token):
                invite = Invitation.objects.get(token=token, email__iexact=user.email)
                Membership.objects.create(user=user, org=invite.org)
            """
        ),
        Valid(
            """
            def invite(org, email):
                send_mail(email)

            def accept_invitation(token, password):
                inv = Invitation.get(token)
                user = User.create(email=inv.email, password=password)
                Membership.create(user=user, org=inv.org)
            """
        ),
        Valid(
            """
            def join_with_link(user, code):
                link = JoinLink.get(code)
                link.team.members.add(user)
            """
        ),
        # the magic link is claimed in one statement and names its own user
        Valid(
            """
            def send_magic_link(email):
                mail(email)

            async def consume_link(token, db):
                claimed = await db.execute(update(MagicLink).where(MagicLink.token == token).values(used_at=now()).returning(MagicLink.user_id))
                user_id = claimed.scalar_one_or_none()
                return await start_session(db, user_id)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            def invite(org, email):
                return Invitation.create(org=org, email=email)

            def accept_invite(request, token):
                invite = get_pending_invite(token)
                Membership.objects.create(user=request.user, org=invite.org, role=invite.role)
            """,
            line=4,
        ),
        Invalid(
            """
            def send_invitation(team, email):
                mail(email, make_link(team))

            def redeem_invitation(db, current_user, code):
                inv = db.query(Invite).filter_by(code=code).one()
                db.add(TeamMember(team_id=inv.team_id, user_id=current_user.id))
            """,
            line=4,
        ),
        Invalid(
            """
            @router.post("/invitations/{token}/accept")
            async def accept_invitation(token: str, user=Depends(current_user)):
                inv = await Invitation.get(token=token)
                if inv.email:
                    await inv.org.add_member(user, inv.role)
            """,
            line=2,
        ),
        Invalid(
            """
            def beta_signup(request):
                invite = BetaInvite.objects.filter(code=request.POST["code"], redeemed_at=None).first()
                if invite is None or invite.expires_at < now():
                    return HttpResponseBadRequest()
                user = User.objects.create_user(username=request.POST["email"], email=request.POST["email"])
                invite.redeemed_at = now()
            """,
            line=1,
        ),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        acceptance = one_time_acceptance(self.ctx, node)
        if (
            acceptance is None
            or acceptance_bound(self.ctx, acceptance) is not False
            or self._grants_record_principal(node, acceptance)
        ):
            return
        self.report(
            node.name,
            f"Whoever holds `{acceptance.record}` gets in: the accepting account is never compared with the address it was issued to.",
        )

    def _grants_record_principal(self, fn: cst.FunctionDef, acceptance) -> bool:
        """The grant goes to a principal read out of the code's record through a local name
        (`user_id = claimed.scalar_one_or_none()`, then `start_session(db, user_id)`)."""
        derived = {
            n
            for n in names_derived_from(self.ctx, fn, acceptance.record)
            if set(identifier_words(n)) & _PRINCIPAL_WORDS
        }
        if not derived:
            return False
        grant = acceptance.grant
        values = (
            [a.value for a in grant.args]
            if isinstance(grant, cst.Call)
            else [grant.value]
            if isinstance(grant, cst.Assign)
            else []
        )
        return any(name.value in derived for value in values for name in nodes_in(value, cst.Name))
