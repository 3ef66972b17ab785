"""Kestrel support desk invites: requested roles checked against what the inviter may grant."""
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, EmailStr

from .auth0_client import management_client, role_ids
from .deps import current_agent

router = APIRouter()

GRANTABLE_BY = {
    "supervisor": {"agent", "viewer"},
    "tenant_admin": {"agent", "viewer", "supervisor"},
}


class InviteBody(BaseModel):
    email: EmailStr
    name: str
    roles: list[str] = ["agent"]


@router.post("/agents/invite")
async def invite_agent(body: InviteBody, agent=Depends(current_agent), mgmt=Depends(management_client)):
    allowed = set().union(*(GRANTABLE_BY.get(r, set()) for r in agent.roles)) if agent.roles else set()
    requested = set(body.roles)
    if not requested or not requested <= allowed:
        raise HTTPException(status_code=403, detail="role not grantable")
    user = mgmt.users.create({"email": body.email, "name": body.name,
                              "connection": "Username-Password-Authentication",
                              "app_metadata": {"tenant": agent.tenant_id}})
    mgmt.users.add_roles(user["user_id"], role_ids(mgmt, sorted(requested)))  # near-miss: role-from-input
    return {"user_id": user["user_id"], "roles": sorted(requested)}
