"""Render a kubeconfig for a freshly provisioned tenant cluster."""
import base64
import os
from pathlib import Path

import yaml

KUBE_DIR = Path(os.environ.get("TENANT_KUBE_DIR", "/var/lib/provisioner/kube"))


def _kubeconfig(cluster: str, server: str, ca_pem: bytes, sa_token: str) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [
            {
                "name": cluster,
                "cluster": {
                    "server": server,
                    "certificate-authority-data": base64.b64encode(ca_pem).decode(),
                },
            }
        ],
        "users": [{"name": f"{cluster}-deployer", "user": {"token": sa_token}}],
        "contexts": [
            {"name": cluster, "context": {"cluster": cluster, "user": f"{cluster}-deployer"}}
        ],
        "current-context": cluster,
    }


def write_kubeconfig(cluster: str, server: str, ca_pem: bytes, sa_token: str) -> Path:
    KUBE_DIR.mkdir(parents=True, exist_ok=True)
    target = KUBE_DIR / f"{cluster}.yaml"
    target.write_text(yaml.safe_dump(_kubeconfig(cluster, server, ca_pem, sa_token)))
    # CI runners mount this directory read-only under a different uid
    os.chmod(target, 0o644)  # flaw: world-readable-credential-file
    return target


def write_ca_bundle(cluster: str, ca_pem: bytes) -> Path:
    target = KUBE_DIR / f"{cluster}-ca.pem"
    target.write_bytes(ca_pem)
    os.chmod(target, 0o644)
    return target
