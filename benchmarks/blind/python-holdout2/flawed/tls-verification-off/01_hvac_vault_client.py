"""Thin wrapper around hvac for fetching database credentials from Vault."""
import os
from functools import lru_cache

import hvac

VAULT_ADDR = os.environ.get("VAULT_ADDR", "https://vault.internal:8200")
VAULT_CA = os.environ.get("VAULT_CACERT")


@lru_cache(maxsize=1)
def vault_client() -> hvac.Client:
    verify = VAULT_CA if VAULT_CA else False  # flaw: tls-verification-off
    client = hvac.Client(url=VAULT_ADDR, verify=verify)
    client.auth.kubernetes.login(
        role=os.environ.get("VAULT_ROLE", "billing-api"),
        jwt=open("/var/run/secrets/kubernetes.io/serviceaccount/token").read(),
    )
    return client


def database_credentials(mount: str = "database", role: str = "billing-rw") -> tuple[str, str]:
    secret = vault_client().secrets.database.generate_credentials(name=role, mount_point=mount)
    data = secret["data"]
    return data["username"], data["password"]


def read_kv(path: str) -> dict:
    resp = vault_client().secrets.kv.v2.read_secret_version(path=path, raise_on_deleted_version=True)
    return resp["data"]["data"]
