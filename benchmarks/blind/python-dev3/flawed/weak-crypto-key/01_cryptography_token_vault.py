"""Small vault encrypting stored OAuth refresh tokens."""
import os

from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.asymmetric import rsa
from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes


class TokenVault:
    block_mode = modes.ECB

    def __init__(self, key: bytes):
        self.key = key

    def seal(self, refresh_token: str) -> bytes:
        padder = padding.PKCS7(128).padder()
        data = padder.update(refresh_token.encode()) + padder.finalize()
        enc = Cipher(algorithms.AES(self.key), self.block_mode()).encryptor()  # flaw: weak-crypto-key
        return enc.update(data) + enc.finalize()


def signing_key_for_webhooks():
    return rsa.generate_private_key(public_exponent=65537, key_size=1024)  # flaw: weak-crypto-key


vault = TokenVault(os.urandom(32))
