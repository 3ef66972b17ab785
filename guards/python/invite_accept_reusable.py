"""IDG150: an invitation that can be accepted more than once."""

from __future__ import annotations

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.credential_kinds import ONE_TIME_TRIGGERS, ONE_TIME_WORDS, literal_strings
from .support.flow.decisions import display_name, own_nodes
from .support.flow.one_time import _access_grant, acceptance_marks_used, one_time_acceptance
from .support.flow.words import function_words, node_words
from .support.guard import PythonGuard
from .support.taint import input_taint

# What a shared code is called in the request (`invite_code`, `beta_code`, `signup_token`).
_CODE_WORDS = frozenset({"code", "codes", "token", "key", "passphrase", "invite", "invitation", "beta"})


class InviteAcceptReusable(PythonGuard):
    """
    ## What it does
    Finds functions that accept a one-time code (invitation, magic link,
    signup or onboarding code, seat or plan voucher, signed login link) and grant something from it
    but never mark it as used: no `accepted_at` / `used` / `status` update, no
    `delete()`, no `mark_used()` / `consume()` / `accept()` call, no
    `update(...).values(accepted_at=...)` or raw SQL `UPDATE ... SET used_at`
    / `DELETE FROM`, no use counter increment, in the
    function or a helper of the module it calls; for a signed, stateless code,
    no replay store (its `jti` or nonce recorded as used). Also reported: a
    sign-up that admits whoever sends one of a fixed list of codes written into
    the program (`if code not in BETA_CODES: abort(403)`). Reported on the
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
    """

    id = "IDG150"
    name = "invite-accept-reusable"
    title = "Invitation not marked as used"
    fix_hint = (
        "Mark the code accepted (or delete it) in the same transaction that grants access, and only load unused codes "
        "(for signed codes, record their id as used)."
    )
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
        Valid(
            """
            def accept_invite(user, token):
                invite = Invitation.objects.get(token=token, expires_at__gt=now(), accepted_at=None)
                invite.accepted_at = now()
                invite.save()
                Membership.objects.create(user=user, org=invite.org, role=invite.role)
            """
        ),
        Valid(
            """
            def redeem_invitation(db, user, code):
                inv = db.query(Invite).filter_by(code=code).one()
                db.add(TeamMember(team_id=inv.team_id, user_id=user.id))
                db.delete(inv)
            """
        ),
        Valid(
            """
            def join_with_invite(user, invite):
                if invite.uses >= invite.max_uses or invite.expired:
                    raise Gone()
                invite.uses += 1
                invite.org.members.add(user)
            """
        ),
        Valid(
            """
            def accept_invite(user, invite):
                invite.accept(user)
            """
        ),
        # the fixed list names plans, not codes
        Valid(
            """
            from flask import request, abort

            PLANS = {"free", "team"}

            @app.post("/signup")
            def signup():
                if request.form["plan"] not in PLANS:
                    abort(400)
                return User.objects.create_user(email=request.form["email"], plan=request.form["plan"])
            """
        ),
        # raw SQL spends the voucher in the same transaction
        Valid(
            """
            async def redeem_voucher(db, code, user):
                async with db.transaction():
                    voucher = await db.fetch_one("SELECT * FROM plan_vouchers WHERE code = :c FOR UPDATE", {"c": code})
                    if voucher is None or voucher["used_at"] is not None:
                        raise NotFound()
                    await db.execute("UPDATE plan_vouchers SET used_at = now() WHERE code = :c", {"c": code})
                    await db.execute("INSERT INTO org_members (org_id, user_id) VALUES (:o, :u)", {"o": voucher["org_id"], "u": user.id})
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            async def redeem_voucher(db, code, user):
                voucher = await db.fetch_one("SELECT * FROM plan_vouchers WHERE code = :c", {"c": code})
                if voucher is None or voucher["expires_at"] < now():
                    raise NotFound()
                await db.execute("INSERT INTO org_members (org_id, user_id) VALUES (:o, :u)", {"o": voucher["org_id"], "u": user.id})
            """,
            line=1,
        ),
        Invalid(
            """
            def accept_invite(user, token):
                invite = Invitation.objects.get(token=token, expires_at__gt=now())
                Membership.objects.create(user=user, org=invite.org, role=invite.role)
            """,
            line=1,
        ),
        Invalid(
            """
            @app.post("/invites/<token>/accept")
            def accept(token):
                invitation = Invitation.query.filter_by(token=token).first_or_404()
                if invitation.expires_at < datetime.utcnow():
                    abort(410)
                invitation.org.members.append(current_user)
                db.session.commit()
            """,
            line=2,
        ),
        Invalid(
            """
            async def accept_invitation(session, user, token):
                inv = await session.scalar(select(Invitation).where(Invitation.token == token))
                session.add(Membership(user_id=user.id, org_id=inv.org_id, role=inv.role))
                await session.commit()
            """,
            line=1,
        ),
        Invalid(
            """
            def partner_onboarding(request, token):
                link = PartnerOnboardingLink.objects.filter(token=token).first()
                if link.email.lower() != request.user.email.lower():
                    raise PermissionDenied()
                link.partner.members.add(request.user)
            """,
            line=1,
        ),
        # a code written into the program is shared by everyone who learns it
        Invalid(
            """
            from flask import request, abort, session

            BETA_CODES = {"EARLYBIRD", "FRIENDS2024"}

            @app.post("/signup")
            def beta_signup():
                if request.form["invite_code"] not in BETA_CODES:
                    abort(403)
                user = User(email=request.form["email"])
                session["user_id"] = user.id
            """,
            line=6,
        ),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        acceptance = one_time_acceptance(self.ctx, node)
        if acceptance is not None:
            if not acceptance_marks_used(self.ctx, acceptance):
                self.report(
                    node.name,
                    f"`{display_name(self.ctx, node)}` grants access from `{acceptance.record}` but never marks it used, so the code works again.",
                )
            return
        shared = self._shared_code(node)
        if shared is not None:
            self.report(
                node.name,
                f"`{display_name(self.ctx, node)}` admits anyone who sends one of the fixed codes in `{shared}`: they never expire and work any number of times.",
            )

    def _shared_code(self, fn: cst.FunctionDef) -> str | None:
        """`if request.form["invite_code"] not in BETA_CODES: abort(403)` before an account or session is
        created: a code written into the program is shared by everyone who learns it."""
        words = function_words(fn) | node_words(self.ctx, fn.body)
        if not words & ONE_TIME_WORDS:
            return None
        taint = input_taint(self.ctx, fn)
        if taint.is_empty:
            return None
        for comparison in own_nodes(self.ctx, fn, cst.Comparison):
            if not (taint.is_tainted(comparison.left) and node_words(self.ctx, comparison.left) & _CODE_WORDS):
                continue
            for target in comparison.comparisons:
                constant = target.comparator
                if isinstance(constant, cst.Name) and constant.value.isupper() and literal_strings(self.ctx, constant):
                    if _access_grant(self.ctx, fn, constant.value) is not None:
                        return constant.value
        return None
