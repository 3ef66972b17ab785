"""Verify access tokens from multiple OIDC issuers using their JWKS."""
import jwt
from jwt import PyJWKClient

TRUSTED_ISSUERS = {
    "https://login.example.com/": "https://login.example.com/.well-known/jwks.json",
    "https://partners.example.com/": "https://partners.example.com/.well-known/jwks.json",
}
AUDIENCE = "api://orders"
_jwk_clients = {iss: PyJWKClient(url, cache_keys=True) for iss, url in TRUSTED_ISSUERS.items()}


class TokenError(Exception):
    pass


def verify_access_token(token: str) -> dict:
    # read iss only to pick the JWKS; the claims are trusted after the verified decode below
    unverified = jwt.decode(token, options={"verify_signature": False})  # near-miss: jwt-unverified
    issuer = unverified.get("iss")
    client = _jwk_clients.get(issuer)
    if client is None:
        raise TokenError("untrusted issuer")
    signing_key = client.get_signing_key_from_jwt(token)
    return jwt.decode(
        token,
        signing_key.key,
        algorithms=["RS256", "ES256"],
        audience=AUDIENCE,
        issuer=issuer,
        options={"require": ["exp", "iat", "sub"]},
    )
