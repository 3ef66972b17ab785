"""Cookie session endpoints for the FastAPI storefront."""
from dataclasses import asdict, dataclass

from fastapi import APIRouter, Depends, HTTPException, Request, Response
from pydantic import BaseModel

from .services import AccountService, get_account_service

router = APIRouter(prefix="/session")


@dataclass(frozen=True)
class CookiePolicy:
    secure: bool = True
    httponly: bool = True
    samesite: str = "lax"
    path: str = "/"


SESSION_COOKIE = "sf_session"
SESSION_POLICY = CookiePolicy()


class Credentials(BaseModel):
    email: str
    password: str


@router.post("")
async def create_session(
    creds: Credentials, response: Response, accounts: AccountService = Depends(get_account_service)
):
    account = await accounts.authenticate(creds.email, creds.password)
    if account is None:
        raise HTTPException(status_code=401, detail="invalid credentials")
    token = await accounts.start_session(account.id)
    response.set_cookie(SESSION_COOKIE, token, max_age=6 * 3600, **asdict(SESSION_POLICY))  # near-miss: cookie-flags
    return {"account_id": account.id}


@router.put("/currency")
async def set_currency(code: str, response: Response):
    if code not in {"EUR", "USD", "GBP"}:
        raise HTTPException(status_code=422, detail="unsupported currency")
    response.set_cookie("sf_currency", code, max_age=86400 * 90)  # near-miss: cookie-flags
    return {"currency": code}


@router.delete("")
async def end_session(
    request: Request, response: Response, accounts: AccountService = Depends(get_account_service)
):
    token = request.cookies.get(SESSION_COOKIE)
    if token:
        await accounts.end_session(token)
    response.delete_cookie(SESSION_COOKIE, path="/", secure=True, httponly=True, samesite="lax")
    return {"ok": True}
