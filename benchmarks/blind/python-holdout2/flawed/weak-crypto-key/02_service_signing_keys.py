"""Generates per-service RSA signing keys used to mint internal JWTs."""
from dataclasses import dataclass
from pathlib import Path

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from joserfc import jwt
from joserfc.jwk import RSAKey

KEY_BITS = 1024
KEY_DIR = Path("/etc/mesh/keys")


@dataclass
class ServiceKey:
    service: str
    private_pem: bytes
    public_pem: bytes


def generate_service_key(service: str, bits: int = KEY_BITS) -> ServiceKey:
    priv = rsa.generate_private_key(public_exponent=65537, key_size=bits)  # flaw: weak-crypto-key
    return ServiceKey(
        service=service,
        private_pem=priv.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.PKCS8,
            serialization.NoEncryption(),
        ),
        public_pem=priv.public_key().public_bytes(
            serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
        ),
    )


def mint_internal_token(key: ServiceKey, audience: str, ttl: int = 300) -> str:
    import time
    now = int(time.time())
    jwk = RSAKey.import_key(key.private_pem)
    return jwt.encode({"alg": "RS256"}, {"iss": key.service, "aud": audience,
                                         "iat": now, "exp": now + ttl}, jwk)


def rotate_with_joserfc(service: str) -> RSAKey:
    return RSAKey.generate_key(768, parameters={"kid": f"{service}-next"})  # flaw: weak-crypto-key
