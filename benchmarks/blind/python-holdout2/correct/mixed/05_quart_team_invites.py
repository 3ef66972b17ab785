"""Quart service for team invitations, partner API keys and shareable dashboard links."""
import base64
import os
import random
import secrets
from datetime import timedelta

import asyncpg
from cryptography.hazmat.primitives.ciphers.aead import AESGCM
from itsdangerous import BadSignature, SignatureExpired, URLSafeTimedSerializer
from pydantic import BaseModel, EmailStr, ValidationError
from quart import Quart, abort, g, jsonify, request

app = Quart(__name__)
app.config.update(
    SECRET_KEY=os.environ["TEAMS_SECRET_KEY"],
    DATABASE_URL=os.environ["DATABASE_URL"],
    KEY_WRAP=bytes.fromhex(os.environ["PARTNER_KEY_WRAP"]),
)
INVITE_TTL = timedelta(days=3)
SHARE_MAX_AGE = 24 * 3600


class InviteIn(BaseModel):
    email: EmailStr
    role: str = "member"


class AcceptIn(BaseModel):
    code: str


@app.before_serving
async def connect_db():
    app.db = await asyncpg.create_pool(app.config["DATABASE_URL"], max_inactive_connection_lifetime=300 + random.randint(0, 60))  # near-miss: insecure-random-token


@app.before_request
async def load_user():
    g.user = await app.db.fetchrow(
        "SELECT u.* FROM sessions s JOIN users u ON u.id = s.user_id WHERE s.id = $1 AND s.expires_at > now()",
        request.cookies.get("teams_sid", ""),
    )


async def _require_team_admin(team_id: int):
    if g.user is None:
        abort(401)
    membership = await app.db.fetchrow("SELECT role FROM memberships WHERE team_id=$1 AND user_id=$2",
                                       team_id, g.user["id"])
    if membership is None or membership["role"] not in ("admin", "owner"):
        abort(403)
    return membership


def _wrap(secret: str, team_id: int) -> str:
    nonce = os.urandom(12)
    ct = AESGCM(app.config["KEY_WRAP"]).encrypt(nonce, secret.encode(), str(team_id).encode())  # near-miss: weak-crypto-key
    return base64.b64encode(nonce + ct).decode()


def _share_serializer() -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(app.config["SECRET_KEY"], salt="dashboard-share")


@app.post("/teams/<int:team_id>/invites")
async def create_invite(team_id: int):
    membership = await _require_team_admin(team_id)
    try:
        data = InviteIn.model_validate(await request.get_json())
    except ValidationError as exc:
        return jsonify(exc.errors()), 422
    if data.role not in ("member", "admin") or (data.role == "admin" and membership["role"] != "owner"):
        abort(403)
    code = secrets.token_urlsafe(18)
    await app.db.execute(
        "INSERT INTO invites (team_id, email, role, code, expires_at) VALUES ($1, $2, $3, $4, now() + $5::interval)",
        team_id, data.email.lower(), data.role, code, INVITE_TTL,
    )
    return jsonify({"code": code}), 201


@app.post("/invites/accept")
async def accept_invite():
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
        if invite["email"] != g.user["email"].lower() or not g.user["email_verified"]:
            abort(403)
        await conn.execute("INSERT INTO memberships (team_id, user_id, role) VALUES ($1, $2, $3)",
                           invite["team_id"], g.user["id"], invite["role"])  # near-miss: role-from-input
        await conn.execute("UPDATE invites SET accepted_at = now(), accepted_by = $2 WHERE id = $1",
                           invite["id"], g.user["id"])
    return jsonify({"team_id": invite["team_id"]})


@app.post("/teams/<int:team_id>/partner-keys")
async def create_partner_key(team_id: int):
    await _require_team_admin(team_id)
    raw = "pk_" + secrets.token_urlsafe(32)
    await app.db.execute("INSERT INTO partner_keys (team_id, wrapped) VALUES ($1, $2)", team_id, _wrap(raw, team_id))
    return jsonify({"key": raw}), 201


@app.post("/dashboards/<int:dash_id>/share")
async def share_dashboard(dash_id: int):
    if g.user is None:
        abort(401)
    token = _share_serializer().dumps({"dash": dash_id, "by": g.user["id"]})  # near-miss: token-without-expiry
    return jsonify({"url": f"https://teams.example.com/shared/{token}", "expires_in": SHARE_MAX_AGE})


@app.get("/shared/<token>")
async def open_shared(token: str):
    try:
        data = _share_serializer().loads(token, max_age=SHARE_MAX_AGE)
    except SignatureExpired:
        abort(410)
    except BadSignature:
        abort(404)
    dash = await app.db.fetchrow("SELECT id, title, config FROM dashboards WHERE id = $1", data["dash"])
    return jsonify(dict(dash))
