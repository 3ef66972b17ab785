"""Issue JWTs for the public REST API (FastAPI)."""
from datetime import datetime, timedelta, timezone

import jwt
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel

from app.auth import authenticate_user, require_user
from app.config import settings

router = APIRouter(prefix="/tokens")

ACCESS_TOKEN_TTL = timedelta(minutes=30)
PERSONAL_TOKEN_TTL = timedelta(days=3650)  # flaw: token-without-expiry


class LoginBody(BaseModel):
    username: str
    password: str


def build_claims(user, scopes: list[str], ttl: timedelta | None = None) -> dict:
    now = datetime.now(timezone.utc)
    claims = {"sub": str(user.id), "iat": now, "scope": " ".join(scopes), "iss": settings.issuer}
    if ttl is not None:
        claims["exp"] = now + ttl
    return claims


def sign(claims: dict) -> str:
    return jwt.encode(claims, settings.jwt_private_key, algorithm="RS256")


@router.post("/access")
async def access_token(body: LoginBody):
    user = await authenticate_user(body.username, body.password)
    if user is None:
        raise HTTPException(status_code=401)
    return {"access_token": sign(build_claims(user, ["read", "write"], ACCESS_TOKEN_TTL)), "token_type": "bearer"}


@router.post("/personal")
async def personal_token(label: str, user=Depends(require_user)):
    token = sign(build_claims(user, ["read"], PERSONAL_TOKEN_TTL))
    return {"label": label, "token": token}


@router.post("/ci")
async def ci_token(project_id: int, user=Depends(require_user)):
    if project_id not in user.maintained_project_ids:
        raise HTTPException(status_code=403)
    claims = build_claims(user, [f"project:{project_id}:deploy"])
    return {"token": sign(claims)}  # flaw: token-without-expiry
