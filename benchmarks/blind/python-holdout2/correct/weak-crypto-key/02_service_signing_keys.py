"""Generates per-service signing keys used to mint internal JWTs."""
import os
import time
from dataclasses import dataclass

from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from joserfc import jwt
from joserfc.jwk import OKPKey, RSAKey

KEY_BITS = 3072


@dataclass
class ServiceKey:
    service: str
    private_pem: bytes


def generate_service_key(service: str, bits: int = KEY_BITS) -> ServiceKey:
    if bits < 2048:
        raise ValueError("RSA keys must be at least 2048 bits")
    priv = rsa.generate_private_key(public_exponent=65537, key_size=bits)  # near-miss: weak-crypto-key
    pem = priv.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                             serialization.BestAvailableEncryption(os.environ["KEY_WRAP_PASSPHRASE"].encode()))
    return ServiceKey(service=service, private_pem=pem)


def generate_edge_key() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


def rotate_with_joserfc(service: str) -> RSAKey:
    return RSAKey.generate_key(2048, parameters={"kid": f"{service}-next"})  # near-miss: weak-crypto-key


def mint_internal_token(service: str, audience: str, ttl: int = 300) -> str:
    now = int(time.time())
    key = OKPKey.generate_key("Ed25519")
    return jwt.encode({"alg": "EdDSA"}, {"iss": service, "aud": audience, "iat": now, "exp": now + ttl}, key)
