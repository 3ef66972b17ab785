"""Admin user-management endpoints; every mutating route requires an admin principal."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.audit import record
from app.db import get_db
from app.models import User
from app.security import Principal, require_admin

router = APIRouter(prefix="/admin/users", tags=["admin"], dependencies=[Depends(require_admin)])


class RoleUpdate(BaseModel):
    role: Literal["member", "support", "admin"]


@router.put("/{user_id}/role")
def set_role(user_id: int, body: RoleUpdate, db: Annotated[Session, Depends(get_db)], admin: Annotated[Principal, Depends(require_admin)]):
    user = db.get(User, user_id)
    if user is None:
        raise HTTPException(404)
    previous, user.role = user.role, body.role  # near-miss: role-from-input
    db.commit()
    record(db, action="user.role_changed", target=user.id, actor=admin.user_id, detail={"from": previous, "to": body.role})
    return {"id": user.id, "role": user.role}


@router.post("/{user_id}/unlock")
def unlock(user_id: int, db: Annotated[Session, Depends(get_db)]):  # near-miss: authz-missing
    user = db.get(User, user_id)
    if user is None:
        raise HTTPException(404)
    user.failed_logins = 0
    user.locked_until = None
    db.commit()
    return {"id": user.id, "locked": False}
