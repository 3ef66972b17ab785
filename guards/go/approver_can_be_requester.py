"""IDG421: an approval that the requester can give to their own request (Go)."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.functions import name_words, named_functions, unit_text
from .support.guard import GoGuard
from .support.judge import words
from .support.tree import Node

_APPROVE = frozenset({"approve", "approval", "signoff", "decide", "decision", "grant"})
_NOT_ACTIONS = frozenset({"list", "get", "fetch", "count", "show", "render", "pending", "new", "test"})
_RECORDS_APPROVAL = re.compile(
    r'"(approved|APPROVED|granted|Approved)"|ApprovedBy|ApproverID|ApproverId|ApprovedAt|ReviewedBy|StatusApproved|\.Approve\(',
)
_REQUESTER_WORDS = frozenset(
    {
        "requester",
        "requestor",
        "requested",
        "author",
        "created",
        "creator",
        "submitted",
        "submitter",
        "owner",
        "initiator",
        "proposer",
        "opened",
    }
)
_ACTOR_WORDS = frozenset(
    {"user", "approver", "actor", "reviewer", "current", "me", "caller", "principal", "sub", "subject"}
)
_SOD_HELPERS = re.compile(r"selfapprov|separationofduties|notself|foureyes|ensuredifferent", re.IGNORECASE)


class GoApproverCanBeRequester(GoGuard):
    """
    ## What it does
    Finds approval handlers and methods (`ApproveRequest`, `func (s
    *Service) Approve(`, `r.Post("/requests/{id}/approve", func(...`) that
    record an approval (`Status: "approved"`, `ApprovedBy`, `.Approve(...)`)
    without comparing the approver (the caller, `actor`, the user from the
    context) with the request's requester, author or creator anywhere in the
    function or the same-file helpers it calls. The finding is on the
    function's first line.

    ## Why is this bad?
    Four-eyes approval is only a control when the second pair of eyes is
    someone else's: a requester who can approve their own access request,
    payout or deployment grants it to themselves.

    ## Example
    ```go
    func (s *Service) Approve(ctx context.Context, id string) error {
        req, _ := s.store.Get(ctx, id)
        req.Status, req.ApprovedBy = "approved", actorFrom(ctx)
        return s.store.Save(ctx, req)
    }
    ```

    ## Use instead
    ```go
    if req.RequesterID == actorFrom(ctx) { return ErrSelfApproval }
    ```
    """

    id = "IDG421"
    name = "go-approver-can-be-requester"
    title = "Requester can approve their own request"
    fix_hint = "Refuse the approval when the approver is the requester or author, before changing any state."
    triggers = ("approv",)
    meta = GuardMeta(
        cwe=["CWE-284", "CWE-863"],
        owasp_nhi=[],
        nist_csf=["PR.AA-05", "GV.RR-02"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac"],
    )
    VALID = [
        Valid(
            """
            package access

            func (s *Service) Approve(ctx context.Context, id string) error {
                req, err := s.store.Get(ctx, id)
                if err != nil {
                    return err
                }
                approver := actorFrom(ctx)
                if req.RequesterID == approver {
                    return ErrSelfApproval
                }
                req.Status, req.ApprovedBy = "approved", approver
                return s.store.Save(ctx, req)
            }
            """
        ),
        Valid(
            """
            package access

            func (s *Service) ListApprovals(ctx context.Context) ([]Request, error) {
                return s.store.Find(ctx, "approved")
            }
            """
        ),
        Valid(
            """
            package access

            func (h *Handler) approve(w http.ResponseWriter, r *http.Request) {
                req := h.load(r)
                if err := ensureNotSelfApproval(req, userFrom(r)); err != nil {
                    http.Error(w, err.Error(), http.StatusForbidden)
                    return
                }
                h.store.SetStatus(r.Context(), req.ID, "approved")
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package access

            func (s *Service) Approve(ctx context.Context, id string) error {
                req, err := s.store.Get(ctx, id)
                if err != nil {
                    return err
                }
                req.Status, req.ApprovedBy = "approved", actorFrom(ctx)
                return s.store.Save(ctx, req)
            }
            """,
            line=3,
        ),
        Invalid(
            """
            package access

            func Routes(r chi.Router, db *sql.DB) {
                r.Post("/access-requests/{id}/approve", func(w http.ResponseWriter, r *http.Request) {
                    _, err := db.ExecContext(r.Context(), "UPDATE access_requests SET status = 'approved', approved_by = $1 WHERE id = $2", userID(r), chi.URLParam(r, "id"))
                    if err != nil {
                        http.Error(w, "failed", http.StatusInternalServerError)
                    }
                })
            }
            """,
            line=4,
        ),
        Invalid(
            """
            package access

            func (s *Server) ApproveDeployment(ctx context.Context, req *pb.ApproveRequest) (*pb.Empty, error) {
                d, err := s.deploys.Get(ctx, req.GetId())
                if err != nil {
                    return nil, err
                }
                if d.Status != "pending" {
                    return nil, status.Error(codes.FailedPrecondition, "not pending")
                }
                return &pb.Empty{}, s.deploys.Approve(ctx, d.ID, callerID(ctx))
            }
            """,
            line=3,
        ),
    ]

    def visit_source_file(self, node: Node) -> None:
        for function, name in named_functions(self.ctx):
            found = name_words(name)
            if not found & _APPROVE or found & _NOT_ACTIONS:
                continue
            own = self.ctx.text(function)
            if not (_RECORDS_APPROVAL.search(own) or "'approved'" in own):
                continue
            text = unit_text(self.ctx, function)
            if _SOD_HELPERS.search(text.replace("_", "")) or self._compares_requester(function):
                continue
            self.report(
                function, f"`{name}` records an approval without checking that the approver is not the requester."
            )

    def _compares_requester(self, function: Node) -> bool:
        candidates = [function]
        for call in self.ctx.descendants(function, ("call_expression",)):
            callee = self.ctx.callee_function(call)
            if callee is not None and callee != function:
                candidates.append(callee)
        for unit in candidates:
            for comparison in self.ctx.descendants(unit, ("binary_expression",)):
                if self.ctx.text(comparison.child_by_field_name("operator")) not in ("==", "!="):
                    continue
                left = words(self.ctx.text(comparison.child_by_field_name("left")).replace(".", "_").replace("(", "_"))
                right = words(
                    self.ctx.text(comparison.child_by_field_name("right")).replace(".", "_").replace("(", "_")
                )
                if (
                    left & _REQUESTER_WORDS
                    and right & (_ACTOR_WORDS | {"id"})
                    or right & _REQUESTER_WORDS
                    and left & (_ACTOR_WORDS | {"id"})
                ):
                    return True
        text = self.ctx.text(function)
        return bool(
            re.search(r"(requester|requested_by|author|created_by|creator)\w*\s*(<>|!=|=)\s*\$\d", text, re.IGNORECASE)
        )
