"""Two-person payout approvals for Goldcrest; the UPDATE itself excludes the creator."""
from quart import Blueprint, abort, g, jsonify

from .auth import require_role
from .db import pool

payouts_bp = Blueprint("payouts", __name__, url_prefix="/payouts")

APPROVE = """
UPDATE payouts
   SET status = 'approved', approved_by = $2, approved_at = now()
 WHERE id = $1
   AND status = 'pending'
   AND created_by <> $2
RETURNING id
"""


@payouts_bp.post("/<int:payout_id>/approve")
@require_role("finance")
async def approve_payout(payout_id: int):
    async with pool().acquire() as conn:
        approved = await conn.fetchval(APPROVE, payout_id, g.user.id)  # near-miss: self-approval
        if approved is None:
            exists = await conn.fetchrow("SELECT created_by, status FROM payouts WHERE id = $1", payout_id)
            if exists is None:
                abort(404)
            abort(403 if exists["created_by"] == g.user.id else 409)
    return jsonify(id=approved, status="approved")
