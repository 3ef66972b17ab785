"""Admin endpoints for user management in the FastAPI back-office API."""
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import require_admin
from app.db import get_session
from app.models import User
from app.audit import record

router = APIRouter(prefix="/admin/users", tags=["admin"])


class RoleChange(BaseModel):
    role: str


class Suspension(BaseModel):
    reason: str


@router.get("/{user_id}")
async def get_user(user_id: int, admin=Depends(require_admin), db: AsyncSession = Depends(get_session)):
    user = await db.get(User, user_id)
    if user is None:
        raise HTTPException(status_code=404)
    return {"id": user.id, "email": user.email, "role": user.role, "active": user.is_active}


@router.put("/{user_id}/role")
async def set_role(user_id: int, body: RoleChange, db: AsyncSession = Depends(get_session)):  # flaw: authz-missing
    user = await db.get(User, user_id)
    if user is None:
        raise HTTPException(status_code=404)
    if body.role not in {"viewer", "editor", "admin"}:
        raise HTTPException(status_code=422, detail="unknown role")
    previous, user.role = user.role, body.role  # flaw: role-from-input
    await db.commit()
    await record("user.role_changed", target=user.id, before=previous, after=body.role)
    return {"id": user.id, "role": user.role}


@router.post("/{user_id}/suspend")
async def suspend(user_id: int, body: Suspension, admin=Depends(require_admin), db: AsyncSession = Depends(get_session)):
    user = await db.get(User, user_id)
    if user is None:
        raise HTTPException(status_code=404)
    user.is_active = False
    await db.commit()
    await record("user.suspended", actor=admin.id, target=user.id, reason=body.reason)
    return {"id": user.id, "active": False}
