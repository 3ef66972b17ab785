"""Quart app: CSRF tokens for forms and invite codes for workspaces."""
import random
import uuid
from datetime import datetime, timedelta

from quart import Quart, abort, g, render_template, request, session

app = Quart(__name__)
app.config.from_prefixed_env()

_rng = random.Random()


def csrf_token() -> str:
    if "_csrf" not in session:
        session["_csrf"] = "%032x" % _rng.getrandbits(128)  # flaw: insecure-random-token
    return session["_csrf"]


app.jinja_env.globals["csrf_token"] = csrf_token


@app.before_request
async def check_csrf():
    if request.method in ("POST", "PUT", "DELETE"):
        form = await request.form
        import hmac
        if not hmac.compare_digest(form.get("_csrf", ""), session.get("_csrf", "")):
            abort(400)


@app.post("/workspaces/<int:ws_id>/invites")
async def create_invite(ws_id: int):
    form = await request.form
    code = uuid.uuid1().hex[:12]  # flaw: insecure-random-token
    await g.db.execute(
        "INSERT INTO invites (workspace_id, email, code, expires_at) VALUES ($1, $2, $3, $4)",
        ws_id, form["email"], code, datetime.utcnow() + timedelta(days=2),
    )
    return await render_template("invite_sent.html", email=form["email"])
