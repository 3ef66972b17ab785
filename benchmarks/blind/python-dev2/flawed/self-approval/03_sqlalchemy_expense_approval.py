"""Expense approval workflow (service layer used by the web and Slack bot)."""
from dataclasses import dataclass
from datetime import datetime, timezone
from decimal import Decimal

from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Employee, Expense

APPROVAL_LIMITS = {"manager": Decimal("5000"), "director": Decimal("50000"), "cfo": Decimal("1000000")}


class ApprovalError(Exception):
    pass


@dataclass
class ApprovalService:
    db: Session

    def _approver(self, approver_id: int) -> Employee:
        approver = self.db.get(Employee, approver_id)
        if approver is None or approver.title not in APPROVAL_LIMITS:
            raise ApprovalError("not an approver")
        return approver

    def approve(self, expense_id: int, approver_id: int) -> Expense:  # flaw: self-approval
        expense = self.db.get(Expense, expense_id)
        if expense is None or expense.status != "submitted":
            raise ApprovalError("expense is not awaiting approval")
        approver = self._approver(approver_id)
        if expense.amount > APPROVAL_LIMITS[approver.title]:
            raise ApprovalError("amount exceeds approval limit")
        expense.status = "approved"
        expense.approved_by_id = approver.id
        expense.approved_at = datetime.now(timezone.utc)
        self.db.commit()
        return expense

    def bulk_approve(self, approver_id: int, max_amount: Decimal) -> int:  # flaw: self-approval
        approver = self._approver(approver_id)
        limit = min(max_amount, APPROVAL_LIMITS[approver.title])
        pending = self.db.scalars(
            select(Expense).where(Expense.status == "submitted", Expense.amount <= limit)
        ).all()
        now = datetime.now(timezone.utc)
        for expense in pending:
            expense.status = "approved"
            expense.approved_by_id = approver.id
            expense.approved_at = now
        self.db.commit()
        return len(pending)

    def reject(self, expense_id: int, approver_id: int, reason: str) -> Expense:
        expense = self.db.get(Expense, expense_id)
        approver = self._approver(approver_id)
        expense.status = "rejected"
        expense.rejection_reason = reason
        expense.approved_by_id = approver.id
        self.db.commit()
        return expense
