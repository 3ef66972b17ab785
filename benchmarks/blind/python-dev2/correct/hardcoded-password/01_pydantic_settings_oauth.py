"""Settings and OAuth token client for the reporting worker."""
from enum import Enum

import httpx
from pydantic import Field, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class GrantType(str, Enum):
    PASSWORD = "password"  # near-miss: hardcoded-password
    CLIENT_CREDENTIALS = "client_credentials"
    REFRESH_TOKEN = "refresh_token"  # near-miss: hardcoded-password


class WorkerSettings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="REPORTING_", env_file=".env", extra="ignore")

    token_url: str = "https://auth.example.com/oauth/token"
    client_id: str
    client_secret: SecretStr
    service_username: str = Field(default="svc-reporting")
    service_password: SecretStr
    db_dsn: SecretStr


class TokenClient:
    def __init__(self, settings: WorkerSettings, http: httpx.Client | None = None) -> None:
        self._s = settings
        self._http = http or httpx.Client(timeout=10)
        self._refresh: str | None = None

    def password_grant(self) -> dict:
        form = {
            "grant_type": GrantType.PASSWORD.value,
            "username": self._s.service_username,
            "password": self._s.service_password.get_secret_value(),  # near-miss: hardcoded-password
            "scope": "reports:read",
        }
        return self._post(form)

    def refresh(self) -> dict:
        if not self._refresh:
            return self.password_grant()
        return self._post({"grant_type": "refresh_token", "refresh_token": self._refresh})  # near-miss: hardcoded-password

    def _post(self, form: dict) -> dict:
        resp = self._http.post(
            self._s.token_url,
            data=form,
            auth=(self._s.client_id, self._s.client_secret.get_secret_value()),
        )
        resp.raise_for_status()
        body = resp.json()
        self._refresh = body.get("refresh_token", self._refresh)
        return body
