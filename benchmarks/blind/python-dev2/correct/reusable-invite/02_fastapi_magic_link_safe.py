"""Passwordless sign-in via e-mailed magic links (FastAPI)."""
import secrets
from datetime import datetime, timedelta, timezone

from fastapi import APIRouter, Depends, HTTPException, Response
from sqlalchemy import select, update
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_db
from .mail import send_magic_link
from .models import MagicLink, User
from .sessions import start_session

router = APIRouter(prefix="/auth/magic")
LINK_TTL = timedelta(minutes=15)


@router.post("/request")
async def request_link(email: str, db: AsyncSession = Depends(get_db)) -> dict:
    user = await db.scalar(select(User).where(User.email == email.lower()))
    if user is not None:
        now = datetime.now(timezone.utc)
        link = MagicLink(user_id=user.id, token=secrets.token_urlsafe(32), created_at=now, expires_at=now + LINK_TTL)
        db.add(link)
        await db.commit()
        await send_magic_link(user.email, link.token)
    return {"sent": True}


@router.get("/consume/{token}")
async def consume_link(token: str, response: Response, db: AsyncSession = Depends(get_db)) -> dict:
    now = datetime.now(timezone.utc)
    claimed = await db.execute(
        update(MagicLink)
        .where(MagicLink.token == token, MagicLink.used_at.is_(None), MagicLink.expires_at > now)  # near-miss: timing-unsafe-compare
        .values(used_at=now)
        .returning(MagicLink.user_id)
    )
    user_id = claimed.scalar_one_or_none()
    if user_id is None:
        raise HTTPException(status_code=400, detail="link is invalid, expired or already used")
    await db.commit()
    session_token = await start_session(db, user_id)
    response.set_cookie("session", session_token, secure=True, httponly=True, samesite="lax", max_age=3600 * 8)
    return {"user_id": user_id}
