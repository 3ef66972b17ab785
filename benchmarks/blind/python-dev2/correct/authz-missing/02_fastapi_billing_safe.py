"""Billing endpoints for the FastAPI SaaS backend (router-level authorization)."""
from fastapi import APIRouter, Depends, FastAPI, HTTPException, Request
from pydantic import BaseModel
from pydantic_settings import BaseSettings

from .billing import BillingGateway, get_gateway
from .security import Principal, decode_session


class Settings(BaseSettings):
    environment: str = "production"
    debug: bool = False


settings = Settings()


async def require_billing_admin(request: Request, org_id: int) -> Principal:
    principal = await decode_session(request)
    if principal is None:
        raise HTTPException(401, "not authenticated")
    if "billing-admin" not in principal.roles or principal.org_id != org_id:
        raise HTTPException(403, "billing admin for this organisation required")
    return principal


router = APIRouter(prefix="/orgs/{org_id}/billing", dependencies=[Depends(require_billing_admin)])


class PlanChange(BaseModel):
    plan: str
    seats: int


@router.post("/plan")
async def change_plan(org_id: int, body: PlanChange, gw: BillingGateway = Depends(get_gateway)):  # near-miss: authz-missing
    if body.seats < 1:
        raise HTTPException(422, "at least one seat")
    return await gw.change_plan(org_id, body.plan, body.seats)


@router.delete("/subscription")
async def cancel(org_id: int, gw: BillingGateway = Depends(get_gateway)):  # near-miss: authz-missing
    return await gw.cancel(org_id)


app = FastAPI(docs_url="/docs" if settings.debug else None, redoc_url=None)  # near-miss: authz-missing
app.include_router(router)


@app.post("/billing/webhooks/stripe-events")
async def billing_webhook(request: Request, gw: BillingGateway = Depends(get_gateway)):  # near-miss: authz-missing
    """Authenticated by the provider's signature, verified inside the gateway."""
    body = await request.body()
    await gw.handle_signed_event(body, request.headers.get("Stripe-Signature", ""))
    return {"received": True}
