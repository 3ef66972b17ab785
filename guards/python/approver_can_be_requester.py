"""IDG152: an approval step that lets the requester approve their own request."""

from __future__ import annotations

import libcst as cst

from ..models import GuardMeta
from ..python_flow import body_words, callee_name, function_words, node_words, nodes_in, parameter_names
from ..python_support import PythonGuard, identifier_words

_APPROVE_WORDS = frozenset({"approve", "approval", "approvals", "signoff", "countersign"})
_REQUESTER_WORDS = frozenset(
    {"requester", "requestor", "requested", "author", "authored", "created", "creator", "submitter", "submitted", "initiator",
     "initiated", "owner", "opened", "proposer", "proposed", "applicant", "raised"}
)
_REQUESTER_PRESENCE = frozenset(
    {"requester", "requestor", "requested", "author", "creator", "submitter", "submitted", "initiator", "initiated", "proposer", "applicant"}
)
_REQUESTED_THINGS = frozenset(
    {"request", "requests", "change", "changes", "elevation", "grant", "access", "expense", "purchase", "deployment",
     "deploy", "release", "merge", "pull", "permission", "role", "privilege", "leave", "payment", "transfer", "refund", "exception"}
)
_ACTOR_WORDS = frozenset({"approver", "reviewer", "actor", "user", "current", "approved", "by", "principal", "operator", "admin", "manager"})
_SOD_CALL_WORDS = frozenset({"separation", "sod", "self", "distinct", "different", "four", "eyes", "duties"})


class ApproverCanBeRequester(PythonGuard):
    """
    ## What it does
    Finds approval functions (`approve`, `approve_request`, `handle_approval`)
    that record an approval (`status = "approved"`, `approved_by = approver`,
    `.update(status=APPROVED)`) and know who approves, but never compare the
    approver with the requester / author / creator of the request (no
    `approver == request.requested_by` check, no `exclude(created_by=...)`, no
    separation-of-duties helper).

    ## Why is this bad?
    Approval exists so that a second person agrees to an access change. If the
    requester can approve their own access request, role elevation or key
    issuance, the control is theatre and one compromised account grants itself
    anything.

    ## Example
    ```python
    def approve(access_request, approver):
        access_request.status = "approved"
        access_request.approved_by = approver
        grant(access_request.user, access_request.role)
    ```

    ## Use instead
    ```python
    def approve(access_request, approver):
        if approver.id == access_request.requested_by_id:
            raise PermissionDenied("requesters cannot approve their own request")
        access_request.status = "approved"
        access_request.approved_by = approver
        grant(access_request.user, access_request.role)
    ```

    ## References
    CWE-284 Improper Access Control; CWE-863 Incorrect Authorization;
    NIST SP 800-53 AC-5 Separation of Duties.
    """

    id = "IDG152"
    name = "approver-can-be-requester"
    title = "Approver can be the requester"
    meta = GuardMeta(
        cwe=["CWE-284", "CWE-863"],
        owasp_nhi=[],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac", "policy"],
    )
    VALID = [
        'def approve(access_request, approver):\n    if approver.id == access_request.requested_by_id:\n        raise PermissionDenied()\n    access_request.status = "approved"\n    access_request.approved_by = approver\n',
        'def approve_change(change, reviewer):\n    ensure_separation_of_duties(change, reviewer)\n    change.approved_by = reviewer\n    change.save()\n',
        'def approve_comments(modeladmin, request, queryset):\n    queryset.update(approved=True, approved_by=request.user)\n',
        'def approval_summary(req):\n    return {"status": req.status, "approved_by": req.approved_by}\n',
        'def approve_pending(request_id, user):\n    AccessRequest.objects.filter(id=request_id).exclude(requested_by=user).update(status="approved", approved_by=user)\n',
    ]
    INVALID = [
        'def approve(access_request, approver):\n    access_request.status = "approved"\n    access_request.approved_by = approver\n    grant(access_request.user, access_request.role)\n',
        '@app.post("/requests/<rid>/approve")\ndef approve_request(rid):\n    req = AccessRequest.query.get_or_404(rid)\n    req.approved_by_id = current_user.id\n    req.status = Status.APPROVED\n    db.session.commit()\n',
        'def handle_approval(db, request_id, actor):\n    db.execute(update(Elevation).where(Elevation.id == request_id).values(status="approved", approver_id=actor.id))\n',
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        if not function_words(node) & _APPROVE_WORDS:
            return
        if not self._has_requester(node):
            return  # nothing here has a requester (comment moderation, feature flags): no duty to separate
        spot = self._records_approval(node)
        if spot is None or not self._knows_actor(node):
            return
        if self._compares_requester(node):
            return
        self.report(spot, "The approval is recorded without checking that the approver is not the requester.", fix=self._fix())

    def _has_requester(self, fn: cst.FunctionDef) -> bool:
        """Someone asked for what is approved: the module names a requester/author, or the
        function approves a request/change/grant (`approve_request`, `access_request`, `request_id`)."""
        if node_words(self.ctx, self.ctx.module) & _REQUESTER_PRESENCE:
            return True
        words = set(function_words(fn))
        for name in parameter_names(fn):
            if name not in {"request", "req", "self", "cls"}:  # Django's HTTP request is not an access request
                words |= set(identifier_words(name))
        return bool(words & _REQUESTED_THINGS)

    def _records_approval(self, fn: cst.FunctionDef) -> cst.CSTNode | None:
        for node in nodes_in(fn.body, cst.Assign, cst.Arg):
            if isinstance(node, cst.Assign):
                pairs = [(self.ctx.target_name(t.target), node.value) for t in node.targets if isinstance(t.target, (cst.Attribute, cst.Subscript))]
            else:
                pairs = [(node.keyword.value, node.value)] if node.keyword is not None else []
            for name, value in pairs:
                words = set(identifier_words(name or ""))
                if words & {"approved", "approver"}:
                    return node
                if words & {"status", "state"} and "approved" in node_words(self.ctx, value):
                    return node
        return None

    def _knows_actor(self, fn: cst.FunctionDef) -> bool:
        names = set()
        for param in parameter_names(fn):
            names |= set(identifier_words(param))
        return bool((names | body_words(self.ctx, fn)) & _ACTOR_WORDS)

    def _compares_requester(self, fn: cst.FunctionDef) -> bool:
        for comparison in nodes_in(fn.body, cst.Comparison):
            if node_words(self.ctx, comparison) & _REQUESTER_WORDS:
                return True
        for call in nodes_in(fn.body, cst.Call):
            func = call.func
            last = callee_name(func)
            words = set(identifier_words(last))
            if words & _SOD_CALL_WORDS:
                return True
            if last == "exclude" and node_words(self.ctx, call) & _REQUESTER_WORDS:
                return True
        return False

    @staticmethod
    def _fix() -> str:
        return "Refuse the approval when the approver is the requester (compare ids), and record both identities in the audit trail."
