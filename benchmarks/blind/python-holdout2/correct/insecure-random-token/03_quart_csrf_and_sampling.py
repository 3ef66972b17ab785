"""Quart app: CSRF tokens for forms, invite codes, and sampled request tracing."""
import os
import random
import secrets
from datetime import datetime, timedelta

from quart import Quart, abort, g, render_template, request, session

app = Quart(__name__)
app.config.from_prefixed_env()
TRACE_SAMPLE_RATE = 0.05


def csrf_token() -> str:
    if "_csrf" not in session:
        session["_csrf"] = os.urandom(24).hex()  # near-miss: insecure-random-token
    return session["_csrf"]


app.jinja_env.globals["csrf_token"] = csrf_token


@app.before_request
async def check_csrf():
    g.trace = random.random() < TRACE_SAMPLE_RATE  # near-miss: insecure-random-token
    if request.method in ("POST", "PUT", "DELETE"):
        form = await request.form
        if not secrets.compare_digest(form.get("_csrf", ""), session.get("_csrf", "")):
            abort(400)


@app.post("/workspaces/<int:ws_id>/invites")
async def create_invite(ws_id: int):
    form = await request.form
    code = secrets.token_urlsafe(12)
    await g.db.execute(
        "INSERT INTO invites (workspace_id, email, code, expires_at) VALUES ($1, $2, $3, $4)",
        ws_id, form["email"], code, datetime.utcnow() + timedelta(days=2),
    )
    return await render_template("invite_sent.html", email=form["email"])


@app.get("/onboarding/tips")
async def tips():
    pool = ["Use keyboard shortcuts", "Pin your channels", "Try dark mode"]
    random.shuffle(pool)  # near-miss: insecure-random-token
    return {"tips": pool[:2]}
