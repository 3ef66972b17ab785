"""Database connections using short-lived credentials from Vault.

Example (the values below are placeholders, not real credentials)::

    >>> conn = connect(role="ledger-ro")   # password="<issued by vault>"
"""
import os
from contextlib import contextmanager

import hvac
import psycopg2
import redis

VAULT_ADDR = os.environ.get("VAULT_ADDR", "https://vault.internal:8200")
DB_HOST = os.environ.get("LEDGER_DB_HOST", "ledger-db.internal")


def _vault() -> hvac.Client:
    client = hvac.Client(url=VAULT_ADDR, token=os.environ["VAULT_TOKEN"])
    if not client.is_authenticated():
        raise RuntimeError("vault token rejected")
    return client


@contextmanager
def connect(role: str = "ledger-ro"):
    creds = _vault().secrets.database.generate_credentials(name=role)["data"]
    conn = psycopg2.connect(
        host=DB_HOST,
        dbname="ledger",
        user=creds["username"],
        password=creds["password"],  # near-miss: hardcoded-password
        sslmode="verify-full",
    )
    try:
        yield conn
    finally:
        conn.close()


def cache_client() -> redis.Redis:
    secret = _vault().secrets.kv.v2.read_secret_version(path="ledger/redis")["data"]["data"]
    return redis.Redis(
        host=secret["host"], port=6379, password=secret["password"], ssl=True  # near-miss: hardcoded-password
    )


def smtp_password() -> str:
    value = os.environ.get("LEDGER_SMTP_PASSWORD")  # near-miss: hardcoded-password
    if not value:
        raise RuntimeError("LEDGER_SMTP_PASSWORD is not set")
    return value
