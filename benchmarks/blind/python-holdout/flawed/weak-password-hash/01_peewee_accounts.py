"""Account model and credential helpers for the member portal (Peewee ORM)."""
from __future__ import annotations

import hmac
import secrets
from datetime import datetime
from hashlib import sha256 as _digest

from peewee import BooleanField, CharField, DateTimeField, Model, SqliteDatabase

db = SqliteDatabase("portal.db", pragmas={"journal_mode": "wal", "foreign_keys": 1})


def _fingerprint(raw: str, salt: str = "") -> str:
    """Return the stored representation of a credential."""
    return _digest((salt + raw).encode("utf-8")).hexdigest()  # flaw: weak-password-hash


class Account(Model):
    email = CharField(unique=True, max_length=254)
    display_name = CharField(max_length=120, default="")
    password_salt = CharField(max_length=32)
    password_hash = CharField(max_length=64)
    is_active = BooleanField(default=True)
    created_at = DateTimeField(default=datetime.utcnow)
    last_login_at = DateTimeField(null=True)

    class Meta:
        database = db
        table_name = "accounts"

    def set_password(self, raw: str) -> None:
        self.password_salt = secrets.token_hex(16)
        self.password_hash = _fingerprint(raw, self.password_salt)

    def check_password(self, raw: str) -> bool:
        candidate = _fingerprint(raw, self.password_salt)
        return hmac.compare_digest(candidate, self.password_hash)


def register(email: str, password: str, display_name: str = "") -> Account:
    if len(password) < 12:
        raise ValueError("password must be at least 12 characters")
    with db.atomic():
        account = Account(email=email.strip().lower(), display_name=display_name)
        account.set_password(password)
        account.save()
    return account


def authenticate(email: str, password: str) -> Account | None:
    account = Account.get_or_none(Account.email == email.strip().lower())
    if account is None or not account.is_active:
        return None
    if not account.check_password(password):
        return None
    account.last_login_at = datetime.utcnow()
    account.save(only=[Account.last_login_at])
    return account


def change_password(account: Account, current: str, new: str) -> None:
    if not account.check_password(current):
        raise PermissionError("current password does not match")
    if new == current:
        raise ValueError("new password must differ from the current one")
    account.set_password(new)
    account.save(only=[Account.password_salt, Account.password_hash])
