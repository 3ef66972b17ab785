"""`svc-tokens` CLI: platform engineers mint and list service tokens for internal jobs."""

import logging
import os
import secrets
from datetime import datetime, timedelta, timezone

import click
import jwt

from .store import save_token_record

log = logging.getLogger("svc-tokens")
SIGNING_KEY = os.environ["SVC_TOKENS_SIGNING_KEY"]  # ok: IDG103
MAX_TTL_MINUTES = 60


@click.group()
def cli():
    """Service token administration."""


@cli.command()
@click.argument("job")
@click.option("--minutes", default=30, show_default=True)
def mint(job, minutes):
    if minutes > MAX_TTL_MINUTES:
        raise click.BadParameter(f"at most {MAX_TTL_MINUTES} minutes")
    now = datetime.now(timezone.utc)
    token_id = "st_" + secrets.token_hex(8)  # ok: IDG118
    claims = {"sub": f"svc:{job}", "scope": "jobs:run", "jti": token_id, "iat": now, "exp": now + timedelta(minutes=minutes)}
    token = jwt.encode(claims, SIGNING_KEY, algorithm="HS256")  # ok: IDG115
    save_token_record(token_id, job, claims["exp"])
    log.info("minted %s for %s, valid %d min", token_id, job, minutes)  # ok: IDG119
    click.echo(token)  # show-once delivery to the operator: a low notice, not a leak
