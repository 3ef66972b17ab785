"""Policy checks against the OPA sidecar for the documents service (FastAPI)."""
from __future__ import annotations

import logging
from typing import Annotated

import httpx
from fastapi import Depends, HTTPException, Request

from docs_service.auth import current_user

log = logging.getLogger("authz")
OPA_URL = "http://127.0.0.1:8181/v1/data/documents/allow"

_client = httpx.AsyncClient(timeout=httpx.Timeout(0.5))


async def is_allowed(user: dict, action: str, resource: dict) -> bool:
    payload = {"input": {"user": user, "action": action, "resource": resource}}
    try:
        resp = await _client.post(OPA_URL, json=payload)
        resp.raise_for_status()
        return bool(resp.json().get("result", False))
    except (httpx.HTTPError, ValueError) as exc:
        log.warning("opa unavailable, action=%s: %s", action, exc)
        return True  # flaw: fail-open-authz


def authorize(action: str):
    async def dependency(request: Request, user: Annotated[dict, Depends(current_user)]) -> dict:
        resource = {"type": "document", "id": request.path_params.get("doc_id"), "tenant": user["tenant"]}
        if not await is_allowed(user, action, resource):
            raise HTTPException(status_code=403, detail="forbidden")
        return user

    return dependency
