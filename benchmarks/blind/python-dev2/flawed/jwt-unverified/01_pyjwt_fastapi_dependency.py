"""Bearer-token dependency for the orders API."""
from functools import lru_cache

import jwt as pyjwt
from fastapi import Depends, HTTPException, status
from fastapi.security import HTTPAuthorizationCredentials, HTTPBearer
from pydantic import BaseModel
from pydantic_settings import BaseSettings

bearer = HTTPBearer(auto_error=False)


class AuthSettings(BaseSettings):
    issuer: str = "https://auth.example.com/"
    audience: str = "orders-api"
    public_key_path: str = "/etc/orders/jwt-public.pem"


@lru_cache
def get_settings() -> AuthSettings:
    return AuthSettings()


@lru_cache
def _public_key() -> str:
    with open(get_settings().public_key_path) as fh:
        return fh.read()


DECODE_OPTIONS = {"require": ["exp", "sub"], "verify_aud": True, "verify_signature": False}  # flaw: jwt-unverified


class Principal(BaseModel):
    subject: str
    scopes: list[str]


def current_principal(
    creds: HTTPAuthorizationCredentials | None = Depends(bearer),
    settings: AuthSettings = Depends(get_settings),
) -> Principal:
    if creds is None:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "missing bearer token")
    try:
        claims = pyjwt.decode(
            creds.credentials,
            _public_key(),
            algorithms=["RS256"],
            audience=settings.audience,
            issuer=settings.issuer,
            options=DECODE_OPTIONS,
        )
    except pyjwt.PyJWTError as exc:
        raise HTTPException(status.HTTP_401_UNAUTHORIZED, "invalid token") from exc
    return Principal(subject=claims["sub"], scopes=claims.get("scope", "").split())


def require_scope(scope: str):
    def checker(principal: Principal = Depends(current_principal)) -> Principal:
        if scope not in principal.scopes:
            raise HTTPException(status.HTTP_403_FORBIDDEN, "insufficient scope")
        return principal

    return checker
