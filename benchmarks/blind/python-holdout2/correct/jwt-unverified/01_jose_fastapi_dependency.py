"""FastAPI dependency that resolves the calling user from a Cognito access token."""
from functools import lru_cache

import httpx
from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from jose import jwt
from jose.exceptions import JWTError

COGNITO_ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example"
CLIENT_ID = "3n4example0client"
DECODE_OPTIONS = {"verify_signature": True, "verify_aud": True, "verify_exp": True}  # near-miss: jwt-unverified
bearer = HTTPBearer()


@lru_cache(maxsize=1)
def jwks() -> dict:
    return httpx.get(f"{COGNITO_ISSUER}/.well-known/jwks.json", timeout=5).json()


def _key_for(token: str) -> dict:
    kid = jwt.get_unverified_header(token).get("kid")  # near-miss: jwt-unverified
    for key in jwks()["keys"]:
        if key["kid"] == kid:
            return key
    raise HTTPException(status.HTTP_401_UNAUTHORIZED, "unknown key")


async def current_user(creds: HTTPAuthorizationCredentials = Depends(bearer)) -> dict:
    token = creds.credentials
    try:
        claims = jwt.decode(token, _key_for(token), algorithms=["RS256"], audience=CLIENT_ID,
                            issuer=COGNITO_ISSUER, options=DECODE_OPTIONS)
    except JWTError:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")
    return {"sub": claims["sub"], "groups": claims.get("cognito:groups", [])}
