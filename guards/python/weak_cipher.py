"""IDG161: tokens or secrets encrypted with a broken cipher (DES, 3DES, RC4, Blowfish...) or in ECB mode."""

from __future__ import annotations

from typing import Any

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.credential_literals import is_test_path
from .support.guard import PythonGuard
from .support.values import definition_site

# pycryptodome / pycrypto cipher modules whose algorithm is broken or has a 64-bit block.
_WEAK_MODULES = {
    "DES": "DES",
    "DES3": "3DES",
    "ARC4": "RC4",
    "ARC2": "RC2",
    "Blowfish": "Blowfish",
    "CAST": "CAST",
    "XOR": "XOR",
}
# cryptography's algorithm classes (primitives and hazmat.decrepit) of the same kind.
_WEAK_ALGORITHMS = {
    "TripleDES": "3DES",
    "ARC4": "RC4",
    "Blowfish": "Blowfish",
    "CAST5": "CAST5",
    "IDEA": "IDEA",
    "SEED": "SEED",
}
_PYCRYPTO_PREFIXES = ("Crypto.Cipher.", "Cryptodome.Cipher.")
_CRYPTOGRAPHY_PREFIXES = (
    "cryptography.hazmat.primitives.ciphers.algorithms.",
    "cryptography.hazmat.decrepit.ciphers.algorithms.",
)
_PYDES = {"pyDes.des": "DES", "pyDes.triple_des": "3DES"}
_LAST_NAMES = frozenset({"new", "ECB", "des", "triple_des", *_WEAK_ALGORITHMS})


class WeakCipher(PythonGuard):
    """
    ## What it does
    Finds encryption with ciphers that no longer protect anything: DES, 3DES, RC4, RC2, Blowfish,
    CAST, IDEA and SEED through pycryptodome/pycrypto (`DES3.new(...)`, `ARC4.new(...)`),
    cryptography (`Cipher(algorithms.TripleDES(key), ...)`, `algorithms.ARC4(key)`, the
    `hazmat.decrepit` module) or pyDes; and any block cipher in ECB mode (`AES.new(key,
    AES.MODE_ECB)`, `modes.ECB()`, pycrypto's `AES.new(key)` whose default mode is ECB).
    AES-GCM, ChaCha20-Poly1305, Fernet and AES in CBC/CTR with a MAC are fine.

    In test code (`tests/`, `test_*.py`) findings are low: fixtures use small keys and
    throwaway files for speed.

    ## Why is this bad?
    Encrypted refresh tokens, session cookies and stored credentials are only as safe as the
    cipher: DES keys are brute-forced in hours, RC4's keystream biases reveal cookie contents,
    64-bit block ciphers (3DES, Blowfish) leak plaintext after a few gigabytes (Sweet32), and ECB
    encrypts equal blocks to equal ciphertext, so token structure and repeated secrets show through
    and blocks can be cut and pasted into forged values.

    ## Example
    ```python
    cipher = AES.new(key, AES.MODE_ECB)
    sealed = cipher.encrypt(pad(refresh_token.encode(), 16))
    ```

    ## Use instead
    ```python
    nonce = os.urandom(12)
    sealed = nonce + AESGCM(key).encrypt(nonce, refresh_token.encode(), associated_data)
    ```
    """

    id = "IDG161"
    name = "weak-cipher"
    title = "Secret encrypted with a broken cipher or ECB mode"
    fix_hint = (
        "Use an AEAD cipher: `AESGCM(key).encrypt(nonce, data, aad)` or ChaCha20-Poly1305 with a fresh "
        "12-byte nonce, or `Fernet(key)` (cryptography); re-encrypt stored values on read."
    )
    # Every API judged here is reached through one of these module or class names.
    triggers = ("crypto", "pydes", "ecb")
    meta = GuardMeta(
        cwe=["CWE-327", "CWE-326"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["secrets", "token", "session"],
    )
    VALID = [
        Valid(
            """
            from cryptography.hazmat.primitives.ciphers.aead import AESGCM
            sealed = AESGCM(key).encrypt(nonce, token, aad)
            """
        ),
        Valid(
            """
            from Crypto.Cipher import AES
            cipher = AES.new(key, AES.MODE_GCM)
            """
        ),
        Valid(
            """
            from Crypto.Cipher import AES

            class CodeCipher:
                MODE = AES.MODE_ECB

                def __init__(self, mode):
                    self.MODE = mode

                def _cipher(self):
                    return AES.new(self._key, self.MODE, nonce=self._nonce)
            """
        ),
        Valid(
            """
            from cryptography.fernet import Fernet
            blob = Fernet(key).encrypt(secret)
            """
        ),
        Valid(
            """
            from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
            enc = Cipher(algorithms.AES(key), modes.CBC(iv)).encryptor()
            """
        ),
        Valid(
            """
            import hashlib
            digest = hashlib.new('sha256', data)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            from Crypto.Cipher import AES
            cipher = AES.new(key, AES.MODE_ECB)
            """,
            line=2,
        ),
        Invalid(
            """
            from Crypto.Cipher import AES

            class CodeCipher:
                MODE = AES.MODE_ECB

                def _cipher(self):
                    return AES.new(self._key, self.MODE)
            """,
            line=4,
        ),
        Invalid(
            """
            from Crypto.Cipher import DES3
            cipher = DES3.new(LEGACY_KEY, DES3.MODE_CBC, iv=iv)
            """,
            line=2,
        ),
        Invalid(
            """
            from cryptography.hazmat.decrepit.ciphers.algorithms import ARC4
            from cryptography.hazmat.primitives.ciphers import Cipher
            enc = Cipher(ARC4(KEY), mode=None).encryptor()
            """,
            line=3,
        ),
        Invalid(
            """
            from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
            enc = Cipher(algorithms.Blowfish(KEY), modes.CBC(iv)).encryptor()
            """,
            line=2,
        ),
        Invalid(
            """
            from Cryptodome.Cipher import DES
            cipher = DES.new(key[:8], DES.MODE_CBC, iv=iv)
            """,
            line=2,
        ),
        Invalid(
            """
            from cryptography.hazmat.primitives.ciphers import Cipher, algorithms, modes
            enc = Cipher(algorithms.AES(key), modes.ECB()).encryptor()
            """,
            line=2,
        ),
        Invalid(
            """
            import pyDes
            k = pyDes.triple_des(key, pyDes.CBC, iv)
            """,
            line=2,
        ),
    ]

    def report(self, node: cst.CSTNode, message: str | None = None, **kwargs: Any) -> None:
        if is_test_path(self.ctx.path):
            kwargs["severity"] = Severity.low  # test fixtures use small keys and throwaway files for speed
        super().report(node, message, **kwargs)

    def visit_Call(self, node: cst.Call) -> None:
        func = node.func
        last = func.attr.value if isinstance(func, cst.Attribute) else func.value if isinstance(func, cst.Name) else ""
        if last not in _LAST_NAMES and self.ctx.imports.get(last, "").rsplit(".", 1)[-1] not in _LAST_NAMES:
            return
        name = self.ctx.call_name(node) or ""
        weak = self._weak_algorithm(name)
        if weak is not None:
            self.report(node, f"{weak} no longer protects the data it encrypts.")
            return
        if name.startswith(_PYCRYPTO_PREFIXES) and name.endswith(".new"):
            if self._ecb(node) or self._pycrypto_default_ecb(node, name):
                self.report(
                    node,
                    "ECB mode encrypts equal blocks to equal ciphertext: token structure shows through.",
                )
                for arg in node.args:  # a mode set elsewhere (`MODE = AES.MODE_ECB` on the class): point there too
                    constant = definition_site(self.ctx, arg.value)
                    if isinstance(constant, cst.Attribute) and constant.attr.value == "MODE_ECB":
                        self.report(
                            constant,
                            "ECB mode, chosen here, encrypts equal blocks to equal ciphertext.",
                        )
        elif name.startswith("cryptography.hazmat.primitives.ciphers.modes.") and name.endswith(".ECB"):
            self.report(
                node,
                "ECB mode encrypts equal blocks to equal ciphertext: token structure shows through.",
            )

    @staticmethod
    def _weak_algorithm(name: str) -> str | None:
        if name in _PYDES:
            return _PYDES[name]
        if name.startswith(_PYCRYPTO_PREFIXES) and name.endswith(".new"):
            module = name.split(".")[-2]
            return _WEAK_MODULES.get(module)
        if name.startswith(_CRYPTOGRAPHY_PREFIXES):
            return _WEAK_ALGORITHMS.get(name.rsplit(".", 1)[-1])
        return None

    def _ecb(self, node: cst.Call) -> bool:
        for arg in node.args:
            value = self.ctx.resolve(arg.value)
            if isinstance(value, cst.Attribute) and value.attr.value == "MODE_ECB":
                return True
            if (
                isinstance(value, cst.Integer)
                and arg.keyword is not None
                and arg.keyword.value == "mode"
                and value.value == "1"
            ):
                return True  # MODE_ECB == 1
        return False

    def _pycrypto_default_ecb(self, node: cst.Call, name: str) -> bool:
        """pycrypto (not pycryptodome) defaults to ECB when no mode is given."""
        return (
            name.startswith("Crypto.Cipher.")
            and name.split(".")[-2] == "AES"
            and len([a for a in node.args if not a.star]) == 1
            and self.ctx.kwarg(node, "mode") is None
        )
