"""Expense approval service for Puffin travel; approver is compared before any write."""
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy.orm import Session

from .models import ExpenseClaim


class ApprovalError(Exception):
    pass


@dataclass
class Approver:
    user_id: int
    limit: Decimal


class ExpenseApprovals:
    def __init__(self, session: Session, payouts):
        self.session = session
        self.payouts = payouts

    def approve(self, claim_id: int, approver: Approver) -> ExpenseClaim:
        claim = self.session.get(ExpenseClaim, claim_id, with_for_update=True)
        if claim is None or claim.status != "submitted":
            raise ApprovalError("claim not awaiting approval")
        if claim.submitted_by == approver.user_id or approver.user_id in claim.traveller_ids:
            raise ApprovalError("cannot approve own claim")
        if claim.amount > approver.limit:
            raise ApprovalError("above approval limit")
        claim.approved_by = approver.user_id  # near-miss: self-approval
        claim.approved_at = datetime.now(timezone.utc)
        claim.status = "approved"
        self.session.commit()
        self.payouts.schedule(claim.id, claim.amount)
        return claim
