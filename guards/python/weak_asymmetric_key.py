"""IDG162: RSA/DSA/DH keys under 2048 bits (or elliptic curves under 224 bits) generated for signing or tokens."""

from __future__ import annotations

from typing import Any

import libcst as cst

from ..examples import Invalid, Valid
from ..models import GuardMeta, Severity
from .support.credential_literals import is_test_path
from .support.guard import PythonGuard
from .support.values import definition_site

MIN_MODULUS_BITS = 2048
# Curves below 224 bits (about 112-bit security), by the names libraries give them.
_WEAK_CURVES = frozenset(
    {
        "SECP192R1",
        "SECT163K1",
        "SECT163R2",
        "SECP160R1",
        "P-192",
        "p192",
        "prime192v1",
        "secp192r1",
        "NIST192p",
        "SECP112R1",
        "SECP128R1",
    }
)
# qualified name -> (what it makes, where the size is: keyword, positional index)
_GENERATORS = {
    "cryptography.hazmat.primitives.asymmetric.rsa.generate_private_key": ("RSA", "key_size", 1),
    "cryptography.hazmat.primitives.asymmetric.dsa.generate_private_key": ("DSA", "key_size", 0),
    "cryptography.hazmat.primitives.asymmetric.dsa.generate_parameters": ("DSA", "key_size", 0),
    "cryptography.hazmat.primitives.asymmetric.dh.generate_parameters": ("DH", "key_size", 1),
    "Crypto.PublicKey.RSA.generate": ("RSA", "bits", 0),
    "Crypto.PublicKey.DSA.generate": ("DSA", "bits", 0),
    "Cryptodome.PublicKey.RSA.generate": ("RSA", "bits", 0),
    "Cryptodome.PublicKey.DSA.generate": ("DSA", "bits", 0),
    "rsa.newkeys": ("RSA", "nbits", 0),
    "paramiko.RSAKey.generate": ("RSA", "bits", 0),
    "paramiko.rsakey.RSAKey.generate": ("RSA", "bits", 0),
    "paramiko.DSSKey.generate": ("DSA", "bits", 0),
    "paramiko.dsskey.DSSKey.generate": ("DSA", "bits", 0),
    "M2Crypto.RSA.gen_key": ("RSA", "bits", 0),
}
_LAST_NAMES = frozenset(
    {name.rsplit(".", 1)[-1] for name in _GENERATORS}
    | {
        "generate_key",
        "SECP192R1",
        "SECT163K1",
        "SECT163R2",
        "generate",
        "run",
        "call",
        "check_call",
        "check_output",
        "Popen",
    }
)


def _article(kind: str) -> str:
    return "an" if kind == "RSA" else "a"


class WeakAsymmetricKey(PythonGuard):
    """
    ## What it does
    Finds key pairs generated too small to sign tokens, SSH logins or certificates: RSA, DSA and
    DH keys under 2048 bits (cryptography `rsa.generate_private_key(key_size=1024)`, pycryptodome
    `RSA.generate(1024)`, python-rsa `rsa.newkeys(512)`, paramiko `RSAKey.generate(1024)` and
    `DSSKey.generate()`, pyOpenSSL `generate_key(TYPE_RSA, 1024)`, M2Crypto `RSA.gen_key`) and
    elliptic curves under 224 bits (`ec.SECP192R1()`, `ECC.generate(curve="P-192")`). The size is
    followed through constants (`RSA_KEY_BITS = 1024` is reported too). RSA 2048/3072/4096,
    P-256 and Ed25519 are fine.

    In test code (`tests/`, `test_*.py`) findings are low: fixtures use small keys and
    throwaway files for speed.

    ## Why is this bad?
    A 1024-bit RSA or DSA key is within reach of a well-funded attacker and below every current
    standard (NIST SP 800-57, CA/B Forum); 512-bit RSA is factored in hours on rented machines.
    Whoever recovers a signing key mints tokens, SSH logins or certificates for any identity.
    paramiko's DSS keys are always 1024 bits, and OpenSSH no longer accepts them.

    ## Example
    ```python
    key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
    ```

    ## Use instead
    ```python
    key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
    # or: ed25519.Ed25519PrivateKey.generate()
    ```
    """

    id = "IDG162"
    name = "weak-asymmetric-key"
    title = "Signing key too small"
    fix_hint = "Generate RSA keys of 3072 bits (2048 at least), or use Ed25519 / ECDSA P-256 keys."
    # Every generator judged here belongs to one of these libraries.
    triggers = ("rsa", "dsa", "dss", "secp", "sect", "p-192", "generate_parameters", "ecc", "ssh-keygen")
    meta = GuardMeta(
        cwe=["CWE-326"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01", "PR.AA-03"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["token", "secrets", "service_account"],
        see_also=["NIST SP 800-57 Part 1 Rev. 5 (table 2)"],
    )
    VALID = [
        Valid(
            """
            from cryptography.hazmat.primitives.asymmetric import rsa
            key = rsa.generate_private_key(public_exponent=65537, key_size=3072)
            """
        ),
        Valid(
            """
            from dataclasses import dataclass
            from cryptography.hazmat.primitives.asymmetric import rsa

            @dataclass
            class KeyPolicy:
                rsa_bits: int = 1024

            POLICY = KeyPolicy(rsa_bits=3072)

            def make(policy: KeyPolicy = POLICY):
                return rsa.generate_private_key(public_exponent=65537, key_size=policy.rsa_bits)
            """
        ),
        Valid(
            """
            from cryptography.hazmat.primitives.asymmetric import ec
            key = ec.generate_private_key(ec.SECP256R1())
            """
        ),
        Valid(
            """
            from Crypto.PublicKey import RSA
            RSA_BITS = 4096
            key = RSA.generate(RSA_BITS)
            """
        ),
        Valid(
            """
            from cryptography.hazmat.primitives.asymmetric import ed25519
            key = ed25519.Ed25519PrivateKey.generate()
            """
        ),
        Valid(
            """
            import rsa
            pub, priv = rsa.newkeys(2048)
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            from cryptography.hazmat.primitives.asymmetric import rsa
            key = rsa.generate_private_key(public_exponent=65537, key_size=1024)
            """,
            line=2,
        ),
        Invalid(
            """
            from dataclasses import dataclass
            from cryptography.hazmat.primitives.asymmetric import rsa

            @dataclass
            class KeyPolicy:
                rsa_bits: int = 1024

            POLICY = KeyPolicy()

            def make(policy: KeyPolicy = POLICY):
                return rsa.generate_private_key(public_exponent=65537, key_size=policy.rsa_bits)
            """,
            line=6,
        ),
        Invalid(
            """
            from cryptography.hazmat.primitives.asymmetric import rsa
            RSA_KEY_BITS = 1024
            key = rsa.generate_private_key(65537, RSA_KEY_BITS)
            """,
            line=2,
        ),
        Invalid(
            """
            from Crypto.PublicKey import RSA
            key = RSA.generate(1024)
            """,
            line=2,
        ),
        Invalid(
            """
            import paramiko
            key = paramiko.DSSKey.generate()
            """,
            line=2,
        ),
        Invalid(
            """
            from cryptography.hazmat.primitives.asymmetric import ec
            key = ec.generate_private_key(ec.SECP192R1())
            """,
            line=2,
        ),
        Invalid(
            """
            from OpenSSL import crypto
            pkey = crypto.PKey()
            pkey.generate_key(crypto.TYPE_RSA, 1024)
            """,
            line=3,
        ),
        Invalid(
            """
            from Crypto.PublicKey import ECC
            key = ECC.generate(curve='P-192')
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
        spec = _GENERATORS.get(name)
        if spec is not None:
            kind, keyword, index = spec
            size_expr = self.ctx.kwarg(node, keyword) or self.ctx.positional(node, index)
            if size_expr is None:
                if kind == "DSA" and name.startswith("paramiko."):
                    self._report(node, None, "DSA", 1024)  # paramiko DSS keys are always 1024 bits
                return
            self._judge(node, size_expr, kind)
        elif last == "generate_key" and isinstance(func, cst.Attribute):
            # pyOpenSSL: PKey().generate_key(crypto.TYPE_RSA | TYPE_DSA, bits)
            key_type = self.ctx.qualname(self.ctx.positional(node, 0)) or ""
            if key_type.endswith(("TYPE_RSA", "TYPE_DSA")):
                self._judge(node, self.ctx.positional(node, 1), "RSA" if key_type.endswith("TYPE_RSA") else "DSA")
        elif name.endswith((".ec.SECP192R1", ".ec.SECT163K1", ".ec.SECT163R2")) and name.startswith("cryptography."):
            self.report(node, f"The curve {name.rsplit('.', 1)[-1]} gives under 112 bits of security.")
        elif last in ("run", "call", "check_call", "check_output", "Popen"):
            self._check_keygen_command(node)
        elif name in ("Crypto.PublicKey.ECC.generate", "Cryptodome.PublicKey.ECC.generate"):
            curve = self.ctx.string_value(self.ctx.kwarg(node, "curve")) or ""
            if curve in _WEAK_CURVES:
                self.report(node, f"The curve {curve} gives under 112 bits of security.")

    def _check_keygen_command(self, node: cst.Call) -> None:
        """`subprocess.run(["ssh-keygen", "-t", "rsa", "-b", "1024", ...])`."""
        command = self.ctx.resolve(self.ctx.positional(node, 0))
        if not isinstance(command, (cst.List, cst.Tuple)):
            return
        words = [self.ctx.string_value(e.value) for e in command.elements]
        if not words or words[0] not in ("ssh-keygen", "/usr/bin/ssh-keygen"):
            return
        key_type = words[words.index("-t") + 1] if "-t" in words[:-1] else "rsa"
        if key_type == "dsa":
            self.report(node, "ssh-keygen makes a 1024-bit DSA key, below the 2048-bit minimum.")
        elif key_type == "rsa" and "-b" in words[:-1]:
            bits_expr = command.elements[words.index("-b") + 1].value
            bits = self.ctx.string_value(bits_expr)
            if bits is not None and bits.isdigit() and int(bits) < MIN_MODULUS_BITS:
                self.report(node, f"ssh-keygen makes a {bits}-bit RSA key, below the 2048-bit minimum.")

    def _judge(self, node: cst.Call, size_expr: cst.BaseExpression | None, kind: str) -> None:
        bits = self.ctx.number_value(size_expr)
        if bits is None or bits >= MIN_MODULUS_BITS or bits <= 0:
            return
        self._report(node, size_expr, kind, int(bits))

    def _report(self, node: cst.Call, size_expr: cst.BaseExpression | None, kind: str, bits: int) -> None:
        message = (
            f"A {bits}-bit {kind} key is below the 2048-bit minimum: it can be broken and used to forge signatures."
        )
        self.report(node, message)
        constant = definition_site(self.ctx, size_expr)
        if constant is not None:
            self.report(
                constant,
                f"{bits} bits, used for {_article(kind)} {kind} key, is below the 2048-bit minimum.",
            )
