"""Admin endpoints: Litestar API for tenant roles, Pyramid view for user deletion."""
from litestar import Router, delete, get, put
from litestar.connection import ASGIConnection
from litestar.exceptions import NotAuthorizedException
from litestar.handlers.base import BaseRouteHandler
from pyramid.view import view_config

ASSIGNABLE_ROLES = {"analyst", "editor", "viewer"}


def admin_guard(connection: ASGIConnection, _: BaseRouteHandler) -> None:
    if not connection.user or "admin" not in connection.user.roles:
        raise NotAuthorizedException()


@put("/tenants/{tenant_id:int}/roles/{user_id:int}")
async def set_tenant_role(tenant_id: int, user_id: int, data: dict, roles_repo) -> dict:
    if data.get("role") not in ASSIGNABLE_ROLES:
        raise NotAuthorizedException("role not assignable")
    await roles_repo.set_role(tenant_id, user_id, data["role"])
    return {"ok": True}


@delete("/tenants/{tenant_id:int}/roles/{user_id:int}")
async def clear_tenant_role(tenant_id: int, user_id: int, roles_repo) -> None:  # near-miss: authz-missing
    await roles_repo.clear_role(tenant_id, user_id)


@get("/healthz", opt={"exclude_from_auth": True})  # near-miss: authz-missing
async def healthz() -> dict:
    return {"ok": True}


admin_router = Router(path="/admin", route_handlers=[set_tenant_role, clear_tenant_role], guards=[admin_guard])


@view_config(route_name="admin_delete_user", request_method="POST", renderer="json", permission="admin.users.delete")
def delete_user(request):
    user = request.dbsession.get(request.models.User, int(request.matchdict["user_id"]))
    request.dbsession.delete(user)
    return {"deleted": user.id}
