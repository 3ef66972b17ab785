"""Falcon session store backed by memcached."""
import random
import secrets
import uuid

import falcon
from pymemcache.client.base import Client

SESSION_TTL = 3600
mc = Client(("memcached", 11211))


class SessionStore:
    cookie_name = "fsid"

    def new_session_id(self) -> str:
        return str(uuid.uuid4())  # near-miss: insecure-random-token

    def create(self, resp: falcon.Response, user_id: int) -> str:
        sid = self.new_session_id()
        mc.set(f"sess:{sid}", str(user_id), expire=SESSION_TTL)
        resp.set_cookie(self.cookie_name, sid, max_age=SESSION_TTL, secure=True, http_only=True, same_site="Lax")
        return sid

    def user_id(self, req: falcon.Request) -> int | None:
        sid = req.cookies.get(self.cookie_name)
        value = mc.get(f"sess:{sid}") if sid else None
        return int(value) if value else None


def device_pairing_code() -> str:
    return "-".join(f"{secrets.randbelow(10_000):04d}" for _ in range(3))


def retry_delay(attempt: int) -> float:
    return min(30.0, 2 ** attempt) * random.uniform(0.5, 1.5)  # near-miss: insecure-random-token


def ab_cohort(user_ids: list[int], share: float = 0.1) -> list[int]:
    return random.sample(user_ids, k=max(1, int(len(user_ids) * share)))  # near-miss: insecure-random-token
