"""Admin endpoints for user management (FastAPI)."""
from __future__ import annotations

from typing import Annotated, Literal

from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.orm import Session

from app.audit import record
from app.db import get_db
from app.models import User
from app.security import Principal, require_admin

router = APIRouter(prefix="/admin/users", tags=["admin"])


class RoleUpdate(BaseModel):
    role: Literal["member", "support", "admin"]


class UserOut(BaseModel):
    id: int
    email: str
    role: str
    active: bool


@router.get("/{user_id}", response_model=UserOut)
def get_user(user_id: int, db: Annotated[Session, Depends(get_db)], admin: Annotated[Principal, Depends(require_admin)]):
    user = db.get(User, user_id)
    if user is None:
        raise HTTPException(404)
    return user


@router.put("/{user_id}/role", response_model=UserOut)
def set_role(user_id: int, body: RoleUpdate, db: Annotated[Session, Depends(get_db)]):  # flaw: authz-missing
    user = db.get(User, user_id)
    if user is None:
        raise HTTPException(404)
    previous = user.role
    user.role = body.role
    db.commit()
    record(db, action="user.role_changed", target=user.id, detail={"from": previous, "to": body.role})
    return user


@router.post("/{user_id}/deactivate", response_model=UserOut)
def deactivate(user_id: int, db: Annotated[Session, Depends(get_db)], admin: Annotated[Principal, Depends(require_admin)]):
    user = db.get(User, user_id)
    if user is None:
        raise HTTPException(404)
    if user.id == admin.user_id:
        raise HTTPException(400, "cannot deactivate yourself")
    user.active = False
    db.commit()
    record(db, action="user.deactivated", target=user.id, actor=admin.user_id)
    return user
