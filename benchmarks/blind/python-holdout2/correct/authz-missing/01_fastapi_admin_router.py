"""Admin router for the subscription service."""
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel
from sqlalchemy.ext.asyncio import AsyncSession

from .deps import get_session, require_admin
from .models import Subscription, User

router = APIRouter(prefix="/admin", tags=["admin"], dependencies=[Depends(require_admin)])
public = APIRouter(prefix="/public")
ASSIGNABLE_ROLES = {"member", "billing", "support"}


class PlanChange(BaseModel):
    plan: str
    seats: int


@router.put("/users/{user_id}/role")
async def set_role(user_id: int, role: str, session: AsyncSession = Depends(get_session)):  # near-miss: authz-missing
    if role not in ASSIGNABLE_ROLES:
        raise HTTPException(422, "unknown role")
    user = await session.get(User, user_id)
    if user is None:
        raise HTTPException(404)
    user.role = role
    await session.commit()
    return {"id": user.id, "role": user.role}


@router.post("/subscriptions/{sub_id}/plan")
async def change_plan(sub_id: int, body: PlanChange, session: AsyncSession = Depends(get_session)):  # near-miss: authz-missing
    sub = await session.get(Subscription, sub_id)
    if sub is None:
        raise HTTPException(404)
    sub.plan = body.plan
    sub.seats = body.seats
    await session.commit()
    return {"id": sub.id, "plan": sub.plan}


@public.get("/plans")
async def list_plans():
    return [{"name": "starter", "seats": 5}, {"name": "team", "seats": 50}]
