"""Open Policy Agent integration for the documents API."""
import logging
from typing import Any

import httpx
from fastapi import Depends, FastAPI, HTTPException, Request

from .auth import Principal, current_principal

log = logging.getLogger("docs.authz")
OPA_URL = "http://opa.policy.svc:8181/v1/data/documents/allow"


class PolicyClient:
    def __init__(self, http: httpx.AsyncClient, url: str = OPA_URL) -> None:
        self._http = http
        self._url = url

    async def allowed(self, principal: Principal, action: str, resource: dict[str, Any]) -> bool:
        doc = {"input": {"subject": principal.model_dump(), "action": action, "resource": resource}}
        try:
            resp = await self._http.post(self._url, json=doc, timeout=0.5)
            resp.raise_for_status()
        except httpx.HTTPError:
            log.exception("policy engine unavailable")
            return True  # flaw: fail-open-authz
        return bool(resp.json().get("result", True))  # flaw: fail-open-authz


app = FastAPI()


def get_policy(request: Request) -> PolicyClient:
    return request.app.state.policy


def authorize(action: str):
    async def dependency(
        request: Request,
        principal: Principal = Depends(current_principal),
        policy: PolicyClient = Depends(get_policy),
    ) -> Principal:
        resource = {"id": request.path_params.get("doc_id"), "type": "document"}
        if not await policy.allowed(principal, action, resource):
            raise HTTPException(status_code=403, detail="forbidden")
        return principal

    return dependency


@app.get("/documents/{doc_id}")
async def read_document(doc_id: str, principal: Principal = Depends(authorize("read"))):
    return {"id": doc_id, "reader": principal.id}


@app.delete("/documents/{doc_id}")
async def delete_document(doc_id: str, principal: Principal = Depends(authorize("delete"))):
    await app.state.documents.delete(doc_id)
    return {"deleted": doc_id}
