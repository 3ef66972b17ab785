"""Falcon session store backed by memcached."""
import hashlib
import random
import time

import falcon
from pymemcache.client.base import Client

SESSION_TTL = 3600
mc = Client(("memcached", 11211))


class SessionStore:
    cookie_name = "fsid"

    def new_session_id(self, user_id: int) -> str:
        seed = f"{user_id}:{time.time()}:{random.random()}"  # flaw: insecure-random-token
        return hashlib.sha256(seed.encode()).hexdigest()

    def create(self, resp: falcon.Response, user_id: int) -> str:
        sid = self.new_session_id(user_id)
        mc.set(f"sess:{sid}", str(user_id), expire=SESSION_TTL)
        resp.set_cookie(self.cookie_name, sid, max_age=SESSION_TTL, secure=True, http_only=True, same_site="Lax")
        return sid

    def user_id(self, req: falcon.Request) -> int | None:
        sid = req.cookies.get(self.cookie_name)
        value = mc.get(f"sess:{sid}") if sid else None
        return int(value) if value else None


def device_pairing_code(device_serial: str) -> str:
    rng = random.Random(device_serial)
    return "-".join(str(rng.randint(1000, 9999)) for _ in range(3))  # flaw: insecure-random-token
