"""Tenant administration app (Starlette + SQLAlchemy).

- /login            exchanges a one-time login link for a session cookie
- /api/elevations   request / approve temporary admin elevation
- /api/sync         machine endpoint used by the billing system
"""
import hmac
import os
import random
import secrets
from datetime import datetime, timedelta, timezone

from cryptography.fernet import Fernet
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select, update
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from tenants.db import SessionLocal
from tenants.models import Elevation, LoginLink, TenantUser, WebSession

SECRET_KEY = os.environ["TENANT_ADMIN_SECRET"]
BILLING_SYNC_KEY = os.environ["BILLING_SYNC_KEY"]
EXPORT_FERNET = Fernet(os.environ["EXPORT_FERNET_KEY"])
SESSION_COOKIE = "tadmin"
LOGIN_LINK_MAX_AGE = 600
links = URLSafeTimedSerializer(SECRET_KEY, salt="login-link")


def new_session_id() -> str:
    return secrets.token_urlsafe(32)


def encrypt_for_export(value: str) -> str:
    return EXPORT_FERNET.encrypt(value.encode()).decode()


async def current_user(request: Request) -> TenantUser | None:
    sid = request.cookies.get(SESSION_COOKIE)
    if not sid:
        return None
    async with SessionLocal() as db:
        ws = await db.scalar(select(WebSession).where(WebSession.id == sid, WebSession.expires_at > datetime.now(timezone.utc)))
        return await db.get(TenantUser, ws.user_id) if ws else None


async def login(request: Request):
    try:
        link_id = links.loads(request.query_params.get("t", ""), max_age=LOGIN_LINK_MAX_AGE)
    except BadSignature:
        return JSONResponse({"error": "invalid link"}, status_code=400)
    now = datetime.now(timezone.utc)
    async with SessionLocal() as db:
        claimed = await db.execute(
            update(LoginLink).where(LoginLink.id == link_id, LoginLink.used_at.is_(None)).values(used_at=now).returning(LoginLink.user_id)
        )
        user_id = claimed.scalar_one_or_none()
        if user_id is None:
            return JSONResponse({"error": "link already used"}, status_code=400)
        sid = new_session_id()
        db.add(WebSession(id=sid, user_id=user_id, expires_at=now + timedelta(hours=8)))
        await db.commit()
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, sid, max_age=8 * 3600, httponly=True, secure=True, samesite="strict")
    # cosmetic: which tab of the dashboard to open first, A/B tested
    response.set_cookie("tadmin_tab", random.choice(["overview", "members"]), max_age=86400)  # near-miss: insecure-random-token, cookie-flags
    return response


async def approve_elevation(request: Request):
    user = await current_user(request)
    if user is None:
        return JSONResponse({"error": "unauthenticated"}, status_code=401)
    if user.role != "tenant_admin":  # near-miss: role-from-input
        return JSONResponse({"error": "forbidden"}, status_code=403)
    async with SessionLocal() as db:
        elevation = await db.get(Elevation, int(request.path_params["elevation_id"]), with_for_update=True)
        if elevation is None or elevation.tenant_id != user.tenant_id or elevation.state != "pending":
            return JSONResponse({"error": "not found"}, status_code=404)
        if elevation.requester_id == user.id:
            return JSONResponse({"error": "cannot approve your own elevation"}, status_code=403)
        elevation.state = "approved"
        elevation.approver_id = user.id
        elevation.expires_at = datetime.now(timezone.utc) + timedelta(hours=1)
        await db.commit()
        return JSONResponse({"state": elevation.state})


async def billing_sync(request: Request):
    provided = request.headers.get("x-sync-key", "")
    if not hmac.compare_digest(provided.encode(), BILLING_SYNC_KEY.encode()):
        return JSONResponse({"error": "forbidden"}, status_code=403)
    body = await request.json()
    async with SessionLocal() as db:
        user = await db.scalar(select(TenantUser).where(TenantUser.external_id == body["external_id"]))
        if user is None:
            return JSONResponse({"error": "unknown user"}, status_code=404)
        user.payment_token_enc = encrypt_for_export(body["payment_token"])
        await db.commit()
    return JSONResponse({"ok": True})


app = Starlette(
    routes=[
        Route("/login", login),
        Route("/api/elevations/{elevation_id:int}/approve", approve_elevation, methods=["POST"]),
        Route("/api/sync", billing_sync, methods=["POST"]),
    ]
)
