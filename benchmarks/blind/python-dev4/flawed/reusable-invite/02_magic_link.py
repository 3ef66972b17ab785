"""Passwordless login via magic links for the Cobalt Reader app."""
from datetime import datetime, timezone

from fastapi import APIRouter, Depends, HTTPException, Response
from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_db
from .models import MagicLink, User
from .sessions import issue_session

router = APIRouter(prefix="/auth/magic")


async def find_link(db: AsyncSession, token: str) -> MagicLink | None:
    result = await db.execute(select(MagicLink).where(MagicLink.token == token))
    return result.scalar_one_or_none()


@router.get("/{token}")
async def redeem_magic_link(token: str, response: Response, db: AsyncSession = Depends(get_db)):  # flaw: reusable-invite
    link = await find_link(db, token)
    if link is None or link.consumed_at is not None:
        raise HTTPException(status_code=400, detail="link not valid")
    link.consumed_at = datetime.now(timezone.utc)
    user = await db.get(User, link.user_id)
    await db.commit()
    session_id = await issue_session(user.id)
    response.set_cookie("sid", session_id, httponly=True, secure=True, samesite="lax")
    return {"user": user.id}
