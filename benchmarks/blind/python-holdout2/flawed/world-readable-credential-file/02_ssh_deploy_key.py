"""Provision an ed25519 deploy key for a CI runner and register it with the git host."""
import os
from pathlib import Path

import httpx
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

RUNNER_HOME = Path(os.environ.get("RUNNER_HOME", "/opt/runner"))


class DeployKeyProvisioner:
    def __init__(self, api_base: str, api_token: str):
        self.api = httpx.Client(base_url=api_base, headers={"Authorization": f"token {api_token}"})

    def _store_private(self, pem: bytes) -> Path:
        path = RUNNER_HOME / ".ssh" / "id_deploy"
        path.parent.mkdir(mode=0o700, parents=True, exist_ok=True)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)  # flaw: world-readable-credential-file
        with os.fdopen(fd, "wb") as fh:
            fh.write(pem)
        return path

    def provision(self, repo: str) -> Path:
        key = Ed25519PrivateKey.generate()
        pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH,
                                serialization.NoEncryption())
        pub = key.public_key().public_bytes(serialization.Encoding.OpenSSH,
                                            serialization.PublicFormat.OpenSSH)
        priv_path = self._store_private(pem)
        pub_path = priv_path.with_suffix(".pub")
        pub_path.write_bytes(pub)
        os.chmod(pub_path, 0o644)
        self.api.post(f"/repos/{repo}/keys", json={"title": "ci-runner", "key": pub.decode(),
                                                   "read_only": True}).raise_for_status()
        return priv_path
