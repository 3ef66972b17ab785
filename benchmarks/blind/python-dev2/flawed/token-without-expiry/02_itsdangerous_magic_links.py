"""Magic sign-in links and e-mail confirmation for the Quart newsletter app."""
import os
from datetime import timedelta

from itsdangerous import BadSignature, URLSafeTimedSerializer
from quart import Quart, abort, redirect, request, session, url_for

app = Quart(__name__)
app.secret_key = os.environ["NEWSLETTER_SECRET_KEY"]
app.config.update(SESSION_COOKIE_SECURE=True, SESSION_COOKIE_HTTPONLY=True, SESSION_COOKIE_SAMESITE="Lax")

_links = URLSafeTimedSerializer(app.secret_key, salt="magic-link")
_confirm = URLSafeTimedSerializer(app.secret_key, salt="confirm-email")

CONFIRM_MAX_AGE = timedelta(days=2)


def magic_link_for(email: str) -> str:
    token = _links.dumps({"email": email})
    return url_for("magic_login", token=token, _external=True)


@app.get("/magic/<token>")
async def magic_login(token: str):
    try:
        data = _links.loads(token)  # flaw: token-without-expiry, reusable-invite
    except BadSignature:
        abort(400)
    if not await app.link_ledger.consume(token):
        abort(410)
    account = await app.accounts.get_or_create(data["email"])
    session["account_id"] = account.id
    return redirect(url_for("inbox"))


@app.get("/confirm/<token>")
async def confirm(token: str):
    try:
        email = _confirm.loads(token, max_age=int(CONFIRM_MAX_AGE.total_seconds()))
    except BadSignature:
        abort(400)
    await app.accounts.mark_confirmed(email)
    return redirect(url_for("inbox"))


@app.get("/inbox")
async def inbox():
    if "account_id" not in session:
        return redirect(url_for("start"))
    return {"account": session["account_id"]}


@app.post("/start")
async def start():
    form = await request.form
    await app.mailer.send(form["email"], magic_link_for(form["email"]))
    return {"sent": True}
