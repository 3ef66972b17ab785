"""Database and cache connections for the billing service.

Credentials come from AWS Secrets Manager in production and from the
environment in local development (see docker-compose.override.yml, where
DB_PASSWORD is set to a throwaway value).
"""
import json
import os
from functools import lru_cache

import boto3
import psycopg2
import redis


@lru_cache(maxsize=None)
def _secret(name: str) -> dict:
    if os.environ.get("APP_ENV") == "local":
        return {"username": os.environ["DB_USER"], "password": os.environ["DB_PASSWORD"]}
    client = boto3.client("secretsmanager")
    return json.loads(client.get_secret_value(SecretId=name)["SecretString"])


def db_connection():
    creds = _secret(os.environ.get("BILLING_DB_SECRET", "prod/billing/db"))
    return psycopg2.connect(
        host=os.environ["DB_HOST"],
        dbname="billing",
        user=creds["username"],
        password=creds["password"],  # near-miss: hardcoded-password
        sslmode="verify-full",
    )


def cache() -> redis.Redis:
    return redis.Redis.from_url(os.environ["REDIS_URL"], password=os.environ.get("REDIS_PASSWORD"), ssl=True)  # near-miss: hardcoded-password


REDACTED_KEYS = ("password", "secret", "token")  # near-miss: hardcoded-password


def redact_config(cfg: dict) -> dict:
    """Copy of a connection config that is safe to print in diagnostics."""
    return {k: ("***" if any(word in k.lower() for word in REDACTED_KEYS) else v) for k, v in cfg.items()}
