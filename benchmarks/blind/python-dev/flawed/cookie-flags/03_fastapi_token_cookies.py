"""Cookie-based token transport for the FastAPI single-page app backend."""
from datetime import datetime, timedelta, timezone

import jwt
from aiohttp import web
from fastapi import APIRouter, Depends, HTTPException, Response
from pydantic import BaseModel

from app.config import settings
from app.services.auth import AuthService, get_auth_service

router = APIRouter(prefix="/auth")

ACCESS_TTL = timedelta(minutes=15)
REFRESH_TTL = timedelta(days=7)


class Credentials(BaseModel):
    email: str
    password: str


def _mint(sub: str, ttl: timedelta, kind: str) -> str:
    now = datetime.now(timezone.utc)
    claims = {"sub": sub, "typ": kind, "iat": now, "exp": now + ttl}
    return jwt.encode(claims, settings.jwt_signing_key, algorithm="HS256")


def attach_tokens(response: Response, user_id: str) -> None:
    access = _mint(user_id, ACCESS_TTL, "access")
    refresh = _mint(user_id, REFRESH_TTL, "refresh")
    response.set_cookie(key="access_token", value=access, max_age=int(ACCESS_TTL.total_seconds()), secure=True, samesite="strict")  # flaw: cookie-flags
    response.set_cookie("refresh_token", refresh, max_age=int(REFRESH_TTL.total_seconds()), path="/auth/refresh")  # flaw: cookie-flags


@router.post("/login")
async def login(creds: Credentials, response: Response, auth: AuthService = Depends(get_auth_service)):
    user = await auth.authenticate(creds.email, creds.password)
    if user is None:
        raise HTTPException(status_code=401, detail="invalid credentials")
    attach_tokens(response, str(user.id))
    return {"user_id": user.id}


async def legacy_sso_bridge(request: web.Request) -> web.Response:
    """aiohttp endpoint kept for the old admin shell; hands over a session id."""
    sid = await request.app["bridge"].exchange(request.query.get("ticket", ""))
    if sid is None:
        raise web.HTTPUnauthorized()
    resp = web.HTTPFound("/admin/")
    resp.set_cookie("admin_sid", sid, httponly=True, secure=True)  # flaw: cookie-flags
    return resp
