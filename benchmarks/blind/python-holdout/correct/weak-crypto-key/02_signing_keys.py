"""Key generation for token signing: Ed25519 for new services, RSA-3072 for legacy RS256 consumers."""
from __future__ import annotations

import os
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa

RSA_BITS = 3072


def _write_private(path: Path, pem: bytes) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)


def _pem(key) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(os.environ["KEY_WRAP_PASSPHRASE"].encode()),
    )


def generate_ed25519(directory: Path, kid: str) -> Path:
    key = ed25519.Ed25519PrivateKey.generate()
    path = directory / f"{kid}.ed25519.pem"
    _write_private(path, _pem(key))
    return path


def generate_rsa(directory: Path, kid: str) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_BITS)  # near-miss: weak-crypto-key
    path = directory / f"{kid}.rsa.pem"
    _write_private(path, _pem(key))
    return path


def load_verifier(public_pem: bytes):
    key = serialization.load_pem_public_key(public_pem)
    if isinstance(key, rsa.RSAPublicKey) and key.key_size < 2048:
        raise ValueError("refusing RSA key shorter than 2048 bits")
    return key
