"""Login/logout views for the Flask billing console."""
import secrets
from datetime import timedelta

from flask import Blueprint, current_app, make_response, redirect, request, url_for

from billing.auth import authenticate, store_remember_token
from billing.sessions import session_store

bp = Blueprint("auth", __name__)

SESSION_LIFETIME = timedelta(hours=8)
REMEMBER_LIFETIME = timedelta(days=14)


@bp.route("/login", methods=["POST"])
def login():
    user = authenticate(request.form.get("email", ""), request.form.get("password", ""))
    if user is None:
        return redirect(url_for("auth.login_form", error="1"))

    session_token = secrets.token_urlsafe(32)
    session_store.put(session_token, user.id, ttl=SESSION_LIFETIME)

    resp = make_response(redirect(url_for("dashboard.index")))
    resp.set_cookie("billing_session", session_token, max_age=int(SESSION_LIFETIME.total_seconds()), httponly=True)  # flaw: cookie-flags

    if request.form.get("remember") == "1":
        remember = secrets.token_urlsafe(32)
        store_remember_token(user.id, remember, REMEMBER_LIFETIME)
        resp.set_cookie(  # flaw: cookie-flags
            "billing_remember",
            remember,
            max_age=int(REMEMBER_LIFETIME.total_seconds()),
            secure=current_app.config.get("USE_HTTPS", True),
            httponly=False,
            samesite="Lax",
        )
    # UI preference, not sensitive
    resp.set_cookie("last_login_email_domain", user.email.split("@")[-1], max_age=86400 * 30)
    return resp


@bp.route("/logout", methods=["POST"])
def logout():
    token = request.cookies.get("billing_session")
    if token:
        session_store.delete(token)
    resp = make_response(redirect(url_for("auth.login_form")))
    resp.delete_cookie("billing_session")
    resp.delete_cookie("billing_remember")
    return resp
