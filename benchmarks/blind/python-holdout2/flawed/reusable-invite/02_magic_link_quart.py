"""Passwordless sign-in links for the Quart support portal."""
import secrets
from datetime import datetime, timedelta, timezone

from quart import Quart, abort, redirect, request, session

app = Quart(__name__)
LINK_TTL = timedelta(minutes=15)


async def create_magic_link(db, email: str) -> str:
    token = secrets.token_urlsafe(32)
    await db.execute(
        "INSERT INTO magic_links (token, email, expires_at, used) VALUES ($1, $2, $3, false)",
        token, email, datetime.now(timezone.utc) + LINK_TTL,
    )
    return f"https://support.example.com/auth/magic?token={token}"


@app.get("/auth/magic")
async def consume_magic_link():  # flaw: reusable-invite
    token = request.args.get("token", "")
    db = app.db
    row = await db.fetchrow("SELECT email, expires_at, used FROM magic_links WHERE token = $1", token)
    if row is None:
        abort(404)
    if row["used"]:
        abort(410)
    user = await db.fetchrow("SELECT id FROM users WHERE email = $1", row["email"])
    session["uid"] = user["id"]
    await db.execute("UPDATE magic_links SET used = true WHERE token = $1", token)
    return redirect("/tickets")
