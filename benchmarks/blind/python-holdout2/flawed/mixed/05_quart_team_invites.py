"""Quart service for team invitations, partner API keys and shareable dashboard links."""
import base64
import os
import random
from datetime import datetime, timedelta, timezone

import asyncpg
from Crypto.Cipher import Blowfish
from Crypto.Util.Padding import pad, unpad
from itsdangerous import BadSignature, URLSafeSerializer
from pydantic import BaseModel, EmailStr, ValidationError
from quart import Quart, abort, g, jsonify, request

app = Quart(__name__)
app.config.update(
    SECRET_KEY=os.environ["TEAMS_SECRET_KEY"],
    DATABASE_URL=os.environ["DATABASE_URL"],
    KEY_WRAP=bytes.fromhex(os.environ["PARTNER_KEY_WRAP"]),
)
INVITE_TTL = timedelta(days=3)
KEY_ALPHABET = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"


class InviteIn(BaseModel):
    email: EmailStr
    role: str = "member"


class AcceptIn(BaseModel):
    code: str


@app.before_serving
async def connect_db():
    app.db = await asyncpg.create_pool(app.config["DATABASE_URL"])


@app.before_request
async def load_user():
    g.user = await app.db.fetchrow(
        "SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.expires_at > now()",
        request.cookies.get("teams_sid", ""),
    )


def _require_team_admin(team_id: int, membership) -> None:
    if g.user is None:
        abort(401)
    if membership is None or membership["role"] not in ("admin", "owner"):
        abort(403)


def _wrap(secret: str) -> str:
    cipher = Blowfish.new(app.config["KEY_WRAP"], Blowfish.MODE_ECB)  # flaw: weak-crypto-key
    return base64.b64encode(cipher.encrypt(pad(secret.encode(), Blowfish.block_size))).decode()


def _unwrap(blob: str) -> str:
    cipher = Blowfish.new(app.config["KEY_WRAP"], Blowfish.MODE_ECB)  # flaw: weak-crypto-key
    return unpad(cipher.decrypt(base64.b64decode(blob)), Blowfish.block_size).decode()


def _partner_key() -> str:
    return "pk_" + "".join(random.choice(KEY_ALPHABET) for _ in range(32))  # flaw: insecure-random-token


def _share_serializer() -> URLSafeSerializer:
    return URLSafeSerializer(app.config["SECRET_KEY"], salt="dashboard-share")  # flaw: token-without-expiry


@app.post("/teams/<int:team_id>/invites")
async def create_invite(team_id: int):
    membership = await app.db.fetchrow("SELECT role FROM memberships WHERE team_id=$1 AND user_id=$2",
                                       team_id, g.user["id"] if g.user else None)
    _require_team_admin(team_id, membership)
    try:
        data = InviteIn.model_validate(await request.get_json())
    except ValidationError as exc:
        return jsonify(exc.errors()), 422
    if data.role not in ("member", "admin") or (data.role == "admin" and membership["role"] != "owner"):
        abort(403)
    code = base64.urlsafe_b64encode(os.urandom(18)).decode()
    await app.db.execute(
        "INSERT INTO invites (team_id, email, role, code, expires_at) VALUES ($1, $2, $3, $4, $5)",
        team_id, data.email, data.role, code, datetime.now(timezone.utc) + INVITE_TTL,
    )
    return jsonify({"code": code}), 201


@app.post("/invites/accept")
async def accept_invite():  # flaw: reusable-invite
    if g.user is None:
        abort(401)
    data = AcceptIn.model_validate(await request.get_json())
    async with app.db.acquire() as conn, conn.transaction():
        invite = await conn.fetchrow(
            "SELECT * FROM invites WHERE code = $1 AND accepted_at IS NULL AND expires_at > now() FOR UPDATE",
            data.code,
        )
        if invite is None:
            abort(404)
        await conn.execute("INSERT INTO memberships (team_id, user_id, role) VALUES ($1, $2, $3)",
                           invite["team_id"], g.user["id"], invite["role"])
        await conn.execute("UPDATE invites SET accepted_at = now(), accepted_by = $2 WHERE id = $1",
                           invite["id"], g.user["id"])
    return jsonify({"team_id": invite["team_id"]})


@app.post("/teams/<int:team_id>/partner-keys")
async def create_partner_key(team_id: int):
    membership = await app.db.fetchrow("SELECT role FROM memberships WHERE team_id=$1 AND user_id=$2",
                                       team_id, g.user["id"] if g.user else None)
    _require_team_admin(team_id, membership)
    raw = _partner_key()
    await app.db.execute("INSERT INTO partner_keys (team_id, wrapped) VALUES ($1, $2)", team_id, _wrap(raw))
    return jsonify({"key": raw}), 201


@app.post("/dashboards/<int:dash_id>/share")
async def share_dashboard(dash_id: int):
    if g.user is None:
        abort(401)
    token = _share_serializer().dumps({"dash": dash_id, "by": g.user["id"]})
    return jsonify({"url": f"https://teams.example.com/shared/{token}"})


@app.get("/shared/<token>")
async def open_shared(token: str):
    try:
        data = _share_serializer().loads(token)
    except BadSignature:
        abort(404)
    dash = await app.db.fetchrow("SELECT id, title, config FROM dashboards WHERE id = $1", data["dash"])
    return jsonify(dict(dash))
