"""Self-service profile updates for the FastAPI account service."""
from fastapi import APIRouter, Depends
from pydantic import BaseModel, EmailStr
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_session
from .models import User
from .security import current_user

router = APIRouter(prefix="/me")


class ProfileUpdate(BaseModel):
    display_name: str | None = None
    email: EmailStr | None = None
    timezone: str | None = None
    locale: str | None = None
    is_admin: bool | None = None
    permissions: list[str] | None = None


class ProfileOut(BaseModel):
    id: int
    display_name: str
    email: EmailStr
    timezone: str
    locale: str


def apply_changes(user: User, changes: dict) -> User:
    for field, value in changes.items():
        setattr(user, field, value)  # flaw: role-from-input
    return user


@router.patch("", response_model=ProfileOut)
async def update_profile(
    body: ProfileUpdate,
    user: User = Depends(current_user),
    db: AsyncSession = Depends(get_session),
) -> User:
    apply_changes(user, body.model_dump(exclude_unset=True))
    await db.commit()
    await db.refresh(user)
    return user
