"""Password storage for the Flask portal.

bcrypt truncates input at 72 bytes, so the password is first reduced with
SHA-256 and base64-encoded before being handed to bcrypt.
"""
import base64
import hashlib as h

import bcrypt
from flask import Blueprint, abort, jsonify, request
from flask_sqlalchemy import SQLAlchemy

db = SQLAlchemy()
bp = Blueprint("auth", __name__, url_prefix="/auth")

BCRYPT_ROUNDS = 13


class Member(db.Model):
    id = db.Column(db.Integer, primary_key=True)
    username = db.Column(db.String(80), unique=True, nullable=False)
    pw_hash = db.Column(db.LargeBinary(60), nullable=False)


def _prehash(password: str) -> bytes:
    digest = h.sha256(password.encode("utf-8")).digest()  # near-miss: weak-password-hash
    return base64.b64encode(digest)


def hash_password(password: str) -> bytes:
    return bcrypt.hashpw(_prehash(password), bcrypt.gensalt(rounds=BCRYPT_ROUNDS))


def password_matches(password: str, stored: bytes) -> bool:
    return bcrypt.checkpw(_prehash(password), stored)


@bp.post("/register")
def register():
    body = request.get_json(force=True)
    username = body.get("username", "").strip()
    password = body.get("password", "")
    if not username or len(password) < 12:
        abort(400)
    if Member.query.filter_by(username=username).first():
        abort(409)
    member = Member(username=username, pw_hash=hash_password(password))
    db.session.add(member)
    db.session.commit()
    return jsonify(id=member.id), 201


@bp.post("/login")
def login():
    body = request.get_json(force=True)
    member = Member.query.filter_by(username=body.get("username", "")).first()
    if member is None or not password_matches(body.get("password", ""), member.pw_hash):
        abort(401)
    return jsonify(id=member.id)
