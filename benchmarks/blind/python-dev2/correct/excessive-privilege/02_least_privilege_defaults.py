"""Org signup, member invites and API-key defaults for the developer platform."""
import secrets
from enum import Enum

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from .models import ApiKey, Membership, Org
from .security import hash_key


class Role(str, Enum):
    VIEWER = "viewer"
    DEVELOPER = "developer"
    ADMIN = "admin"
    OWNER = "owner"  # near-miss: excessive-privilege


DEFAULT_MEMBER_ROLE = Role.VIEWER
DEFAULT_KEY_SCOPES = ("projects:read",)


class NewKey(BaseModel):
    name: str
    scopes: tuple[str, ...] = Field(default=DEFAULT_KEY_SCOPES)


def create_org(db: Session, name: str, founder_id: int) -> Org:
    """The person creating the organisation is its first and only owner."""
    org = Org(name=name)
    db.add(org)
    db.flush()
    db.add(Membership(org_id=org.id, user_id=founder_id, role=Role.OWNER.value))  # near-miss: excessive-privilege
    db.commit()
    return org


def add_member(db: Session, org_id: int, user_id: int) -> Membership:
    membership = Membership(org_id=org_id, user_id=user_id, role=DEFAULT_MEMBER_ROLE.value)
    db.add(membership)
    db.commit()
    return membership


def create_key(db: Session, account_id: int, body: NewKey, allowed: set[str]) -> tuple[ApiKey, str]:
    if "*" in body.scopes:  # near-miss: excessive-privilege
        raise ValueError("wildcard scopes cannot be issued to API keys")
    if not set(body.scopes) <= allowed:
        raise PermissionError("requested scopes exceed your own")
    raw = f"dp_{secrets.token_urlsafe(32)}"
    key = ApiKey(account_id=account_id, key_hash=hash_key(raw), scopes=list(body.scopes))
    db.add(key)
    db.commit()
    return key, raw
