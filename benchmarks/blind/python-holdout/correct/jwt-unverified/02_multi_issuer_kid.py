"""Accept tokens from several trusted issuers; pick the key by kid/iss, then verify."""
from __future__ import annotations

from dataclasses import dataclass

import jwt

ALLOWED_ALGORITHMS = ["RS256", "ES256"]


@dataclass(frozen=True)
class TrustedIssuer:
    issuer: str
    audience: str
    jwks: jwt.PyJWKClient


class MultiIssuerVerifier:
    def __init__(self, issuers: list[TrustedIssuer]):
        self._by_iss = {i.issuer: i for i in issuers}

    def verify(self, token: str) -> dict:
        header = jwt.get_unverified_header(token)  # near-miss: jwt-unverified
        if header.get("alg") not in ALLOWED_ALGORITHMS:
            raise jwt.InvalidAlgorithmError(header.get("alg"))
        peek = jwt.decode(token, options={"verify_signature": False})  # near-miss: jwt-unverified
        trusted = self._by_iss.get(peek.get("iss"))
        if trusted is None:
            raise jwt.InvalidIssuerError("issuer not trusted")
        key = trusted.jwks.get_signing_key(header["kid"]).key
        return jwt.decode(
            token,
            key,
            algorithms=ALLOWED_ALGORITHMS,
            audience=trusted.audience,
            issuer=trusted.issuer,
        )
