"""Credential store for the `fleet` CLI (click)."""
from __future__ import annotations

import json
import os
from pathlib import Path

import click

HOME = Path(os.environ.get("FLEET_HOME", Path.home() / ".fleet"))
CREDENTIALS = HOME / "credentials"
COMPLETION = HOME / "completion.bash"


def save_credentials(profile: str, access_key: str, secret: str) -> None:
    HOME.mkdir(mode=0o700, exist_ok=True)
    old_umask = os.umask(0o077)  # near-miss: world-readable-credential-file
    try:
        CREDENTIALS.touch(mode=0o600, exist_ok=True)
        data = json.loads(CREDENTIALS.read_text() or "{}")
        data[profile] = {"access_key": access_key, "secret": secret}
        CREDENTIALS.write_text(json.dumps(data, indent=2))
        CREDENTIALS.chmod(0o600)
    finally:
        os.umask(old_umask)


@click.group()
def cli() -> None:
    pass


@cli.command()
@click.option("--profile", default="default")
@click.option("--access-key", prompt=True)
@click.option("--secret", prompt=True, hide_input=True)
def configure(profile: str, access_key: str, secret: str) -> None:
    save_credentials(profile, access_key, secret)
    click.echo(f"saved profile {profile}")


@cli.command("install-completion")
def install_completion() -> None:
    HOME.mkdir(mode=0o700, exist_ok=True)
    COMPLETION.write_text('eval "$(_FLEET_COMPLETE=bash_source fleet)"\n')
    COMPLETION.chmod(0o755)  # near-miss: world-readable-credential-file
    click.echo(f"add 'source {COMPLETION}' to your ~/.bashrc")
