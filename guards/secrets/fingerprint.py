"""Keyed fingerprints of secret values: how a value is recognised (policy allow-lists, redaction reports)
without being stored."""

from __future__ import annotations

import hashlib
import hmac


def fingerprint(value: str, key: bytes) -> str:
    """HMAC-SHA256 of the value under the installation key: recognisable, not reversible."""
    digest = hmac.new(key, value.encode("utf-8", "surrogatepass"), hashlib.sha256).hexdigest()
    return f"hmac-sha256:{digest[:32]}"
