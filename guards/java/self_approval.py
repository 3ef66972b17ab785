"""IDG523: an approval endpoint that lets the requester approve their own request."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.judge import words
from .support.tree import Node
from .support.units import method_words, report_node, unit_text

_APPROVE_WORDS = frozenset({"approve", "approval", "approvals", "sign", "signoff", "accept", "authorize", "confirm"})
_SUBJECT_WORDS = frozenset(
    {"request", "requests", "change", "access", "review", "grant", "elevation", "expense"}
    | {
        "pull",
        "merge",
        "deployment",
        "payment",
        "refund",
        "transfer",
        "role",
        "permission",
        "order",
        "approval",
        "invoice",
    }
)
_STATE_CHANGE = re.compile(
    r"\.(?:setStatus|setState)\([^)]*(?:APPROVED|Approved|GRANTED|ACCEPTED)|\.setApproved\(\s*true|\.setApprovedBy\(|\.approve\(|\.markApproved\(|\.grant\("
)
_REQUESTER = r"(?:requester|requestedBy|requestor|author|createdBy|submitter|submittedBy|owner|initiator|applicant|creator|RequesterId|AuthorId|CreatedBy|SubmittedBy|RequestedBy|Requester|Author)"
_SELF_CHECK = re.compile(
    rf"{_REQUESTER}\w*\(?\)?\s*\.equals(?:IgnoreCase)?\(|\.equals(?:IgnoreCase)?\([^;]*{_REQUESTER}|{_REQUESTER}\w*\(?\)?\s*[!=]=|[!=]=\s*[\w.()]*{_REQUESTER}|"
    r"Objects\.equals\([^;]*"
    + _REQUESTER
    + r"|SelfApproval|selfApproval|cannot approve (?:your|their) own|isSameUser|sameUser|notRequester|ensureNotRequester|assertDifferent"
)


_STRING = re.compile(r'"(?:[^"\\\n]|\\.)*"')
_SELF_PHRASE = re.compile(r"cannot approve (?:your|their) own", re.I)


class JavaSelfApproval(JavaGuard):
    """
    ## What it does
    Finds approval code (a method named for approving, signing off or
    accepting a request, change, access grant, refund or deployment) that
    changes the request's state (`setStatus(APPROVED)`, `setApproved(true)`,
    `setApprovedBy(...)`, `approve()`) and never compares the approver with the
    requester or author (`approver.equals(request.getRequestedBy())`, `equalsIgnoreCase`, `!=`,
    `Objects.equals`), in the method or the same-class helpers it calls.

    ## Why is this bad?
    Four-eyes approval exists so that one person cannot grant themselves
    access or money. If the requester may approve, the control is a button
    anyone can press on their own request.

    ## Example
    ```java
    public void approve(long id, String approver) { AccessRequest r = repo.get(id); r.setStatus(Status.APPROVED); r.setApprovedBy(approver); }
    ```

    ## Use instead
    ```java
    if (approver.equals(r.getRequestedBy())) throw new AccessDeniedException("cannot approve your own request");
    ```
    """

    id = "IDG523"
    name = "java-self-approval"
    title = "Requester can approve their own request"
    fix_hint = "Refuse the approval when the approver is the requester or author, before the state changes."
    triggers = ("approv", "signoff", "accept")
    meta = GuardMeta(
        cwe=["CWE-284", "CWE-863"],
        owasp_nhi=[],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac"],
    )
    VALID = [
        Valid(
            """
            class RoleChanges {
                @POST
                public Response approve(String id, SecurityContext security) {
                    RoleChange change = store.find(id);
                    String approver = security.getUserPrincipal().getName();
                    if (approver.equalsIgnoreCase(change.requestedBy())) {
                        throw new ForbiddenException("A second administrator must approve this change");
                    }
                    store.markApproved(id, approver);
                    return Response.noContent().build();
                }
            }
            """
        ),
        Valid(
            """
            public void approve(long id, String approver) {
                AccessRequest r = repo.get(id);
                if (approver.equals(r.getRequestedBy())) throw new AccessDeniedException("cannot approve your own request");
                r.setStatus(Status.APPROVED);
            }
            """
        ),
        Valid(
            """
            public void approveRefund(Refund refund, User approver) {
                ensureNotRequester(refund, approver);
                refund.setApproved(true);
            }
            """
        ),
        Valid(
            """
            public List<AccessRequest> pendingApprovals(String team) { return repo.findPending(team); }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            class ExpenseApprovalService {
                public Expense approve(long expenseId, Employee reviewer) {
                    Expense expense = expenses.findById(expenseId).orElseThrow();
                    if (!Objects.equals(reviewer.getDepartmentId(), expense.getDepartmentId())) {
                        throw new IllegalStateException("Reviewer is not in the submitter's department");
                    }
                    expense.setStatus(ExpenseStatus.APPROVED);
                    expense.setApprovedBy(reviewer.getId());
                    return expenses.save(expense);
                }
            }
            """,
            line=2,
        ),
        Invalid(
            """
            public void approve(long id, String approver) {
                AccessRequest r = repo.get(id);
                r.setStatus(Status.APPROVED);
                r.setApprovedBy(approver);
            }
            """,
            line=1,
        ),
        Invalid(
            """
            @PostMapping("/changes/{id}/approve")
            public ChangeRequest approveChange(@PathVariable long id, @AuthenticationPrincipal User me) {
                ChangeRequest change = changes.findById(id).orElseThrow();
                change.approve();
                return changes.save(change);
            }
            """,
            line=2,
        ),
        Invalid(
            """
            void signOffExpense(Expense expense, Employee manager) { expense.setApproved(true); expense.setApprover(manager); }
            """,
            line=1,
        ),
    ]

    def visit_method_declaration(self, node: Node) -> None:
        ctx = self.ctx
        name_words = method_words(ctx, node)
        if not name_words & _APPROVE_WORDS or ctx.body(node) is None:
            return
        text = unit_text(ctx, node)
        if not _STATE_CHANGE.search(text):
            return
        parameters = " ".join(ctx.text(p) for p in ctx.parameters(node))
        subject = name_words | words(*re.findall(r"[A-Za-z_]\w*", parameters + " " + text[:600]))
        if not subject & _SUBJECT_WORDS:
            return  # approving a comment or a photo is moderation, not access
        # Comparisons are read in the code, not in the messages it throws ("...not in the submitter's department").
        code = _STRING.sub('""', text)
        if _SELF_CHECK.search(code) or _SELF_PHRASE.search(text):
            return
        self.report(report_node(node), "The approval never checks that the approver is not the requester.")
