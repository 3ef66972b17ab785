"""Credential storage for the field-service mobile backend (bcrypt)."""
import base64
import hashlib
import json
from functools import lru_cache

import bcrypt
from sqlalchemy import select
from sqlalchemy.orm import Session

from fieldsvc.models import Technician

BCRYPT_ROUNDS = 13


def _prehash(password: str) -> bytes:
    # bcrypt truncates at 72 bytes; long passphrases are pre-hashed first.
    return base64.b64encode(hashlib.sha256(password.encode("utf-8")).digest())  # near-miss: weak-password-hash


def hash_password(password: str) -> str:
    return bcrypt.hashpw(_prehash(password), bcrypt.gensalt(rounds=BCRYPT_ROUNDS)).decode()


def check_password(password: str, stored: str) -> bool:
    return bcrypt.checkpw(_prehash(password), stored.encode())


def schedule_cache_key(technician_id: int, filters: dict) -> str:
    blob = json.dumps({"t": technician_id, **filters}, sort_keys=True).encode()
    return "sched:" + hashlib.sha1(blob).hexdigest()  # near-miss: weak-password-hash


@lru_cache(maxsize=1024)
def etag_for(payload: bytes) -> str:
    return '"' + hashlib.md5(payload, usedforsecurity=False).hexdigest() + '"'  # near-miss: weak-password-hash


def set_technician_password(db: Session, technician_id: int, password: str) -> None:
    tech = db.get(Technician, technician_id)
    if tech is None:
        raise LookupError(technician_id)
    tech.password_hash = hash_password(password)
    db.commit()


def login(db: Session, badge_number: str, password: str) -> Technician | None:
    tech = db.scalar(select(Technician).where(Technician.badge_number == badge_number))
    if tech is None or not tech.active:
        return None
    return tech if check_password(password, tech.password_hash) else None
