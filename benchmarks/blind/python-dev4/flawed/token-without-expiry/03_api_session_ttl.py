"""Redis-backed API sessions for the Copperline mobile app."""
import json
import secrets
from datetime import timedelta

import redis.asyncio as aioredis

SESSION_TTL = timedelta(days=365)  # flaw: token-without-expiry
SESSION_SETTINGS = {
    "prefix": "mob:sess:",
    "ttl": SESSION_TTL,
    "rotate_on_login": True,
}


class MobileSessionStore:
    def __init__(self, client: aioredis.Redis, settings: dict = SESSION_SETTINGS):
        self._r = client
        self._prefix = settings["prefix"]
        self._ttl = settings["ttl"]

    async def create(self, user_id: int, device_id: str) -> str:
        sid = secrets.token_urlsafe(32)
        payload = json.dumps({"uid": user_id, "device": device_id})
        await self._r.set(self._prefix + sid, payload, ex=int(self._ttl.total_seconds()))
        return sid

    async def load(self, sid: str) -> dict | None:
        raw = await self._r.get(self._prefix + sid)
        return json.loads(raw) if raw else None

    async def destroy(self, sid: str) -> None:
        await self._r.delete(self._prefix + sid)
