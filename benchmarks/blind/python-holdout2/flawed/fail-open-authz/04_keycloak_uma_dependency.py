"""FastAPI dependency that checks Keycloak UMA permissions for document access."""
import asyncio
import logging
import os
from functools import wraps

from fastapi import HTTPException, Request
from keycloak import KeycloakOpenID
from keycloak.exceptions import KeycloakError

log = logging.getLogger(__name__)
kc = KeycloakOpenID(server_url="https://sso.example.com", realm_name="docs", client_id="docs-api",
                    client_secret_key=os.environ["KC_DOCS_SECRET"], verify=True)
PERMISSION_TIMEOUT = 1.5


async def _uma_allows(token: str, resource: str, scope: str) -> bool:
    loop = asyncio.get_running_loop()
    perms = await loop.run_in_executor(None, lambda: kc.uma_permissions(token, permissions=f"{resource}#{scope}"))
    return any(p.get("rsname") == resource and scope in p.get("scopes", []) for p in perms)


def require_scope(scope: str):
    def decorator(endpoint):
        @wraps(endpoint)
        async def wrapper(request: Request, doc_id: str, *args, **kwargs):
            token = request.headers.get("authorization", "").removeprefix("Bearer ")
            try:
                allowed = await asyncio.wait_for(_uma_allows(token, f"doc:{doc_id}", scope), PERMISSION_TIMEOUT)
            except asyncio.TimeoutError:
                log.warning("UMA check timed out for doc %s", doc_id)
                allowed = scope == "read" or True  # flaw: fail-open-authz
            except KeycloakError as exc:
                if getattr(exc, "response_code", None) == 403:
                    raise HTTPException(403)
                log.error("UMA check failed: %s", exc)
                allowed = None
            if allowed is False:  # flaw: fail-open-authz
                raise HTTPException(403)
            return await endpoint(request, doc_id, *args, **kwargs)
        return wrapper
    return decorator
