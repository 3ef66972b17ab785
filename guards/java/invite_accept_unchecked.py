"""IDG525: an invitation, sign-up or magic-link code accepted without expiry, single-use or invitee checks."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.judge import words
from .support.tree import Node
from .support.units import method_words, report_node, unit_text

_ACCEPT_WORDS = frozenset(
    {"accept", "redeem", "consume", "join", "claim", "activate", "use", "verify", "complete", "login", "confirm"}
)
_ONE_TIME_WORDS = frozenset(
    {"invite", "invitation", "magic", "link", "signup", "code", "onboarding", "activation", "reset"}
    | {"invites", "invitations", "links"}
)
_LOOKUP = re.compile(r"(?:invit|magic|signup|activation|links?\b)\w*\.(?:find|get|load|lookup|read)", re.I)
_EXPIRY = re.compile(r"expir|isBefore|isAfter|\.before\(|\.after\(|ttl|validUntil|notAfter", re.I)
_SINGLE_USE = re.compile(
    r"setUsed|setConsumed|setRedeemed|setAccepted|markUsed|markConsumed|markRedeemed|markAccepted|usedAt|consumedAt|redeemedAt|"
    r"acceptedAt|\.delete|\.remove|deleteBy|setStatus\([^)]*(?:USED|ACCEPTED|REDEEMED|CONSUMED)|isUsed|isConsumed|isRedeemed|getUsedAt|\.invalidate",
    re.I,
)
_INVITEE = re.compile(
    r"getEmail\(\)\s*\)?\s*\.equals|equalsIgnoreCase\([^)]*[Ee]mail|[Ee]mail\w*\(?\)?\s*\.equals(?:IgnoreCase)?\(|Objects\.equals\([^)]*[Ee]mail",
    re.I,
)


def _route_words(ctx, method: Node) -> set[str]:
    """Words of the method's mapping path (`@PostMapping("/invitations/{code}/accept")`, JAX-RS `@Path`)."""
    found: set[str] = set()
    for annotation in ctx.annotations(method):
        if ctx.annotation_name(annotation).endswith(("Mapping", "Path")):
            found |= words(ctx.string_value(ctx.annotation_value(annotation)) or "")
    return found


class JavaInviteAcceptUnchecked(JavaGuard):
    """
    ## What it does
    Finds methods that accept an invitation, sign-up or magic-link code
    (`acceptInvite`, `redeemInvitation`, `consumeMagicLink`, `joinWithCode`)
    after looking it up, and are missing one of the three checks in the method
    or the same-class helpers it calls: the expiry (`isExpired`, `expiresAt`,
    `isBefore(now)`), single use (marking it used, accepted, consumed or
    deleting it), and, for invitations, that the accepting user is the
    invitee (comparing the e-mail addresses).

    ## Why is this bad?
    An invitation that never expires, can be used twice or by anyone who
    holds the link is a standing key to the organisation: forwarded,
    leaked or replayed, it lets strangers join with the invited role.

    ## Example
    ```java
    public void acceptInvite(String code, User me) { Invite i = invites.findByCode(code).orElseThrow(); members.add(i.getOrg(), me, i.getRole()); }
    ```

    ## Use instead
    ```java
    if (i.isExpired() || i.getAcceptedAt() != null || !i.getEmail().equalsIgnoreCase(me.getEmail())) throw new InvalidInviteException();
    ```
    """

    id = "IDG525"
    name = "java-invite-accept-unchecked"
    title = "Invitation or magic link accepted without checks"
    fix_hint = (
        "Check the expiry, that the code is unused (then mark it used), and that the accepting user is the invitee."
    )
    triggers = ("invit", "magic", "signup", "activation")
    meta = GuardMeta(
        cwe=["CWE-294", "CWE-613", "CWE-639"],
        owasp_nhi=[],
        nist_csf=["PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["invitation"],
    )
    VALID = [
        Valid(
            """
            public void acceptInvite(String code, User me) {
                Invite i = invites.findByCode(code).orElseThrow();
                if (i.getExpiresAt().isBefore(Instant.now()) || i.getAcceptedAt() != null) throw new InvalidInviteException();
                if (!i.getEmail().equalsIgnoreCase(me.getEmail())) throw new InvalidInviteException();
                i.setAcceptedAt(Instant.now());
                members.add(i.getOrg(), me, i.getRole());
            }
            """
        ),
        Valid(
            """
            public List<Invite> listInvites(long orgId) { return invites.findByOrg(orgId); }
            """
        ),
        Valid(
            """
            public Session consumeMagicLink(String token) {
                MagicLink link = magicLinks.findByToken(token).orElseThrow();
                if (link.isExpired()) throw new LinkExpiredException();
                magicLinks.delete(link);
                return sessions.start(link.getUserId());
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            class MagicLinkService {
                public Optional<String> signIn(String token) {
                    return links.findByToken(token)
                        .filter(link -> link.expiresAt().isAfter(Instant.now(clock)))
                        .map(link -> sessions.issueFor(link.email()));
                }
            }
            """,
            line=2,
        ),
        Invalid(
            """
            public void acceptInvite(String code, User me) {
                Invite i = invites.findByCode(code).orElseThrow();
                members.add(i.getOrg(), me, i.getRole());
            }
            """,
            line=1,
        ),
        Invalid(
            """
            public Session consumeMagicLink(String token) {
                MagicLink link = magicLinks.findByToken(token).orElseThrow();
                magicLinks.delete(link);
                return sessions.start(link.getUserId());
            }
            """,
            line=1,
        ),
        Invalid(
            """
            public void redeemInvitation(String code, User me) {
                Invitation inv = invitationRepository.findByCode(code).orElseThrow();
                if (inv.getExpiresAt().isBefore(Instant.now())) throw new InvalidInviteException();
                inv.setAcceptedAt(Instant.now());
                memberships.add(inv.getTeamId(), me.getId());
            }
            """,
            line=1,
        ),
    ]

    def visit_method_declaration(self, node: Node) -> None:
        ctx = self.ctx
        name_words = method_words(ctx, node)
        if {"sign", "in"} <= name_words or {"log", "in"} <= name_words:
            name_words |= {"login"}  # `signIn(token)` on a magic-link service
        # The code's kind may be named by the class or the route (`InvitationController.accept`,
        # `@PostMapping("/invitations/{code}/accept")`) rather than by the method.
        kind_words = name_words | words(ctx.class_name(ctx.enclosing_class(node))) | _route_words(ctx, node)
        if not name_words & _ACCEPT_WORDS or not kind_words & _ONE_TIME_WORDS or ctx.body(node) is None:
            return
        name_words = kind_words
        text = unit_text(ctx, node)
        if not _LOOKUP.search(text):
            return
        missing = []
        if not _EXPIRY.search(text):
            missing.append("expiry")
        if not _SINGLE_USE.search(text):
            missing.append("single use")
        if name_words & {"invite", "invitation", "invites", "invitations"} and not _INVITEE.search(text):
            missing.append("that the user is the invitee")
        if missing:
            self.report(report_node(node), f"The code is accepted without checking {', '.join(missing)}.")
