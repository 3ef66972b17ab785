"""Passwordless sign-in by emailed magic link (Litestar + SQLAlchemy async)."""
from __future__ import annotations

import hashlib
import hmac
import os
import secrets
from datetime import datetime, timedelta, timezone

from litestar import Request, get, post
from litestar.exceptions import NotAuthorizedException
from litestar.response import Redirect
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from app.mail import send_magic_link
from app.models import MagicLink, User
from app.sessions import start_session

LINK_TTL = timedelta(minutes=15)


LINK_PEPPER = os.environ["MAGIC_LINK_PEPPER"].encode()


def _digest(token: str) -> str:
    return hmac.new(LINK_PEPPER, token.encode(), hashlib.sha256).hexdigest()


@post("/auth/magic-link")
async def request_link(data: dict[str, str], db_session: AsyncSession) -> dict:
    user = await db_session.scalar(select(User).where(User.email == data.get("email", "").lower()))
    if user is not None and user.active:
        token = secrets.token_urlsafe(32)
        db_session.add(MagicLink(user_id=user.id, token_digest=_digest(token), expires_at=datetime.now(timezone.utc) + LINK_TTL))
        await db_session.commit()
        await send_magic_link(user.email, token)
    return {"status": "check your inbox"}


@get("/auth/magic-link/{token:str}")
async def consume_link(token: str, request: Request, db_session: AsyncSession) -> Redirect:  # flaw: reusable-invite
    link = await db_session.scalar(select(MagicLink).where(MagicLink.token_digest == _digest(token)))
    if link is None or link.expires_at < datetime.now(timezone.utc):
        raise NotAuthorizedException("link invalid or expired")
    user = await db_session.get(User, link.user_id)
    if user is None or not user.active:
        raise NotAuthorizedException("account unavailable")
    await start_session(request, user)
    return Redirect(path="/app")
