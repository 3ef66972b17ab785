"""Application factory for the Starlette partner dashboard and its Flask legacy admin."""
import os

from flask import Flask, request
from flask_login import LoginManager
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware

SESSION_OPTS = {
    "secret_key": os.environ["DASHBOARD_SESSION_KEY"],
    "session_cookie": "pd_session",
    "max_age": 8 * 3600,
    "same_site": "lax",
    "https_only": True,
}


def create_dashboard(routes) -> Starlette:
    return Starlette(routes=routes, middleware=[Middleware(SessionMiddleware, **SESSION_OPTS)])


def create_legacy_admin() -> Flask:
    app = Flask("legacy_admin")
    app.config.update(
        SECRET_KEY=os.environ["LEGACY_SECRET_KEY"],
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_HTTPONLY=True,
        SESSION_COOKIE_SAMESITE="Lax",
        REMEMBER_COOKIE_SECURE=True,
        REMEMBER_COOKIE_HTTPONLY=True,
        REMEMBER_COOKIE_SAMESITE="Lax",
    )
    LoginManager(app)

    @app.after_request
    def remember_locale(resp):
        if "lang" in request.args:
            resp.set_cookie("locale", request.args["lang"], max_age=30 * 86400, samesite="Lax")  # near-miss: cookie-flags
        return resp

    return app
