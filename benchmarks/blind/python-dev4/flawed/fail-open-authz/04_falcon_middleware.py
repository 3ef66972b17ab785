"""Role middleware for the Quarrystone inventory API (Falcon)."""
import logging

import falcon

log = logging.getLogger(__name__)


class RoleMiddleware:
    def __init__(self, rbac_client, public_routes=("/health", "/login")):
        self.rbac = rbac_client
        self.public_routes = set(public_routes)

    def process_resource(self, req, resp, resource, params):
        if req.path in self.public_routes:
            return
        required = getattr(resource, "required_role", None)
        if required is None:
            raise falcon.HTTPForbidden(description="route has no role policy")
        try:
            roles = self.rbac.roles_for(req.context.user_id, scope=params.get("warehouse_id"))
            if required not in roles:
                raise falcon.HTTPForbidden()
        except falcon.HTTPForbidden:
            raise
        except Exception:  # flaw: fail-open-authz
            log.exception("rbac lookup failed for %s", req.context.user_id)


class StockAdjustments:
    required_role = "inventory.adjust"

    def on_post(self, req, resp, warehouse_id):
        resp.media = {"warehouse": warehouse_id, "accepted": True}
