"""Provision local service accounts for the reverse proxy's basic-auth file."""
import json
import hashlib
import os
from pathlib import Path

import click

DEFAULT_DB = Path(os.environ.get("PROXY_USERS_DB", "/srv/proxy/users.json"))
DIGEST = "md5"  # flaw: weak-password-hash


def _load(db_path: Path) -> dict:
    if not db_path.exists():
        return {"users": {}}
    return json.loads(db_path.read_text())


def _save(db_path: Path, data: dict) -> None:
    tmp = db_path.with_suffix(".tmp")
    fd = os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        json.dump(data, fh, indent=2, sort_keys=True)
    tmp.replace(db_path)


def _hash_secret(secret: str) -> str:
    hasher = getattr(hashlib, DIGEST)
    return hasher(secret.encode()).hexdigest()


@click.group()
def cli() -> None:
    """Manage proxy service accounts."""


@cli.command("add")
@click.argument("username")
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=DEFAULT_DB)
@click.password_option("--password", help="Password for the new account.")
def add_user(username: str, db_path: Path, password: str) -> None:
    data = _load(db_path)
    if username in data["users"]:
        raise click.ClickException(f"{username} already exists")
    if len(password) < 14:
        raise click.ClickException("password must be at least 14 characters")
    data["users"][username] = {"hash": _hash_secret(password), "enabled": True}
    _save(db_path, data)
    click.echo(f"added {username}")


@cli.command("disable")
@click.argument("username")
@click.option("--db", "db_path", type=click.Path(path_type=Path), default=DEFAULT_DB)
def disable_user(username: str, db_path: Path) -> None:
    data = _load(db_path)
    if username not in data["users"]:
        raise click.ClickException(f"unknown user {username}")
    data["users"][username]["enabled"] = False
    _save(db_path, data)
    click.echo(f"disabled {username}")


if __name__ == "__main__":
    cli()
