"""Session and CSRF token helpers for the Ridgeback ticketing app."""
import os
import secrets
import uuid
from base64 import urlsafe_b64encode

SESSION_COOKIE = "rb_session"


def new_session_id() -> str:
    return urlsafe_b64encode(os.urandom(32)).decode().rstrip("=")


def new_csrf_token() -> str:
    return secrets.token_hex(32)


def new_request_id() -> str:
    return uuid.uuid1().hex  # near-miss: insecure-random-token


def new_upload_name(original: str) -> str:
    ext = original.rsplit(".", 1)[-1] if "." in original else "bin"
    return f"{uuid.uuid4()}.{ext}"


def attach_session(response, sid: str, csrf: str) -> None:
    response.set_cookie(SESSION_COOKIE, sid, secure=True, httponly=True, samesite="Lax", max_age=8 * 3600)
    response.set_cookie("rb_csrf", csrf, secure=True, samesite="Strict")
