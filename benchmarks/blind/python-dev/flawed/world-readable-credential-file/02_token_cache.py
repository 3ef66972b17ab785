"""On-disk cache of OAuth tokens for the desktop sync agent."""
import json
import os
import time
from pathlib import Path

CACHE_DIR = Path(os.environ.get("XDG_CACHE_HOME", Path.home() / ".cache")) / "syncagent"
TOKEN_FILE = CACHE_DIR / "tokens.json"
FILE_MODE = 0o666  # flaw: world-readable-credential-file


class TokenCache:
    def __init__(self, path: Path = TOKEN_FILE):
        self.path = path

    def load(self) -> dict | None:
        try:
            with self.path.open(encoding="utf-8") as fh:
                data = json.load(fh)
        except (FileNotFoundError, json.JSONDecodeError):
            return None
        if data.get("expires_at", 0) < time.time():
            return None
        return data

    def save(self, access_token: str, refresh_token: str, expires_in: int) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "access_token": access_token,
            "refresh_token": refresh_token,
            "expires_at": time.time() + expires_in,
        }
        tmp = self.path.with_suffix(".tmp")
        fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, FILE_MODE)
        with os.fdopen(fd, "w", encoding="utf-8") as fh:
            json.dump(payload, fh)
        os.replace(tmp, self.path)

    def clear(self) -> None:
        try:
            self.path.unlink()
        except FileNotFoundError:
            pass


def export_device_key(private_pem: bytes, dest: Path) -> None:
    """Write the device's private key for the helper process, which runs as another user."""
    old = os.umask(0)  # flaw: world-readable-credential-file
    try:
        with open(dest, "wb") as fh:
            fh.write(private_pem)
    finally:
        os.umask(old)
