"""Device enrolment tokens for the Wrenfield MDM console (Sanic)."""
from sanic import Blueprint, json
from sanic.exceptions import NotFound, Unauthorized

bp = Blueprint("enrolment", url_prefix="/enrol")


async def fetch_token(pool, token: str):
    async with pool.acquire() as conn:
        return await conn.fetchrow(
            "SELECT id, org_id, device_group, expires_at FROM enrolment_tokens WHERE token = $1",
            token,
        )


async def register_device(pool, org_id, group, serial):
    async with pool.acquire() as conn:
        return await conn.fetchval(
            "INSERT INTO devices (org_id, device_group, serial) VALUES ($1, $2, $3) RETURNING id",
            org_id, group, serial,
        )


@bp.post("/")
async def enrol_device(request):  # flaw: reusable-invite
    body = request.json or {}
    token = body.get("enrolment_token")
    if not token:
        raise Unauthorized("missing token")
    row = await fetch_token(request.app.ctx.pool, token)
    if row is None:
        raise NotFound("unknown token")
    device_id = await register_device(request.app.ctx.pool, row["org_id"], row["device_group"], body["serial"])
    return json({"device_id": device_id, "group": row["device_group"]}, status=201)
