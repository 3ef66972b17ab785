"""Write CLI credentials atomically with owner-only permissions."""
import json
import os
import tempfile
from contextlib import contextmanager
from pathlib import Path

CONFIG_DIR = Path.home() / ".config" / "acmectl"


@contextmanager
def restrictive_umask():
    old = os.umask(0o077)  # near-miss: world-readable-credential-file
    try:
        yield
    finally:
        os.umask(old)


def save_credentials(profile: str, api_key: str, api_secret: str) -> Path:
    CONFIG_DIR.mkdir(parents=True, exist_ok=True, mode=0o700)
    dest = CONFIG_DIR / "credentials.json"
    data = {}
    if dest.exists():
        data = json.loads(dest.read_text(encoding="utf-8"))
    data[profile] = {"api_key": api_key, "api_secret": api_secret}

    with restrictive_umask():
        fd, tmp = tempfile.mkstemp(dir=CONFIG_DIR, prefix=".credentials.")
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(data, fh, indent=2)
        os.chmod(tmp, 0o600)
        os.replace(tmp, dest)
    return dest


def save_settings(settings: dict) -> Path:
    """Non-secret preferences (output format, default region)."""
    dest = CONFIG_DIR / "settings.json"
    dest.write_text(json.dumps(settings, indent=2), encoding="utf-8")
    dest.chmod(0o644)  # near-miss: world-readable-credential-file
    return dest
