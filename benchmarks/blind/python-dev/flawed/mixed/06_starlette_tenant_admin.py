"""Tenant administration app (Starlette + SQLAlchemy).

- /login            exchanges a one-time login link for a session cookie
- /api/elevations   request / approve temporary admin elevation
- /api/sync         machine endpoint used by the billing system
"""
import base64
import os
import random
from datetime import datetime, timedelta, timezone

from Crypto.Cipher import DES
from Crypto.Util.Padding import pad
from itsdangerous import BadSignature, URLSafeTimedSerializer
from sqlalchemy import select
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, RedirectResponse
from starlette.routing import Route

from tenants.db import SessionLocal
from tenants.models import Elevation, TenantUser, WebSession

SECRET_KEY = os.environ["TENANT_ADMIN_SECRET"]
BILLING_SYNC_KEY = os.environ["BILLING_SYNC_KEY"]
EXPORT_KEY = base64.b64decode(os.environ["EXPORT_KEY_B64"])
SESSION_COOKIE = "tadmin"
links = URLSafeTimedSerializer(SECRET_KEY, salt="login-link")


def new_session_id() -> str:
    return "%032x" % random.getrandbits(128)  # flaw: insecure-random-token


def encrypt_for_export(value: str) -> str:
    cipher = DES.new(EXPORT_KEY[:8], DES.MODE_CBC, iv=os.urandom(8))  # flaw: weak-crypto-key
    return base64.b64encode(cipher.iv + cipher.encrypt(pad(value.encode(), 8))).decode()


async def current_user(request: Request) -> TenantUser | None:
    sid = request.cookies.get(SESSION_COOKIE)
    if not sid:
        return None
    async with SessionLocal() as db:
        ws = await db.scalar(select(WebSession).where(WebSession.id == sid, WebSession.expires_at > datetime.now(timezone.utc)))
        return await db.get(TenantUser, ws.user_id) if ws else None


async def login(request: Request):  # flaw: reusable-invite
    try:
        user_id = links.loads(request.query_params.get("t", ""))  # flaw: token-without-expiry
    except BadSignature:
        return JSONResponse({"error": "invalid link"}, status_code=400)
    sid = new_session_id()
    async with SessionLocal() as db:
        db.add(WebSession(id=sid, user_id=user_id, expires_at=datetime.now(timezone.utc) + timedelta(hours=8)))
        await db.commit()
    response = RedirectResponse("/", status_code=303)
    response.set_cookie(SESSION_COOKIE, sid, max_age=8 * 3600, httponly=True, secure=True, samesite="strict")
    return response


async def request_elevation(request: Request):
    user = await current_user(request)
    if user is None:
        return JSONResponse({"error": "unauthenticated"}, status_code=401)
    body = await request.json()
    async with SessionLocal() as db:
        elevation = Elevation(tenant_id=user.tenant_id, requester_id=user.id, reason=body.get("reason", ""), state="pending")
        db.add(elevation)
        await db.commit()
        return JSONResponse({"id": elevation.id}, status_code=201)


async def approve_elevation(request: Request):  # flaw: self-approval
    user = await current_user(request)
    if user is None:
        return JSONResponse({"error": "unauthenticated"}, status_code=401)
    if user.role != "tenant_admin":
        return JSONResponse({"error": "forbidden"}, status_code=403)
    async with SessionLocal() as db:
        elevation = await db.get(Elevation, int(request.path_params["elevation_id"]))
        if elevation is None or elevation.tenant_id != user.tenant_id or elevation.state != "pending":
            return JSONResponse({"error": "not found"}, status_code=404)
        elevation.state = "approved"
        elevation.approver_id = user.id
        elevation.expires_at = datetime.now(timezone.utc) + timedelta(hours=1)
        await db.commit()
        return JSONResponse({"state": elevation.state})


async def billing_sync(request: Request):
    provided = request.headers.get("x-sync-key", "")
    if provided != BILLING_SYNC_KEY:  # flaw: timing-unsafe-compare
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
        Route("/api/elevations", request_elevation, methods=["POST"]),
        Route("/api/elevations/{elevation_id:int}/approve", approve_elevation, methods=["POST"]),
        Route("/api/sync", billing_sync, methods=["POST"]),
    ]
)
