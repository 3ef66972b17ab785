"""Access logging middleware that masks credentials (Starlette)."""
import logging
import time

from starlette.middleware.base import BaseHTTPMiddleware
from starlette.requests import Request

from .analytics import analytics

access_log = logging.getLogger("http.access")
MASKED_HEADERS = frozenset({"authorization", "cookie", "x-api-key", "proxy-authorization", "x-csrf-token"})


def safe_headers(headers) -> dict[str, str]:
    return {k: ("***" if k.lower() in MASKED_HEADERS else v) for k, v in headers.items()}


class AccessLogMiddleware(BaseHTTPMiddleware):
    async def dispatch(self, request: Request, call_next):
        started = time.perf_counter()
        response = await call_next(request)
        access_log.info(
            "%s %s -> %s in %.1fms",
            request.method,
            request.url.path,
            response.status_code,
            (time.perf_counter() - started) * 1000,
            extra={"headers": safe_headers(request.headers)},  # near-miss: secret-in-log
        )
        return response


async def password_reset_requested(user_id: int, reset_token: str, channel: str) -> None:
    analytics.track(user_id, "password_reset_requested", {"channel": channel, "token_len": len(reset_token)})  # near-miss: secret-in-log
