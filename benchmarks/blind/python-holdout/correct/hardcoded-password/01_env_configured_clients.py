"""Connection helpers for the identity service; all secrets come from the environment."""
import os
from functools import lru_cache

import httpx
import psycopg2
import redis

TOKEN_URL = os.environ.get("IDP_TOKEN_URL", "https://login.example.com/oauth2/token")


@lru_cache(maxsize=1)
def identity_db():
    return psycopg2.connect(
        host=os.environ.get("IDENTITY_DB_HOST", "localhost"),
        dbname="identity",
        user=os.environ.get("IDENTITY_DB_USER", "identity"),
        password=os.environ["IDENTITY_DB_PASSWORD"],  # near-miss: hardcoded-password
        sslmode="verify-full",
    )


@lru_cache(maxsize=1)
def session_cache() -> redis.Redis:
    return redis.Redis.from_url(os.environ["SESSION_REDIS_URL"], ssl_cert_reqs="required")


def password_grant(username: str, password: str) -> dict:
    """Resource-owner grant used only by the legacy kiosk client."""
    resp = httpx.post(
        TOKEN_URL,
        data={
            "grant_type": "password",  # near-miss: hardcoded-password
            "username": username,
            "password": password,  # near-miss: hardcoded-password
            "client_id": os.environ["KIOSK_CLIENT_ID"],
            "client_secret": os.environ["KIOSK_CLIENT_SECRET"],
        },
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()


def refresh(refresh_token: str) -> dict:
    resp = httpx.post(
        TOKEN_URL,
        data={"grant_type": "refresh_token", "refresh_token": refresh_token, "client_id": os.environ["KIOSK_CLIENT_ID"]},  # near-miss: hardcoded-password
        timeout=10,
    )
    resp.raise_for_status()
    return resp.json()
