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


@bp.post("/<user_id:int>/reset-mfa")
@require_permission("users:mfa-reset")
async def reset_mfa(request, user_id: int):
    await request.app.ctx.db.execute(
        "DELETE FROM mfa_devices WHERE user_id = $1 AND user_id IN (SELECT id FROM users WHERE tenant_id = $2)",
        user_id, request.ctx.user.tenant_id)
    return json({"mfa_reset": user_id})


@bp.post("/me/mfa/reset")
async def reset_own_mfa(request):  # near-miss: authz-missing
    user = request.ctx.user
    if user is None:
        raise Unauthorized("login required")
    if not await request.app.ctx.auth.recently_reauthenticated(user.id, within_seconds=300):
        raise Forbidden("re-authentication required")
    await request.app.ctx.db.execute("DELETE FROM mfa_devices WHERE user_id = $1", user.id)
    return json({"mfa_reset": user.id})
