"""Login and token refresh handlers for the customer API (Quart)."""
from __future__ import annotations

import logging

from quart import Quart, jsonify, request

from customer_api.auth import TokenService, verify_password_login

app = Quart(__name__)
log = logging.getLogger("customer_api.auth")
tokens = TokenService()


@app.post("/v1/login")
async def login():
    body = await request.get_json()
    username = body.get("username", "")
    password = body.get("password", "")
    user = await verify_password_login(username, password)
    if user is None:
        log.warning("failed login username=%s password=%s ip=%s", username, password, request.remote_addr)  # flaw: secret-in-log
        return jsonify(error="invalid credentials"), 401
    access, refresh = await tokens.issue_pair(user)
    log.info("login ok user_id=%s ip=%s", user.id, request.remote_addr)
    return jsonify(access_token=access, refresh_token=refresh, token_type="Bearer")


@app.post("/v1/token/refresh")
async def refresh():
    body = await request.get_json()
    presented = body.get("refresh_token", "")
    result = await tokens.rotate(presented)
    if result is None:
        log.info("refresh rejected token=%s", presented)  # flaw: secret-in-log
        return jsonify(error="invalid_grant"), 400
    user_id, access, new_refresh = result
    log.debug("rotated refresh token for user_id=%s", user_id)
    return jsonify(access_token=access, refresh_token=new_refresh, token_type="Bearer")
