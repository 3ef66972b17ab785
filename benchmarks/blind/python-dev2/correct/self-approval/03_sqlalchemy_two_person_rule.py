"""Two-person approval for large payouts."""
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy.orm import Session

from .models import Employee, Payout, PayoutApproval

SECOND_APPROVAL_THRESHOLD = Decimal("25000")


class ApprovalError(Exception):
    pass


@dataclass
class PayoutApprovals:
    db: Session

    def approve(self, payout_id: int, approver_id: int) -> Payout:
        payout = self.db.get(Payout, payout_id, with_for_update=True)
        if payout is None or payout.status not in {"submitted", "partially_approved"}:
            raise ApprovalError("payout is not awaiting approval")
        approver = self.db.get(Employee, approver_id)
        if approver is None or not approver.can_approve_payouts:
            raise ApprovalError("not an approver")
        if approver.id == payout.submitted_by_id:  # near-miss: self-approval
            raise ApprovalError("submitters cannot approve their own payout")
        prior = {a.approver_id for a in payout.approvals}
        if approver.id in prior:
            raise ApprovalError("this approver has already signed off")

        self.db.add(PayoutApproval(payout_id=payout.id, approver_id=approver.id, at=datetime.now(timezone.utc)))
        needed = 2 if payout.amount >= SECOND_APPROVAL_THRESHOLD else 1
        payout.status = "approved" if len(prior) + 1 >= needed else "partially_approved"
        self.db.commit()
        return payout
