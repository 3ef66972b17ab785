"""Application factory for the Starlette partner dashboard and its Flask legacy admin."""
import os

from flask import Flask
from flask_login import LoginManager
from starlette.applications import Starlette
from starlette.middleware import Middleware
from starlette.middleware.sessions import SessionMiddleware

SESSION_OPTS = {
    "secret_key": os.environ["DASHBOARD_SESSION_KEY"],
    "session_cookie": "pd_session",
    "max_age": 8 * 3600,
    "same_site": "lax",
    "https_only": False,  # flaw: cookie-flags
}


def create_dashboard(routes) -> Starlette:
    return Starlette(routes=routes, middleware=[Middleware(SessionMiddleware, **SESSION_OPTS)])


def create_legacy_admin() -> Flask:
    app = Flask("legacy_admin")
    app.config.update(
        SECRET_KEY=os.environ["LEGACY_SECRET_KEY"],
        SESSION_COOKIE_SECURE=True,
        SESSION_COOKIE_SAMESITE="Lax",
    )
    app.config["REMEMBER_COOKIE_HTTPONLY"] = False  # flaw: cookie-flags
    app.config["REMEMBER_COOKIE_SECURE"] = os.environ.get("FORCE_HTTPS") == "1"  # flaw: cookie-flags
    LoginManager(app)
    return app
