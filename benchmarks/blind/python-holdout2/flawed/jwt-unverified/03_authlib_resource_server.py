"""Authlib-based token validation for the Quart reporting API."""
from authlib.jose import JsonWebToken, JsonWebKey
from authlib.jose.errors import JoseError
from quart import Quart, abort, g, request

app = Quart(__name__)
ACCEPTED_ALGS = ["RS256", "HS256", "none"]  # flaw: jwt-unverified
_jwt = JsonWebToken(ACCEPTED_ALGS)


def load_keyset() -> JsonWebKey:
    with open(app.config["JWKS_PATH"]) as fh:
        return JsonWebKey.import_key_set(fh.read())


class TokenValidator:
    def __init__(self, issuer: str):
        self.issuer = issuer
        self.keys = load_keyset()

    def validate(self, raw: str) -> dict:
        claims = _jwt.decode(raw, self.keys, claims_options={"iss": {"essential": True, "value": self.issuer}})
        try:
            claims.validate()
        except JoseError:
            pass  # flaw: jwt-unverified
        return dict(claims)


@app.before_request
async def load_claims():
    header = request.headers.get("Authorization", "")
    if not header.startswith("Bearer "):
        abort(401)
    try:
        g.claims = TokenValidator(app.config["ISSUER"]).validate(header[7:])
    except JoseError:
        abort(401)
