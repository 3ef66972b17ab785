"""IDG152: an approval step that lets the requester approve their own request."""

from __future__ import annotations

import re

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.flow.decisions import enclosing_class_words, module_index, span_of
from .support.flow.denials import block_denies, checks_before
from .support.flow.protection import actor_roots, canonical, involves_actor
from .support.flow.words import (
    SQL_CALLS,
    body_words,
    callee_name,
    code_words,
    file_cache,
    function_words,
    node_words,
    nodes_in,
    parameter_names,
)
from .support.guard import PythonGuard
from .support.words import identifier_words

_APPROVE_WORDS = frozenset(
    {"approve", "approval", "approvals", "signoff", "countersign", "review", "decide", "decision"}
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
        "submitter",
        "submitted",
        "initiator",
        "initiated",
        "owner",
        "opened",
        "proposer",
        "proposed",
        "applicant",
        "raised",
    }
)
_REQUESTER_PRESENCE = frozenset(
    {
        "requester",
        "requestor",
        "requested",
        "author",
        "creator",
        "submitter",
        "submitted",
        "initiator",
        "initiated",
        "proposer",
        "proposed",
        "applicant",
    }
)
_REQUESTED_THINGS = frozenset(
    {
        "request",
        "requests",
        "change",
        "changes",
        "elevation",
        "grant",
        "access",
        "expense",
        "purchase",
        "deployment",
        "deploy",
        "release",
        "merge",
        "pull",
        "permission",
        "role",
        "privilege",
        "leave",
        "payment",
        "transfer",
        "refund",
        "payout",
        "payouts",
        "withdrawal",
        "disbursement",
        "reimbursement",
        "exception",
        "proposal",
        "promotion",
        "review",
    }
)
_ACTOR_WORDS = frozenset(
    {"approver", "reviewer", "actor", "user", "current", "approved", "by", "principal", "operator", "admin", "manager"}
)
_SOD_CALL_WORDS = frozenset(
    {"separation", "sod", "self", "distinct", "different", "four", "eyes", "duties", "independent"}
)
_ANSWER_CALL_WORDS = frozenset(
    {
        "jsonify",
        "json",
        "response",
        "render",
        "write",
        "dumps",
        "log",
        "info",
        "debug",
        "warning",
        "send",
        "emit",
        "print",
    }
)
_IDENTITY_ATTRS = ("id", "pk", "user_id", "email", "username", "sub", "uid", "login", "user")
# Calls whose keywords select rows rather than store values.
_LOOKUP_CALLS = frozenset(
    {
        "filter",
        "filter_by",
        "exclude",
        "get",
        "get_object_or_404",
        "get_or_404",
        "first_or_404",
        "where",
        "select",
        "count",
        "exists",
        "find",
        "find_one",
        "query",
    }
)
# Fields of an approved object that name a person (the one it is about, not who asked for it).
_PERSON_WORDS = frozenset(
    {
        "user",
        "owner",
        "target",
        "subject",
        "member",
        "employee",
        "account",
        "person",
        "principal",
        "assignee",
        "beneficiary",
    }
)


_SQL_EXCLUDES_REQUESTER = re.compile(
    r"\b(?:created_by|requested_by|requester(?:_id)?|requestor(?:_id)?|author(?:_id)?|submitted_by|creator(?:_id)?"
    r"|proposed_by|initiated_by)\s*(?:<>|!=)",
    re.IGNORECASE,
)
_SQL_APPROVAL = re.compile(
    r"\bUPDATE\s+[\w.\"`]+\s+SET\b.*(?:\bstatus\s*=\s*'approved'|\bapproved_by\b|\bapprover(?:_id)?\s*=)",
    re.IGNORECASE | re.DOTALL,
)


class ApproverCanBeRequester(PythonGuard):
    """
    ## What it does
    Finds approval functions (`approve`, `approve_request`, `add_approval`,
    `handle_approval`) that record an approval (`status = "approved"`,
    `approved_by = approver`, `.update(status=APPROVED)`) and know who
    approves, but do not check, before the approval is recorded, that the
    approver is not the requester / author / creator of the request: no
    refusing `if approver.id == req.requester_id`, no `exclude(created_by=...)`,
    no separation-of-duties helper or decorator (`@forbid_self_approval`; a
    helper defined in the same module is read), no `~Q(requester=...)`.
    The requester field is also learnt from the module itself: the keyword the
    caller is stored under when the request is created (`proposed_by=request.user`).
    Only names, attributes and field keys count as a check of the requester,
    not string values (`expense.status != "submitted"` checks no person), and
    only the keywords of calls that store a record teach a requester field
    (`filter(team__members__user=request.user)` scopes a query). Reported on
    the `def` line; when the function compares the approver with another
    person field of the approved object instead
    (`proposal.target_user_id == request.user.pk`), or compares two stored
    person fields of the request with each other
    (`change.author_id == change.reviewer_id`, neither set from the caller
    beforehand), on that check.

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
    """

    id = "IDG152"
    name = "approver-can-be-requester"
    title = "Approver can be the requester"
    fix_hint = "Refuse the approval when the approver is the requester (compare ids), and record both identities in the audit trail."
    meta = GuardMeta(
        cwe=["CWE-284", "CWE-863"],
        owasp_nhi=[],
        nist_csf=["PR.AA-05"],
        likelihood="medium",
        impact="high",
        confidence="medium",
        categories=["rbac", "policy"],
        see_also=["NIST SP 800-53 AC-5 Separation of Duties"],
    )
    VALID = [
        Valid(
            """
            SIGN_OFF = "UPDATE refunds SET status = 'approved', approved_by = $2 WHERE id = $1 AND created_by <> $2"


            async def sign_off_refund(conn, refund_id, approver_id):
                return await conn.fetchval(SIGN_OFF, refund_id, approver_id)
            """
        ),
        Valid(
            """
            LOAD = "SELECT id, created_by, status FROM refunds WHERE id = $1"
            SIGN_OFF = "UPDATE refunds SET status = 'approved', approved_by = $2 WHERE id = $1"


            async def sign_off_refund(conn, refund_id, approver_id):
                row = await conn.fetchrow(LOAD, refund_id)
                if row["created_by"] == approver_id:
                    raise PermissionError("the requester cannot approve their own refund")
                await conn.execute(SIGN_OFF, refund_id, approver_id)
            """
        ),
        Valid(
            """
            class ChangeViewSet(viewsets.ModelViewSet):
                def perform_create(self, serializer):
                    serializer.save(author=self.request.user)

                @action(detail=True, methods=["post"])
                def sign_off_change(self, request, pk=None):
                    ticket = self.get_object()
                    if ticket.author_id == request.user.id:
                        raise PermissionDenied()
                    ticket.state = "approved"
                    ticket.signed_off_by = request.user
            """
        ),
        Valid(
            """
            def approve(access_request, approver):
                if approver.id == access_request.requested_by_id:
                    raise PermissionDenied()
                access_request.status = "approved"
                access_request.approved_by = approver
            """
        ),
        Valid(
            """
            def approve_change(change, reviewer):
                ensure_separation_of_duties(change, reviewer)
                change.approved_by = reviewer
                change.save()
            """
        ),
        Valid(
            """
            def approve_comments(modeladmin, request, queryset):
                queryset.update(approved=True, approved_by=request.user)
            """
        ),
        Valid(
            """
            def approval_summary(req):
                return {"status": req.status, "approved_by": req.approved_by}
            """
        ),
        Valid(
            """
            def approve_pending(request_id, user):
                AccessRequest.objects.filter(id=request_id).exclude(requested_by=user).update(status="approved", approved_by=user)
            """
        ),
        Valid(
            """
            def approve_pending(request_id, user):
                AccessRequest.objects.filter(~Q(requested_by=user), id=request_id).update(status="approved", approved_by=user)
            """
        ),
        Valid(
            """
            @forbid_self_approval
            def approve(request, pk):
                req = AccessRequest.objects.get(pk=pk)
                req.status = "approved"
                req.approved_by = request.user
            """
        ),
        # the separation-of-duties check lives in a helper of the same module
        Valid(
            """
            def ensure_independent(proposal, reviewer):
                if reviewer.pk in (proposal.proposed_by_id, proposal.target_user_id):
                    raise PermissionDenied()

            def approve(request, pid):
                proposal = Proposal.objects.get(pk=pid)
                ensure_independent(proposal, request.user)
                proposal.state = "approved"
            """
        ),
        # the reviewer field is set from the caller first, so comparing the two fields compares the caller
        Valid(
            """
            def review_change(change, reviewer):
                change.reviewer_id = reviewer.id
                if change.author_id == change.reviewer_id:
                    raise Forbidden()
                change.state = "approved"
            """
        ),
        Valid(
            """
            def approve(self, expense_id, approver_id):
                expense = self.db.get(Expense, expense_id)
                if expense.status != "submitted":
                    raise ApprovalError()
                if approver_id == expense.submitted_by_id:
                    raise ApprovalError("four eyes")
                expense.status = "approved"
                expense.approved_by_id = approver_id
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            LOAD = "SELECT id, created_by, status FROM refunds WHERE id = $1"
            SIGN_OFF = "UPDATE refunds SET status = 'approved', approved_by = $2 WHERE id = $1"


            async def sign_off_refund(conn, refund_id, approver_id):
                row = await conn.fetchrow(LOAD, refund_id)
                if row["status"] != "pending":
                    raise ValueError("not pending")
                await conn.execute(SIGN_OFF, refund_id, approver_id)
            """,
            line=5,
        ),
        Invalid(
            """
            class ChangeViewSet(viewsets.ModelViewSet):
                def perform_create(self, serializer):
                    serializer.save(author=self.request.user)

                @action(detail=True, methods=["post"])
                def sign_off_change(self, request, pk=None):
                    ticket = self.get_object()
                    ticket.state = "approved"
                    ticket.signed_off_by = request.user
                    ticket.save()
            """,
            line=6,
        ),
        Invalid(
            """
            def approve(access_request, approver):
                access_request.status = "approved"
                access_request.approved_by = approver
                grant(access_request.user, access_request.role)
            """,
            line=1,
        ),
        Invalid(
            """
            @app.post("/requests/<rid>/approve")
            def approve_request(rid):
                req = AccessRequest.query.get_or_404(rid)
                req.approved_by_id = current_user.id
                req.status = Status.APPROVED
                db.session.commit()
            """,
            line=2,
        ),
        Invalid(
            """
            def handle_approval(db, request_id, actor):
                db.execute(update(Elevation).where(Elevation.id == request_id).values(status="approved", approver_id=actor.id))
            """,
            line=1,
        ),
        # the self-approval is noticed and logged, not refused
        Invalid(
            """
            def approve(access_request, approver):
                if approver.id == access_request.requested_by_id:
                    log.warning("self-approval by %s", approver.id)
                access_request.status = "approved"
                access_request.approved_by = approver
            """,
            line=1,
        ),
        # the check compares the approver with the target of the change, not with who proposed it
        Invalid(
            """
            def propose(request, uid, role):
                Proposal.objects.create(target_user_id=uid, new_role=role, proposed_by=request.user)

            def approve(request, pid):
                proposal = Proposal.objects.get(pk=pid)
                if proposal.target_user_id == request.user.pk:
                    raise PermissionDenied()
                proposal.state = "approved"
                proposal.reviewed_by = request.user
            """,
            line=6,
        ),
        # a duplicate-approval check is not a requester check
        Invalid(
            """
            def submit(user, change):
                return ChangeRequest.create(change=change, submitted_by=user)

            def review_change(request_id, reviewer, verdict):
                change = ChangeRequest.get(request_id)
                change.status = "approved" if verdict == "ok" else "rejected"
                change.reviewed_by = reviewer
            """,
            line=4,
        ),
        Invalid(
            """
            def request_deploy(user, release):
                return DeployRequest.create(release=release, author_id=user.id)

            def add_approval(deploy, user):
                if any(a.user_id == user.id for a in deploy.approvals):
                    abort(409)
                deploy.approvals.append(Approval(user_id=user.id))
                deploy.state = "approved"
            """,
            line=4,
        ),
        # two stored fields compared with each other: the reviewer field is not yet the caller
        Invalid(
            """
            def review_change(change, reviewer):
                if change.author_id == change.reviewer_id:
                    raise Forbidden()
                change.reviewer_id = reviewer.id
                change.state = "approved"
            """,
            line=2,
        ),
        # "submitted" is a status value, not a requester check
        Invalid(
            """
            def approve(self, expense_id, approver_id):
                expense = self.db.get(Expense, expense_id)
                if expense.status != "submitted":
                    raise ApprovalError()
                expense.status = "approved"
                expense.approved_by_id = approver_id
            """,
            line=1,
        ),
        # scoping the queryset to the caller's teams stores no requester; the admin check is not one either
        Invalid(
            """
            class ElevationViewSet(viewsets.ModelViewSet):
                def get_queryset(self):
                    return Elevation.objects.filter(team__members__user=self.request.user)

                def perform_create(self, serializer):
                    serializer.save(requested_by=self.request.user)

                @action(detail=True, methods=["post"])
                def approve(self, request, pk=None):
                    elevation = self.get_object()
                    if not Membership.objects.filter(team=elevation.team, user=request.user, role="admin").exists():
                        raise PermissionDenied()
                    elevation.status = "approved"
                    elevation.decided_by = request.user
            """,
            line=9,
        ),
    ]

    def visit_FunctionDef(self, node: cst.FunctionDef) -> None:
        words = function_words(node) | self._handler_class_words(node)
        if {"sign", "off"} <= words:
            words.add("signoff")  # `sign_off_change`, `SignOffHandler`
        if not words & _APPROVE_WORDS:
            return
        if not self._has_requester(node):
            return  # nothing here has a requester (comment moderation, feature flags): no duty to separate
        spot = self._records_approval(node)
        if spot is None or not self._knows_actor(node):
            return
        requester_fields = self._requester_fields()
        if self._compares_requester(node, spot, requester_fields):
            return
        wrong = self._wrong_party_check(node, spot)
        if wrong is not None:
            check, record = wrong
            message = (
                f"The check compares two stored fields of `{record}` with each other, not the requester with the caller approving now."
                if record
                else "The approver is compared with someone other than the requester; the requester can still approve their own request."
            )
            self.report(check, message)
            return
        self.report(
            node.name,
            "The approval is recorded without checking that the approver is not the requester.",
        )

    def _handler_class_words(self, fn: cst.FunctionDef) -> set[str]:
        """`class ApproveAccessHandler(RequestHandler): def post(...)`: the class names the action."""
        if fn.name.value in {
            "post",
            "put",
            "patch",
            "on_post",
            "on_put",
            "on_patch",
            "create",
            "update",
            "partial_update",
        }:
            return enclosing_class_words(self.ctx, fn)
        return set()

    def _requester_fields(self) -> frozenset[str]:
        """Fields the module stores the caller in when a request is created (`requester_id=user.id`,
        `proposed_by=request.user`, `serializer.save(requested_by=request.user)`)."""
        cache = file_cache(self.ctx)
        found = cache.get("requester fields")
        if found is None:
            fields: set[str] = set()
            for fns in module_index(self.ctx).functions.values():
                for fn in fns:
                    if function_words(fn) & _APPROVE_WORDS:
                        continue
                    roots = actor_roots(self.ctx, fn)
                    for call in nodes_in(fn.body, cst.Call):
                        if callee_name(call.func) in _LOOKUP_CALLS:
                            continue  # `filter(team__members__user=request.user)` scopes a query, it stores nobody
                        for arg in call.args:
                            if arg.keyword is None:
                                continue
                            text = canonical(arg.value)
                            if text is None:
                                continue
                            for root in roots:
                                if text == root or text in {f"{root}.{a}" for a in _IDENTITY_ATTRS}:
                                    fields.add(arg.keyword.value)
            found = cache["requester fields"] = frozenset(fields)
        return found

    def _has_requester(self, fn: cst.FunctionDef) -> bool:
        """Someone asked for what is approved: the module names a requester/author, or the
        function approves a request/change/grant (`approve_request`, `access_request`, `request_id`)."""
        if node_words(self.ctx, self.ctx.module) & _REQUESTER_PRESENCE or self._requester_fields():
            return True
        words = set(function_words(fn))
        for name in parameter_names(fn):
            if name not in {"request", "req", "self", "cls"}:  # Django's HTTP request is not an access request
                words |= set(identifier_words(name))
        return bool(words & _REQUESTED_THINGS)

    def _records_approval(self, fn: cst.FunctionDef) -> cst.CSTNode | None:
        answering: set[int] = set()  # dicts returned or rendered describe the request, they change nothing
        for node in nodes_in(fn.body, cst.Return, cst.Call):
            if isinstance(node, cst.Return) and node.value is not None:
                answering.update(id(d) for d in nodes_in(node.value, cst.DictElement))
            elif isinstance(node, cst.Call) and set(identifier_words(callee_name(node.func))) & _ANSWER_CALL_WORDS:
                answering.update(id(d) for d in nodes_in(node, cst.DictElement))
        for call in nodes_in(fn.body, cst.Call):
            if callee_name(call.func) in SQL_CALLS and call.args:
                statement = self.ctx.string_value(self.ctx.resolve(call.args[0].value) or call.args[0].value)
                if statement and _SQL_APPROVAL.search(statement):
                    if _SQL_EXCLUDES_REQUESTER.search(statement):
                        return None  # `... AND created_by <> $2`: the statement itself refuses the requester
                    return call  # `conn.execute(APPROVE, pid, me)` with APPROVE = "UPDATE ... SET status = 'approved'"
        for node in nodes_in(fn.body, cst.Assign, cst.Arg, cst.DictElement):
            if id(node) in answering:
                continue
            if isinstance(node, cst.Assign):
                pairs = [
                    (self.ctx.target_name(t.target), node.value)
                    for t in node.targets
                    if isinstance(t.target, (cst.Attribute, cst.Subscript))
                ]
            elif isinstance(node, cst.DictElement):
                # a document update: {"$set": {"status": "approved", "approved_by": me}}
                key = self.ctx.string_value(node.key) if isinstance(node.key, cst.SimpleString) else None
                pairs = [(key, node.value)] if key else []
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

    def _compares_requester(self, fn: cst.FunctionDef, spot: cst.CSTNode, fields: frozenset[str]) -> bool:
        """A check of the requester before the approval is recorded: a refusing `if`/`assert`, a
        separation-of-duties helper (also one defined in this module), or a query that excludes
        the requester (`.exclude(requested_by=user)`, `.where(Req.requester_id != actor.id)`)."""
        field_words = set()
        for field in fields:
            field_words |= set(identifier_words(field)) - {"id", "by", "pk", "user"}
        wanted = _REQUESTER_WORDS | field_words
        for check in checks_before(self.ctx, fn, spot, 1):
            if check.test is not None and self._same_record(fn, check.test) is not None:
                continue
            if check.test is not None and (
                code_words(self.ctx, check.test) & wanted or self._names_field(check.test, fields)
            ):
                return True
            if check.call is not None and set(identifier_words(callee_name(check.call.func))) & _SOD_CALL_WORDS:
                return True
        spot_span = span_of(self.ctx, spot)
        idle = self._idle_tests(fn, spot)
        for comparison in nodes_in(fn.body, cst.Comparison):
            span = span_of(self.ctx, comparison)
            if (
                span is not None
                and spot_span is not None
                and span[0] > spot_span[1]
                and not self._inside_statement(comparison, spot)
            ):
                continue  # a comparison after the approval does not stop it
            if id(comparison) in idle:
                continue  # `if approver.id == req.requester_id: log.warning(...)` notices, it does not stop
            if self._same_record(fn, comparison) is not None:
                continue
            if code_words(self.ctx, comparison) & wanted or self._names_field(comparison, fields):
                return True
        for decorator in fn.decorators:
            # `@forbid_self_approval`, `@four_eyes(field="requester")`: the check wraps the function
            if code_words(self.ctx, decorator.decorator) & (_SOD_CALL_WORDS | wanted):
                return True
        for negation in nodes_in(fn.body, cst.UnaryOperation):
            inner = negation.expression
            if (
                isinstance(negation.operator, cst.BitInvert)
                and isinstance(inner, cst.Call)
                and callee_name(inner.func) == "Q"
            ):
                if code_words(self.ctx, inner) & wanted or any(
                    a.keyword is not None and a.keyword.value in fields for a in inner.args
                ):
                    return True  # `.filter(~Q(requester=request.user))` leaves the requester's own requests out
        index = module_index(self.ctx)
        cls = index.class_of(fn)
        for call in nodes_in(fn.body, cst.Call):
            last = callee_name(call.func)
            words = set(identifier_words(last))
            if words & _SOD_CALL_WORDS:
                return True
            if last in {"get_object", "get_queryset", "filter_queryset"} and cls is not None:
                # a DRF view set that never lets requesters see their own requests (`exclude(requester=...)`)
                for method in index.methods(cls, "get_queryset") + index.methods(cls, "filter_queryset"):
                    for inner in nodes_in(method.body, cst.Call):
                        if callee_name(inner.func) == "exclude" and code_words(self.ctx, inner) & wanted:
                            return True
            if last == "exclude" and (
                code_words(self.ctx, call) & wanted
                or any(a.keyword is not None and a.keyword.value in fields for a in call.args)
            ):
                return True
        return False

    def _idle_tests(self, fn: cst.FunctionDef, spot: cst.CSTNode) -> set[int]:
        """Comparisons in the tests of `if`s that neither refuse nor hold the approval in a branch."""
        idle: set[int] = set()
        for if_node in nodes_in(fn.body, cst.If):
            other = if_node.orelse
            if block_denies(self.ctx, if_node.body) or self._inside(spot, if_node):
                continue
            if isinstance(other, cst.Else) and block_denies(self.ctx, other.body):
                continue
            idle |= {id(c) for c in nodes_in(if_node.test, cst.Comparison)}
        return idle

    def _inside(self, node: cst.CSTNode, outer: cst.CSTNode) -> bool:
        a, b = span_of(self.ctx, node), span_of(self.ctx, outer)
        return a is not None and b is not None and b[0] <= a[0] and a[1] <= b[1]

    def _names_field(self, node: cst.CSTNode, fields: frozenset[str]) -> bool:
        return any(isinstance(n, cst.Attribute) and n.attr.value in fields for n in nodes_in(node, cst.Attribute))

    def _inside_statement(self, node: cst.CSTNode, spot: cst.CSTNode) -> bool:
        a, b = span_of(self.ctx, node), span_of(self.ctx, spot)
        return a is not None and b is not None and b[0] <= a[0] < b[1]

    def _wrong_party_check(self, fn: cst.FunctionDef, spot: cst.CSTNode) -> tuple[cst.CSTNode, str | None] | None:
        """`if proposal.target_user_id == request.user.pk: raise ...` before `proposal.state = "approved"`:
        the caller is compared with a person field of the approved object that is not its requester;
        or `if change.author_id == change.reviewer_id` compares the record with itself (its name is
        returned with the check)."""
        entity = None
        if isinstance(spot, cst.Assign):
            for target in spot.targets:
                if isinstance(target.target, cst.Attribute):
                    entity = canonical(target.target.value)
        for check in checks_before(self.ctx, fn, spot, 0):
            record = self._same_record(fn, check.test) if check.test is not None and not check.positive else None
            if record is not None:
                return check.node, record
            if entity is None or check.test is None or check.positive or not involves_actor(self.ctx, fn, check.test):
                continue
            for attribute in nodes_in(check.test, cst.Attribute):
                if canonical(attribute.value) == entity and set(identifier_words(attribute.attr.value)) & _PERSON_WORDS:
                    return check.node, None
        return None

    def _same_record(self, fn: cst.FunctionDef, test: cst.BaseExpression) -> str | None:
        """`change.author_id == change.reviewer_id`: a comparison of two fields of one stored record,
        neither set from the caller earlier in the function, compares the record with itself, not
        with who is approving now. Returns the record's name."""
        comparisons = [test] if isinstance(test, cst.Comparison) else [c for c in nodes_in(test, cst.Comparison)]
        for comparison in comparisons:
            if len(comparison.comparisons) != 1 or not isinstance(
                comparison.comparisons[0].operator, (cst.Equal, cst.Is, cst.NotEqual)
            ):
                continue
            sides = [comparison.left, comparison.comparisons[0].comparator]
            if not all(isinstance(side, cst.Attribute) for side in sides):
                continue
            people = _REQUESTER_WORDS | _ACTOR_WORDS | _PERSON_WORDS
            if not all(set(identifier_words(side.attr.value)) & people for side in sides):  # type: ignore[union-attr]  # libcst node types: narrowed by the checks on this path, which mypy cannot follow
                continue  # `change.version != change.approved_version` compares no people
            bases = {canonical(side.value) for side in sides}  # type: ignore[union-attr]  # libcst node types: narrowed by the checks on this path, which mypy cannot follow
            if len(bases) != 1 or None in bases or involves_actor(self.ctx, fn, comparison):
                continue
            if any(self._set_from_actor(fn, canonical(side), comparison) for side in sides):
                continue
            return bases.pop()
        return None

    def _set_from_actor(self, fn: cst.FunctionDef, field: str | None, before: cst.CSTNode) -> bool:
        """`change.reviewer_id = reviewer.id` ahead of `before`."""
        limit = span_of(self.ctx, before)
        for assign in nodes_in(fn.body, cst.Assign):
            span = span_of(self.ctx, assign)
            if span is None or limit is None or span[0] >= limit[0]:
                continue
            if any(canonical(t.target) == field for t in assign.targets) and involves_actor(self.ctx, fn, assign.value):
                return True
        return False
