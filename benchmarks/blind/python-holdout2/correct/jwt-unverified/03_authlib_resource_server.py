"""Authlib-based token validation for the Quart reporting API."""
from authlib.jose import JsonWebKey, JsonWebToken
from authlib.jose.errors import JoseError
from quart import Quart, abort, g, request

app = Quart(__name__)
_jwt = JsonWebToken(["RS256"])


def load_keyset():
    with open(app.config["JWKS_PATH"]) as fh:
        return JsonWebKey.import_key_set(fh.read())


class TokenValidator:
    def __init__(self, issuer: str, audience: str):
        self.keys = load_keyset()
        self.options = {
            "iss": {"essential": True, "value": issuer},
            "aud": {"essential": True, "value": audience},
            "exp": {"essential": True},
        }

    def validate(self, raw: str) -> dict:
        claims = _jwt.decode(raw, self.keys, claims_options=self.options)
        claims.validate(leeway=30)
        return dict(claims)


@app.before_request
async def load_claims():
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        abort(401)
    try:
        g.claims = TokenValidator(app.config["ISSUER"], app.config["AUDIENCE"]).validate(header[7:])
    except JoseError:
        abort(401)
