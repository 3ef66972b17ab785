"""Approval rules for reimbursements and vendor payouts (attrs domain service)."""
from __future__ import annotations

from datetime import datetime, timezone

import attrs


class ApprovalDenied(Exception):
    pass


@attrs.define
class PayoutRequest:
    id: int
    submitted_by: str
    amount_cents: int
    status: str = "submitted"
    approvals: list[str] = attrs.field(factory=list)
    decided_at: datetime | None = None


@attrs.define
class ApprovalService:
    repo: object
    ledger: object
    dual_control_threshold: int = 500_000

    def approve(self, payout_id: int, approver: str, approver_limit_cents: int) -> PayoutRequest:
        payout = self.repo.get_for_update(payout_id)
        if payout.status != "submitted":
            raise ApprovalDenied("payout is not awaiting approval")
        if approver == payout.submitted_by:  # near-miss: self-approval
            raise ApprovalDenied("submitter cannot approve")
        if approver in payout.approvals:
            raise ApprovalDenied("already approved by this person")
        if payout.amount_cents > approver_limit_cents:
            raise ApprovalDenied("amount above approver limit")
        payout.approvals.append(approver)
        needed = 2 if payout.amount_cents >= self.dual_control_threshold else 1
        if len(payout.approvals) >= needed:
            payout.status = "approved"
            payout.decided_at = datetime.now(timezone.utc)
            self.ledger.schedule(payout.id, payout.amount_cents)
        self.repo.save(payout)
        return payout
