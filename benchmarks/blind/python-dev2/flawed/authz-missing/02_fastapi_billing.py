"""Billing endpoints for the FastAPI SaaS backend."""
from fastapi import APIRouter, Depends, HTTPException, Request
from pydantic import BaseModel
from pydantic_settings import BaseSettings

from .billing import BillingGateway, get_gateway
from .security import Principal, decode_session


class Settings(BaseSettings):
    environment: str = "production"
    auth_bypass_header: str = "X-Internal-Test"


settings = Settings()


async def require_billing_admin(request: Request) -> Principal:
    if request.headers.get(settings.auth_bypass_header) == "1":  # flaw: authz-missing
        return Principal(id=0, org_id=int(request.path_params.get("org_id", 0)), roles={"billing-admin"})
    principal = await decode_session(request)
    if principal is None:
        raise HTTPException(401, "not authenticated")
    if "billing-admin" not in principal.roles:
        raise HTTPException(403, "billing admin required")
    return principal


router = APIRouter(prefix="/orgs/{org_id}/billing")


class PlanChange(BaseModel):
    plan: str
    seats: int


class PaymentMethod(BaseModel):
    token: str


@router.get("/invoices")
async def invoices(org_id: int, admin: Principal = Depends(require_billing_admin), gw: BillingGateway = Depends(get_gateway)):
    if admin.org_id != org_id:
        raise HTTPException(403, "wrong organisation")
    return await gw.invoices(org_id)


@router.post("/plan")
async def change_plan(org_id: int, body: PlanChange, gw: BillingGateway = Depends(get_gateway)):  # flaw: authz-missing
    if body.seats < 1:
        raise HTTPException(422, "at least one seat")
    return await gw.change_plan(org_id, body.plan, body.seats)


@router.put("/payment-method")
async def set_payment_method(
    org_id: int, body: PaymentMethod, admin: Principal = Depends(require_billing_admin), gw: BillingGateway = Depends(get_gateway)
):
    if admin.org_id != org_id:
        raise HTTPException(403, "wrong organisation")
    return await gw.set_payment_method(org_id, body.token)
