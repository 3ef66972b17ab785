"""FastAPI admin endpoint that suspends a customer account at Brindle Health."""
import logging
import os

import httpx
from fastapi import APIRouter, Depends
from sqlalchemy import delete, update
from sqlalchemy.ext.asyncio import AsyncSession

from .db import get_session
from .deps import require_support_admin
from .models import Account, RefreshToken

log = logging.getLogger(__name__)
router = APIRouter(prefix="/admin/accounts")

KC_URL = os.environ["KEYCLOAK_URL"]
KC_REALM = os.environ.get("KEYCLOAK_REALM", "patients")


async def _kc_admin_token(client: httpx.AsyncClient) -> str:
    resp = await client.post(
        f"{KC_URL}/realms/master/protocol/openid-connect/token",
        data={"grant_type": "client_credentials", "client_id": os.environ["KC_CLIENT_ID"],
              "client_secret": os.environ["KC_CLIENT_SECRET"]},
    )
    resp.raise_for_status()
    return resp.json()["access_token"]


@router.post("/{account_id}/suspend")
async def suspend_account(account_id: str, db: AsyncSession = Depends(get_session), _=Depends(require_support_admin)):
    await db.execute(update(Account).where(Account.id == account_id).values(status="suspended"))
    await db.execute(delete(RefreshToken).where(RefreshToken.account_id == account_id))
    await db.commit()
    async with httpx.AsyncClient(timeout=10) as client:
        try:
            token = await _kc_admin_token(client)
            r = await client.post(f"{KC_URL}/admin/realms/{KC_REALM}/users/{account_id}/logout",
                                  headers={"Authorization": f"Bearer {token}"})
            r.raise_for_status()
        except httpx.HTTPError as exc:  # flaw: incomplete-deprovisioning
            log.error("keycloak logout failed for %s: %s", account_id, exc)
    return {"account": account_id, "status": "suspended"}
