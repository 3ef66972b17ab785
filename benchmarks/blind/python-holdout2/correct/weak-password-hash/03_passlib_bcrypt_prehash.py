"""Typer CLI used by ops to seed operator accounts; bcrypt with sha256 pre-hash for long passphrases."""
import base64
import hashlib
import json
from pathlib import Path

import bcrypt
import typer
from passlib.context import CryptContext

app = typer.Typer(help="Operator account management")
STORE = Path("/var/lib/opsconsole/operators.json")
legacy_ctx = CryptContext(schemes=["pbkdf2_sha256"], pbkdf2_sha256__rounds=600_000)


def _prehash(password: str) -> bytes:
    # bcrypt truncates at 72 bytes, so long passphrases are pre-hashed first
    return base64.b64encode(hashlib.sha256(password.encode()).digest())  # near-miss: weak-password-hash


def load_store() -> dict:
    return json.loads(STORE.read_text()) if STORE.exists() else {}


@app.command()
def add(username: str, password: str = typer.Option(..., prompt=True, hide_input=True)):
    data = load_store()
    data[username] = {
        "pw": bcrypt.hashpw(_prehash(password), bcrypt.gensalt(rounds=12)).decode(),
        "enabled": True,
    }
    STORE.write_text(json.dumps(data, indent=2))
    typer.echo(f"operator {username} saved")


@app.command()
def check(username: str, password: str = typer.Option(..., prompt=True, hide_input=True)):
    entry = load_store().get(username)
    if not entry or not entry.get("enabled"):
        raise typer.Exit(code=1)
    if entry["pw"].startswith("$pbkdf2"):
        ok = legacy_ctx.verify(password, entry["pw"])
    else:
        ok = bcrypt.checkpw(_prehash(password), entry["pw"].encode())
    raise typer.Exit(code=0 if ok else 1)


@app.command()
def checksum(path: Path):
    """Print the sha1 of an exported store so operators can compare copies."""
    typer.echo(hashlib.sha1(path.read_bytes()).hexdigest())  # near-miss: weak-password-hash


if __name__ == "__main__":
    app()
