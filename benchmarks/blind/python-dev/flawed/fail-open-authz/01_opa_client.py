"""Authorization via Open Policy Agent for the FastAPI documents service."""
import logging

import httpx
from fastapi import Depends, HTTPException, Request

from app.auth import get_current_user
from app.config import settings

log = logging.getLogger(__name__)

_client = httpx.AsyncClient(base_url=settings.opa_url, timeout=httpx.Timeout(0.5))


async def is_allowed(user, action: str, resource: dict) -> bool:
    payload = {"input": {"user": {"id": user.id, "roles": user.roles, "tenant": user.tenant_id}, "action": action, "resource": resource}}
    try:
        resp = await _client.post("/v1/data/documents/allow", json=payload)
        resp.raise_for_status()
    except httpx.TimeoutException:
        log.warning("OPA timeout for user=%s action=%s", user.id, action)
        return True  # flaw: fail-open-authz
    except httpx.HTTPError:
        log.exception("OPA request failed")
        return False
    return bool(resp.json().get("result", False))


def authorize(action: str):
    async def dependency(request: Request, user=Depends(get_current_user)):
        resource = {"type": "document", "id": request.path_params.get("doc_id"), "tenant": user.tenant_id}
        if not await is_allowed(user, action, resource):
            raise HTTPException(status_code=403, detail="forbidden")
        return user

    return dependency
