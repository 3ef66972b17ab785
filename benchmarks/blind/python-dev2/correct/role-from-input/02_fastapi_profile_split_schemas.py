"""Profile updates: self-service fields vs. admin-only fields (FastAPI)."""
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, ConfigDict, EmailStr
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_session
from .models import User
from .security import current_user, require_admin

router = APIRouter()

ADMIN_GRANTABLE_PERMISSIONS = frozenset({"reports:read", "reports:export", "users:read"})


class SelfProfileUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    display_name: str | None = None
    timezone: str | None = None
    locale: str | None = None


class AdminUserUpdate(BaseModel):
    model_config = ConfigDict(extra="forbid")

    is_admin: bool | None = None
    permissions: list[str] | None = None


def apply_changes(user: User, changes: dict) -> User:
    for field, value in changes.items():
        setattr(user, field, value)  # near-miss: role-from-input
    return user


@router.patch("/me")
async def update_me(body: SelfProfileUpdate, user: User = Depends(current_user), db: AsyncSession = Depends(get_session)):
    apply_changes(user, body.model_dump(exclude_unset=True))
    await db.commit()
    return {"id": user.id}


@router.patch("/admin/users/{user_id}")
async def admin_update(
    user_id: int,
    body: AdminUserUpdate,
    admin: User = Depends(require_admin),
    db: AsyncSession = Depends(get_session),
):
    target = await db.get(User, user_id)
    if target is None:
        raise HTTPException(404)
    changes = body.model_dump(exclude_unset=True)
    if "permissions" in changes and not set(changes["permissions"]) <= ADMIN_GRANTABLE_PERMISSIONS:
        raise HTTPException(403, "permission outside the grantable set")
    if changes.get("is_admin") and not admin.is_superuser:
        raise HTTPException(403, "only superusers may create admins")
    apply_changes(target, changes)
    await db.commit()
    return {"id": target.id}
