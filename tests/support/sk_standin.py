"""A software stand-in for a FIDO security key (`sk-ssh-ed25519@openssh.com`), for tests where no hardware is.

It makes exactly the signatures a hardware key makes through OpenSSH (PROTOCOL.u2f, PROTOCOL.sshsig): the
authenticator signs SHA-256(application) || flags || counter || SHA-256(message), and the flags byte says
whether a person touched the key (user presence, 0x01) or entered a PIN (user verification, 0x04). The real
`ssh-keygen -Y verify` checks these signatures; the stand-in only lets a test choose the flags, which is what a
hardware key's owner chooses by touching it or not.
"""

from __future__ import annotations

import base64
import hashlib
import struct
from dataclasses import dataclass, field

from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

KEY_TYPE = b"sk-ssh-ed25519@openssh.com"
APPLICATION = b"ssh:"


def _string(data: bytes) -> bytes:
    return struct.pack(">I", len(data)) + data


@dataclass
class SoftwareSecurityKey:
    private: Ed25519PrivateKey = field(default_factory=Ed25519PrivateKey.generate)
    counter: int = 0

    @property
    def public_blob(self) -> bytes:
        raw = self.private.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
        return _string(KEY_TYPE) + _string(raw) + _string(APPLICATION)

    def public_line(self) -> str:
        """`sk-ssh-ed25519@openssh.com AAAA...`, as in an allowed_signers file."""
        return f"{KEY_TYPE.decode()} {base64.b64encode(self.public_blob).decode()}"

    def sign(self, message: bytes, namespace: str = "idguard", flags: int = 0x01) -> str:
        """An armored SSHSIG signature of `message`, made with the given authenticator flags."""
        self.counter += 1
        hashed = hashlib.sha512(message).digest()
        signed_data = b"SSHSIG" + _string(namespace.encode()) + _string(b"") + _string(b"sha512") + _string(hashed)
        to_sign = (
            hashlib.sha256(APPLICATION).digest()
            + bytes([flags])
            + struct.pack(">I", self.counter)
            + hashlib.sha256(signed_data).digest()
        )
        signature = self.private.sign(to_sign)
        sig_blob = _string(KEY_TYPE) + _string(signature) + bytes([flags]) + struct.pack(">I", self.counter)
        blob = (
            b"SSHSIG"
            + struct.pack(">I", 1)
            + _string(self.public_blob)
            + _string(namespace.encode())
            + _string(b"")
            + _string(b"sha512")
            + _string(sig_blob)
        )
        encoded = base64.b64encode(blob).decode()
        lines = [encoded[i : i + 70] for i in range(0, len(encoded), 70)]
        return "-----BEGIN SSH SIGNATURE-----\n" + "\n".join(lines) + "\n-----END SSH SIGNATURE-----\n"

    @property
    def fingerprint(self) -> str:
        return "SHA256:" + base64.b64encode(hashlib.sha256(self.public_blob).digest()).decode().rstrip("=")
