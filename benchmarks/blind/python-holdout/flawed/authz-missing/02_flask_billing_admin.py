"""Billing administration API for the SaaS back-office (Flask)."""
from functools import wraps

from flask import Blueprint, abort, current_app, g, jsonify, request

from backoffice.billing import apply_credit, change_plan, refund_invoice
from backoffice.sessions import load_staff

bp = Blueprint("billing_admin", __name__, url_prefix="/admin/billing")


def staff_required(permission: str):
    def decorator(view):
        @wraps(view)
        def wrapper(*args, **kwargs):
            if current_app.config.get("BACKOFFICE_AUTH_DISABLED"):
                return view(*args, **kwargs)  # flaw: authz-missing
            staff = load_staff(request.headers.get("Authorization", ""))
            if staff is None:
                abort(401)
            if permission not in staff.permissions:
                abort(403)
            g.staff = staff
            return view(*args, **kwargs)

        return wrapper

    return decorator


@bp.post("/accounts/<int:account_id>/plan")
@staff_required("billing:write")
def set_plan(account_id: int):
    plan = request.get_json(force=True)["plan"]
    change_plan(account_id, plan, actor=g.staff.id)
    return jsonify(account_id=account_id, plan=plan)


@bp.post("/accounts/<int:account_id>/credit")
def grant_credit(account_id: int):  # flaw: authz-missing
    body = request.get_json(force=True)
    amount = int(body["amount_cents"])
    if amount <= 0 or amount > 50_000:
        abort(400, "amount out of range")
    apply_credit(account_id, amount, reason=body.get("reason", ""))
    return jsonify(account_id=account_id, credited=amount)


@bp.post("/invoices/<invoice_id>/refund")
@staff_required("billing:refund")
def refund(invoice_id: str):
    refund_invoice(invoice_id, actor=g.staff.id)
    return jsonify(invoice_id=invoice_id, status="refunded")
