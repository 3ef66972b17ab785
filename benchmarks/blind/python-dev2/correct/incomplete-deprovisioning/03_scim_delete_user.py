"""SCIM 2.0 user deprovisioning endpoint (FastAPI)."""
from fastapi import APIRouter, Depends, HTTPException, Response, status
from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_db
from .models import ApiKey, Membership, OAuthGrant, RefreshToken, Session, SshKey, User
from .security import require_scim_client

router = APIRouter(prefix="/scim/v2", dependencies=[Depends(require_scim_client)])


async def revoke_everything(db: AsyncSession, user_id: int) -> None:
    await db.execute(delete(Session).where(Session.user_id == user_id))
    await db.execute(update(RefreshToken).where(RefreshToken.user_id == user_id).values(revoked=True))
    await db.execute(update(ApiKey).where(ApiKey.owner_id == user_id).values(active=False))
    await db.execute(update(OAuthGrant).where(OAuthGrant.user_id == user_id).values(revoked=True))
    await db.execute(delete(SshKey).where(SshKey.user_id == user_id))
    await db.execute(delete(Membership).where(Membership.user_id == user_id))


@router.delete("/Users/{user_id}", status_code=status.HTTP_204_NO_CONTENT)
async def scim_delete_user(user_id: int, db: AsyncSession = Depends(get_db)) -> Response:
    user = await db.get(User, user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "user not found")
    async with db.begin_nested():
        await revoke_everything(db, user_id)
        user.active = False
    await db.commit()
    return Response(status_code=status.HTTP_204_NO_CONTENT)


@router.patch("/Users/{user_id}")
async def scim_patch_user(user_id: int, patch: dict, db: AsyncSession = Depends(get_db)) -> dict:
    user = await db.get(User, user_id)
    if user is None:
        raise HTTPException(status.HTTP_404_NOT_FOUND, "user not found")
    for op in patch.get("Operations", []):
        if op.get("op", "").lower() == "replace" and op.get("path") == "active" and op.get("value") is False:
            await revoke_everything(db, user_id)
            user.active = False
    await db.commit()
    return {"id": str(user.id), "active": user.active}
