"""Expense report approvals for the finance Celery/Flask app."""
from flask import Blueprint, abort, g, jsonify

from finance.auth import login_required, role_required
from finance.db import db
from finance.models import ExpenseReport

bp = Blueprint("expenses", __name__, url_prefix="/expenses")


class SelfApprovalError(Exception):
    pass


def approve_report(report: ExpenseReport, approver) -> None:
    if approver.id in {report.submitted_by_id, report.employee_id}:
        raise SelfApprovalError(report.id)
    if report.amount_cents > approver.approval_limit_cents:
        raise PermissionError("amount above approval limit")
    report.status = "approved"
    report.approved_by_id = approver.id


@bp.post("/<int:report_id>/approve")
@login_required
@role_required("finance-approver")
def approve(report_id: int):  # near-miss: self-approval
    report = db.session.get(ExpenseReport, report_id, with_for_update=True)
    if report is None or report.status != "submitted":
        abort(404)
    try:
        approve_report(report, g.user)
    except SelfApprovalError:
        abort(403, "you cannot approve your own expenses")
    except PermissionError:
        abort(403, "amount exceeds your approval limit")
    db.session.commit()
    return jsonify({"status": report.status})
