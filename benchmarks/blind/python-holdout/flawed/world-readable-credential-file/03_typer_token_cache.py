"""`acme-cli login`: device-code login that caches tokens for later commands."""
from __future__ import annotations

import json
import time
from pathlib import Path

import httpx
import typer

app = typer.Typer(help="ACME platform CLI")
CONFIG_DIR = Path.home() / ".config" / "acme"
TOKEN_CACHE = CONFIG_DIR / "tokens.json"
AUTH_BASE = "https://auth.acme.example.com"
CLIENT_ID = "acme-cli"


def _save_tokens(tokens: dict) -> None:
    CONFIG_DIR.mkdir(parents=True, exist_ok=True)
    TOKEN_CACHE.touch(mode=0o666, exist_ok=True)  # flaw: world-readable-credential-file
    TOKEN_CACHE.write_text(json.dumps(tokens, indent=2))


def _save_profile(profile: dict) -> None:
    path = CONFIG_DIR / "profile.json"
    path.write_text(json.dumps(profile))
    path.chmod(0o644)


@app.command()
def login(org: str = typer.Option(..., help="Organisation slug")) -> None:
    with httpx.Client(base_url=AUTH_BASE, timeout=10) as client:
        start = client.post("/oauth/device/code", data={"client_id": CLIENT_ID, "scope": "openid offline_access"}).json()
        typer.echo(f"Open {start['verification_uri_complete']} and confirm code {start['user_code']}")
        interval = start.get("interval", 5)
        while True:
            time.sleep(interval)
            resp = client.post(
                "/oauth/token",
                data={"grant_type": "urn:ietf:params:oauth:grant-type:device_code", "device_code": start["device_code"], "client_id": CLIENT_ID},
            )
            body = resp.json()
            if resp.status_code == 200:
                break
            if body.get("error") not in ("authorization_pending", "slow_down"):
                raise typer.Exit(code=1)
    _save_tokens({"access_token": body["access_token"], "refresh_token": body["refresh_token"], "expires_at": time.time() + body["expires_in"]})
    _save_profile({"org": org})
    typer.echo("Logged in.")


@app.command()
def export_service_key(name: str, dest: Path) -> None:
    with httpx.Client(base_url=AUTH_BASE, timeout=10) as client:
        tokens = json.loads(TOKEN_CACHE.read_text())
        resp = client.post(f"/v1/service-accounts/{name}/keys", headers={"Authorization": f"Bearer {tokens['access_token']}"})
        resp.raise_for_status()
    dest.write_text(json.dumps(resp.json()))
    dest.chmod(0o664)  # flaw: world-readable-credential-file
    typer.echo(f"wrote {dest}")


if __name__ == "__main__":
    app()
