"""Deploy TLS material for the ingress proxy from Vault."""
import os
from pathlib import Path

import hvac

TLS_DIR = Path("/etc/ingress/tls")


def deploy_certificate(client: hvac.Client, name: str) -> None:
    secret = client.secrets.kv.v2.read_secret_version(path=f"tls/{name}")["data"]["data"]
    TLS_DIR.mkdir(parents=True, exist_ok=True)

    cert_path = TLS_DIR / f"{name}.crt"
    cert_path.write_text(secret["certificate"], encoding="utf-8")
    os.chmod(cert_path, 0o644)  # near-miss: world-readable-credential-file

    chain_path = TLS_DIR / f"{name}.chain.pem"
    chain_path.write_text(secret["chain"], encoding="utf-8")
    chain_path.chmod(0o444)  # near-miss: world-readable-credential-file

    key_path = TLS_DIR / f"{name}.key"
    fd = os.open(key_path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o400)
    with os.fdopen(fd, "w", encoding="utf-8") as fh:
        fh.write(secret["private_key"])


if __name__ == "__main__":
    vault = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])
    for cert_name in os.environ.get("INGRESS_CERTS", "default").split(","):
        deploy_certificate(vault, cert_name.strip())
