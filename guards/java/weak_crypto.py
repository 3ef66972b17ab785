"""IDG513: broken ciphers (DES, 3DES, RC4, Blowfish), ECB mode, and RSA/DSA keys under 2048 bits."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import JavaGuard
from .support.tree import Node

_BROKEN = ("DES", "DESEDE", "TRIPLEDES", "RC4", "ARCFOUR", "RC2", "BLOWFISH", "PBEWITHMD5ANDDES")
_SMALL_KEY_ALGORITHMS = ("RSA", "DSA", "DH", "DIFFIEHELLMAN")


class JavaWeakCrypto(JavaGuard):
    """
    ## What it does
    Finds encryption that does not protect tokens or secrets:
    `Cipher.getInstance` with DES, DESede (3DES), RC4, RC2 or Blowfish, with
    ECB mode (`"AES/ECB/PKCS5Padding"`, or plain `"AES"`, which defaults to
    ECB), `KeyGenerator`/`SecretKeyFactory` for those algorithms, and RSA,
    DSA or DH key pairs under 2048 bits (`KeyPairGenerator.initialize(1024)`,
    `new RSAKeyGenParameterSpec(1024, ...)`).

    ## Why is this bad?
    DES keys are brute-forced in hours, RC4 leaks its key stream, ECB
    encrypts equal blocks to equal blocks (so token structure shows through),
    and 1024-bit RSA is within reach of well-funded attackers: signatures
    can be forged and encrypted secrets read.

    ## Example
    ```java
    Cipher cipher = Cipher.getInstance("DES/ECB/PKCS5Padding");
    ```

    ## Use instead
    ```java
    Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
    ```
    """

    id = "IDG513"
    name = "java-weak-crypto"
    title = "Weak cipher, ECB mode or short key"
    fix_hint = "Use AES/GCM/NoPadding (or ChaCha20-Poly1305), and RSA 2048+ / Ed25519 / EC P-256 for keys."
    triggers = ("cipher", "keygenerator", "keypairgenerator", "secretkeyfactory", "rsakeygenparameterspec")
    meta = GuardMeta(
        cwe=["CWE-327", "CWE-326"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="low",
        impact="high",
        confidence="high",
        categories=["secrets", "token"],
    )
    VALID = [
        Valid(
            """
            Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
            """
        ),
        Valid(
            """
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(3072);
            """
        ),
        Valid(
            """
            KeyPairGenerator ec = KeyPairGenerator.getInstance("EC");
            ec.initialize(256);
            Cipher rsa = Cipher.getInstance("RSA/ECB/OAEPWithSHA-256AndMGF1Padding");
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            Cipher cipher = Cipher.getInstance("DESede/CBC/PKCS5Padding");
            """,
            line=1,
        ),
        Invalid(
            """
            private static final String TRANSFORMATION = "AES/ECB/PKCS5Padding";
            Cipher cipher = Cipher.getInstance(TRANSFORMATION);
            """,
            line=2,
        ),
        Invalid(
            """
            KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
            generator.initialize(1024);
            """,
            line=2,
        ),
        Invalid(
            """
            Cipher cipher = Cipher.getInstance("AES");
            """,
            line=1,
        ),
    ]

    def _generator_algorithm(self, receiver: Node | None) -> str | None:
        ctx = self.ctx
        resolved = ctx.resolve(receiver)
        if (
            resolved is not None
            and resolved.type == "method_invocation"
            and ctx.call_name(resolved).endswith("KeyPairGenerator.getInstance")
        ):
            return (ctx.string_value(ctx.arg(resolved, 0)) or "").upper()
        return None

    def visit_method_invocation(self, node: Node) -> None:
        ctx = self.ctx
        method = ctx.method_name(node)
        name = ctx.call_name(node)
        if method == "getInstance" and name.endswith(
            ("Cipher.getInstance", "KeyGenerator.getInstance", "SecretKeyFactory.getInstance")
        ):
            transformation = ctx.string_value(ctx.arg(node, 0))
            if transformation is None:
                return
            parts = [p.strip().upper() for p in transformation.split("/")]
            algorithm = parts[0]
            if algorithm in _BROKEN or algorithm.startswith("PBEWITHMD5"):
                self.report(node, f"{transformation} is a broken cipher.")
            elif name.endswith("Cipher.getInstance") and algorithm == "AES" and (len(parts) == 1 or parts[1] == "ECB"):
                self.report(node, f"`{transformation}` encrypts in ECB mode, which shows the plaintext's structure.")
        elif method == "initialize":
            size = ctx.number_value(ctx.arg(node, 0))
            generator = self._generator_algorithm(ctx.receiver(node))
            if size is not None and generator in _SMALL_KEY_ALGORITHMS and size < 2048:
                self.report(node, f"A {size:g}-bit {generator} key is too short; use 2048 bits or more.")

    def visit_object_creation_expression(self, node: Node) -> None:
        ctx = self.ctx
        if ctx.last_name(ctx.type_name(node)) in ("RSAKeyGenParameterSpec", "DSAParameterSpec"):
            size = ctx.number_value(ctx.arg(node, 0))
            if size is not None and size < 2048:
                self.report(node, f"A {size:g}-bit key is too short; use 2048 bits or more.")
