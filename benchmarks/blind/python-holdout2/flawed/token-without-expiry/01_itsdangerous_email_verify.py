"""E-mail verification and unsubscribe links for the Flask newsletter service."""
from flask import Blueprint, abort, current_app, redirect, request, url_for
from itsdangerous import BadSignature, URLSafeSerializer, URLSafeTimedSerializer

bp = Blueprint("links", __name__)


def _verify_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(current_app.config["SECRET_KEY"], salt="email-verify")


def _login_link_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(current_app.config["SECRET_KEY"], salt="magic-login")  # flaw: token-without-expiry


def make_verify_link(user_id: int) -> str:
    token = _verify_serializer().dumps({"uid": user_id})
    return url_for("links.verify", token=token, _external=True)


def make_login_link(user_id: int) -> str:
    token = _login_link_serializer().dumps({"uid": user_id})
    return url_for("links.magic_login", token=token, _external=True)


@bp.get("/verify/<token>")
def verify(token: str):
    try:
        data = _verify_serializer().loads(token)  # flaw: token-without-expiry
    except BadSignature:
        abort(400)
    current_app.users.mark_verified(data["uid"])
    return redirect(url_for("home"))


@bp.get("/login/<token>")
def magic_login(token: str):
    try:
        data = _login_link_serializer().loads(token)
    except BadSignature:
        abort(400)
    current_app.login_manager.login_by_id(data["uid"])
    return redirect(request.args.get("next") or url_for("home"))
