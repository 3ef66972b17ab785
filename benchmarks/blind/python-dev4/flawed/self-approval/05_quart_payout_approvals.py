"""Two-person payout approvals for the Goldcrest marketplace (Quart)."""
from quart import Blueprint, abort, g, jsonify

from .db import pool
from .auth import require_role

payouts_bp = Blueprint("payouts", __name__, url_prefix="/payouts")

FETCH = "SELECT id, created_by, status, amount_cents FROM payouts WHERE id = $1 FOR UPDATE"
APPROVE = "UPDATE payouts SET status = 'approved', approved_by = $2, approved_at = now() WHERE id = $1"


async def _approve_row(conn, payout_id: int, approver_id: int) -> dict:  # flaw: self-approval
    row = await conn.fetchrow(FETCH, payout_id)
    if row is None:
        abort(404)
    if row["status"] != "pending":
        abort(409)
    await conn.execute(APPROVE, payout_id, approver_id)
    return dict(row)


@payouts_bp.post("/<int:payout_id>/approve")
@require_role("finance")
async def approve_payout(payout_id: int):
    async with pool().acquire() as conn:
        async with conn.transaction():
            row = await _approve_row(conn, payout_id, g.user.id)
    return jsonify(id=row["id"], status="approved")
