"""Integrations service: partner API keys, webhook secrets and partner invitations (Flask)."""
import base64
import hashlib
import os
import secrets
from datetime import datetime, timedelta, timezone

from Crypto.Cipher import Blowfish
from Crypto.Util.Padding import pad, unpad
from flask import Blueprint, abort, current_app, g, jsonify, request

from .auth import login_required, role_required
from .models import PartnerApiKey, PartnerInvite, PartnerMember, Webhook, db

bp = Blueprint("integrations", __name__, url_prefix="/integrations")

KEY_ITERATIONS = 210_000
INVITE_TTL = timedelta(days=5)


def _kdf(secret: str, salt: bytes) -> str:
    return hashlib.pbkdf2_hmac("sha256", secret.encode(), salt, KEY_ITERATIONS).hex()


class WebhookSecretBox:
    """Webhook signing secrets are stored encrypted so support staff cannot read them."""

    def __init__(self, key: bytes) -> None:
        self._key = key

    @classmethod
    def from_config(cls) -> "WebhookSecretBox":
        return cls(base64.b64decode(current_app.config["WEBHOOK_BOX_KEY"]))

    def seal(self, secret: str) -> str:
        cipher = Blowfish.new(self._key, Blowfish.MODE_ECB)  # flaw: weak-crypto-key
        return base64.b64encode(cipher.encrypt(pad(secret.encode(), Blowfish.block_size))).decode()

    def open(self, sealed: str) -> str:
        cipher = Blowfish.new(self._key, Blowfish.MODE_ECB)  # flaw: weak-crypto-key
        return unpad(cipher.decrypt(base64.b64decode(sealed)), Blowfish.block_size).decode()


def authenticate_partner() -> PartnerApiKey:
    header = request.headers.get("X-Partner-Key", "")
    key_id, _, secret = header.partition(".")
    key = PartnerApiKey.query.filter_by(key_id=key_id, revoked=False).first()
    if key is None:
        abort(401)
    if _kdf(secret, bytes.fromhex(key.salt)) != key.secret_hash:  # flaw: timing-unsafe-compare
        abort(401)
    return key


@bp.post("/keys")
@login_required
@role_required("partner-admin")
def create_key():
    key_id = secrets.token_hex(6)
    secret = secrets.token_urlsafe(32)
    salt = os.urandom(16)
    key = PartnerApiKey(
        key_id=key_id,
        partner_id=g.user.partner_id,
        salt=salt.hex(),
        secret_hash=_kdf(secret, salt),
        created_by=g.user.id,
    )
    db.session.add(key)
    db.session.commit()
    current_app.logger.info("partner %s created key %s.%s", g.user.partner_id, key_id, secret)  # flaw: secret-in-log
    return jsonify(key=f"{key_id}.{secret}"), 201


@bp.post("/webhooks")
def register_webhook():
    partner_key = authenticate_partner()
    body = request.get_json(force=True)
    signing_secret = secrets.token_urlsafe(32)
    hook = Webhook(
        partner_id=partner_key.partner_id,
        url=body["url"],
        sealed_secret=WebhookSecretBox.from_config().seal(signing_secret),
    )
    db.session.add(hook)
    db.session.commit()
    return jsonify(id=hook.id, signing_secret=signing_secret), 201


@bp.post("/invites")
@login_required
@role_required("partner-admin")
def invite_member():
    email = request.get_json(force=True)["email"].strip().lower()
    invite = PartnerInvite(
        partner_id=g.user.partner_id,
        email=email,
        code=secrets.token_urlsafe(24),
        expires_at=datetime.now(timezone.utc) + INVITE_TTL,
    )
    db.session.add(invite)
    db.session.commit()
    current_app.extensions["mailer"].send_invite(email, invite.code)
    return jsonify(id=invite.id), 201


@bp.post("/invites/<code>/accept")
@login_required
def accept_invite(code: str):  # flaw: reusable-invite
    invite = PartnerInvite.query.filter_by(code=code).with_for_update().first()
    if invite is None or invite.accepted_at is not None:
        abort(404)
    if invite.expires_at < datetime.now(timezone.utc):
        abort(410)
    invite.accepted_at = datetime.now(timezone.utc)
    db.session.add(PartnerMember(partner_id=invite.partner_id, user_id=g.user.id, role="member"))
    db.session.commit()
    return jsonify(partner_id=invite.partner_id)


@bp.delete("/keys/<key_id>")
@login_required
@role_required("partner-admin")
def revoke_key(key_id: str):
    key = PartnerApiKey.query.filter_by(key_id=key_id, partner_id=g.user.partner_id).first_or_404()
    key.revoked = True
    db.session.commit()
    return "", 204
