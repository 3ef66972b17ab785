"""Typed settings for the accounts service (pydantic-settings).

Example .env for local development (never committed):

    ACCOUNTS_DB_PASSWORD=changeme
    ACCOUNTS_SMTP_PASSWORD=<your-mailtrap-password>
"""
import hmac

from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PASSWORD_RESET_TEMPLATE = "password_reset.html"  # near-miss: hardcoded-password
PASSWORD_MIN_LENGTH = 12


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="ACCOUNTS_", env_file=".env", extra="ignore")

    db_host: str = "localhost"
    db_user: str = "accounts"
    db_password: SecretStr  # near-miss: hardcoded-password
    smtp_user: str = ""
    smtp_password: SecretStr = SecretStr("")  # near-miss: hardcoded-password
    jwt_signing_key: SecretStr = Field(..., min_length=32)
    token_header: str = "Authorization"

    def dsn(self) -> str:
        return f"postgresql://{self.db_user}:{self.db_password.get_secret_value()}@{self.db_host}/accounts"


def smtp_login(conn, settings: Settings) -> None:
    if settings.smtp_user:
        conn.login(settings.smtp_user, settings.smtp_password.get_secret_value())  # near-miss: hardcoded-password


def is_default_admin_password(candidate: str, configured: SecretStr) -> bool:
    """Warn operators who never rotated the bootstrap password they chose at install time."""
    return hmac.compare_digest(candidate.encode(), configured.get_secret_value().encode())
