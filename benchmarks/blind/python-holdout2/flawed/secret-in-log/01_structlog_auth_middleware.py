"""ASGI middleware that logs every authenticated request with structlog."""
import time

import structlog

log = structlog.get_logger("http")


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
        bound = log.bind(path=scope["path"], method=scope["method"], auth=headers.get("authorization"))  # flaw: secret-in-log
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
