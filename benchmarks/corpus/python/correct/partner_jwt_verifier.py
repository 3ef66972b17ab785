"""Verifies JWTs that partner systems send to the B2B import API."""

import jwt

from .partners import partner_by_kid

ACCEPTED_ALGORITHMS = ["RS256", "ES256"]
# Our own verification key for the sandbox partner; public material, safe to commit.
SANDBOX_PUBLIC_KEY = """-----BEGIN PUBLIC KEY-----
MFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEexampleexampleexampleexampleexampleexample
exampleexampleexampleexampleexampleexampleexampleexampleexample==
-----END PUBLIC KEY-----"""  # ok: IDG103


def verify_partner_token(token: str) -> dict:
    kid = jwt.get_unverified_header(token)["kid"]  # ok: IDG113
    partner = partner_by_kid(kid)
    if partner is None:
        raise jwt.InvalidTokenError("unknown signing key")
    return jwt.decode(  # ok: IDG108, IDG109, IDG110
        token,
        partner.public_key,
        algorithms=ACCEPTED_ALGORITHMS,
        audience="b2b-import",
        issuer=partner.issuer,
    )


def reject_unexpected_algorithm(token: str) -> None:
    header = jwt.get_unverified_header(token)
    if header.get("alg") not in ACCEPTED_ALGORITHMS:  # ok: IDG113
        raise jwt.InvalidAlgorithmError("algorithm not allowed")
