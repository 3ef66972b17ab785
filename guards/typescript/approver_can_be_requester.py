"""IDG322: an approval that the requester can give to their own request."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from ..python.support.words import identifier_words
from .support.functions import name_words, named_functions, unit_text
from .support.guard import ScriptGuard
from .support.tree import Node

_APPROVE = frozenset(
    {"approve", "approval", "approvals", "signoff", "sign", "review", "decide", "decision", "grant", "authorize"}
)
_RECORDS_APPROVAL = re.compile(
    r"['\"`](approved|APPROVED|granted|accepted)['\"`]|approvedBy|approved_by|approverId|approver_id|approvedAt|reviewedBy"
    r"|Status\.APPROVED|Status\.Approved|\.approve\(",
)
_REQUESTER_WORDS = frozenset(
    {
        "requester",
        "requestor",
        "requested",
        "author",
        "authored",
        "created",
        "creator",
        "submitted",
        "submitter",
        "owner",
        "initiator",
        "initiated",
        "proposer",
        "proposed",
        "raised",
        "opened",
    }
)
_ACTOR_WORDS = frozenset({"user", "approver", "actor", "reviewer", "current", "me", "caller", "principal", "sub"})
_REQUESTER_CHECK = re.compile(
    r"(requester|requestor|requested_?by|author|creator|created_?by|submitted_?by|initiator)\w*\s*(===|!==|==|!=)"
    r"|(===|!==|==|!=)\s*[\w.?]*(requester|requestor|requestedBy|author|creator|createdBy|submittedBy)\w*"
    r"|(requester|author|creator|createdBy)\w*\s*:\s*\{\s*not\b",
    re.IGNORECASE,
)
_SOD_HELPERS = re.compile(
    r"selfApproval|self_approval|SelfApprov|separationOfDuties|assertNotSelf|assertDifferent|ensureNotAuthor|fourEyes|four_eyes",
    re.IGNORECASE,
)


class TsApproverCanBeRequester(ScriptGuard):
    """
    ## What it does
    Finds approval functions and endpoints (`approveRequest`,
    `POST /access-requests/:id/approve`, a NestJS `approve()` method) that
    record an approval (`status: "approved"`, `approvedBy`, `.approve(...)`)
    without first comparing the approver (`req.user`, `actor`, the approving
    user's id) with the request's requester, author or creator: no
    `if (request.requesterId === req.user.id)` refusal, no query filter that
    excludes the requester (`requesterId: { not: userId }`), no
    separation-of-duties helper. Same-file helpers the function calls count.
    The finding is on the function's first line.

    ## Why is this bad?
    Approval is the control that stops one person from granting themselves
    access or pushing their own change. If the requester can approve, the
    control is a formality.

    ## Example
    ```ts
    app.post("/access-requests/:id/approve", async (req, res) => {
      await db.accessRequest.update({ where: { id: req.params.id }, data: { status: "approved", approvedBy: req.user.id } });
    });
    ```

    ## Use instead
    ```ts
    app.post("/access-requests/:id/approve", async (req, res) => {
      const request = await db.accessRequest.findUnique({ where: { id: req.params.id } });
      if (request.requesterId === req.user.id) return res.status(403).send("cannot approve your own request");
      await db.accessRequest.update({ where: { id: request.id }, data: { status: "approved", approvedBy: req.user.id } });
    });
    ```
    """

    id = "IDG322"
    name = "ts-approver-can-be-requester"
    title = "Requester can approve their own request"
    triggers = ("approv",)
    meta = GuardMeta(
        cwe=["CWE-284", "CWE-863"],
        owasp_nhi=[],
        nist_csf=["PR.AA-05", "GV.RR-02"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac"],
        see_also=["NIST SP 800-53 AC-5"],
    )
    VALID = [
        Valid(
            """
            app.post("/requests/:id/approve", async (req, res) => {
              const r = await db.request.findUnique({ where: { id: req.params.id } });
              if (r.requesterId === req.user.id) return res.sendStatus(403);
              await db.request.update({ where: { id: r.id }, data: { status: "approved", approvedBy: req.user.id } });
            });
            """
        ),
        Valid(
            """
            export async function listApprovals(user) {
              return db.approval.findMany({ where: { approverId: user.id } });
            }
            """
        ),
        Valid(
            """
            async function approveChange(changeId, approver) {
              const change = await changes.get(changeId);
              if (change.authorId === approver.id) throw new Error("self-approval");
              change.status = "approved";
            }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            app.post("/requests/:id/approve", async (req, res) => {
              await db.request.update({ where: { id: req.params.id }, data: { status: "approved", approvedBy: req.user.id } });
            });
            """,
            line=1,
        ),
        Invalid(
            """
            async function approveChange(changeId, approver) {
              const change = await changes.get(changeId);
              change.status = "approved";
              change.approvedBy = approver.id;
            }
            """,
            line=1,
        ),
        Invalid(
            """
            class RequestsController {
              async approve(id, user) {
                const r = await this.repo.findOne(id);
                if (r.status !== "pending") throw new Error("closed");
                return this.repo.save({ ...r, status: "approved", approverId: user.id });
              }
            }
            """,
            line=2,
        ),
    ]

    def visit_program(self, node: Node) -> None:
        for function, name in named_functions(self.ctx):
            words = name_words(name)
            if not words & _APPROVE or words & {"list", "get", "fetch", "count", "show", "render", "pending"}:
                continue
            text = unit_text(self.ctx, function)
            own = self._own_text(function)
            # The approval must be recorded here (a route that only calls an approval helper is judged there).
            if not _RECORDS_APPROVAL.search(own) or _SOD_HELPERS.search(text):
                continue
            if self._compares_requester(function) or _REQUESTER_CHECK.search(text):
                continue
            self.report(
                function,
                f"`{name}` records an approval without checking that the approver is not the requester.",
                fix="Refuse the approval when the approver is the requester or author (`request.requesterId === "
                "req.user.id`), before changing any state.",
            )

    def _own_text(self, function: Node) -> str:
        """The function's text without the bodies of functions nested in it (their approvals are their own)."""
        text = self.ctx.text(function)
        for inner, _name in named_functions(self.ctx):
            if inner != function and inner.start_byte > function.start_byte and inner.end_byte <= function.end_byte:
                text = text.replace(self.ctx.text(inner), "")
        return text

    def _compares_requester(self, function: Node) -> bool:
        for comparison in self.ctx.descendants(function, ("binary_expression",)):
            if self.ctx.text(comparison.child_by_field_name("operator")) not in ("===", "!==", "==", "!="):
                continue
            left = set(identifier_words(self.ctx.text(comparison.child_by_field_name("left"))))
            right = set(identifier_words(self.ctx.text(comparison.child_by_field_name("right"))))
            if left & _REQUESTER_WORDS and right & _ACTOR_WORDS or right & _REQUESTER_WORDS and left & _ACTOR_WORDS:
                return True
            if left & _REQUESTER_WORDS and right & _REQUESTER_WORDS | {"approver", "reviewer"}:
                return True
        return False
