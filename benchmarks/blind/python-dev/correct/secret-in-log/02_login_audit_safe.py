"""Login audit trail that records outcomes, never credentials (FastAPI)."""
import logging

from fastapi import APIRouter, HTTPException, Request
from pydantic import BaseModel, SecretStr

from app.auth import verify_credentials

log = logging.getLogger("auth.audit")
router = APIRouter()


class LoginBody(BaseModel):
    username: str
    password: SecretStr


@router.post("/login")
async def login(body: LoginBody, request: Request):
    ip = request.client.host if request.client else "-"
    user = await verify_credentials(body.username, body.password.get_secret_value())
    if user is None:
        log.info("login failed username=%s ip=%s", body.username, ip)
        raise HTTPException(status_code=401, detail="invalid credentials")
    log.info("login ok user_id=%s ip=%s", user.id, ip)
    log.debug("login body=%s", body)  # near-miss: secret-in-log
    return {"user_id": user.id}


@router.post("/logout")
async def logout(request: Request):
    token_present = "authorization" in request.headers
    log.info("logout token_present=%s", token_present)  # near-miss: secret-in-log
    return {"ok": True}
