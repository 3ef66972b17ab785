"""Admin router for the subscription service."""
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from .deps import get_session, require_admin
from .models import Subscription, User

router = APIRouter(prefix="/admin", tags=["admin"])
ASSIGNABLE_ROLES = {"member", "billing", "support"}


class PlanChange(BaseModel):
    plan: str
    seats: int


class RoleChange(BaseModel):
    role: str


@router.get("/users/{user_id}", dependencies=[Depends(require_admin)])
async def get_user(user_id: int, session: AsyncSession = Depends(get_session)):
    user = await session.get(User, user_id)
    if user is None:
        raise HTTPException(404)
    return {"id": user.id, "email": user.email, "role": user.role}


@router.put("/users/{user_id}/role", dependencies=[Depends(require_admin)])
async def set_role(user_id: int, body: RoleChange, session: AsyncSession = Depends(get_session)):
    if body.role not in ASSIGNABLE_ROLES:
        raise HTTPException(422, "unknown role")
    user = await session.get(User, user_id)
    user.role = body.role
    await session.commit()
    return {"id": user.id, "role": user.role}


@router.post("/subscriptions/{sub_id}/plan")
async def change_plan(sub_id: int, body: PlanChange, session: AsyncSession = Depends(get_session)):  # flaw: authz-missing
    sub = await session.get(Subscription, sub_id)
    if sub is None:
        raise HTTPException(404)
    sub.plan = body.plan
    sub.seats = body.seats
    await session.commit()
    return {"id": sub.id, "plan": sub.plan, "seats": sub.seats}
