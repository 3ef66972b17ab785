"""Organisation billing endpoints (Sanic) guarded by a role-checking decorator."""
from functools import wraps

from sanic import Blueprint, json
from sanic.exceptions import Forbidden, Unauthorized

bp = Blueprint("billing", url_prefix="/orgs/<org_id:int>/billing")


def org_role(*roles: str):
    def decorator(handler):
        @wraps(handler)
        async def wrapper(request, org_id: int, *args, **kwargs):
            user = request.ctx.user
            if user is None:
                raise Unauthorized("sign in required")
            membership = await request.app.ctx.orgs.membership(org_id, user.id)
            if membership is None or membership.role not in roles:
                raise Forbidden("insufficient role")
            request.ctx.membership = membership
            return await handler(request, org_id, *args, **kwargs)

        return wrapper

    return decorator


@bp.get("/plan")
@org_role("owner", "billing_admin", "member")
async def current_plan(request, org_id: int):
    return json(await request.app.ctx.billing.plan(org_id))


@bp.put("/plan")
@org_role("owner", "billing_admin")
async def update_plan(request, org_id: int):
    plan = request.json.get("plan")
    await request.app.ctx.billing.change_plan(org_id, plan, actor=request.ctx.user.id)
    return json({"plan": plan})


@bp.put("/payment-method")
@org_role("owner")
async def update_payment_method(request, org_id: int):  # near-miss: authz-missing
    await request.app.ctx.billing.attach_payment_method(org_id, request.json["payment_method_token"], actor=request.ctx.user.id)
    return json({"ok": True})
