"""OpenSSH signatures for approvals: `ssh-keygen -Y sign` / `-Y verify` with namespace `idguard`.

idguard never implements signature cryptography itself: it hands the exact
bytes to the real `ssh-keygen` and trusts only its exit status. When
`ssh-keygen` is missing, times out or fails, verification answers "not
verified" (fail closed) with a message that says why.

Signers are listed in `.idguard/allowed_signers` in the OpenSSH format
(`principal[,principal...] [options] keytype base64-key [comment]`, see
ssh-keygen(1) "ALLOWED SIGNERS"); the principal is the reviewer's identity.
"""

from __future__ import annotations

import base64
import binascii
import fnmatch
import hashlib
import os
import re
import shlex
import shutil
import struct
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

NAMESPACE = "idguard"
SSH_KEYGEN_TIMEOUT_SECONDS = 30
KEY_TYPE_PREFIXES = ("ssh-", "ecdsa-", "sk-")
# FIDO security-key types (OpenSSH PROTOCOL.u2f) and the authenticator flags their signatures carry.
SECURITY_KEY_TYPES = ("sk-ssh-ed25519@openssh.com", "sk-ecdsa-sha2-nistp256@openssh.com")
SK_USER_PRESENCE = 0x01
SK_USER_VERIFICATION = 0x04
# `ssh-keygen -Y verify` names the key that made a good signature: `... with ED25519 key SHA256:...`.
_VERIFIED_KEY = re.compile(r" key (SHA256:[A-Za-z0-9+/]{43})(?:\s|$)")


class SigningError(Exception):
    """Signing or verification could not be carried out (the message says why)."""


@dataclass(frozen=True)
class PublicKey:
    key_type: str
    blob: bytes

    @property
    def fingerprint(self) -> str:
        """The OpenSSH SHA256 fingerprint, as `ssh-keygen -l` prints it."""
        return "SHA256:" + base64.b64encode(hashlib.sha256(self.blob).digest()).decode("ascii").rstrip("=")

    @property
    def file_stem(self) -> str:
        """A file-name-safe short id of the key (hex of the fingerprint digest)."""
        return hashlib.sha256(self.blob).hexdigest()[:16]


@dataclass(frozen=True)
class VerifyOutcome:
    ok: bool
    message: str
    fingerprint: str | None = None  # of the key ssh-keygen verified the signature with, exactly as it printed it


@dataclass(frozen=True)
class SignatureBlob:
    """What an armored SSHSIG signature says about itself (PROTOCOL.sshsig, PROTOCOL.u2f).

    Only `ssh-keygen -Y verify` decides whether the signature is valid; these fields are read after it did, so
    they are covered by the signature (the authenticator flags are part of the signed data).
    """

    public_key: PublicKey
    namespace: str
    signature_type: str
    sk_flags: int | None  # FIDO authenticator flags; None for keys that are not security keys

    @property
    def user_present(self) -> bool:
        return self.sk_flags is not None and bool(self.sk_flags & SK_USER_PRESENCE)

    @property
    def user_verified(self) -> bool:
        return self.sk_flags is not None and bool(self.sk_flags & SK_USER_VERIFICATION)


class _Reader:
    def __init__(self, data: bytes) -> None:
        self.data, self.offset = data, 0

    def take(self, size: int) -> bytes:
        if size < 0 or self.offset + size > len(self.data):
            raise SigningError("signature is truncated")
        chunk = self.data[self.offset : self.offset + size]
        self.offset += size
        return chunk

    def uint32(self) -> int:
        return struct.unpack(">I", self.take(4))[0]

    def string(self) -> bytes:
        return self.take(self.uint32())


def parse_signature(armored: str) -> SignatureBlob:
    """Read an `-----BEGIN SSH SIGNATURE-----` block; SigningError when it is not one."""
    lines = [line.strip() for line in armored.strip().splitlines()]
    if len(lines) < 3 or lines[0] != "-----BEGIN SSH SIGNATURE-----" or lines[-1] != "-----END SSH SIGNATURE-----":
        raise SigningError("not an SSH signature (expected -----BEGIN SSH SIGNATURE-----)")
    try:
        blob = base64.b64decode("".join(lines[1:-1]), validate=True)
    except (binascii.Error, ValueError):
        raise SigningError("signature is not valid base64") from None
    reader = _Reader(blob)
    if reader.take(6) != b"SSHSIG" or reader.uint32() != 1:
        raise SigningError("not an SSHSIG version 1 signature")
    key_blob = reader.string()
    namespace = reader.string().decode("utf-8", "replace")
    reader.string()  # reserved
    reader.string()  # hash algorithm
    signature = _Reader(reader.string())
    signature_type = signature.string().decode("ascii", "replace")
    key_type = _Reader(key_blob).string().decode("ascii", "replace")
    flags = None
    if key_type in SECURITY_KEY_TYPES:
        signature.string()  # the signature proper (ed25519 bytes, or the ECDSA r/s pair)
        flags = signature.take(1)[0]
        signature.uint32()  # the authenticator's counter
    return SignatureBlob(PublicKey(key_type, key_blob), namespace, signature_type, flags)


def _ssh_keygen() -> str:
    found = shutil.which("ssh-keygen")
    if found is None:
        raise SigningError("ssh-keygen not found on PATH (install OpenSSH 8.2 or later); approvals cannot be verified")
    return found


def parse_public_key(line: str) -> PublicKey:
    """Parse `keytype base64 [comment]` (an OpenSSH public key line)."""
    parts = line.strip().split()
    if len(parts) < 2 or not parts[0].startswith(KEY_TYPE_PREFIXES):
        raise SigningError("not an OpenSSH public key line (expected 'ssh-ed25519 AAAA...')")
    try:
        blob = base64.b64decode(parts[1], validate=True)
    except (binascii.Error, ValueError):
        raise SigningError("public key is not valid base64") from None
    return PublicKey(parts[0], blob)


def public_key_for(key: Path) -> PublicKey:
    """The public key of a signing key path: `KEY.pub`, the `.pub` file itself, or `ssh-keygen -y`."""
    candidates = [key] if key.suffix == ".pub" else [Path(str(key) + ".pub")]
    for candidate in candidates:
        if candidate.is_file():
            return parse_public_key(candidate.read_text(encoding="utf-8"))
    if not key.is_file():
        raise SigningError(f"signing key {key} not found")
    try:
        out = subprocess.run(
            [_ssh_keygen(), "-y", "-f", str(key)],
            capture_output=True,
            text=True,
            timeout=SSH_KEYGEN_TIMEOUT_SECONDS,
            stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SigningError(f"ssh-keygen -y failed for {key} ({type(exc).__name__})") from None
    if out.returncode != 0:
        raise SigningError(f"cannot read the public key of {key}: {out.stderr.strip()[:200]}")
    return parse_public_key(out.stdout)


@dataclass(frozen=True)
class SignerEntry:
    """One line of an allowed_signers file: the principals it lists for one key."""

    principals: tuple[str, ...]
    key: PublicKey


def allowed_signer_entries(allowed_signers: Path) -> list[SignerEntry]:
    """Every key line of `allowed_signers` (empty when the file is absent or unreadable)."""
    try:
        text = allowed_signers.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    entries: list[SignerEntry] = []
    for raw in text.splitlines():
        line = raw.strip()
        if not line or line.startswith("#"):
            continue
        try:
            tokens = shlex.split(line, comments=False, posix=True)
        except ValueError:
            continue
        for index in range(1, len(tokens) - 1):
            if not tokens[index].startswith(KEY_TYPE_PREFIXES):
                continue
            try:
                key = parse_public_key(f"{tokens[index]} {tokens[index + 1]}")
            except SigningError:
                continue
            entries.append(SignerEntry(tuple(p for p in tokens[0].split(",") if p), key))
            break
    return entries


def principals_for(allowed_signers: Path, key: PublicKey) -> list[str]:
    """Principals that `allowed_signers` lists for `key` (empty when the file or key is absent)."""
    return [
        p for entry in allowed_signer_entries(allowed_signers) if entry.key.blob == key.blob for p in entry.principals
    ]


def principals_for_fingerprint(allowed_signers: Path, fingerprint: str) -> list[str]:
    """Principals listed for the key with exactly this SHA256 fingerprint (patterns included, as written)."""
    return [
        p
        for entry in allowed_signer_entries(allowed_signers)
        if entry.key.fingerprint == fingerprint
        for p in entry.principals
    ]


def reviewer_identity(principals: list[str], fallback_email: str | None) -> str | None:
    """The reviewer's name: the first literal principal, else the git e-mail a pattern principal matches."""
    for principal in principals:
        if not any(ch in principal for ch in "*?"):
            return principal
    for principal in principals:
        if fallback_email and fnmatch.fnmatchcase(fallback_email, principal):
            return fallback_email
    return fallback_email


def sign(data: bytes, key: Path) -> str:
    """Sign `data` with `ssh-keygen -Y sign -n idguard -f KEY`; return the armored signature."""
    with tempfile.TemporaryDirectory(prefix="idguard-sign-") as tmp:
        message = Path(tmp) / "approval"
        message.write_bytes(data)
        try:
            out = subprocess.run(
                [_ssh_keygen(), "-Y", "sign", "-n", NAMESPACE, "-f", str(key), str(message)],
                capture_output=True,
                text=True,
                timeout=SSH_KEYGEN_TIMEOUT_SECONDS,
            )
        except (OSError, subprocess.TimeoutExpired) as exc:
            raise SigningError(f"ssh-keygen -Y sign failed ({type(exc).__name__})") from None
        signature = Path(str(message) + ".sig")
        if out.returncode != 0 or not signature.is_file():
            raise SigningError(f"ssh-keygen -Y sign failed: {out.stderr.strip()[:300] or 'no signature written'}")
        return signature.read_text(encoding="ascii")


def verify(data: bytes, signature: str, allowed_signers: Path, principal: str) -> VerifyOutcome:
    """Whether `signature` over `data` was made by a key `allowed_signers` lists for `principal`."""
    if not allowed_signers.is_file():
        return VerifyOutcome(False, f"no allowed signers file at {allowed_signers}")
    try:
        ssh_keygen = _ssh_keygen()
    except SigningError as exc:
        return VerifyOutcome(False, str(exc))
    fd, sig_path = tempfile.mkstemp(prefix="idguard-verify-", suffix=".sig")
    try:
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(signature)
        out = subprocess.run(
            [ssh_keygen, "-Y", "verify", "-f", str(allowed_signers), "-I", principal, "-n", NAMESPACE, "-s", sig_path],
            input=data,
            capture_output=True,
            timeout=SSH_KEYGEN_TIMEOUT_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired, UnicodeEncodeError) as exc:
        return VerifyOutcome(False, f"ssh-keygen -Y verify failed ({type(exc).__name__})")
    finally:
        os.unlink(sig_path)
    text = (out.stdout + out.stderr).decode("utf-8", "replace").strip()
    if out.returncode != 0:
        return VerifyOutcome(
            False, f"signature not valid for {principal}: {text.splitlines()[-1] if text else 'rejected'}"
        )
    first = text.splitlines()[0] if text else "good signature"
    match = _VERIFIED_KEY.search(first)
    if match is None:
        return VerifyOutcome(False, "ssh-keygen accepted the signature but did not name the key; not counted")
    return VerifyOutcome(True, first, match.group(1))
