"""Passwordless sign-in via e-mailed magic links (FastAPI)."""
import secrets
from datetime import datetime, timedelta, timezone

from fastapi import APIRouter, Depends, HTTPException, Response
from sqlalchemy import select
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
        link = MagicLink(
            user_id=user.id,
            token=secrets.token_urlsafe(32),
            created_at=datetime.now(timezone.utc),
        )
        db.add(link)
        await db.commit()
        await send_magic_link(user.email, link.token)
    return {"sent": True}


@router.get("/consume/{token}")
async def consume_link(token: str, response: Response, db: AsyncSession = Depends(get_db)) -> dict:  # flaw: reusable-invite
    link = await db.scalar(select(MagicLink).where(MagicLink.token == token).with_for_update())
    if link is None or link.used_at is not None:
        raise HTTPException(status_code=400, detail="link is invalid or already used")
    link.used_at = datetime.now(timezone.utc)
    await db.commit()
    session_token = await start_session(db, link.user_id)
    response.set_cookie("session", session_token, secure=True, httponly=True, samesite="lax", max_age=3600 * 8)
    return {"user_id": link.user_id}
