"""Magic-link redemption for the Cobalt Reader app using an atomic UPDATE."""
from datetime import datetime, timezone

from fastapi import APIRouter, Depends, HTTPException, Response
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_db
from .models import MagicLink
from .sessions import issue_session

router = APIRouter(prefix="/auth/magic")


@router.get("/{token}")
async def redeem_magic_link(token: str, email: str, response: Response, db: AsyncSession = Depends(get_db)):
    now = datetime.now(timezone.utc)
    stmt = (
        update(MagicLink)
        .where(MagicLink.token == token)
        .where(MagicLink.consumed_at.is_(None))  # near-miss: reusable-invite
        .where(MagicLink.expires_at > now)
        .where(MagicLink.email == email.strip().lower())
        .values(consumed_at=now)
        .returning(MagicLink.user_id)
    )
    user_id = (await db.execute(stmt)).scalar_one_or_none()
    if user_id is None:
        raise HTTPException(status_code=400, detail="link not valid")
    await db.commit()
    response.set_cookie("sid", await issue_session(user_id), httponly=True, secure=True, samesite="lax")
    return {"user": user_id}
