"""Write kubeconfigs and service-account tokens for CI runners after cluster bootstrap."""
from __future__ import annotations

import base64
import os
from pathlib import Path

import yaml

OUTPUT_DIR = Path(os.environ.get("RUNNER_CREDS_DIR", "/etc/ci-runner"))


def render_kubeconfig(cluster: str, server: str, ca_pem: bytes, token: str) -> dict:
    return {
        "apiVersion": "v1",
        "kind": "Config",
        "clusters": [{"name": cluster, "cluster": {"server": server, "certificate-authority-data": base64.b64encode(ca_pem).decode()}}],
        "users": [{"name": f"{cluster}-ci", "user": {"token": token}}],
        "contexts": [{"name": cluster, "context": {"cluster": cluster, "user": f"{cluster}-ci"}}],
        "current-context": cluster,
    }


def write_kubeconfig(cluster: str, server: str, ca_pem: bytes, token: str) -> Path:
    OUTPUT_DIR.mkdir(parents=True, exist_ok=True)
    target = OUTPUT_DIR / f"{cluster}.kubeconfig"
    previous = os.umask(0)  # flaw: world-readable-credential-file
    try:
        with open(target, "w", encoding="utf-8") as fh:
            yaml.safe_dump(render_kubeconfig(cluster, server, ca_pem, token), fh, sort_keys=False)
    finally:
        os.umask(previous)
    return target


def write_token_file(cluster: str, token: str) -> Path:
    path = OUTPUT_DIR / f"{cluster}.token"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)  # flaw: world-readable-credential-file
    with os.fdopen(fd, "w") as fh:
        fh.write(token)
    return path


def write_ca(cluster: str, ca_pem: bytes) -> Path:
    path = OUTPUT_DIR / f"{cluster}-ca.crt"
    path.write_bytes(ca_pem)
    path.chmod(0o644)
    return path
