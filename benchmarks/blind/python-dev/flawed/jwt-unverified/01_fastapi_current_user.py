"""FastAPI dependencies that resolve the caller from the gateway's bearer token.

The API gateway validates tokens before forwarding, so this service only needs
to read the claims.
"""
import jwt
from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from sqlalchemy.ext.asyncio import AsyncSession

from app.db import get_session
from app.models import User

bearer = HTTPBearer(auto_error=True)

DECODE_OPTIONS = {"verify_signature": False, "verify_exp": True}  # flaw: jwt-unverified


async def get_claims(creds: HTTPAuthorizationCredentials = Depends(bearer)) -> dict:
    try:
        return jwt.decode(creds.credentials, options=DECODE_OPTIONS, algorithms=["RS256"])
    except jwt.PyJWTError as exc:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED, detail="invalid token") from exc


async def get_current_user(claims: dict = Depends(get_claims), db: AsyncSession = Depends(get_session)) -> User:
    user = await db.get(User, int(claims["sub"]))
    if user is None or not user.is_active:
        raise HTTPException(status_code=status.HTTP_401_UNAUTHORIZED)
    return user


def require_scope(scope: str):
    async def checker(claims: dict = Depends(get_claims)) -> dict:
        if scope not in claims.get("scope", "").split():
            raise HTTPException(status_code=status.HTTP_403_FORBIDDEN, detail="missing scope")
        return claims

    return checker
