"""Runtime settings for the accounts service (pydantic-settings)."""

import os

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ACCOUNTS_")

    database_url: SecretStr  # ok: IDG106
    jwt_secret: SecretStr  # ok: IDG107
    jwt_algorithm: str = "HS256"
    jwt_secret_header: str = "X-Signature"  # ok: IDG107
    access_token_ttl_seconds: int = 900  # ok: IDG116
    smtp_password: SecretStr = Field(default=None)  # ok: IDG107
    token_url: str = "https://id.example.com/oauth2/token"


settings = Settings()
LEGACY_SIGNING_SECRET = os.environ["LEGACY_SIGNING_SECRET"]  # ok: IDG107
SENTRY_DSN = os.getenv("SENTRY_DSN", "")
