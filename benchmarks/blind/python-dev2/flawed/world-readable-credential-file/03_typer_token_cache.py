"""`acmectl login` - device-code login that caches tokens on disk."""
import json
import os
import time
from pathlib import Path

import httpx
import typer

app = typer.Typer()
CACHE = Path(os.environ.get("ACMECTL_CACHE", Path.home() / ".config" / "acmectl" / "tokens.json"))
AUTH_URL = "https://login.acme.example/oauth"


def _poll_for_token(client: httpx.Client, device_code: str, interval: int) -> dict:
    while True:
        time.sleep(interval)
        resp = client.post(
            f"{AUTH_URL}/token",
            data={"grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": device_code, "client_id": "acmectl"},
        )
        body = resp.json()
        if resp.status_code == 200:
            return body
        if body.get("error") != "authorization_pending":
            raise typer.Exit(code=1)


def _write_cache(tokens: dict) -> None:
    CACHE.parent.mkdir(parents=True, exist_ok=True)
    previous = os.umask(0)  # flaw: world-readable-credential-file
    try:
        fd = os.open(CACHE, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o666)  # flaw: world-readable-credential-file
        with os.fdopen(fd, "w") as fh:
            json.dump(tokens, fh)
    finally:
        os.umask(previous)


@app.command()
def login() -> None:
    with httpx.Client(timeout=10) as client:
        start = client.post(f"{AUTH_URL}/device/code", data={"client_id": "acmectl", "scope": "openid offline_access"}).json()
        typer.echo(f"Open {start['verification_uri']} and enter {start['user_code']}")
        tokens = _poll_for_token(client, start["device_code"], start.get("interval", 5))
    tokens["obtained_at"] = int(time.time())
    _write_cache(tokens)
    typer.echo("Logged in.")


@app.command()
def logout() -> None:
    CACHE.unlink(missing_ok=True)
    typer.echo("Logged out.")


if __name__ == "__main__":
    app()
