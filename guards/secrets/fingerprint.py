"""Fingerprints of secret values: how a value is recognised (policy allow-lists, redaction reports,
detect-secrets baselines) without being stored."""

from __future__ import annotations

import hashlib
import hmac
import re


def fingerprint(value: str, key: bytes) -> str:
    """HMAC-SHA256 of the value under the installation key: recognisable, not reversible."""
    digest = hmac.new(key, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
    return f"hmac-sha256:{digest[:32]}"


def sha1_of(value: str) -> str:
    """The unkeyed SHA-1 detect-secrets stores for a value (`PotentialSecret.hash_secret`): only for its
    baselines, never in idguard's own records."""
    return hashlib.sha1(value.encode("utf-8")).hexdigest()


# detect-secrets hashes what its plugin extracted: the value, or a run of its entropy plugins' alphabets
# inside it (`Base64 High Entropy String` of `DB_PASSWORD=abc...!x` is the run before the `!`).
_DETECT_SECRETS_RUNS = re.compile(r"[A-Za-z0-9+/\-_=]{8,}|[0-9a-fA-F]{8,}")


def detect_secrets_hashes(value: str) -> set[str]:
    """The SHA-1s under which a detect-secrets baseline may list `value`: of the value, and of each run of
    eight or more base64 or hex characters in it."""
    return {sha1_of(value), *(sha1_of(run) for run in _DETECT_SECRETS_RUNS.findall(value))}
