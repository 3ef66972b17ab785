"""Flask application factory with hardened session configuration."""
import os
from datetime import timedelta

from flask import Flask, jsonify, make_response, request, session


class ProductionConfig:
    SECRET_KEY = os.environ.get("FLASK_SECRET_KEY")
    SESSION_COOKIE_NAME = "__Host-crm_session"
    SESSION_COOKIE_SECURE = True
    SESSION_COOKIE_HTTPONLY = True
    SESSION_COOKIE_SAMESITE = "Lax"
    PERMANENT_SESSION_LIFETIME = timedelta(hours=8)
    REMEMBER_COOKIE_SECURE = True
    REMEMBER_COOKIE_HTTPONLY = True
    REMEMBER_COOKIE_SAMESITE = "Lax"
    REMEMBER_COOKIE_DURATION = timedelta(days=7)


class LocalConfig(ProductionConfig):
    """Used by `flask run` on a developer laptop over plain http."""

    SESSION_COOKIE_NAME = "crm_session"
    SESSION_COOKIE_SECURE = False  # near-miss: cookie-flags


def create_app() -> Flask:
    app = Flask(__name__)
    profile = os.environ.get("CRM_PROFILE", "production")
    app.config.from_object(LocalConfig if profile == "local" else ProductionConfig)
    if not app.config["SECRET_KEY"]:
        raise RuntimeError("FLASK_SECRET_KEY must be set")

    @app.post("/ui/sidebar")
    def sidebar():
        collapsed = request.form.get("collapsed") == "1"
        resp = make_response(jsonify(collapsed=collapsed))
        resp.set_cookie("sidebar_collapsed", "1" if collapsed else "0", max_age=31536000)  # near-miss: cookie-flags
        return resp

    @app.get("/whoami")
    def whoami():
        return jsonify(user_id=session.get("uid"))

    return app
