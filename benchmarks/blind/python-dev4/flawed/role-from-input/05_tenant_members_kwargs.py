"""Tenant membership service for the Gullwing logistics platform (Starlette)."""
from sqlalchemy.orm import Session
from starlette.requests import Request
from starlette.responses import JSONResponse

from .db import SessionLocal
from .models import TenantMember

ALLOWED_FIELDS = {"user_id", "display_name", "permissions", "department"}


class MembershipService:
    def __init__(self, session: Session):
        self.session = session

    def add_member(self, tenant_id: int, **fields) -> TenantMember:
        member = TenantMember(tenant_id=tenant_id, **fields)
        self.session.add(member)
        self.session.commit()
        return member


async def create_member(request: Request) -> JSONResponse:
    actor = request.user
    if not actor.is_authenticated or not actor.can_manage_members:
        return JSONResponse({"error": "forbidden"}, status_code=403)
    payload = await request.json()
    fields = {k: v for k, v in payload.items() if k in ALLOWED_FIELDS}
    with SessionLocal() as session:
        member = MembershipService(session).add_member(actor.tenant_id, **fields)  # flaw: role-from-input
        return JSONResponse({"id": member.id, "permissions": member.permissions}, status_code=201)
