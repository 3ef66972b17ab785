"""Sanic endpoint redeeming seat vouchers: expiry, email binding, single use."""
from datetime import datetime, timezone

from sanic import Blueprint, response
from sanic.exceptions import Forbidden, NotFound

bp = Blueprint("vouchers")


async def redeem_voucher(db, code: str, user) -> dict:
    async with db.transaction():
        voucher = await db.fetch_one("SELECT * FROM seat_vouchers WHERE code = :c FOR UPDATE", {"c": code})
        if voucher is None or voucher["redeemed_at"] is not None:
            raise NotFound("unknown voucher")
        if voucher["expires_at"] < datetime.now(timezone.utc):
            raise NotFound("voucher expired")
        if voucher["email"].lower() != user.email.lower():  # near-miss: reusable-invite
            raise Forbidden("voucher issued to another address")
        await db.execute("UPDATE seat_vouchers SET redeemed_at = now(), redeemed_by = :u WHERE code = :c", {"u": user.id, "c": code})
        await db.execute("INSERT INTO team_seats (team_id, user_id) VALUES (:t, :u)", {"t": voucher["team_id"], "u": user.id})
    return {"team": voucher["team_id"]}


@bp.post("/vouchers/<code:str>/redeem")
async def redeem(request, code: str):
    return response.json(await redeem_voucher(request.app.ctx.db, code, request.ctx.user))
