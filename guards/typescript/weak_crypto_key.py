"""IDG324: secrets encrypted with broken ciphers or modes, and signing keys too short."""

from __future__ import annotations

import re

from ..examples import Invalid, Valid
from ..models import GuardMeta
from .support.guard import ScriptGuard
from .support.tree import Node

_WEAK_CIPHER = re.compile(r"^(des|des-ede|des-ede3|des3|rc4|rc2|bf|blowfish|cast|idea|seed)(-|$)|-ecb$|^aes-\d+$", re.I)
_RSA_TYPES = frozenset({"rsa", "rsa-pss", "dsa"})


class TsWeakCryptoKey(ScriptGuard):
    """
    ## What it does
    Finds weak encryption of tokens and secrets and weak signing keys in
    Node.js: `crypto.createCipheriv` / `createDecipheriv` with DES, 3DES, RC4,
    RC2, Blowfish or an ECB mode (`"aes-256-ecb"`; also when the name is held
    in a constant, reported where it is written), the deprecated IV-less
    `crypto.createCipher`, and RSA or DSA key pairs generated below 2048 bits
    (`generateKeyPairSync("rsa", { modulusLength: 1024 })`, node-forge
    `rsa.generateKeyPair({ bits })`, `new NodeRSA({ b })`).

    ## Why is this bad?
    DES and RC4 are broken and 3DES is retired; ECB leaks patterns and lets
    blocks be swapped; a 1024-bit RSA key is within reach of a well-funded
    attacker, who can then sign any token the service trusts.

    ## Example
    ```ts
    const cipher = crypto.createCipheriv("aes-256-ecb", key, null);
    ```

    ## Use instead
    ```ts
    const cipher = crypto.createCipheriv("aes-256-gcm", key, crypto.randomBytes(12));
    ```
    """

    id = "IDG324"
    name = "ts-weak-crypto-key"
    title = "Weak cipher or short key"
    fix_hint = "Use AES-256-GCM with a random IV for secrets, and RSA 3072+ (or Ed25519/ES256) for signing keys."
    triggers = ("cipher", "modulus", "generatekeypair", "nodersa")
    meta = GuardMeta(
        cwe=["CWE-327", "CWE-326"],
        owasp_nhi=["NHI2"],
        nist_csf=["PR.DS-01"],
        likelihood="medium",
        impact="high",
        confidence="high",
        categories=["secrets", "token"],
    )
    VALID = [
        Valid(
            """
            const cipher = crypto.createCipheriv("aes-256-gcm", key, iv);
            """
        ),
        Valid(
            """
            const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 3072 });
            """
        ),
        Valid(
            """
            const { privateKey } = generateKeyPairSync("ed25519");
            """
        ),
    ]
    INVALID = [
        Invalid(
            """
            const REFRESH_TOKEN_CIPHER = {
              algorithm: "des-ede3-cbc",
              keyLength: 24,
            };
            export function seal(token: string): string {
              const cipher = createCipheriv(REFRESH_TOKEN_CIPHER.algorithm, masterKey, randomBytes(8));
              return Buffer.concat([cipher.update(token, "utf8"), cipher.final()]).toString("base64");
            }
            """,
            line=2,
        ),
        Invalid(
            """
            const cipher = crypto.createCipheriv("aes-256-ecb", key, null);
            """,
            line=1,
        ),
        Invalid(
            """
            const CIPHER = "des-ede3-cbc";
            export const seal = (k, iv) => createCipheriv(CIPHER, k, iv);
            """,
            line=1,
        ),
        Invalid(
            """
            const { privateKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
            """,
            line=1,
        ),
        Invalid(
            """
            const c = crypto.createCipher("aes-256-cbc", password);
            """,
            line=1,
        ),
    ]

    def visit_call_expression(self, node: Node) -> None:
        name = self.ctx.call_name(node)
        last = self.ctx.last_name(name)
        if last in ("createCipheriv", "createDecipheriv", "createCipher", "createDecipher"):
            algorithm_arg = self.ctx.arg(node, 0)
            algorithm = self.ctx.string_value(algorithm_arg)
            if algorithm is not None and _WEAK_CIPHER.search(algorithm.strip()):
                definition = self.ctx.definition(algorithm_arg)
                where = definition.parent if definition is not None and definition.parent is not None else node
                self.report(where, f"`{algorithm}` is a broken cipher or mode for protecting secrets.")
            elif last in ("createCipher", "createDecipher"):
                self.report(node, f"`{last}` derives a key and IV without salt from a password.")
        elif last in ("generateKeyPairSync", "generateKeyPair"):
            kind = (self.ctx.string_value(self.ctx.arg(node, 0)) or "").lower()
            options = self.ctx.arg(node, 1)
            entries = self.ctx.object_entries(options) or {}
            bits = self.ctx.number_value(entries.get("modulusLength") or entries.get("bits"))
            if (kind in _RSA_TYPES or not kind) and bits is not None and bits < 2048:
                pair = self.ctx.entry_pair(options, "modulusLength") or self.ctx.entry_pair(options, "bits") or node
                self.report(pair, f"A {bits:g}-bit {kind.upper() or 'RSA'} key is too short for signing.")
        elif name.endswith("NodeRSA") and node.type == "new_expression":
            entries = self.ctx.object_entries(self.ctx.arg(node, 0)) or {}
            bits = self.ctx.number_value(entries.get("b"))
            if bits is not None and bits < 2048:
                self.report(node, f"A {bits:g}-bit RSA key is too short for signing.")
