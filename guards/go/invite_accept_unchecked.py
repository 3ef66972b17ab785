"""IDG422: an invitation or magic-link code accepted without expiry, single-use or invitee checks (Go)."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.functions import name_words, named_functions, unit_text
from .support.guard import GoGuard
from .support.tree import Node

_ACCEPT = frozenset({"accept", "redeem", "consume", "claim", "join", "use", "verify", "activate", "confirm"})
_CODES = frozenset({"invite", "invitation", "invites", "magic", "link", "signup", "onboarding", "code", "token"})
_NOT_ACTIONS = frozenset({"create", "send", "new", "list", "get", "revoke", "resend", "generate", "issue"})
_EXPIRY = re.compile(
    r"Expire|Expiry|ExpiresAt|expires_at|expired|\.After\(|\.Before\(|time\.Since|time\.Until|TTL", re.IGNORECASE
)
_SINGLE_USE = re.compile(
    r"UsedAt|used_at|\.Used\b|Consumed|consumed|AcceptedAt|accepted_at|Redeemed|redeemed|MarkUsed|Consume|"
    r"Delete|delete|DEL\b|GetDel|Status\s*=|status\s*=|\"accepted\"|'accepted'|\"used\"",
)
_INVITEE = re.compile(r"Email\s*(!=|==)|(!=|==)\s*[\w.()]*Email|EqualFold\([^)]*[Ee]mail|email\s*(<>|!=|=)\s*\$\d")


# The body looks a one-time code up: an invite by its code, a magic-link key.
_CODE_IN_BODY = re.compile(
    r"\b(?:inv|invite|invitation)\b\s*,?\s*\w*\s*:?=|ByCode\(|\"magic[:_-]|\binvit\w*\.\w*(?:Get|Find|Load|By)", re.I
)


class GoInviteAcceptUnchecked(GoGuard):
    """
    ## What it does
    Finds functions that accept an invitation, magic-link or sign-up code
    (`AcceptInvite`, `RedeemMagicLink`, `r.Post("/invites/{code}/accept", ...`)
    and grant access from it without all three checks, in the function or the
    same-file helpers it calls: the code has not expired (`ExpiresAt`,
    `time.Now().After(...)`), it is consumed so it works once (`UsedAt`,
    `Status = "accepted"`, a delete), and, when the code names an invitee, the
    accepting user is that invitee (an `Email` comparison). The finding is on
    the function's first line and names what is missing.

    ## Why is this bad?
    An invitation link lives in mailboxes, chat logs and browser histories.
    Without an expiry it works forever, without consumption it works for
    everyone who sees it, and without the email check anyone signed in can
    use someone else's invitation to join the organisation with its role.

    ## Example
    ```go
    inv, err := s.invites.ByCode(ctx, code)
    if err != nil { return err }
    return s.members.Add(ctx, inv.OrgID, userID, inv.Role)
    ```

    ## Use instead
    ```go
    if inv.UsedAt != nil || time.Now().After(inv.ExpiresAt) || !strings.EqualFold(inv.Email, user.Email) { return ErrInvalidInvite }
    ```
    """

    id = "IDG422"
    name = "go-invite-accept-unchecked"
    title = "Invitation accepted without its checks"
    fix_hint = "Check the expiry, mark the code used in the same transaction, and compare the invitee with the user."
    triggers = ("invit", "magic", "signup", "onboard")
    meta = GuardMeta(
        cwe=["CWE-294", "CWE-613", "CWE-639"],
        owasp_nhi=["NHI7"],
        nist_csf=["PR.AA-05", "PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["invitation"],
    )
    VALID = [
        Valid(
            """
            package invites

            func (s *Service) AcceptInvite(ctx context.Context, code string, user *User) error {
                inv, err := s.store.ByCode(ctx, code)
                if err != nil {
                    return err
                }
                if inv.UsedAt != nil || time.Now().After(inv.ExpiresAt) || !strings.EqualFold(inv.Email, user.Email) {
                    return ErrInvalidInvite
                }
                if err := s.store.MarkUsed(ctx, inv.ID); err != nil {
                    return err
                }
                return s.members.Add(ctx, inv.OrgID, user.ID, inv.Role)
            }
            """
        ),
        Valid(
            """
            package invites

            func (s *Service) CreateInvite(ctx context.Context, email string) (*Invite, error) {
                return s.store.Insert(ctx, &Invite{Email: email, ExpiresAt: time.Now().Add(72 * time.Hour)})
            }
            """
        ),
        Valid(
            """
            package invites

            func (s *Service) RevokeInvite(ctx context.Context, id string) error {
                return s.store.Delete(ctx, id)
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package magic

            func (s *Service) Redeem(ctx context.Context, token string) (string, error) {
                email, err := s.rdb.Get(ctx, "magic:"+token).Result()
                if err != nil {
                    return "", err
                }
                return email, nil
            }
            """,
            line=3,
        ),
        Invalid(
            """
            package invites

            func (s *Service) AcceptInvite(ctx context.Context, code string, user *User) error {
                inv, err := s.store.ByCode(ctx, code)
                if err != nil {
                    return err
                }
                return s.members.Add(ctx, inv.OrgID, user.ID, inv.Role)
            }
            """,
            line=3,
        ),
        Invalid(
            """
            package invites

            func (s *Service) RedeemMagicLink(ctx context.Context, token string) (*Session, error) {
                link, err := s.links.Get(ctx, token)
                if err != nil || time.Now().After(link.ExpiresAt) {
                    return nil, ErrExpired
                }
                return s.sessions.Start(ctx, link.UserID)
            }
            """,
            line=3,
        ),
        Invalid(
            """
            package invites

            func Routes(r chi.Router, s *Service) {
                r.Post("/invitations/{code}/accept", func(w http.ResponseWriter, r *http.Request) {
                    inv, err := s.store.ByCode(r.Context(), chi.URLParam(r, "code"))
                    if err != nil || inv.ExpiresAt.Before(time.Now()) {
                        http.Error(w, "invalid", http.StatusNotFound)
                        return
                    }
                    s.store.MarkUsed(r.Context(), inv.ID)
                    s.members.Add(r.Context(), inv.OrgID, userID(r), inv.Role)
                })
            }
            """,
            line=4,
        ),
    ]

    def visit_source_file(self, node: Node) -> None:
        for function, name in named_functions(self.ctx):
            found = name_words(name)
            if not found & _ACCEPT or found & _NOT_ACTIONS:
                continue
            text = unit_text(self.ctx, function)
            if not found & _CODES and not _CODE_IN_BODY.search(text):
                continue  # `Handler.Accept` names no code; its body may (`store.ByCode`, `"magic:"+token`)
            missing = []
            if not _EXPIRY.search(text):
                missing.append("an expiry check")
            if not _SINGLE_USE.search(text):
                missing.append("consuming the code")
            if "Email" in text or "email" in text or "invit" in name.lower():
                if not _INVITEE.search(text) and "magic" not in name.lower() and "magic" not in text.lower():
                    missing.append("a check that the user is the invitee")
            if missing:
                self.report(function, f"`{name}` accepts the code without {', '.join(missing)}.")
