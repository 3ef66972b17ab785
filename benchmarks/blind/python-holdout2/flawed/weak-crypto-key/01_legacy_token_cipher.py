"""Encrypts opaque refresh tokens before they are stored in the sessions table."""
import base64
import os

from cryptography.hazmat.decrepit.ciphers.algorithms import TripleDES
from cryptography.hazmat.primitives import padding
from cryptography.hazmat.primitives.ciphers import Cipher, modes

TOKEN_KEY = bytes.fromhex(os.environ["REFRESH_TOKEN_KEY"])  # 24 bytes


class RefreshTokenCipher:
    block_bits = 64

    def __init__(self, key: bytes = TOKEN_KEY):
        self._key = key

    def _cipher(self) -> Cipher:
        return Cipher(TripleDES(self._key), modes.ECB())  # flaw: weak-crypto-key

    def seal(self, token: str) -> str:
        padder = padding.PKCS7(self.block_bits).padder()
        data = padder.update(token.encode()) + padder.finalize()
        enc = self._cipher().encryptor()
        return base64.urlsafe_b64encode(enc.update(data) + enc.finalize()).decode()

    def open(self, sealed: str) -> str:
        dec = self._cipher().decryptor()
        data = dec.update(base64.urlsafe_b64decode(sealed)) + dec.finalize()
        unpadder = padding.PKCS7(self.block_bits).unpadder()
        return (unpadder.update(data) + unpadder.finalize()).decode()
