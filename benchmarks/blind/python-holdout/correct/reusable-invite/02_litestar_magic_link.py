"""Magic-link sign-in; links are single use and short lived (Litestar)."""
from __future__ import annotations

import hashlib
import hmac
import os
from datetime import datetime, timezone

from litestar import Request, get
from litestar.exceptions import NotAuthorizedException
from litestar.response import Redirect
from sqlalchemy import update
from sqlalchemy.ext.asyncio import AsyncSession

from app.models import MagicLink, User
from app.sessions import start_session


LINK_PEPPER = os.environ["MAGIC_LINK_PEPPER"].encode()


def _digest(token: str) -> str:
    return hmac.new(LINK_PEPPER, token.encode(), hashlib.sha256).hexdigest()  # near-miss: weak-password-hash


@get("/auth/magic-link/{token:str}")
async def consume_link(token: str, request: Request, db_session: AsyncSession) -> Redirect:
    now = datetime.now(timezone.utc)
    result = await db_session.execute(
        update(MagicLink)
        .where(
            MagicLink.token_digest == _digest(token),
            MagicLink.used_at.is_(None),
            MagicLink.expires_at > now,
        )
        .values(used_at=now)
        .returning(MagicLink.user_id)
    )
    user_id = result.scalar_one_or_none()
    if user_id is None:
        raise NotAuthorizedException("link invalid, expired or already used")
    user = await db_session.get(User, user_id)
    if user is None or not user.active:
        raise NotAuthorizedException("account unavailable")
    await db_session.commit()
    await start_session(request, user)
    return Redirect(path="/app")
