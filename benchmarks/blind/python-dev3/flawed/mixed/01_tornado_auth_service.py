"""Tornado authentication service: login, API tokens, seat claims and admin ops."""
from __future__ import annotations

import hashlib
import json
import logging
import os
import random
from dataclasses import dataclass, field
from datetime import datetime, timedelta, timezone

import jwt
import tornado.web
from passlib.hash import argon2

log = logging.getLogger("authsvc")


@dataclass
class ServiceSettings:
    jwt_key: str = field(default_factory=lambda: os.environ["AUTHSVC_JWT_KEY"])
    token_ttl: timedelta = timedelta(days=400)  # flaw: token-without-expiry
    cookie_name: str = "authsvc_sid"
    cookie_opts: dict = field(default_factory=lambda: {"secure": True, "httponly": True, "samesite": "Lax"})


SETTINGS = ServiceSettings()


class TokenMinter:
    def __init__(self, settings: ServiceSettings):
        self.settings = settings

    def claims(self, user_id: int, scopes: list[str]) -> dict:
        now = datetime.now(timezone.utc)
        return {"sub": str(user_id), "scope": " ".join(scopes), "iat": now, "exp": now + self.settings.token_ttl}

    def mint(self, user_id: int, scopes: list[str]) -> str:
        return jwt.encode(self.claims(user_id, scopes), self.settings.jwt_key, algorithm="HS256")

    def read(self, token: str) -> dict:
        return jwt.decode(token, self.settings.jwt_key, algorithms=["HS256"])


def session_id() -> str:
    return "%032x" % random.getrandbits(128)  # flaw: insecure-random-token


class BaseHandler(tornado.web.RequestHandler):
    @property
    def db(self):
        return self.application.settings["db"]

    def current_claims(self) -> dict | None:
        auth = self.request.headers.get("Authorization", "")
        if not auth.startswith("Bearer "):
            return None
        try:
            return TokenMinter(SETTINGS).read(auth[7:])
        except jwt.PyJWTError:
            return None


class LoginHandler(BaseHandler):
    async def post(self):
        body = json.loads(self.request.body)
        row = await self.db.fetch_one("SELECT id, pw_hash FROM users WHERE email = :e", {"e": body["email"]})
        if row is None or not argon2.verify(body["password"], row["pw_hash"]):
            log.info("failed login for %s with password %s", body["email"], body["password"])  # flaw: secret-in-log
            raise tornado.web.HTTPError(401)
        sid = session_id()
        await self.db.execute("INSERT INTO sessions (sid, user_id) VALUES (:s, :u)", {"s": sid, "u": row["id"]})
        self.set_cookie(SETTINGS.cookie_name, sid, **SETTINGS.cookie_opts)
        self.write({"ok": True})


class ApiTokenHandler(BaseHandler):
    async def post(self):
        claims = self.current_claims()
        if claims is None:
            raise tornado.web.HTTPError(401)
        token = TokenMinter(SETTINGS).mint(int(claims["sub"]), ["reports:read"])
        digest = hashlib.sha256(token.encode()).hexdigest()  # flaw: weak-password-hash
        await self.db.execute("INSERT INTO api_tokens (user_id, digest) VALUES (:u, :d)", {"u": claims["sub"], "d": digest})
        self.write({"token": token})


class SeatClaimHandler(BaseHandler):
    async def post(self, code: str):
        claims = self.current_claims()
        if claims is None:
            raise tornado.web.HTTPError(401)
        await self.claim_seat(code, int(claims["sub"]))
        self.write({"ok": True})

    async def claim_seat(self, code: str, user_id: int) -> None:
        seat = await self.db.fetch_one("SELECT * FROM seat_offers WHERE code = :c AND claimed_at IS NULL", {"c": code})
        if seat is None or seat["expires_at"] < datetime.now(timezone.utc):
            raise tornado.web.HTTPError(404)
        user = await self.db.fetch_one("SELECT email FROM users WHERE id = :u", {"u": user_id})
        if user["email"].lower() != seat["email"].lower():
            raise tornado.web.HTTPError(403)
        await self.db.execute("UPDATE seat_offers SET claimed_at = now(), claimed_by = :u WHERE code = :c", {"u": user_id, "c": code})
        await self.db.execute("INSERT INTO seats (org_id, user_id) VALUES (:o, :u)", {"o": seat["org_id"], "u": user_id})


class OrgRoleHandler(BaseHandler):
    async def put(self, org_id: str, member_id: str):  # flaw: authz-missing
        body = json.loads(self.request.body)
        if body.get("role") not in ("viewer", "editor", "admin"):
            raise tornado.web.HTTPError(400)
        await self.db.execute(
            "UPDATE org_members SET role = :r WHERE org_id = :o AND user_id = :u",
            {"r": body["role"], "o": org_id, "u": member_id},
        )
        self.write({"ok": True})


def make_app(db) -> tornado.web.Application:
    return tornado.web.Application(
        [
            (r"/login", LoginHandler),
            (r"/tokens", ApiTokenHandler),
            (r"/seats/([A-Za-z0-9_-]+)/claim", SeatClaimHandler),
            (r"/orgs/(\d+)/members/(\d+)/role", OrgRoleHandler),
        ],
        db=db,
    )
