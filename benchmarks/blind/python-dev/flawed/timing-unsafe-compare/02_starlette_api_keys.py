"""API-key middleware for the Starlette metrics ingestion service."""
import hashlib

from starlette.middleware.base import BaseHTTPMiddleware, RequestResponseEndpoint
from starlette.requests import Request
from starlette.responses import JSONResponse, Response

from ingest.keys import KeyRecord, find_key_by_prefix


class ApiKeyMiddleware(BaseHTTPMiddleware):
    def __init__(self, app, admin_key: str, exempt_paths: tuple[str, ...] = ("/healthz",)):
        super().__init__(app)
        self.admin_key = admin_key
        self.exempt_paths = exempt_paths

    async def dispatch(self, request: Request, call_next: RequestResponseEndpoint) -> Response:
        if request.url.path in self.exempt_paths:
            return await call_next(request)

        provided = request.headers.get("x-api-key", "")
        if request.url.path.startswith("/admin/"):
            if provided == self.admin_key:  # flaw: timing-unsafe-compare
                return await call_next(request)
            return JSONResponse({"error": "forbidden"}, status_code=403)

        record = await self._lookup(provided)
        if record is None:
            return JSONResponse({"error": "invalid api key"}, status_code=401)
        request.state.tenant_id = record.tenant_id
        return await call_next(request)

    async def _lookup(self, provided: str) -> KeyRecord | None:
        if len(provided) < 16:
            return None
        record = await find_key_by_prefix(provided[:8])
        if record is None or record.revoked:
            return None
        digest = hashlib.blake2b(provided.encode(), key=record.pepper, digest_size=32).hexdigest()
        return record if digest == record.key_digest else None  # flaw: timing-unsafe-compare
