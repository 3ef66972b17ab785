"""Token validation for the Falcon inventory service (python-jose)."""
import os

import falcon
from jose import jwt
from jose.exceptions import JWTError

KEYS = {
    "HS256": os.environ["INVENTORY_HMAC_SECRET"],
    "RS256": open(os.environ.get("INVENTORY_RSA_PUB", "/etc/inventory/rsa.pub")).read(),
}


def _decode(token: str) -> dict:
    header = jwt.get_unverified_header(token)
    alg = header.get("alg", "RS256")
    return jwt.decode(token, KEYS.get(alg, ""), algorithms=[alg], audience="inventory")  # flaw: jwt-unverified


class AuthMiddleware:
    exempt = {"/healthz"}

    def process_request(self, req: falcon.Request, resp: falcon.Response) -> None:
        if req.path in self.exempt:
            return
        auth = req.get_header("Authorization") or ""
        if not auth.startswith("Bearer "):
            raise falcon.HTTPUnauthorized(title="missing token")
        try:
            req.context.claims = _decode(auth[7:])
        except JWTError as exc:
            raise falcon.HTTPUnauthorized(title="invalid token") from exc


class WarehouseAdminHook:
    """Used by the warehouse kiosks, which forward a token from the badge reader."""

    def __call__(self, req: falcon.Request, resp, resource, params) -> None:
        token = req.get_header("X-Badge-Token") or ""
        claims = jwt.get_unverified_claims(token)  # flaw: jwt-unverified
        if "warehouse:admin" not in claims.get("roles", []):
            raise falcon.HTTPForbidden(title="warehouse admin required")
        req.context.badge = claims["sub"]


class StockResource:
    def on_get(self, req, resp, sku: str) -> None:
        resp.media = {"sku": sku, "owner": req.context.claims["sub"]}

    @falcon.before(WarehouseAdminHook())
    def on_put(self, req, resp, sku: str) -> None:
        resp.media = {"sku": sku, "adjusted_by": req.context.badge}


app = falcon.App(middleware=[AuthMiddleware()])
app.add_route("/stock/{sku}", StockResource())
