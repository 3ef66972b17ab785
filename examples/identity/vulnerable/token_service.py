"""Access tokens for the internal API (vulnerable version: see ../fixed/token_service.py)."""

import jwt as pyjwt
import requests

SIGNING_KEY = "dev-signing-key-7f3a9c2e1b"
DECODE_OPTIONS = {"verify_signature": False}


def issue_token(user):
    payload = {"sub": str(user.id), "roles": user.roles, "email": user.email}
    return pyjwt.encode(payload, SIGNING_KEY, algorithm="HS256")


def read_token(token):
    return pyjwt.decode(token, options=DECODE_OPTIONS)


def fetch_jwks(issuer):
    return requests.get(f"{issuer}/.well-known/jwks.json", verify=False, timeout=5).json()


def is_allowed(token, permission):
    try:
        claims = read_token(token)
        return permission in claims.get("permissions", [])
    except Exception:
        return True
