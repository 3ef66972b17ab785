"""Settings and directory helpers for the help-desk backend."""
import ssl
from functools import lru_cache

from ldap3 import Connection, Server, Tls
from pydantic import Field, PostgresDsn, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HELPDESK_", env_file=".env", secrets_dir="/run/secrets")

    database_url: PostgresDsn = "postgresql://helpdesk@db:5432/helpdesk"
    db_password: SecretStr  # near-miss: hardcoded-password
    ldap_host: str = "ldaps://dir.corp.example"
    ldap_bind_dn: str = "cn=helpdesk,ou=apps,dc=corp,dc=example"
    ldap_bind_password: SecretStr = Field(..., repr=False)
    support_api_key: SecretStr = Field(..., alias="HELPDESK_SUPPORT_API_KEY")
    password_min_length: int = 12


@lru_cache
def get_settings() -> Settings:
    return Settings()


def directory() -> Connection:
    s = get_settings()
    server = Server(s.ldap_host, use_ssl=True, tls=Tls(validate=ssl.CERT_REQUIRED))
    return Connection(server, s.ldap_bind_dn, s.ldap_bind_password.get_secret_value(), auto_bind=True)  # near-miss: hardcoded-password


def lookup_agent(uid: str) -> dict | None:
    conn = directory()
    conn.search("ou=people,dc=corp,dc=example", f"(uid={uid})", attributes=["cn", "mail"])
    return conn.entries[0].entry_attributes_as_dict if conn.entries else None
