"""Tamarind entitlement dependency: a slow or failing service denies."""
import asyncio
import logging

import httpx
from fastapi import Depends, HTTPException, Request

from .auth import current_user

log = logging.getLogger(__name__)
ENTITLEMENTS_URL = "http://entitlements.internal/v2/check"


def entitlement(feature: str):
    async def dependency(request: Request, user=Depends(current_user)):
        client: httpx.AsyncClient = request.app.state.http
        try:
            resp = await asyncio.wait_for(
                client.get(ENTITLEMENTS_URL, params={"user": user.id, "feature": feature}), 0.5)
            resp.raise_for_status()
            allowed = resp.json().get("entitled", False)  # near-miss: fail-open-authz
        except (asyncio.TimeoutError, httpx.HTTPError) as exc:
            log.warning("entitlement check failed: %r", exc)
            raise HTTPException(status_code=503, detail="authorization unavailable")
        if allowed is not True:
            raise HTTPException(status_code=403, detail=f"{feature} not enabled")
        return user
    return dependency


async def public_status():
    try:
        return {"ok": True}
    except Exception:  # near-miss: fail-open-authz
        return {"ok": False}
