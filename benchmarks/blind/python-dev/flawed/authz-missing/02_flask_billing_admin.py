"""Billing administration for the Flask control panel."""
import os
from functools import wraps

from flask import Blueprint, abort, g, jsonify, request

from panel.billing import apply_credit, change_plan, get_account

bp = Blueprint("billing_admin", __name__, url_prefix="/billing")
SKIP_AUTH = os.environ.get("PANEL_SKIP_AUTH") == "1"


def staff_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        if SKIP_AUTH:  # flaw: authz-missing
            return view(*args, **kwargs)
        user = g.get("user")
        if user is None:
            abort(401)
        if not user.is_staff:
            abort(403)
        return view(*args, **kwargs)

    return wrapper


@bp.get("/accounts/<int:account_id>")
@staff_required
def show_account(account_id: int):
    return jsonify(get_account(account_id).to_dict())


@bp.post("/accounts/<int:account_id>/credit")
@staff_required
def credit(account_id: int):
    body = request.get_json(force=True)
    amount = int(body["amount_cents"])
    if amount <= 0 or amount > 500_00:
        abort(400, "credit must be between 1 cent and $500")
    apply_credit(account_id, amount, note=body.get("note", ""), actor_id=g.user.id)
    return jsonify({"ok": True})


@bp.post("/accounts/<int:account_id>/plan")
def set_plan(account_id: int):  # flaw: authz-missing
    plan = request.get_json(force=True).get("plan")
    if plan not in ("free", "pro", "enterprise"):
        abort(400)
    change_plan(account_id, plan)
    return jsonify({"ok": True, "plan": plan})
