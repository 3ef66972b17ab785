"""Self-service signup and proxy-authenticated internal routes."""
from fastapi import APIRouter, Depends, Header, HTTPException
from pydantic import BaseModel, EmailStr
from sqlmodel import Field, Session, SQLModel

from .deps import get_session, hash_password

router = APIRouter()


class Account(SQLModel, table=True):
    id: int | None = Field(default=None, primary_key=True)
    email: str = Field(unique=True)
    display_name: str
    password_hash: str
    is_admin: bool = False
    plan: str = "free"


class SignupIn(BaseModel):
    email: EmailStr
    display_name: str
    password: str
    is_admin: bool = False
    plan: str = "free"


@router.post("/signup", status_code=201)
def signup(body: SignupIn, session: Session = Depends(get_session)):
    fields = body.model_dump(exclude={"password"})
    account = Account(**fields, password_hash=hash_password(body.password))  # flaw: role-from-input
    session.add(account)
    session.commit()
    return {"id": account.id}


def internal_principal(x_user_id: int = Header(...), x_user_roles: str = Header("")) -> dict:
    return {"id": x_user_id, "roles": set(x_user_roles.split(","))}  # flaw: role-from-input


@router.delete("/internal/accounts/{account_id}")
def purge_account(account_id: int, principal: dict = Depends(internal_principal),
                  session: Session = Depends(get_session)):
    if "support-admin" not in principal["roles"]:
        raise HTTPException(403)
    account = session.get(Account, account_id)
    session.delete(account)
    session.commit()
    return {"deleted": account_id}
