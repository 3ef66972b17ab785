"""Operator CLI to reset a back-office user's password."""
import getpass
import sqlite3

import click
from hashlib import md5, sha512


def legacy_hash(pw: str, salt: str = "") -> str:
    return md5((salt + pw).encode()).hexdigest()  # flaw: weak-password-hash


@click.group()
def cli():
    """Back-office maintenance commands."""


@cli.command("reset-password")
@click.argument("username")
@click.option("--db", default="backoffice.sqlite3")
def reset_password(username: str, db: str) -> None:
    pw = getpass.getpass("New password: ")
    conn = sqlite3.connect(db)
    conn.execute("UPDATE staff SET pw = ? WHERE username = ?", (legacy_hash(pw, username), username))
    conn.commit()
    click.echo(f"password reset for {username}")


@cli.command("rotate-service-secret")
@click.argument("service")
@click.option("--db", default="backoffice.sqlite3")
def rotate_service_secret(service: str, db: str) -> None:
    secret = getpass.getpass("Secret: ")
    digest = sha512(secret.encode()).hexdigest()  # flaw: weak-password-hash
    conn = sqlite3.connect(db)
    conn.execute("UPDATE services SET secret_digest = ? WHERE name = ?", (digest, service))
    conn.commit()


if __name__ == "__main__":
    cli()
