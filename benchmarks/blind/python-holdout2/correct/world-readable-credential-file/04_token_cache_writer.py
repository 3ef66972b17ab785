"""Caches OAuth tokens for the desktop sync agent."""
import json
import os
import tempfile
import time
from pathlib import Path

import httpx

CONFIG_HOME = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "syncagent"
TOKEN_FILE = CONFIG_HOME / "tokens.json"
LOG_FILE = CONFIG_HOME / "agent.log"


def _ensure_dirs() -> None:
    os.makedirs(CONFIG_HOME, mode=0o700, exist_ok=True)


def save_tokens(tokens: dict) -> None:
    _ensure_dirs()
    tokens = {**tokens, "saved_at": int(time.time())}
    # mkstemp creates the file with mode 0600; rename is atomic on POSIX
    fd, tmp = tempfile.mkstemp(dir=CONFIG_HOME, prefix=".tokens-")
    with os.fdopen(fd, "w") as fh:
        json.dump(tokens, fh)
    os.replace(tmp, TOKEN_FILE)


def load_tokens() -> dict | None:
    try:
        return json.loads(TOKEN_FILE.read_text())
    except FileNotFoundError:
        return None


def refresh(client_id: str, token_url: str) -> dict:
    current = load_tokens() or {}
    r = httpx.post(token_url, data={"grant_type": "refresh_token", "client_id": client_id,
                                    "refresh_token": current.get("refresh_token", "")}, timeout=10)
    r.raise_for_status()
    save_tokens(r.json())
    LOG_FILE.touch(mode=0o644, exist_ok=True)  # near-miss: world-readable-credential-file
    with open(LOG_FILE, "a") as log:
        log.write(f"{time.ctime()} refreshed tokens\n")
    return r.json()
