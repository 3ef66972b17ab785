"""IDG415: DES, 3DES, RC4, ECB-style block use, or RSA keys under 2048 bits."""

from __future__ import annotations

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import GoGuard
from .support.tree import Node

_BROKEN = {
    "crypto/des.NewCipher": "DES",
    "crypto/des.NewTripleDESCipher": "3DES",
    "crypto/rc4.NewCipher": "RC4",
    "des.NewCipher": "DES",
    "des.NewTripleDESCipher": "3DES",
    "rc4.NewCipher": "RC4",
}
_BLOCKS = (
    "crypto/aes.NewCipher",
    "aes.NewCipher",
    "crypto/des.NewCipher",
    "des.NewCipher",
    "crypto/des.NewTripleDESCipher",
)


class GoWeakCryptoKey(GoGuard):
    """
    ## What it does
    Finds broken ciphers and short keys: `des.NewCipher`,
    `des.NewTripleDESCipher`, `rc4.NewCipher`, a block cipher's `Encrypt`
    called block by block in a loop (ECB: no mode), and
    `rsa.GenerateKey(rand.Reader, bits)` with fewer than 2048 bits (also
    through a constant).

    ## Why is this bad?
    DES keys are brute-forced in hours, 3DES and RC4 leak plaintext under
    known attacks, ECB shows equal blocks of a token or secret as equal
    ciphertext, and a 1024-bit RSA key is within reach of a determined
    attacker: tokens signed with it can be forged.

    ## Example
    ```go
    key, err := rsa.GenerateKey(rand.Reader, 1024)
    ```

    ## Use instead
    ```go
    key, err := rsa.GenerateKey(rand.Reader, 3072) // or ed25519.GenerateKey; AES-GCM for encryption
    ```
    """

    id = "IDG415"
    name = "go-weak-crypto-key"
    title = "Weak cipher or key size"
    fix_hint = "Use AES-GCM (`cipher.NewGCM`) for encryption and RSA 2048+ / ECDSA P-256 / Ed25519 for signing."
    triggers = ("des", "rc4", "rsa", "encrypt")
    meta = GuardMeta(
        cwe=["CWE-327", "CWE-326"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["token", "secrets"],
    )
    VALID = [
        Valid(
            """
            package crypt

            import "crypto/aes"

            func seal(key, plain []byte) ([]byte, error) {
                block, err := aes.NewCipher(key)
                if err != nil {
                    return nil, err
                }
                gcm, err := cipher.NewGCM(block)
                if err != nil {
                    return nil, err
                }
                nonce := make([]byte, gcm.NonceSize())
                return gcm.Seal(nonce, nonce, plain, nil), nil
            }
            """
        ),
        Valid(
            """
            package keys

            import "crypto/rsa"

            const keyBits = 3072

            func newSigningKey() (*rsa.PrivateKey, error) { return rsa.GenerateKey(rand.Reader, keyBits) }
            """
        ),
        Valid(
            """
            package keys

            func newKey() (ed25519.PublicKey, ed25519.PrivateKey, error) { return ed25519.GenerateKey(rand.Reader) }
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            package keys

            import "crypto/rsa"

            func newSigningKey() (*rsa.PrivateKey, error) {
                return rsa.GenerateKey(rand.Reader, 1024)
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package crypt

            import "crypto/des"

            func encryptToken(key, tok []byte) ([]byte, error) {
                block, err := des.NewTripleDESCipher(key)
                if err != nil {
                    return nil, err
                }
                out := make([]byte, len(tok))
                block.Encrypt(out, tok)
                return out, nil
            }
            """,
            line=6,
        ),
        Invalid(
            """
            package crypt

            import "crypto/aes"

            func encryptSecret(key, secret []byte) []byte {
                block, _ := aes.NewCipher(key)
                out := make([]byte, len(secret))
                for i := 0; i < len(secret); i += aes.BlockSize {
                    block.Encrypt(out[i:], secret[i:])
                }
                return out
            }
            """,
            line=9,
        ),
        Invalid(
            """
            package crypt

            import "crypto/rc4"

            func obfuscate(key, data []byte) []byte {
                c, _ := rc4.NewCipher(key)
                c.XORKeyStream(data, data)
                return data
            }
            """,
            line=6,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        broken = _BROKEN.get(name)
        if broken is not None:
            self.report(node, f"{broken} is broken: anything it encrypts can be recovered.")
            return
        if name in ("crypto/rsa.GenerateKey", "rsa.GenerateKey", "crypto/rsa.GenerateMultiPrimeKey"):
            bits = self.ctx.number_value(self.ctx.args(node)[-1]) if self.ctx.args(node) else None
            if bits is not None and bits < 2048:
                self.report(node, f"An RSA key of {bits:g} bits is too short; use 2048 or more.")
            return
        if self.ctx.last_name(name) in ("Encrypt", "Decrypt") and name.split(".")[0] != "":
            function = node.child_by_field_name("function")
            receiver = function.child_by_field_name("operand") if function is not None else None
            source = self.ctx.resolve(receiver) if receiver is not None else None
            if source is None or source.type != "call_expression" or self.ctx.call_name(source) not in _BLOCKS:
                return
            loop = node.parent
            while loop is not None and loop.type not in (
                "for_statement",
                "func_literal",
                "function_declaration",
                "method_declaration",
            ):
                loop = loop.parent
            if loop is not None and loop.type == "for_statement":
                self.report(
                    node, "The block cipher is applied block by block (ECB): equal blocks give equal ciphertext."
                )
