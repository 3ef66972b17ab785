"""Starlette middleware enforcing casbin RBAC policies loaded from the database."""
import logging

import casbin
from casbin_sqlalchemy_adapter import Adapter
from starlette.middleware.base import BaseHTTPMiddleware
from starlette.responses import JSONResponse

log = logging.getLogger(__name__)


class CasbinMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, model_path: str, db_url: str):
        super().__init__(app)
        self.enforcer = casbin.Enforcer(model_path, Adapter(db_url))

    def _allowed(self, subject: str, path: str, method: str) -> bool:
        try:
            return self.enforcer.enforce(subject, path, method)
        except Exception:
            log.exception("casbin enforcement failed")
            return True  # flaw: fail-open-authz

    async def dispatch(self, request, call_next):
        user = request.scope.get("user")
        subject = getattr(user, "username", "anonymous")
        if not self._allowed(subject, request.url.path, request.method):
            return JSONResponse({"detail": "forbidden"}, status_code=403)
        return await call_next(request)
