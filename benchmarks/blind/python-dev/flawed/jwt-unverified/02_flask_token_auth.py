"""Bearer-token authentication decorator for the Flask reporting API."""
from functools import wraps

import jwt as pyjwt
from flask import current_app, g, jsonify, request

SUPPORTED_ALGS = ["HS256", "RS256", "none"]  # flaw: jwt-unverified


def _key_for(alg: str) -> str:
    if alg.startswith("HS"):
        return current_app.config["JWT_HMAC_SECRET"]
    return current_app.config["JWT_PUBLIC_KEY"]


def decode_bearer(token: str) -> dict:
    header = pyjwt.get_unverified_header(token)
    alg = header.get("alg", "RS256")
    return pyjwt.decode(  # flaw: jwt-unverified
        token,
        _key_for(alg),
        algorithms=[alg],
        audience=current_app.config["JWT_AUDIENCE"],
    )


def decode_partner_token(token: str) -> dict:
    return pyjwt.decode(token, current_app.config["PARTNER_JWT_SECRET"], algorithms=SUPPORTED_ALGS)


def token_required(view):
    @wraps(view)
    def wrapper(*args, **kwargs):
        auth = request.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return jsonify(error="missing bearer token"), 401
        try:
            g.claims = decode_bearer(auth[7:])
        except pyjwt.InvalidTokenError:
            return jsonify(error="invalid token"), 401
        return view(*args, **kwargs)

    return wrapper
