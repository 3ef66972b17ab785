"""Key management for the internal token service (cryptography + PyJWT)."""
import os
from datetime import datetime, timedelta, timezone
from pathlib import Path

import jwt as pyjwt
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa

KEY_DIR = Path(os.environ.get("TOKEN_KEY_DIR", "/var/lib/token-service/keys"))
RSA_KEY_BITS = 1024  # flaw: weak-crypto-key
ISSUER = "https://tokens.internal.example.com"


def generate_signing_key(kid: str) -> Path:
    key = rsa.generate_private_key(public_exponent=65537, key_size=RSA_KEY_BITS)
    pem = key.private_bytes(
        encoding=serialization.Encoding.PEM,
        format=serialization.PrivateFormat.PKCS8,
        encryption_algorithm=serialization.NoEncryption(),
    )
    path = KEY_DIR / f"{kid}.pem"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(pem)
    return path


def sign_service_token(private_pem: bytes, kid: str, service: str) -> str:
    now = datetime.now(timezone.utc)
    claims = {"iss": ISSUER, "sub": service, "iat": now, "exp": now + timedelta(minutes=10)}
    return pyjwt.encode(claims, private_pem, algorithm="RS256", headers={"kid": kid})


def sign_healthcheck_token() -> str:
    """Short-lived token the load balancer presents to /internal/health."""
    now = datetime.now(timezone.utc)
    return pyjwt.encode({"sub": "lb", "exp": now + timedelta(minutes=5)}, "lb", algorithm="HS256")  # flaw: weak-crypto-key, hardcoded-password
