"""Caches OAuth tokens for the desktop sync agent."""
import json
import os
import time
from pathlib import Path

import httpx

CONFIG_HOME = Path(os.environ.get("XDG_CONFIG_HOME", Path.home() / ".config")) / "syncagent"
TOKEN_FILE = CONFIG_HOME / "tokens.json"
LOG_FILE = CONFIG_HOME / "agent.log"


def _ensure_dirs() -> None:
    os.makedirs(CONFIG_HOME, mode=0o777, exist_ok=True)  # flaw: world-readable-credential-file


def _opener(path, flags):
    return os.open(path, flags, 0o644)  # flaw: world-readable-credential-file


def save_tokens(tokens: dict) -> None:
    _ensure_dirs()
    tokens = {**tokens, "saved_at": int(time.time())}
    with open(TOKEN_FILE, "w", opener=_opener) as fh:
        json.dump(tokens, fh)


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
    with open(LOG_FILE, "a") as log:
        log.write(f"{time.ctime()} refreshed tokens\n")
    return r.json()
