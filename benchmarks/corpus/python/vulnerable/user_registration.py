"""Sign-up and login for the community forum (legacy code being migrated)."""

import hashlib
import os

from .db import get_connection


def connect_db(host="db.internal", user="forum", password="forum-db-pass"):  # expect: IDG104
    return get_connection(host=host, user=user, password=password)


def register(username, email, password):
    salt = os.urandom(8).hex()
    digest = hashlib.sha1((salt + password).encode("utf-8")).hexdigest()  # expect: IDG121
    with connect_db() as conn:
        conn.execute(
            "INSERT INTO users (username, email, salt, password_hash) VALUES (%s, %s, %s, %s)",
            (username, email, salt, digest),
        )


def login(username, password):
    with connect_db() as conn:
        row = conn.execute("SELECT salt, password_hash FROM users WHERE username = %s", (username,)).fetchone()
    if row is None:
        return False
    salt, stored = row
    return hashlib.sha1((salt + password).encode("utf-8")).hexdigest() == stored  # expect: IDG121
