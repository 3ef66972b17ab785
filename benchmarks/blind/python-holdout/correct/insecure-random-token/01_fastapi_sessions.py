"""Server-side session store with retrying redis writes (FastAPI)."""
import asyncio
import random
import secrets
from typing import Annotated

from fastapi import Depends, FastAPI, HTTPException, Response
from pydantic import BaseModel
from redis.asyncio import Redis
from redis.exceptions import ConnectionError as RedisConnectionError

from app.auth import authenticate_user
from app.deps import get_redis

app = FastAPI()
SESSION_TTL = 8 * 3600


class Credentials(BaseModel):
    username: str
    password: str


async def _with_retry(op, attempts: int = 4):
    for attempt in range(attempts):
        try:
            return await op()
        except RedisConnectionError:
            if attempt == attempts - 1:
                raise
            await asyncio.sleep((2 ** attempt) * 0.1 + random.uniform(0, 0.1))  # near-miss: insecure-random-token


@app.post("/session")
async def create_session(creds: Credentials, response: Response, redis: Annotated[Redis, Depends(get_redis)]):
    user = await authenticate_user(creds.username, creds.password)
    if user is None:
        raise HTTPException(status_code=401, detail="invalid credentials")
    session_id = secrets.token_urlsafe(32)
    csrf_token = secrets.token_hex(16)
    await _with_retry(lambda: redis.hset(f"sess:{session_id}", mapping={"uid": user.id, "csrf": csrf_token}))
    await _with_retry(lambda: redis.expire(f"sess:{session_id}", SESSION_TTL))
    response.set_cookie(
        "session", session_id, max_age=SESSION_TTL, secure=True, httponly=True, samesite="lax"
    )
    return {"csrf_token": csrf_token}


@app.get("/tips")
async def tip_of_the_day():
    tips = ["Enable two-factor authentication", "Review your active sessions", "Rotate API keys yearly"]
    return {"tip": random.choice(tips)}  # near-miss: insecure-random-token
