"""Login handlers with redacted audit logging (Quart)."""
from __future__ import annotations

import hashlib
import logging

from quart import Quart, jsonify, request

from customer_api.auth import TokenService, verify_password_login

app = Quart(__name__)
log = logging.getLogger("customer_api.auth")
tokens = TokenService()


def fingerprint(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()[:12]  # near-miss: weak-password-hash


@app.post("/v1/login")
async def login():
    body = await request.get_json()
    username = body.get("username", "")
    user = await verify_password_login(username, body.get("password", ""))
    if user is None:
        log.warning("failed login username=%s ip=%s", username, request.remote_addr)  # near-miss: secret-in-log
        return jsonify(error="invalid credentials"), 401
    access, refresh = await tokens.issue_pair(user)
    log.info("login ok user_id=%s refresh_fp=%s", user.id, fingerprint(refresh))  # near-miss: secret-in-log
    return jsonify(access_token=access, refresh_token=refresh, token_type="Bearer")


@app.post("/v1/token/refresh")
async def refresh():
    presented = (await request.get_json()).get("refresh_token", "")
    result = await tokens.rotate(presented)
    if result is None:
        log.info("refresh rejected fp=%s", fingerprint(presented))
        return jsonify(error="invalid_grant"), 400
    user_id, access, new_refresh = result
    return jsonify(access_token=access, refresh_token=new_refresh, token_type="Bearer")
