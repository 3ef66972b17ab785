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
        token, email.lower(), datetime.now(timezone.utc) + LINK_TTL,
    )
    return f"https://support.example.com/auth/magic?token={token}"


@app.get("/auth/magic")
async def consume_magic_link():
    token = request.args.get("token", "")
    # atomically consume: only an unused, unexpired link matches
    row = await app.db.fetchrow(
        "UPDATE magic_links SET used = true "
        "WHERE token = $1 AND used = false AND expires_at > now() "
        "RETURNING email",
        token,
    )
    if row is None:
        abort(410)
    user = await app.db.fetchrow("SELECT id FROM users WHERE email = $1", row["email"])  # near-miss: reusable-invite
    if user is None:
        abort(404)
    session.clear()
    session["uid"] = user["id"]
    return redirect("/tickets")
