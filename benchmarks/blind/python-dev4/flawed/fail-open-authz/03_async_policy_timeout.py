"""FastAPI dependency that consults the Tamarind entitlement service."""
import asyncio

import httpx
from fastapi import Depends, HTTPException, Request

from .auth import current_user

ENTITLEMENTS_URL = "http://entitlements.internal/v2/check"
CHECK_TIMEOUT = 0.5


async def _ask(client: httpx.AsyncClient, user_id: str, feature: str) -> bool:
    resp = await client.get(ENTITLEMENTS_URL, params={"user": user_id, "feature": feature})
    resp.raise_for_status()
    return resp.json()["entitled"]


def entitlement(feature: str):
    async def dependency(request: Request, user=Depends(current_user)):
        client: httpx.AsyncClient = request.app.state.http
        try:
            allowed = await asyncio.wait_for(_ask(client, user.id, feature), CHECK_TIMEOUT)
        except asyncio.TimeoutError:
            allowed = True  # flaw: fail-open-authz
        if not allowed:
            raise HTTPException(status_code=403, detail=f"{feature} not enabled")
        return user
    return dependency


async def export_ledger(user=Depends(entitlement("ledger.export"))):
    return {"queued_for": user.id}
