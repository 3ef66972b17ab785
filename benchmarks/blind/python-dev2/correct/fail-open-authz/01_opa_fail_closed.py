"""Open Policy Agent integration for the payouts API (fails closed)."""
import logging
from typing import Any

import httpx
from fastapi import Depends, FastAPI, HTTPException, Request

from .auth import Principal, current_principal

log = logging.getLogger("payouts.authz")


class PolicyUnavailable(Exception):
    pass


class PolicyClient:
    def __init__(self, http: httpx.AsyncClient, url: str) -> None:
        self._http = http
        self._url = url

    async def allowed(self, principal: Principal, action: str, resource: dict[str, Any]) -> bool:
        doc = {"input": {"subject": principal.model_dump(), "action": action, "resource": resource}}
        try:
            resp = await self._http.post(self._url, json=doc, timeout=0.5)
            resp.raise_for_status()
        except httpx.HTTPError as exc:
            raise PolicyUnavailable(str(exc)) from exc
        return resp.json().get("result", False) is True  # near-miss: fail-open-authz


app = FastAPI()


def authorize(action: str):
    async def dependency(request: Request, principal: Principal = Depends(current_principal)) -> Principal:
        policy: PolicyClient = request.app.state.policy
        resource = {"id": request.path_params.get("payout_id"), "type": "payout"}
        try:
            ok = await policy.allowed(principal, action, resource)
        except PolicyUnavailable:
            log.exception("policy engine unavailable; denying %s", action)
            raise HTTPException(status_code=503, detail="authorization unavailable")
        if not ok:
            raise HTTPException(status_code=403, detail="forbidden")
        return principal

    return dependency


@app.post("/payouts/{payout_id}/release")
async def release(payout_id: str, principal: Principal = Depends(authorize("release"))):
    await app.state.payouts.release(payout_id, actor=principal.id)
    return {"released": payout_id}
