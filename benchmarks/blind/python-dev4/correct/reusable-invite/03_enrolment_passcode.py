"""Enrolment passcodes for the Wrenfield MDM console, consumed in one statement."""
from sanic import Blueprint, json
from sanic.exceptions import Unauthorized

bp = Blueprint("enrolment", url_prefix="/enrol")

CONSUME_SQL = """
UPDATE enrolment_tokens
   SET consumed_at = now(), consumed_by_serial = $2
 WHERE token = $1
   AND consumed_at IS NULL
   AND expires_at > now()
   AND lower(bound_email) = lower($3)
RETURNING org_id, device_group
"""


@bp.post("/")
async def enrol_device(request):
    body = request.json or {}
    passcode = body.get("passcode", "")
    async with request.app.ctx.pool.acquire() as conn:
        async with conn.transaction():
            row = await conn.fetchrow(CONSUME_SQL, passcode, body["serial"], body["owner_email"])
            if row is None:
                raise Unauthorized("passcode not valid")
            device_id = await conn.fetchval(
                "INSERT INTO devices (org_id, device_group, serial) VALUES ($1, $2, $3) RETURNING id",
                row["org_id"], row["device_group"], body["serial"],
            )
    return json({"device_id": device_id}, status=201)
