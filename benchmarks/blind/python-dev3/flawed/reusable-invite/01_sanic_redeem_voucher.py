"""Sanic endpoint redeeming seat vouchers for a team plan."""
from datetime import datetime, timezone

from sanic import Blueprint, response
from sanic.exceptions import NotFound

bp = Blueprint("vouchers")


class VoucherRepo:
    def __init__(self, db):
        self.db = db

    async def find(self, code: str):
        return await self.db.fetch_one("SELECT * FROM seat_vouchers WHERE code = :c", {"c": code})


async def redeem_voucher(repo: VoucherRepo, code: str, user) -> dict:  # flaw: reusable-invite
    voucher = await repo.find(code)
    if voucher is None:
        raise NotFound("unknown voucher")
    if voucher["expires_at"] < datetime.now(timezone.utc):
        raise NotFound("voucher expired")
    await repo.db.execute("INSERT INTO team_seats (team_id, user_id) VALUES (:t, :u)", {"t": voucher["team_id"], "u": user.id})
    return {"team": voucher["team_id"]}


@bp.post("/vouchers/<code:str>/redeem")
async def redeem(request, code: str):
    result = await redeem_voucher(VoucherRepo(request.app.ctx.db), code, request.ctx.user)
    return response.json(result)
