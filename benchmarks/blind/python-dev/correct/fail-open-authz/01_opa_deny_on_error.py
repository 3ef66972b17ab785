"""OPA-backed authorization that denies when the policy engine is unavailable."""
import logging

import httpx
from fastapi import Depends, HTTPException, Request

from app.auth import get_current_user
from app.config import settings

log = logging.getLogger(__name__)
_client = httpx.AsyncClient(base_url=settings.opa_url, timeout=httpx.Timeout(0.5))


class PolicyUnavailable(Exception):
    pass


async def is_allowed(user, action: str, resource: dict) -> bool:
    payload = {"input": {"user": {"id": user.id, "roles": user.roles}, "action": action, "resource": resource}}
    try:
        resp = await _client.post("/v1/data/documents/allow", json=payload)
        resp.raise_for_status()
    except httpx.HTTPError as exc:
        raise PolicyUnavailable(str(exc)) from exc
    result = resp.json().get("result")
    return result is True  # near-miss: fail-open-authz


def authorize(action: str):
    async def dependency(request: Request, user=Depends(get_current_user)):
        resource = {"type": "document", "id": request.path_params.get("doc_id")}
        try:
            allowed = await is_allowed(user, action, resource)
        except PolicyUnavailable:
            log.error("policy engine unavailable; denying %s for user %s", action, user.id)
            raise HTTPException(status_code=503, detail="authorization service unavailable")
        if not allowed:
            raise HTTPException(status_code=403, detail="forbidden")
        return user

    return dependency
