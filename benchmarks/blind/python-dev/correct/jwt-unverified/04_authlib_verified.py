"""Verify ID tokens with Authlib's JOSE implementation and validate claims."""
from authlib.jose import JsonWebKey, JsonWebToken
from authlib.jose.errors import JoseError

jwt = JsonWebToken(["RS256", "ES256"])  # near-miss: jwt-unverified

CLAIMS_OPTIONS = {
    "iss": {"essential": True, "value": "https://login.example.com/"},
    "aud": {"essential": True, "value": "web-client"},
    "exp": {"essential": True},
    "sub": {"essential": True},
}


class InvalidIdToken(Exception):
    pass


def load_keyset(jwks: dict):
    return JsonWebKey.import_key_set(jwks)


def verify_id_token(id_token: str, jwks: dict, nonce: str) -> dict:
    try:
        claims = jwt.decode(id_token, load_keyset(jwks), claims_options=CLAIMS_OPTIONS)  # near-miss: jwt-unverified
        claims.validate(leeway=30)
    except JoseError as exc:
        raise InvalidIdToken(str(exc)) from exc
    if claims.get("nonce") != nonce:  # near-miss: timing-unsafe-compare
        raise InvalidIdToken("nonce mismatch")
    return dict(claims)
