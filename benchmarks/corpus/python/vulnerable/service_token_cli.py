"""`svc-tokens` CLI: platform engineers mint and list service tokens for internal jobs."""

import logging
import random
import string
from datetime import datetime, timedelta, timezone

import click
import jwt

from .store import save_token_record

log = logging.getLogger("svc-tokens")
TOKEN_ALPHABET = string.ascii_letters + string.digits
SIGNING_KEY = "svc-tokens-signing-key"  # expect: IDG103


def _random_suffix(length):
    return "".join(random.choice(TOKEN_ALPHABET) for _ in range(length))  # expect: IDG118


@click.group()
def cli():
    """Service token administration."""


@cli.command()
@click.argument("job")
@click.option("--days", default=365, show_default=True)
def mint(job, days):
    now = datetime.now(timezone.utc)
    claims = {"sub": f"svc:{job}", "scope": "jobs:run", "iat": now, "exp": now + timedelta(days=days)}  # expect: IDG116
    token = jwt.encode(claims, SIGNING_KEY, algorithm="HS256")
    save_token_record(claims["sub"], job, claims["exp"])
    log.info("minted token for %s: %s", job, token)  # expect: IDG119
    click.echo(token)


@cli.command()
@click.argument("job")
def mint_opaque(job):
    api_token = "st_" + _random_suffix(32)  # expect: IDG118
    save_token_record(api_token, job, None)
    click.echo(api_token)


@cli.command()
@click.argument("job")
def mint_permanent(job):
    token = jwt.encode({"sub": f"svc:{job}", "scope": "jobs:run"}, SIGNING_KEY, algorithm="HS256")  # expect: IDG115
    click.echo(token)
