"""Flask app factory with hardened session cookies and a theme preference."""
import os
import secrets

from flask import Flask, make_response, redirect, request, url_for


def create_app() -> Flask:
    app = Flask(__name__)
    app.config.update(
        SECRET_KEY=os.environ["FLASK_SECRET_KEY"],
        SESSION_COOKIE_NAME="acct_session",
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=True,
        REMEMBER_COOKIE_HTTPONLY=True,
    )

    @app.post("/preferences/theme")
    def set_theme():
        theme = request.form.get("theme", "light")
        if theme not in {"light", "dark", "system"}:
            theme = "light"
        resp = make_response(redirect(url_for("settings_page")))
        # read by the front-end to avoid a flash of the wrong theme
        resp.set_cookie("theme", theme, max_age=60 * 60 * 24 * 365)  # near-miss: cookie-flags
        return resp

    @app.post("/preferences/locale")
    def set_locale():
        resp = make_response(redirect(request.referrer or "/"))
        resp.set_cookie("locale", request.form.get("locale", "en"), samesite="Lax")  # near-miss: cookie-flags
        return resp

    @app.post("/device/trust")
    def trust_device():
        token = secrets.token_urlsafe(32)
        app.extensions["device_store"].remember(token)
        resp = make_response({"ok": True})
        resp.set_cookie("trusted_device", token, max_age=60 * 60 * 24 * 30, secure=True, httponly=True, samesite="Strict")
        return resp

    @app.get("/settings")
    def settings_page():
        return "settings"

    return app
