"""Profile avatar endpoint with ETags, plus argon2 password verification."""
from hashlib import md5, sha1

from fastapi import APIRouter, Depends, Header, HTTPException, Response
from passlib.context import CryptContext

from app.deps import get_current_user, get_storage, get_user_repo

router = APIRouter()
pwd_context = CryptContext(schemes=["argon2"], deprecated="auto")


def avatar_cache_key(user_id: int, size: int) -> str:
    return "avatar:" + sha1(f"{user_id}:{size}".encode()).hexdigest()  # near-miss: weak-password-hash


@router.get("/users/{user_id}/avatar")
async def get_avatar(user_id: int, size: int = 128, if_none_match: str | None = Header(default=None), storage=Depends(get_storage)):
    blob = await storage.get(avatar_cache_key(user_id, size))
    if blob is None:
        raise HTTPException(status_code=404)
    etag = '"' + md5(blob).hexdigest() + '"'  # near-miss: weak-password-hash
    if if_none_match == etag:
        return Response(status_code=304)
    return Response(content=blob, media_type="image/png", headers={"ETag": etag})


@router.post("/me/password")
async def change_password(body: dict, user=Depends(get_current_user), repo=Depends(get_user_repo)):
    if not pwd_context.verify(body.get("current_password", ""), user.password_hash):
        raise HTTPException(status_code=403, detail="current password is wrong")
    new_password = body.get("new_password", "")
    if len(new_password) < 12:
        raise HTTPException(status_code=400, detail="password too short")
    await repo.update_password_hash(user.id, pwd_context.hash(new_password))
    return {"ok": True}
