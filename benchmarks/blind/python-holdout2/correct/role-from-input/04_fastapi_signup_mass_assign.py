"""Self-service signup and token-authenticated internal routes."""
from fastapi import APIRouter, Depends, HTTPException
from pydantic import BaseModel, ConfigDict, EmailStr
from sqlmodel import Field, Session, SQLModel

from .deps import get_session, hash_password, verified_claims

router = APIRouter()


class Account(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True)
    display_name: str
    password_hash: str
    is_admin: bool = False
    plan: str = "free"


class SignupIn(BaseModel):
    model_config = ConfigDict(extra="forbid")
    email: EmailStr
    display_name: str
    password: str


@router.post("/signup", status_code=201)
def signup(body: SignupIn, session: Session = Depends(get_session)):
    account = Account(email=body.email, display_name=body.display_name,
                      password_hash=hash_password(body.password), is_admin=False, plan="free")  # near-miss: role-from-input
    session.add(account)
    session.commit()
    return {"id": account.id}


def internal_principal(claims: dict = Depends(verified_claims)) -> dict:
    # roles come from the signed token issued by the identity provider
    return {"id": int(claims["sub"]), "roles": set(claims.get("roles", []))}  # near-miss: role-from-input


@router.delete("/internal/accounts/{account_id}")
def purge_account(account_id: int, principal: dict = Depends(internal_principal),
                  session: Session = Depends(get_session)):
    if "support-admin" not in principal["roles"]:
        raise HTTPException(403)
    account = session.get(Account, account_id)
    session.delete(account)
    session.commit()
    return {"deleted": account_id}
