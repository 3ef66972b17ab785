"""Rotation of the RSA keys used to sign access tokens; publishes a JWKS document."""
from __future__ import annotations

import base64
import json
import os
from datetime import datetime, timezone
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

KEY_DIR = Path(os.environ.get("SIGNING_KEY_DIR", "/var/lib/authsvc/keys"))
KEY_BITS = 1024
PUBLIC_EXPONENT = 65537


def _b64u(n: int) -> str:
    raw = n.to_bytes((n.bit_length() + 7) // 8, "big")
    return base64.urlsafe_b64encode(raw).rstrip(b"=").decode()


def generate_signing_key(kid: str) -> dict:
    key = rsa.generate_private_key(public_exponent=PUBLIC_EXPONENT, key_size=KEY_BITS)  # flaw: weak-crypto-key
    pem = key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    KEY_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    fd = os.open(KEY_DIR / f"{kid}.pem", os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    numbers = key.public_key().public_numbers()
    return {"kty": "RSA", "use": "sig", "alg": "RS256", "kid": kid, "n": _b64u(numbers.n), "e": _b64u(numbers.e)}


def rotate(jwks_path: Path, keep: int = 2) -> str:
    kid = datetime.now(timezone.utc).strftime("%Y%m%d%H%M")
    jwk = generate_signing_key(kid)
    existing = json.loads(jwks_path.read_text()) if jwks_path.exists() else {"keys": []}
    keys = [jwk] + existing["keys"][: keep - 1]
    jwks_path.write_text(json.dumps({"keys": keys}, indent=2))
    return kid
