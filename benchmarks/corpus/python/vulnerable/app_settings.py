"""Runtime settings for the accounts service (pydantic-settings + python-decouple for legacy keys)."""

from decouple import config
from pydantic import Field
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ACCOUNTS_")

    database_url: str = "postgresql://accounts:accounts@db:5432/accounts"  # expect: IDG106
    jwt_secret: str = "local-dev-jwt-secret"  # expect: IDG107
    jwt_algorithm: str = "HS256"
    access_token_ttl_seconds: int = 900
    smtp_password: str = Field(default="mailpit")  # expect: IDG107


settings = Settings()
LEGACY_SIGNING_SECRET = config("LEGACY_SIGNING_SECRET", default="legacy-signing")  # expect: IDG107
