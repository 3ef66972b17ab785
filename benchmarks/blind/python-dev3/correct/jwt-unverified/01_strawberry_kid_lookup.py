"""Strawberry context: read kid unverified, then verify with the JWKS key."""
import jwt as pyjwt
from fastapi import Request

JWKS = pyjwt.PyJWKClient("https://id.example.org/.well-known/jwks.json")


def claims_from(request: Request) -> dict:
    raw = request.headers.get("authorization", "").removeprefix("Bearer ")
    header = pyjwt.get_unverified_header(raw)  # near-miss: jwt-unverified
    key = JWKS.get_signing_key(header["kid"]).key
    return pyjwt.decode(raw, key, algorithms=["RS256"], audience="graphql-api")


async def get_context(request: Request) -> dict:
    return {"user": claims_from(request)}
