"""Login handling with audit logging for the Flask intranet."""
import logging

from flask import Blueprint, abort, jsonify, request, session

from intranet.auth import set_password, verify_credentials
from intranet.ratelimit import too_many_attempts

log = logging.getLogger("intranet.auth")
bp = Blueprint("login", __name__)


@bp.post("/login")
def login():
    username = request.form.get("username", "")
    password = request.form.get("password", "")
    client_ip = request.headers.get("X-Forwarded-For", request.remote_addr)

    if too_many_attempts(username, client_ip):
        log.warning("rate limited login for %s from %s", username, client_ip)
        abort(429)

    user = verify_credentials(username, password)
    if user is None:
        log.info("failed login user=%s password=%r ip=%s", username, password, client_ip)  # flaw: secret-in-log
        abort(401)

    session.clear()
    session["uid"] = user.id
    log.info("login ok user_id=%s ip=%s", user.id, client_ip)
    return jsonify({"ok": True})


@bp.post("/password")
def change_password():
    uid = session.get("uid")
    if uid is None:
        abort(401)
    body = request.get_json(force=True)
    log.debug("password change request for %s: %s", uid, body)  # flaw: secret-in-log
    set_password(uid, body["current_password"], body["new_password"])
    log.info("password changed for user_id=%s", uid)
    return jsonify({"ok": True})
