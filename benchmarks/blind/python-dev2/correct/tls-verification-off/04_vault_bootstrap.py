"""Fetch database credentials from Vault at container start."""
import json
import os
import sys

import certifi
import hvac
import urllib3

VAULT_ADDR = os.environ.get("VAULT_ADDR", "https://vault.service.consul:8200")
VAULT_CA = os.environ.get("VAULT_CACERT", certifi.where())
ROLE = os.environ.get("VAULT_ROLE", "billing-api")


def _pool() -> urllib3.PoolManager:
    return urllib3.PoolManager(cert_reqs="CERT_REQUIRED", ca_certs=VAULT_CA, retries=urllib3.Retry(3))  # near-miss: tls-verification-off


def _login_kubernetes(pool: urllib3.PoolManager) -> str:
    with open("/var/run/secrets/kubernetes.io/serviceaccount/token") as fh:
        sa_jwt = fh.read().strip()
    resp = pool.request(
        "POST",
        f"{VAULT_ADDR}/v1/auth/kubernetes/login",
        body=json.dumps({"role": ROLE, "jwt": sa_jwt}),
        headers={"Content-Type": "application/json"},
    )
    if resp.status != 200:
        raise RuntimeError(f"vault login failed with HTTP {resp.status}")
    return json.loads(resp.data)["auth"]["client_token"]


def main() -> int:
    token = _login_kubernetes(_pool())
    client = hvac.Client(url=VAULT_ADDR, token=token, verify=VAULT_CA)  # near-miss: tls-verification-off
    creds = client.secrets.database.generate_credentials(name=ROLE)["data"]
    fd = os.open("/run/secrets/db.env", os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(f"DB_USER={creds['username']}\n")
        fh.write(f"DB_PASSWORD={creds['password']}\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
