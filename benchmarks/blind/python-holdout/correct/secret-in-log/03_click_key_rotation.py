"""`keys rotate` operator command: shows the new key once on the terminal, logs only identifiers."""
from __future__ import annotations

import logging
import secrets

import click

from keysvc.repo import KeyRepository

log = logging.getLogger("keysvc.cli")


@click.command()
@click.argument("service_account")
@click.option("--grace-hours", default=24, show_default=True)
def rotate(service_account: str, grace_hours: int) -> None:
    repo = KeyRepository.from_env()
    raw = "sk_" + secrets.token_urlsafe(32)
    new_id = repo.add_key(service_account, raw)
    retired = repo.schedule_retirement(service_account, exclude=new_id, hours=grace_hours)
    log.info("rotated key account=%s new_key_id=%s retiring=%s", service_account, new_id, retired)  # near-miss: secret-in-log
    click.secho("Copy this key now; it will not be shown again:", fg="yellow", err=True)
    click.echo(raw)  # near-miss: secret-in-log


if __name__ == "__main__":
    rotate()
