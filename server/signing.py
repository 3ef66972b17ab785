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
import shlex
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

NAMESPACE = "idguard"
SSH_KEYGEN_TIMEOUT_SECONDS = 30
KEY_TYPE_PREFIXES = ("ssh-", "ecdsa-", "sk-")


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
            capture_output=True, text=True, timeout=SSH_KEYGEN_TIMEOUT_SECONDS, stdin=subprocess.DEVNULL,
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise SigningError(f"ssh-keygen -y failed for {key} ({type(exc).__name__})") from None
    if out.returncode != 0:
        raise SigningError(f"cannot read the public key of {key}: {out.stderr.strip()[:200]}")
    return parse_public_key(out.stdout)


def principals_for(allowed_signers: Path, key: PublicKey) -> list[str]:
    """Principals that `allowed_signers` lists for `key` (empty when the file or key is absent)."""
    try:
        text = allowed_signers.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError):
        return []
    found: list[str] = []
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
                candidate = parse_public_key(f"{tokens[index]} {tokens[index + 1]}")
            except SigningError:
                continue
            if candidate.blob == key.blob:
                found.extend(p for p in tokens[0].split(",") if p)
            break
    return found


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
                capture_output=True, text=True, timeout=SSH_KEYGEN_TIMEOUT_SECONDS,
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
            input=data, capture_output=True, timeout=SSH_KEYGEN_TIMEOUT_SECONDS,
        )
    except (OSError, subprocess.TimeoutExpired, UnicodeEncodeError) as exc:
        return VerifyOutcome(False, f"ssh-keygen -Y verify failed ({type(exc).__name__})")
    finally:
        os.unlink(sig_path)
    text = (out.stdout + out.stderr).decode("utf-8", "replace").strip()
    if out.returncode != 0:
        return VerifyOutcome(False, f"signature not valid for {principal}: {text.splitlines()[-1] if text else 'rejected'}")
    return VerifyOutcome(True, text.splitlines()[0] if text else "good signature")
