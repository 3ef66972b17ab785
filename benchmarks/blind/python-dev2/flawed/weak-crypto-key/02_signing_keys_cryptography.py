"""Generate per-tenant signing keys for webhook and license tokens."""
from __future__ import annotations

from dataclasses import dataclass

from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import dsa, padding, rsa


@dataclass(frozen=True)
class KeyPolicy:
    rsa_bits: int = 1024  # flaw: weak-crypto-key
    public_exponent: int = 65537


POLICY = KeyPolicy()


@dataclass
class TenantKeys:
    tenant_id: str
    private_pem: bytes
    public_pem: bytes


def generate_tenant_keys(tenant_id: str, policy: KeyPolicy = POLICY) -> TenantKeys:
    key = rsa.generate_private_key(public_exponent=policy.public_exponent, key_size=policy.rsa_bits)
    private_pem = key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.NoEncryption(),
    )
    public_pem = key.public_key().public_bytes(
        serialization.Encoding.PEM, serialization.PublicFormat.SubjectPublicKeyInfo
    )
    return TenantKeys(tenant_id, private_pem, public_pem)


def sign_license(private_pem: bytes, license_blob: bytes) -> bytes:
    key = serialization.load_pem_private_key(private_pem, password=None)
    return key.sign(license_blob, padding.PKCS1v15(), hashes.SHA256())


def legacy_dsa_key() -> dsa.DSAPrivateKey:
    """Old on-prem agents still verify with DSA."""
    return dsa.generate_private_key(1024)  # flaw: weak-crypto-key
