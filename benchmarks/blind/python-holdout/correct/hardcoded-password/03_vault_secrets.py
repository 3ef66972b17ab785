"""Runtime secret loading for the billing worker (HashiCorp Vault via Kubernetes auth)."""
from __future__ import annotations

import enum
import os
from pathlib import Path

import hvac

VAULT_ADDR = os.environ.get("VAULT_ADDR", "https://vault.example.internal:8200")
VAULT_ROLE = os.environ.get("VAULT_ROLE", "billing-worker")
SA_TOKEN_PATH = Path("/var/run/secrets/kubernetes.io/serviceaccount/token")

EXAMPLE_CONFIG = """
# billing.ini
[smtp]
user = billing@example.com
password = <your-smtp-password>
"""  # near-miss: hardcoded-password


class CredentialKind(str, enum.Enum):
    PASSWORD = "password"  # near-miss: hardcoded-password
    API_KEY = "api_key"
    CLIENT_SECRET = "client_secret"


def vault_client() -> hvac.Client:
    client = hvac.Client(url=VAULT_ADDR, verify="/etc/ssl/certs/vault-ca.pem")
    client.auth.kubernetes.login(role=VAULT_ROLE, jwt=SA_TOKEN_PATH.read_text().strip())
    return client


def read_credential(client: hvac.Client, name: str, kind: CredentialKind = CredentialKind.PASSWORD) -> str:
    secret = client.secrets.kv.v2.read_secret_version(path=f"billing/{name}", mount_point="kv")
    return secret["data"]["data"][kind.value]


def smtp_login_args(client: hvac.Client) -> tuple[str, str]:
    return os.environ.get("SMTP_USER", "billing@example.com"), read_credential(client, "smtp")
