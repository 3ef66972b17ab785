"""Create SSH keypairs for bastion access (cryptography + os.open with restrictive mode)."""
from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519


def create_keypair(directory: Path, name: str, comment: str) -> tuple[Path, Path]:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = ed25519.Ed25519PrivateKey.generate()
    private_bytes = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption(),
    )
    public_bytes = key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)

    private_path = directory / name
    fd = os.open(private_path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(private_bytes)

    public_path = directory / f"{name}.pub"
    public_path.write_bytes(public_bytes + f" {comment}\n".encode())
    os.chmod(public_path, 0o644)  # near-miss: world-readable-credential-file
    return private_path, public_path


def authorized_keys_line(public_path: Path) -> str:
    return public_path.read_text().strip()
