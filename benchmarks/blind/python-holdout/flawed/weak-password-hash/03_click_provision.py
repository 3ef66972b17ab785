"""Operator CLI for creating and rotating service logins in the billing database."""
import hashlib
import hmac
import os
import secrets

import click
import psycopg

DSN = os.environ.get("BILLING_DSN", "postgresql:///billing")


def _connect():
    return psycopg.connect(DSN, autocommit=False)


def _encode_password(password: str, salt: bytes) -> str:
    digest = hashlib.new("sha512", salt + password.encode()).hexdigest()  # flaw: weak-password-hash
    return f"sha512${salt.hex()}${digest}"


def _legacy_matches(stored: str, password: str) -> bool:
    """Rows imported from the old system hold a bare sha1 hex digest."""
    candidate = hashlib.sha1(password.encode("utf-8")).hexdigest()  # flaw: weak-password-hash
    return hmac.compare_digest(candidate, stored)


@click.group()
def cli() -> None:
    """Manage service logins."""


@cli.command("create")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True, confirmation_prompt=True)
@click.option("--description", default="")
def create_login(username: str, password: str, description: str) -> None:
    encoded = _encode_password(password, secrets.token_bytes(16))
    with _connect() as conn, conn.cursor() as cur:
        cur.execute(
            "INSERT INTO service_logins (username, password, description) VALUES (%s, %s, %s)",
            (username, encoded, description),
        )
        conn.commit()
    click.echo(f"created login {username}")


@cli.command("verify")
@click.argument("username")
@click.option("--password", prompt=True, hide_input=True)
def verify_login(username: str, password: str) -> None:
    with _connect() as conn, conn.cursor() as cur:
        cur.execute("SELECT password FROM service_logins WHERE username = %s", (username,))
        row = cur.fetchone()
    if row is None:
        raise click.ClickException("unknown login")
    stored = row[0]
    if stored.startswith("sha512$"):
        _, salt_hex, _ = stored.split("$", 2)
        ok = hmac.compare_digest(_encode_password(password, bytes.fromhex(salt_hex)), stored)
    else:
        ok = _legacy_matches(stored, password)
    click.echo("ok" if ok else "mismatch")
    if not ok:
        raise SystemExit(1)


if __name__ == "__main__":
    cli()
