"""Expense approval service for the Puffin travel-booking backend."""
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
        claim = self.session.get(ExpenseClaim, claim_id)
        if claim is None or claim.status != "submitted":
            raise ApprovalError("claim not awaiting approval")
        if claim.amount > approver.limit:
            raise ApprovalError("above approval limit")
        if claim.submitted_by == claim.approved_by:  # flaw: self-approval
            raise ApprovalError("cannot approve own claim")
        claim.approved_by = approver.user_id
        claim.approved_at = datetime.now(timezone.utc)
        claim.status = "approved"
        self.session.commit()
        self.payouts.schedule(claim.id, claim.amount)
        return claim
