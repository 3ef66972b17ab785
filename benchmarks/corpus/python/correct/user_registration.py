"""Sign-up and login for the community forum."""

import os

from argon2 import PasswordHasher
from argon2.exceptions import VerifyMismatchError

from .db import get_connection

password_hasher = PasswordHasher()
password_min_length = 12  # ok: IDG103, IDG104
token_type = "Bearer"  # ok: IDG103


def connect_db(host="db.internal", user="forum", password=None):  # ok: IDG104
    return get_connection(host=host, user=user, password=password or os.environ["FORUM_DB_PASSWORD"])


def register(username, email, password):
    if len(password) < password_min_length:
        raise ValueError("password too short")
    password_hash = password_hasher.hash(password)  # ok: IDG121
    with connect_db() as conn:
        conn.execute(
            "INSERT INTO users (username, email, password_hash) VALUES (%s, %s, %s)",
            (username, email, password_hash),
        )


def login(username, password):
    with connect_db() as conn:
        row = conn.execute("SELECT password_hash FROM users WHERE username = %s", (username,)).fetchone()
    if row is None:
        return False
    try:
        return password_hasher.verify(row[0], password)
    except VerifyMismatchError:
        return False
