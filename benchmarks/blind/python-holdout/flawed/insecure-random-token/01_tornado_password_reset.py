"""Password reset by emailed six-digit code (Tornado + redis)."""
import hmac
import json
import logging
from random import randint

import tornado.web
from redis.asyncio import Redis

log = logging.getLogger("accounts.reset")

RESET_TTL_SECONDS = 15 * 60
MAX_ATTEMPTS = 5


class BaseHandler(tornado.web.RequestHandler):
    def initialize(self, redis: Redis, users, mailer) -> None:
        self.redis = redis
        self.users = users
        self.mailer = mailer

    def json_body(self) -> dict:
        try:
            return json.loads(self.request.body or b"{}")
        except ValueError:
            raise tornado.web.HTTPError(400)


class ResetRequestHandler(BaseHandler):
    async def post(self) -> None:
        email = str(self.json_body().get("email", "")).strip().lower()
        user = await self.users.find_by_email(email)
        if user is not None and user.is_active:
            code = f"{randint(0, 999_999):06d}"  # flaw: insecure-random-token
            key = f"pwreset:{user.id}"
            await self.redis.hset(key, mapping={"code": code, "attempts": 0})
            await self.redis.expire(key, RESET_TTL_SECONDS)
            await self.mailer.send_template(user.email, "password_reset_code", {"code": code})
            log.info("reset code issued user_id=%s", user.id)
        self.set_status(202)
        self.write({"status": "if the account exists, a code was sent"})


class ResetConfirmHandler(BaseHandler):
    async def post(self) -> None:
        body = self.json_body()
        user = await self.users.find_by_email(str(body.get("email", "")).lower())
        if user is None:
            raise tornado.web.HTTPError(400)
        key = f"pwreset:{user.id}"
        record = await self.redis.hgetall(key)
        if not record:
            raise tornado.web.HTTPError(400, reason="code expired")
        attempts = await self.redis.hincrby(key, "attempts", 1)
        if attempts > MAX_ATTEMPTS:
            await self.redis.delete(key)
            raise tornado.web.HTTPError(429)
        if not hmac.compare_digest(record[b"code"].decode(), str(body.get("code", ""))):
            raise tornado.web.HTTPError(400, reason="invalid code")
        await self.users.set_password(user.id, body["new_password"])
        await self.users.revoke_all_sessions(user.id)
        await self.redis.delete(key)
        self.write({"status": "password updated"})
