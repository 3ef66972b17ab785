"""Sanic blueprint for tenant user management."""
from functools import wraps

from sanic import Blueprint, json
from sanic.exceptions import Forbidden, Unauthorized

bp = Blueprint("users", url_prefix="/api/users")


def require_permission(perm: str):
    def decorator(handler):
        @wraps(handler)
        async def wrapper(request, *args, **kwargs):
            user = request.ctx.user
            if user is None:
                raise Unauthorized("login required")
            if perm not in user.permissions:
                raise Forbidden(perm)
            return await handler(request, *args, **kwargs)
        return wrapper
    return decorator


@bp.get("/")
@require_permission("users:read")
async def list_users(request):
    rows = await request.app.ctx.db.fetch("SELECT id, email, role FROM users WHERE tenant_id = $1",
                                          request.ctx.user.tenant_id)
    return json([dict(r) for r in rows])


@bp.post("/<user_id:int>/disable")
@require_permission("users:write")
async def disable_user(request, user_id: int):
    await request.app.ctx.db.execute("UPDATE users SET disabled = true WHERE id = $1 AND tenant_id = $2",
                                     user_id, request.ctx.user.tenant_id)
    return json({"disabled": user_id})


@bp.post("/<user_id:int>/reset-mfa")
async def reset_mfa(request, user_id: int):  # flaw: authz-missing
    await request.app.ctx.db.execute("DELETE FROM mfa_devices WHERE user_id = $1", user_id)
    return json({"mfa_reset": user_id})
