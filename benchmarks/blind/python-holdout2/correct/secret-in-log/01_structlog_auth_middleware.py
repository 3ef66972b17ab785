"""ASGI middleware that logs every authenticated request with structlog."""
import hashlib
import time

import structlog

log = structlog.get_logger("http")
REDACTED_HEADERS = {"authorization", "cookie", "x-api-key"}


def _fingerprint(value: str | None) -> str | None:
    if not value:
        return None
    return hashlib.sha256(value.encode()).hexdigest()[:12]


class RequestLogMiddleware:
    def __init__(self, app):
        self.app = app

    @staticmethod
    def _headers(scope) -> dict:
        return {k.decode().lower(): v.decode() for k, v in scope.get("headers", [])}

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        started = time.perf_counter()
        headers = self._headers(scope)
        safe_headers = {k: ("[redacted]" if k in REDACTED_HEADERS else v) for k, v in headers.items()}
        bound = log.bind(path=scope["path"], method=scope["method"],
                         auth_fp=_fingerprint(headers.get("authorization")),  # near-miss: secret-in-log
                         headers=safe_headers)
        status_holder = {}

        async def _send(message):
            if message["type"] == "http.response.start":
                status_holder["status"] = message["status"]
            await send(message)

        try:
            await self.app(scope, receive, _send)
        finally:
            bound.info("request", status=status_holder.get("status"),
                       ms=round((time.perf_counter() - started) * 1000, 1))
