"""IDG149: an invitation accepted without checking that it has expired."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.credential_kinds import ONE_TIME_TRIGGERS
from .support.flow.decisions import display_name
from .support.flow.one_time import acceptance_checks_expiry, inverted_expiry_check, one_time_acceptance
from .support.guard import PythonGuard


class InviteAcceptWithoutExpiry(PythonGuard):
    """
    ## What it does
    Finds functions that accept a one-time code (an invitation, a magic
    sign-in link, a beta or signup code, a partner onboarding link, a signed
    login link) and grant something from it (membership, a role, a login or
    session, a new account) without checking the code's age: no comparison
    or refusing test on `expires_at`, no `expires_at__gt=now()` filter, no
    `max_age=` when a signed code is loaded, no `is_expired()` / `is_valid()`
    call, in the function or a helper of the module it calls. Reported on the
    function's `def` line. Also reported, on the comparison: an expiry check
    written the wrong way round, refusing while the code is still valid
    (`if invite.expires_at > now: raise Expired()`), which accepts every
    expired code.

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
    """

    id = "IDG149"
    name = "invite-accept-without-expiry"
    title = "Invitation accepted without an expiry check"
    fix_hint = (
        "Reject the code when `expires_at <= now()` (or load a signed code with `max_age=`; policy max: "
        "limits.max_invite_ttl_seconds) before granting anything."
    )
    meta = GuardMeta(
        cwe=["CWE-613", "CWE-324"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-01", "PR.AA-05"],
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
            def accept_invite(user, token):
                invite = Invitation.objects.get(token=token, accepted_at=None)
                if invite.expires_at <= timezone.now():
                    raise InvitationExpired()
                invite.accepted_at = timezone.now()
                invite.save()
                Membership.objects.create(user=user, org=invite.org, role=invite.role)
            """
        ),
        Valid(
            """
            def accept_invitation(user, signed):
                data = signer.loads(signed, max_age=7 * 86400)
                Membership.objects.create(user=user, org_id=data["org"], role="member")
            """
        ),
        Valid(
            """
            def accept_invite(user, invite):
                invite.accept(user)
            """
        ),
        Valid(
            """
            def send_invite(org, email):
                return Invitation.objects.create(org=org, email=email, expires_at=now() + WEEK)
            """
        ),
        # removing a member cancels their pending invitations: it accepts nothing
        Valid(
            """
            def remove_member(membership, removed_by):
                invites = OrgInvitation.objects.filter(invited_by=membership.user, accepted_at__isnull=True).update(cancelled_at=now())
                membership.audit_log.create(action="member.removed", actor=removed_by, meta={"invites": invites})
                membership.delete()
            """
        ),
        Valid(
            """
            @bp.get("/login/email/<token>")
            def consume(token):
                link = MagicLink.query.filter_by(token_hash=digest(token), used_at=None).first()
                if link is None or link.expires_at <= now():
                    abort(404)
                link.used_at = now()
                session["user_id"] = link.user_id
            """
        ),
        Valid(
            """
            def redeem(self, req):
                voucher = self._get(req.voucher_code)
                now = datetime.now(timezone.utc)
                if voucher.valid_until is None or voucher.valid_until <= now:
                    raise VoucherError("voucher expired")
                voucher.redeemed_at = now
                self.session.add(PartnerSeat(partner_id=voucher.partner_id, user_id=req.user_id))
            """
        ),
        # the current time first, compared the right way
        Valid(
            """
            def accept_invite(user, token):
                invite = Invitation.objects.get(token=token, accepted_at=None)
                if timezone.now() >= invite.expires_at:
                    raise InvitationExpired()
                invite.accepted_at = timezone.now()
                Membership.objects.create(user=user, org=invite.org, role=invite.role)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            def redeem(self, req):
                voucher = self._get(req.voucher_code)
                now = datetime.now(timezone.utc)
                if voucher.valid_until and voucher.valid_until > now:
                    raise VoucherError("voucher expired")
                voucher.redeemed_at = now
                self.session.add(PartnerSeat(partner_id=voucher.partner_id, user_id=req.user_id))
            """,
            line=4,
            message="reversed",
        ),
        Invalid(
            """
            def accept_invite(user, token):
                invite = Invitation.objects.get(token=token, accepted_at=None)
                if timezone.now() < invite.expires_at:
                    raise InvitationExpired()
                invite.accepted_at = timezone.now()
                Membership.objects.create(user=user, org=invite.org, role=invite.role)
            """,
            line=3,
            message="reversed",
        ),
        Invalid(
            """
            def accept_invite(user, token):
                invite = Invitation.objects.get(token=token, accepted_at=None)
                invite.accepted_at = timezone.now()
                invite.save()
                Membership.objects.create(user=user, org=invite.org, role=invite.role)
            """,
            line=1,
        ),
        Invalid(
            """
            def redeem_invitation(db, current_user, code):
                inv = db.query(Invite).filter_by(code=code).one()
                db.add(TeamMember(team_id=inv.team_id, user_id=current_user.id, role=inv.role))
                db.delete(inv)
            """,
            line=1,
        ),
        Invalid(
            """
            @app.post("/invites/<token>/accept")
            def accept(token):
                invitation = Invitation.query.filter_by(token=token).first_or_404()
                invitation.org.members.append(current_user)
                invitation.used = True
            """,
            line=2,
        ),
        Invalid(
            """
            @bp.get("/login/email/<token>")
            def consume(token):
                link = MagicLink.query.filter_by(token_hash=digest(token), used_at=None).first()
                if link is None:
                    abort(404)
                link.used_at = now()
                session["user_id"] = link.user_id
            """,
            line=2,
        ),
        Invalid(
            """
            links = URLSafeTimedSerializer(SECRET, salt="login-link")

            async def login(request):
                user_id = links.loads(request.query_params["t"])
                db.add(WebSession(id=new_sid(), user_id=user_id))
            """,
            line=3,
        ),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        acceptance = one_time_acceptance(self.ctx, node)
        if acceptance is None:
            return
        inverted = inverted_expiry_check(self.ctx, acceptance)
        if inverted is not None:
            self.report(
                inverted,
                f"`{display_name(self.ctx, node)}` refuses `{acceptance.record}` while it is still valid: the "
                "expiry comparison is reversed, so every expired code is accepted.",
                fix="Refuse when the expiry is in the past: `if expires_at <= now: raise Expired()`.",
            )
            return
        if acceptance_checks_expiry(self.ctx, acceptance):
            return
        self.report(
            node.name,
            f"`{display_name(self.ctx, node)}` accepts `{acceptance.record}` without checking that it has expired.",
        )
