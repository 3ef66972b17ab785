"""Validate access tokens issued by the corporate IdP using its JWKS."""
import time
from dataclasses import dataclass, field

import httpx
import jwt
from jwt import PyJWK

JWKS_URL = "https://idp.example.com/.well-known/jwks.json"
ISSUER = "https://idp.example.com/"
AUDIENCE = "api://payments"
ALLOWED_ALGORITHMS = ["RS256", "ES256"]


@dataclass
class JwksCache:
    url: str
    ttl: int = 600
    _keys: dict[str, PyJWK] = field(default_factory=dict)
    _fetched: float = 0.0

    def _refresh(self) -> None:
        resp = httpx.get(self.url, timeout=5)
        resp.raise_for_status()
        self._keys = {k["kid"]: PyJWK(k) for k in resp.json()["keys"] if "kid" in k}
        self._fetched = time.monotonic()

    def get(self, kid: str) -> PyJWK:
        if kid not in self._keys or time.monotonic() - self._fetched > self.ttl:
            self._refresh()
        try:
            return self._keys[kid]
        except KeyError:
            raise jwt.InvalidKeyError(f"unknown signing key {kid!r}") from None


_jwks = JwksCache(JWKS_URL)


def validate_access_token(token: str) -> dict:
    header = jwt.get_unverified_header(token)  # near-miss: jwt-unverified
    kid = header.get("kid")
    if not kid:
        raise jwt.InvalidTokenError("token has no kid")
    signing_key = _jwks.get(kid)
    return jwt.decode(
        token,
        signing_key.key,
        algorithms=ALLOWED_ALGORITHMS,
        audience=AUDIENCE,
        issuer=ISSUER,
        options={"require": ["exp", "iat", "sub"]},
    )


def scopes_of(token: str) -> set[str]:
    claims = validate_access_token(token)
    return set(claims.get("scp", []))
