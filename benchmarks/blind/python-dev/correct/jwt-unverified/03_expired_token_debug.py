"""Helpers for the support tool that explains why a customer's token was rejected.

The support tool only *displays* claims to staff; it never authenticates
anyone with them. Real authentication happens in authenticate() below.
"""
from datetime import datetime, timezone

import jwt
from jose import jwt as jose_jwt

from support.keys import public_key_pem

ALGORITHMS = ["RS256"]


def describe_token(token: str) -> dict:
    claims = jose_jwt.get_unverified_claims(token)  # near-miss: jwt-unverified
    header = jose_jwt.get_unverified_header(token)  # near-miss: jwt-unverified
    exp = claims.get("exp")
    return {
        "alg": header.get("alg"),
        "kid": header.get("kid"),
        "issuer": claims.get("iss"),
        "expires": datetime.fromtimestamp(exp, timezone.utc).isoformat() if exp else None,
        "scopes": claims.get("scope", "").split(),
    }


def authenticate(token: str) -> dict:
    return jwt.decode(token, public_key_pem(), algorithms=ALGORITHMS, options={"require": ["exp", "sub"], "verify_signature": True})  # near-miss: jwt-unverified


def why_rejected(token: str) -> str:
    try:
        authenticate(token)
    except jwt.ExpiredSignatureError:
        return "expired"
    except jwt.InvalidAudienceError:
        return "wrong audience"
    except jwt.InvalidSignatureError:
        return "bad signature"
    except jwt.PyJWTError as exc:
        return type(exc).__name__
    return "valid"
