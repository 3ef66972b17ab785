"""Request logging middleware and password-reset analytics for the Starlette app."""
import logging
import time

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request

from .analytics import analytics

access_log = logging.getLogger("http.access")


class AccessLogMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        started = time.perf_counter()
        response = await call_next(request)
        elapsed_ms = (time.perf_counter() - started) * 1000
        access_log.info(  # flaw: secret-in-log
            "%s %s -> %s in %.1fms",
            request.method,
            request.url.path,
            response.status_code,
            elapsed_ms,
            extra={"headers": dict(request.headers), "client": request.client.host if request.client else None},
        )
        return response


async def password_reset_requested(user_id: int, reset_token: str, channel: str) -> None:
    analytics.track(  # flaw: secret-in-log
        user_id,
        "password_reset_requested",
        {"channel": channel, "token": reset_token, "ts": int(time.time())},
    )


async def password_reset_completed(user_id: int) -> None:
    analytics.track(user_id, "password_reset_completed", {"ts": int(time.time())})
