"""IDG321: an invitation or magic-link code accepted without expiry, single-use or invitee checks."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.functions import name_words, named_functions, unit_text
from .support.guard import ScriptGuard
from .support.tree import Node

_ACCEPT = frozenset(
    {
        "accept",
        "redeem",
        "consume",
        "join",
        "claim",
        "use",
        "activate",
        "confirm",
        "verify",
        "complete",
        "signup",
        "register",
        "login",
        "callback",
    }
)
_CODE = frozenset(
    {"invite", "invitation", "invites", "magic", "link", "signup", "onboarding", "referral", "code", "otp"}
)
_LOOKUP = re.compile(
    r"(invit\w*|magic\w*|signupCode|onboarding\w*|loginLink\w*)\s*[\w.]*\.(find\w*|get\w*|select|where)\(|"
    r"FROM\s+\w*(invit|magic|signup)\w*|\.from\(\s*\w*(invit|magic|signup)\w*|"
    r"(find\w*|get\w*)(Invit\w*|Invite|MagicLink|Code)\w*\(",
    re.IGNORECASE,
)
_EXPIRY = re.compile(
    r"expir|ttl\b|validUntil|notAfter|isExpired|maxAge|createdAt\s*[<>]|issuedAt\s*[<>]", re.IGNORECASE
)
_SINGLE_USE = re.compile(
    r"(used|usedAt|consumed|consumedAt|redeemed|redeemedAt|acceptedAt|accepted|claimedAt|status)\s*[:=]|"
    r"\.(delete|deleteOne|deleteMany|destroy|remove|del|consume|markUsed|markAsUsed|invalidate|revoke)\(|"
    r"\.(getdel|getDel|GETDEL)\(|uses\s*\+\+|uses\s*:\s*\{\s*increment|decrement"
    r"|UPDATE\s+\w*(invit|magic|signup|link)\w*\s+SET|DELETE\s+FROM\s+\w*(invit|magic|signup|link)",
)
_EMAIL_BOUND = re.compile(
    r"\.email\w*\s*(!==|===|!=|==)|(!==|===|!=|==)\s*[\w.]*\.email|email:\s*\w*invit\w*\.email"
    r"|invit\w*\.email\b(?![^;\n]*===)",
    re.IGNORECASE,
)
_USER_PARAMETERS = frozenset({"user", "userId", "accountId", "member", "memberId", "actor", "currentUser"})
_CURRENT_USER = re.compile(
    r"req\.user|request\.user|currentUser|session\.user|ctx\.state\.user|getServerSession|auth\(\)"
)


class TsInviteAcceptUnchecked(ScriptGuard):
    """
    ## What it does
    Finds functions that accept an invitation, magic-link, sign-up or
    onboarding code (`acceptInvite`, `redeemMagicLink`, `POST /invites/:code/accept`)
    looked up from the request, and grant access from it without checking
    that the code is still valid (no expiry test), without consuming it (no
    `usedAt` / `acceptedAt` / `status` update, no delete, no `consume()`; also
    in same-file helpers the function calls), or, when a signed-in user
    accepts it, without checking that the user is the invitee (no comparison
    with the invitation's `email`). The finding is on the function's first
    line and names what is missing.

    ## Why is this bad?
    An invitation that never expires or is never consumed works for anyone
    who finds it in a mailbox, a forwarded mail, a chat or a log, as often as
    they like; one not bound to its invitee can be accepted by another
    account.

    ## Example
    ```ts
    app.post("/invites/:code/accept", async (req, res) => {
      const invite = await db.invite.findUnique({ where: { code: req.params.code } });
      await db.membership.create({ data: { orgId: invite.orgId, userId: req.user.id, role: invite.role } });
    });
    ```

    ## Use instead
    ```ts
    app.post("/invites/:code/accept", async (req, res) => {
      const invite = await db.invite.findUnique({ where: { code: req.params.code } });
      if (!invite || invite.usedAt || invite.expiresAt < new Date()) return res.sendStatus(410);
      if (invite.email !== req.user.email) return res.sendStatus(403);
      await db.invite.update({ where: { id: invite.id }, data: { usedAt: new Date() } });
      await db.membership.create({ data: { orgId: invite.orgId, userId: req.user.id, role: invite.role } });
    });
    ```
    """

    id = "IDG321"
    name = "ts-invite-accept-unchecked"
    title = "Invitation accepted without expiry, single-use or invitee check"
    triggers = ("invit", "magic", "signup", "onboarding", "referral")
    meta = GuardMeta(
        cwe=["CWE-294", "CWE-613", "CWE-639"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-05", "PR.AA-01"],
        likelihood="medium",
        impact="medium",
        confidence="medium",
        categories=["invitation"],
    )
    VALID = [
        Valid(
            """
            app.post("/invites/:code/accept", async (req, res) => {
              const invite = await db.invite.findUnique({ where: { code: req.params.code } });
              if (!invite || invite.usedAt || invite.expiresAt < new Date()) return res.sendStatus(410);
              if (invite.email !== req.user.email) return res.sendStatus(403);
              await db.invite.update({ where: { id: invite.id }, data: { usedAt: new Date() } });
            });
            """
        ),
        Valid(
            """
            export async function listInvites(org) {
              return db.invite.findMany({ where: { org } });
            }
            """
        ),
        Valid(
            """
            async function redeemMagicLink(token) {
              const link = await magicLinks.findOne({ token });
              if (link.expiresAt < Date.now()) throw new Error('expired');
              await magicLinks.deleteOne({ token });
              return link.userId;
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            app.post("/invites/:code/accept", async (req, res) => {
              const invite = await db.invite.findUnique({ where: { code: req.params.code } });
              await db.membership.create({ data: { orgId: invite.orgId, userId: req.user.id, role: invite.role } });
            });
            """,
            line=1,
        ),
        Invalid(
            """
            async function redeemMagicLink(token) {
              const link = await magicLinks.findOne({ token });
              return createSession(link.userId);
            }
            """,
            line=1,
        ),
        Invalid(
            """
            export async function acceptInvitation(code, user) {
              const invitation = await Invitation.findOne({ code });
              if (invitation.expiresAt < new Date()) throw new Error('expired');
              await Membership.create({ user: user.id, team: invitation.teamId });
            }
            """,
            line=1,
        ),
        Invalid(
            """
            async function consumeInvitation(token, userId) {
              const [inv] = await db.select().from(invitations).where(eq(invitations.token, token));
              if (inv.expiresAt < new Date()) throw new Error('expired');
              await db.update(invitations).set({ acceptedAt: new Date() });
              await db.insert(members).values({ userId, workspaceId: inv.workspaceId });
            }
            """,
            line=1,
        ),
    ]

    def visit_program(self, node: Node) -> None:
        for function, name in named_functions(self.ctx):
            words = name_words(name)
            if not (words & _ACCEPT and words & _CODE):
                continue
            text = unit_text(self.ctx, function)
            if not _LOOKUP.search(text):
                continue
            missing = []
            if not _EXPIRY.search(text):
                missing.append("no expiry check")
            if not _SINGLE_USE.search(text):
                missing.append("never marked used")
            accepting_user = _CURRENT_USER.search(text) or set(self.ctx.parameters(function)) & _USER_PARAMETERS
            if accepting_user and not _EMAIL_BOUND.search(text) and "invit" in text.lower():
                missing.append("not bound to the invitee's email")
            if missing:
                self.report(
                    function,
                    f"`{name}` accepts the code with {', '.join(missing)}.",
                    fix="Reject expired codes, consume the code atomically when it is accepted, and check that "
                    "the accepting user is the invitee.",
                )
