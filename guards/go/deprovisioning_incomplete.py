"""IDG424: offboarding that leaves access in place or drops a failed revocation (Go)."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.functions import name_words, named_functions, unit_text
from .support.guard import GoGuard
from .support.judge import words
from .support.tree import Node

_OFFBOARD_VERBS = frozenset(
    {
        "offboard",
        "deprovision",
        "deactivate",
        "disable",
        "suspend",
        "terminate",
        "decommission",
        "remove",
        "delete",
        "ban",
        "lock",
        "archive",
        "kick",
        "evict",
        "unassign",
    }
)
_SUBJECTS = frozenset(
    {
        "user",
        "users",
        "member",
        "members",
        "employee",
        "account",
        "access",
        "seat",
        "contractor",
        "identity",
        "staff",
        "person",
        "tenant",
    }
)
_KINDS = {
    "sessions": re.compile(r"session", re.IGNORECASE),
    "refresh tokens": re.compile(r"refresh_?token", re.IGNORECASE),
    "API keys": re.compile(r"api_?keys?(?![a-z])|APIKey|ApiKey", re.IGNORECASE),
    "OAuth grants": re.compile(r"oauth_?(grant|consent|token|app)|grants?(?![a-z])", re.IGNORECASE),
    "SSH keys": re.compile(r"ssh_?keys?", re.IGNORECASE),
    "personal access tokens": re.compile(r"personal_?access|(?<![a-z])pats?(?![a-z])", re.IGNORECASE),
    "memberships": re.compile(r"membership", re.IGNORECASE),
    "service-account keys": re.compile(r"service_?account_?keys?", re.IGNORECASE),
}
_REVOKE_ALL = re.compile(r"RevokeAll(Access|Credentials)\b|RevokeEverything|DeprovisionAll|TerminateAll")
_REVOKE_ALL_ON = re.compile(r"(\w+)\.(?:RevokeAll|DeleteAll|RemoveAll)\(")
_REVOKE_WORDS = frozenset(
    {
        "revoke",
        "delete",
        "remove",
        "invalidate",
        "disable",
        "purge",
        "expire",
        "terminate",
        "unlink",
        "detach",
        "destroy",
        "drop",
    }
)
_PROPAGATES = re.compile(
    r"return\s+(?!nil\s*$)(?!nil\s*\n)[^\n]*\berr|errors\.Join|append\(errs|retry|Retry|alert|Alert|panic\(|Fatal"
)


class GoDeprovisioningIncomplete(GoGuard):
    """
    ## What it does
    Finds offboarding routines (`func (s *Service) Offboard(`,
    `DeactivateUser`, `RemoveMember`, `r.Delete("/members/{id}", ...`) that
    leave part of the person's access live:
    - the routine (with the same-file helpers it calls) revokes some kinds of
      access (sessions, refresh tokens, API keys, OAuth grants, SSH keys,
      personal access tokens, memberships, service-account keys) while the
      file handles other kinds it never touches;
    - or it drops a failed revocation: `_ = s.revokeKeys(ctx, id)`, or
      `if err := s.revokeSessions(ctx, id); err != nil { log...; return nil }`
      (an error branch that neither returns the error, collects it, retries
      nor alerts).
    A call to a revoke-everything service counts as revoking every kind.
    Reported on the routine's first line, or on the line that drops the error.

    ## Why is this bad?
    The person is shown as offboarded while an API key, a refresh token or an
    OAuth grant still works: the departed employee (or whoever holds their
    credential) keeps access nobody is looking for.

    ## Example
    ```go
    func (s *Service) Offboard(ctx context.Context, id string) error {
        if err := s.sessions.DeleteAll(ctx, id); err != nil { return err }
        return s.users.Deactivate(ctx, id) // the file also issues API keys
    }
    ```

    ## Use instead
    ```go
    return errors.Join(s.sessions.DeleteAll(ctx, id), s.apiKeys.RevokeAll(ctx, id), s.users.Deactivate(ctx, id))
    ```
    """

    id = "IDG424"
    name = "go-deprovisioning-incomplete"
    title = "Offboarding leaves access live"
    fix_hint = (
        "Revoke every kind of access the module issues (or call one revoke-everything service), and return failures."
    )
    triggers = ("offboard", "deprovision", "deactivate", "disable", "suspend", "remove", "delete", "terminate")
    meta = GuardMeta(
        cwe=["CWE-459", "CWE-613", "CWE-390"],
        owasp_nhi=["NHI1"],
        nist_csf=["PR.AA-05", "PR.AA-01"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["deprovisioning"],
    )
    VALID = [
        Valid(
            """
            package people

            func (s *Service) Offboard(ctx context.Context, id string) error {
                return errors.Join(
                    s.sessions.DeleteAll(ctx, id),
                    s.apiKeys.RevokeAll(ctx, id),
                    s.users.Deactivate(ctx, id),
                )
            }
            """
        ),
        Valid(
            """
            package people

            func (s *Service) DeactivateUser(ctx context.Context, id string) error {
                if err := s.sessions.DeleteAll(ctx, id); err != nil {
                    return fmt.Errorf("revoke sessions: %w", err)
                }
                return s.users.SetActive(ctx, id, false)
            }
            """
        ),
        Valid(
            """
            package people

            func (s *Service) RemoveMember(ctx context.Context, org, id string) error {
                return s.access.RevokeAll(ctx, org, id)
            }

            func (s *Service) CreateAPIKey(ctx context.Context, id string) (string, error) { return s.apiKeys.Create(ctx, id) }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package people

            func (s *Service) Offboard(ctx context.Context, id string) error {
                if err := s.sessions.DeleteAll(ctx, id); err != nil {
                    return err
                }
                return s.users.Deactivate(ctx, id)
            }

            func (s *Service) CreateAPIKey(ctx context.Context, id string) (string, error) { return s.apiKeys.Create(ctx, id) }
            """,
            line=3,
        ),
        Invalid(
            """
            package people

            func (s *Service) DeactivateUser(ctx context.Context, id string) error {
                _ = s.tokens.RevokeRefreshTokens(ctx, id)
                return s.users.SetActive(ctx, id, false)
            }
            """,
            line=4,
        ),
        Invalid(
            """
            package people

            func (s *Service) RemoveMember(ctx context.Context, org, id string) error {
                if err := s.sessions.DeleteAll(ctx, id); err != nil {
                    log.Printf("session cleanup failed for %s: %v", id, err)
                    return nil
                }
                return s.members.Delete(ctx, org, id)
            }
            """,
            line=6,
        ),
    ]

    def visit_source_file(self, node: Node) -> None:
        module_kinds = {kind for kind, pattern in _KINDS.items() if pattern.search(self._identifiers())}
        for function, name in named_functions(self.ctx):
            found = name_words(name)
            if not found & _OFFBOARD_VERBS or not (
                found & _SUBJECTS or found & {"offboard", "deprovision", "deactivate"}
            ):
                continue
            if (
                found & {"session", "sessions", "key", "keys", "token", "tokens", "cache", "file", "post", "comment"}
                and not found & _SUBJECTS
            ):
                continue
            self._dropped(function)
            text = unit_text(self.ctx, function)
            if _REVOKE_ALL.search(text) or self._everything(text):
                continue
            touched = {kind for kind, pattern in _KINDS.items() if pattern.search(text)}
            missing = sorted(module_kinds - touched)
            if missing and (touched or re.search(r"[Aa]ctive|[Ss]tatus|[Dd]isabled|[Dd]eactivat", text)):
                self.report(function, f"`{name}` leaves {', '.join(missing)} live although this file handles them.")

    @staticmethod
    def _everything(text: str) -> bool:
        """`s.access.RevokeAll(ctx, id)`: a service that revokes every kind (not `s.apiKeys.RevokeAll`)."""
        for match in _REVOKE_ALL_ON.finditer(text):
            receiver = match.group(1)
            if not any(pattern.search(receiver) for pattern in _KINDS.values()) and receiver.lower() in (
                "access",
                "identity",
                "iam",
                "directory",
                "credentials",
                "deprovisioner",
                "offboarding",
            ):
                return True
        return False

    def _identifiers(self) -> str:
        cached = self.ctx.shared.get("identifier_text")
        if cached is None:
            names: set[str] = set()
            for kind in ("identifier", "field_identifier", "type_identifier"):
                names.update(self.ctx.text(n) for n in self.ctx.nodes(kind))
            cached = self.ctx.shared["identifier_text"] = " ".join(sorted(names))
        return cached

    def _dropped(self, function: Node) -> None:
        for assignment in self.ctx.descendants(function, ("assignment_statement",)):
            left = self.ctx.expressions(assignment.child_by_field_name("left"))
            right = self.ctx.expressions(assignment.child_by_field_name("right"))
            if [self.ctx.text(t) for t in left] == ["_"] and len(right) == 1 and right[0].type == "call_expression":
                if self._revokes(right[0]):
                    self.report(assignment, "A revocation's error is discarded (`_ = ...`): it can fail unseen.")
        for branch in self.ctx.error_branches(function):
            statement = branch.parent
            if statement is None:
                continue
            source = self._source(statement)
            if source is None or not self._revokes(source):
                continue
            text = self.ctx.text(branch)
            if _PROPAGATES.search(text):
                continue
            returns = [
                r
                for r in self.ctx.descendants(branch, ("return_statement",))
                if self.ctx.enclosing_function(r) == function
            ]
            where = returns[0] if returns else branch
            self.report(where, "A failed revocation is logged and dropped; the routine still reports success.")

    def _source(self, statement: Node) -> Node | None:
        initializer = statement.child_by_field_name("initializer")
        holder = initializer or statement.prev_named_sibling
        if holder is None:
            return None
        calls = self.ctx.descendants(holder, ("call_expression",))
        return calls[0] if calls else None

    def _revokes(self, call: Node) -> bool:
        name = self.ctx.call_name(call).replace(".", "_")
        return bool(words(name) & _REVOKE_WORDS)
