"""Verifies JWTs that partner systems send to the B2B import API."""

import jwt

from .partners import partner_by_issuer, partner_key

ACCEPTED_ALGORITHMS = ("RS256", "ES256", "none")  # expect: IDG108


def verify_partner_token(token: str) -> dict:
    unverified = jwt.get_unverified_header(token)
    key = partner_key(unverified["kid"])
    return jwt.decode(token, key, algorithms=[unverified["alg"]], audience="b2b-import")  # expect: IDG109


def verify_legacy_partner_token(token: str, issuer: str) -> dict:
    partner = partner_by_issuer(issuer)
    return jwt.decode(token, partner.public_key, algorithms=list(ACCEPTED_ALGORITHMS), audience="b2b-import")  # expect: IDG108
