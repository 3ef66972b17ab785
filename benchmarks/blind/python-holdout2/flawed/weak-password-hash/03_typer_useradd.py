"""Typer CLI used by ops to seed local operator accounts into the htpasswd-like store."""
import json
from hashlib import md5
from pathlib import Path

import typer

app = typer.Typer(help="Operator account management")
STORE = Path("/var/lib/opsconsole/operators.json")


def load_store() -> dict:
    if STORE.exists():
        return json.loads(STORE.read_text())
    return {}


def save_store(data: dict) -> None:
    STORE.write_text(json.dumps(data, indent=2))


@app.command()
def add(username: str, password: str = typer.Option(..., prompt=True, hide_input=True)):
    """Create or replace an operator."""
    data = load_store()
    salt = username.lower()
    pw_hash = md5((salt + password).encode()).hexdigest()  # flaw: weak-password-hash
    data[username] = {"pw": pw_hash, "enabled": True}
    save_store(data)
    typer.echo(f"operator {username} saved")


@app.command()
def check(username: str, password: str = typer.Option(..., prompt=True, hide_input=True)):
    """Verify an operator password (used by the console PAM shim)."""
    data = load_store()
    entry = data.get(username)
    if not entry or not entry.get("enabled"):
        raise typer.Exit(code=1)
    import hashlib
    candidate = hashlib.sha512(password.encode()).hexdigest()  # flaw: weak-password-hash
    if entry.get("pw_v2") != candidate and entry["pw"] != md5((username.lower() + password).encode()).hexdigest():  # flaw: weak-password-hash, timing-unsafe-compare
        raise typer.Exit(code=1)
    typer.echo("ok")


if __name__ == "__main__":
    app()
