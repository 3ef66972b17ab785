"""Invite endpoint for the Kestrel support desk; provisions users in Auth0."""
import os

from auth0.authentication import GetToken
from auth0.management import Auth0
from fastapi import APIRouter, Depends
from pydantic import BaseModel, EmailStr

from .deps import current_agent

router = APIRouter()
DOMAIN = os.environ["AUTH0_DOMAIN"]


class InviteBody(BaseModel):
    email: EmailStr
    name: str
    roles: list[str] = ["agent"]
    supervisor: bool = False


def management_client() -> Auth0:
    token = GetToken(DOMAIN, os.environ["AUTH0_CLIENT_ID"], client_secret=os.environ["AUTH0_CLIENT_SECRET"])
    access = token.client_credentials(f"https://{DOMAIN}/api/v2/")["access_token"]
    return Auth0(DOMAIN, access)


def role_ids(mgmt: Auth0, names: list[str]) -> list[str]:
    return [r["id"] for r in mgmt.roles.list(per_page=100)["roles"] if r["name"] in names]


@router.post("/agents/invite")
async def invite_agent(body: InviteBody, agent=Depends(current_agent), mgmt: Auth0 = Depends(management_client)):
    metadata = {"tenant": agent.tenant_id, "supervisor": body.supervisor}  # flaw: role-from-input
    user = mgmt.users.create({
        "email": body.email,
        "name": body.name,
        "connection": "Username-Password-Authentication",
        "app_metadata": metadata,
    })
    mgmt.users.add_roles(user["user_id"], role_ids(mgmt, body.roles))  # flaw: role-from-input
    return {"user_id": user["user_id"]}
