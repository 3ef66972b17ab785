"""Generate Ed25519 keypairs for bastion access."""
import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey

PRIVATE_MODE = 0o600
PUBLIC_MODE = 0o644


def _write(path: Path, data: bytes, mode: int) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, mode)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)
    os.chmod(path, mode)


def create_keypair(directory: Path, comment: str) -> tuple[Path, Path]:
    directory.mkdir(mode=0o700, parents=True, exist_ok=True)
    key = Ed25519PrivateKey.generate()
    private_bytes = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.OpenSSH,
        serialization.NoEncryption(),
    )
    public_bytes = key.public_key().public_bytes(
        serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH
    )
    priv_path = directory / "id_ed25519"
    pub_path = directory / "id_ed25519.pub"
    _write(priv_path, private_bytes, PRIVATE_MODE)
    _write(pub_path, public_bytes + f" {comment}\n".encode(), PUBLIC_MODE)  # near-miss: world-readable-credential-file
    return priv_path, pub_path


def publish_authorized_keys(home: Path, public_lines: list[str]) -> Path:
    ssh_dir = home / ".ssh"
    ssh_dir.mkdir(mode=0o700, exist_ok=True)
    path = ssh_dir / "authorized_keys"
    path.write_text("\n".join(public_lines) + "\n")
    os.chmod(path, 0o644)  # near-miss: world-readable-credential-file
    return path
