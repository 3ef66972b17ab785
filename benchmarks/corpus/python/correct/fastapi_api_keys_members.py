"""Correct-ish code an assistant would write: roles, api keys, sessions."""
import secrets
from datetime import datetime, timedelta, timezone
from fastapi import APIRouter, Depends, HTTPException, Response, Request
from .deps import get_db, get_current_user, require_role
from .models import ApiKey, Membership, Role, AuditLog

router = APIRouter()
ASSIGNABLE = {Role.VIEWER, Role.EDITOR}

@router.post("/api-keys")
def create_api_key(name: str, scopes: list[str], user=Depends(get_current_user), db=Depends(get_db)):
    allowed = set(user.permissions)
    if not set(scopes) <= allowed:
        raise HTTPException(403, "cannot grant scopes you do not hold")
    raw = secrets.token_urlsafe(32)
    key = ApiKey(owner_id=user.id, name=name, scopes=scopes, hashed=hash_key(raw), expires_at=datetime.now(timezone.utc) + timedelta(days=90))
    db.add(key)
    db.commit()
    return {"key": raw}

@router.post("/orgs/{org_id}/members/{user_id}")
def add_member(org_id: int, user_id: int, role: Role, actor=Depends(require_role("admin")), db=Depends(get_db)):
    if role not in ASSIGNABLE:
        raise HTTPException(400)
    db.add(Membership(org_id=org_id, user_id=user_id, role=role))
    db.commit()

@router.post("/logout")
def logout(request: Request, response: Response, user=Depends(get_current_user)):
    response.delete_cookie("session")
    revoke_session(request.cookies.get("session"))
    return {"ok": True}

def is_owner(user, org) -> bool:
    return Membership.exists(user_id=user.id, org_id=org.id, role="owner")

def ensure_admin(user):
    if not user.is_admin:
        raise HTTPException(403)
    return True

def check_access(user, resource):
    try:
        return resource.acl.allows(user)
    except AttributeError:
        return False
