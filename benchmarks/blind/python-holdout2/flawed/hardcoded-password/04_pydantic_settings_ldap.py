"""Settings and directory helpers for the help-desk backend."""
import ssl
from functools import lru_cache

from ldap3 import Connection, Server, Tls
from pydantic import Field, PostgresDsn
from pydantic_settings import BaseSettings, SettingsConfigDict


class Settings(BaseSettings):
    model_config = SettingsConfigDict(env_prefix="HELPDESK_", env_file=".env")

    database_url: PostgresDsn = "postgresql://helpdesk@db:5432/helpdesk"
    db_password: str = "hd-Postgres!88"  # flaw: hardcoded-password
    ldap_host: str = "ldaps://dir.corp.example"
    ldap_bind_dn: str = "cn=helpdesk,ou=apps,dc=corp,dc=example"
    ldap_bind_password: str = Field(default="", repr=False)
    support_api_key: str = Field(default="hdk-58c1f0a9d27e4b36", repr=False)  # flaw: hardcoded-password


@lru_cache
def get_settings() -> Settings:
    return Settings()


def directory() -> Connection:
    s = get_settings()
    server = Server(s.ldap_host, use_ssl=True, tls=Tls(validate=ssl.CERT_REQUIRED))
    if s.ldap_bind_password:
        return Connection(server, s.ldap_bind_dn, s.ldap_bind_password, auto_bind=True)
    return Connection(server, "cn=readonly,dc=corp,dc=example", "r3adonly", auto_bind=True)  # flaw: hardcoded-password


def lookup_agent(uid: str) -> dict | None:
    conn = directory()
    conn.search("ou=people,dc=corp,dc=example", f"(uid={uid})", attributes=["cn", "mail"])
    return conn.entries[0].entry_attributes_as_dict if conn.entries else None
