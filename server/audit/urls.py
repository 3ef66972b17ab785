"""Store URLs and conninfo strings: what they connect to, and never their password.

Kept apart from the store itself so the policy loader can refuse a password in `[store] url` without
importing the store (and the store can read the policy without a cycle).
"""

from __future__ import annotations

import re
from urllib.parse import urlsplit


def _conninfo(url: str) -> dict[str, str]:
    try:
        from psycopg.conninfo import conninfo_to_dict

        return {k: str(v) for k, v in conninfo_to_dict(url).items() if v is not None}
    except Exception:  # noqa: BLE001 - an unparsable URL: fall back to what urlsplit sees
        try:
            parts = urlsplit(url)
            return {
                k: v
                for k, v in (
                    ("host", parts.hostname or ""),
                    ("port", str(parts.port or "")),
                    ("password", parts.password or ""),
                    ("dbname", parts.path.lstrip("/")),
                )
                if v
            }
        except ValueError:
            return {}


def url_password(url: str) -> str | None:
    """The password a store URL (or conninfo string) carries, if any."""
    password = _conninfo(url).get("password")
    if password:
        return password
    match = re.search(r"://[^/@:]*:([^@/]*)@", url)
    return match.group(1) if match and match.group(1) else None


def redact_url(url: str) -> str:
    """`url` with its password replaced by `***` (for any message that must show the URL)."""
    password = url_password(url)
    text = url
    if password:
        text = text.replace(password, "***")
    return re.sub(r"(?i)(password\s*=\s*)\S+", r"\1***", text)


def describe_target(url: str) -> str:
    """`host:port/dbname` of a store URL, for messages: never the password."""
    info = _conninfo(url)
    host = info.get("host") or info.get("hostaddr") or "the local socket"
    port = info.get("port") or "5432"
    return f"{host}:{port}/{info.get('dbname') or info.get('user') or '?'}"
