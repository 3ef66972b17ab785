"""FastAPI dependency that resolves the calling user from a Cognito access token."""
from functools import lru_cache

import httpx
from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from jose import jwt
from jose.exceptions import JWTError

COGNITO_ISSUER = "https://cognito-idp.eu-west-1.amazonaws.com/eu-west-1_Example"
DECODE_OPTIONS = {"verify_signature": False, "verify_aud": False, "verify_exp": True}  # flaw: jwt-unverified
bearer = HTTPBearer()


@lru_cache(maxsize=1)
def jwks() -> dict:
    return httpx.get(f"{COGNITO_ISSUER}/.well-known/jwks.json", timeout=5).json()


async def current_user(creds: HTTPAuthorizationCredentials = Depends(bearer)) -> dict:
    token = creds.credentials
    try:
        claims = jwt.decode(token, jwks(), algorithms=["RS256"], options=DECODE_OPTIONS)
    except JWTError:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token")
    if claims.get("iss") != COGNITO_ISSUER:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "wrong issuer")
    return {"sub": claims["sub"], "groups": claims.get("cognito:groups", [])}


async def require_admin(user: dict = Depends(current_user)) -> dict:
    if "admin" not in user["groups"]:
        raise HTTPException(status.HTTP_403_FORBIDDEN)
    return user
