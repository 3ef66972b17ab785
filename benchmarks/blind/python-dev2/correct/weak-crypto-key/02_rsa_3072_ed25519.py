"""Signing keys for the license server and the JWT issuer."""
from cryptography.hazmat.primitives import hashes, serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, padding, rsa

MIN_RSA_BITS = 2048
ISSUER_RSA_BITS = 3072


def new_issuer_key() -> rsa.RSAPrivateKey:
    return rsa.generate_private_key(public_exponent=65537, key_size=ISSUER_RSA_BITS)  # near-miss: weak-crypto-key


def new_license_key() -> ed25519.Ed25519PrivateKey:
    return ed25519.Ed25519PrivateKey.generate()


def load_partner_public_key(pem: bytes) -> rsa.RSAPublicKey:
    key = serialization.load_pem_public_key(pem)
    if not isinstance(key, rsa.RSAPublicKey):
        raise ValueError("partner key must be RSA")
    if key.key_size < MIN_RSA_BITS:  # near-miss: weak-crypto-key
        raise ValueError(f"partner key is {key.key_size} bits; {MIN_RSA_BITS} required")
    return key


def sign_license(key: ed25519.Ed25519PrivateKey, blob: bytes) -> bytes:
    return key.sign(blob)


def verify_partner_signature(key: rsa.RSAPublicKey, blob: bytes, signature: bytes) -> None:
    key.verify(
        signature,
        blob,
        padding.PSS(mgf=padding.MGF1(hashes.SHA256()), salt_length=padding.PSS.MAX_LENGTH),
        hashes.SHA256(),
    )


def export_private(key, passphrase: bytes) -> bytes:
    return key.private_bytes(
        serialization.Encoding.PEM,
        serialization.PrivateFormat.PKCS8,
        serialization.BestAvailableEncryption(passphrase),
    )
