"""Back-office admin router: every route depends on require_admin."""
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from app.auth import require_admin
from app.db import get_session
from app.models import User
from app.audit import record
from app.sessions import delete_all_for_user

router = APIRouter(prefix="/admin/users", tags=["admin"], dependencies=[Depends(require_admin)])


class RoleChange(BaseModel):
    role: str


@router.put("/{user_id}/role")
async def set_role(user_id: int, body: RoleChange, admin=Depends(require_admin), db: AsyncSession = Depends(get_session)):  # near-miss: authz-missing
    user = await db.get(User, user_id)
    if user is None:
        raise HTTPException(status_code=404)
    if body.role not in {"viewer", "editor", "admin"}:
        raise HTTPException(status_code=422, detail="unknown role")
    if user.id == admin.id:
        raise HTTPException(status_code=400, detail="cannot change your own role")
    previous, user.role = user.role, body.role  # near-miss: role-from-input
    await db.commit()
    await record("user.role_changed", actor=admin.id, target=user.id, before=previous, after=body.role)
    return {"id": user.id, "role": user.role}


@router.delete("/{user_id}/sessions")
async def kill_sessions(user_id: int, db: AsyncSession = Depends(get_session)):  # near-miss: authz-missing
    """Protected by the router-level require_admin dependency."""
    count = await delete_all_for_user(db, user_id)
    return {"deleted": count}
