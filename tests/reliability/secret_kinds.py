"""Secret-shaped values of every kind idguard detects, built at run time from random characters.

Nothing here is a literal secret: each value is a prefix joined to random characters when the
function runs, so no committed file holds one (and the repository's secret scan stays clean).
"""

from __future__ import annotations

import random
import string
from collections.abc import Callable

ALNUM = string.ascii_letters + string.digits
UPPER = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
URLSAFE = ALNUM + "_-"


def _builders(rng: random.Random) -> dict[str, Callable[[], str]]:
    def c(alphabet: str, n: int) -> str:
        return "".join(rng.choice(alphabet) for _ in range(n))

    def mixed(n: int) -> str:
        # Upper, lower and digits guaranteed, so entropy checks always accept it.
        return c(string.ascii_uppercase, 2) + c(string.ascii_lowercase, 2) + c(string.digits, 2) + c(ALNUM, n - 6)

    begin, end = "-----BEGIN " + "RSA PRIVATE", "-----END " + "RSA PRIVATE"
    pem_body = "\n".join(c(ALNUM + "+/", 64) for _ in range(6))
    return {
        "private_key": lambda: f"{begin} KEY-----\n{pem_body}\n{end} KEY-----",
        "age_key": lambda: "AGE-SECRET-" + "KEY-1" + c(UPPER, 58),
        "aws_access_key_id": lambda: "AK" + "IA" + c(UPPER, 16),
        "google_api_key": lambda: "AI" + "za" + c(URLSAFE, 35),
        "google_oauth_secret": lambda: "GOCS" + "PX-" + c(ALNUM, 28),
        "google_oauth_token": lambda: "ya" + "29." + mixed(60),
        "github_token": lambda: "gh" + "p_" + c(ALNUM, 36),
        "github_pat": lambda: "github" + "_pat_" + c(ALNUM, 40),
        "gitlab_token": lambda: "gl" + "pat-" + c(ALNUM, 20),
        "bitbucket_token": lambda: "AT" + "BB" + c(ALNUM, 32),
        "npm_token": lambda: "np" + "m_" + c(ALNUM, 36),
        "pypi_token": lambda: "pypi-" + "AgE" + c(URLSAFE, 60),
        "docker_pat": lambda: "dckr" + "_pat_" + c(URLSAFE, 30),
        "slack_token": lambda: "xo" + "xb-" + c(string.digits, 11) + "-" + c(string.digits, 12) + "-" + c(ALNUM, 24),
        "slack_webhook": lambda: (
            "https://hooks." + "slack.com/services/T" + c(UPPER, 10) + "/B" + c(UPPER, 10) + "/" + c(ALNUM, 24)
        ),
        "telegram_bot_token": lambda: c("123456789", 9) + ":A" + "A" + c(URLSAFE, 33),
        "twilio_key": lambda: "S" + "K" + c(HEX, 32),
        "stripe_key": lambda: "sk" + "_live_" + c(ALNUM, 24),
        "stripe_webhook_secret": lambda: "wh" + "sec_" + c(ALNUM, 32),
        "square_token": lambda: "sq0" + "atp-" + c(URLSAFE, 22),
        "shopify_token": lambda: "sh" + "pat_" + c(HEX, 32),
        "sendgrid_api_key": lambda: "S" + "G." + c(URLSAFE, 22) + "." + c(URLSAFE, 43),
        "mailgun_api_key": lambda: "ke" + "y-" + c(ALNUM, 32),
        "vault_token": lambda: "hv" + "s." + mixed(30),
        "new_relic_key": lambda: "NR" + "AK-" + c(UPPER, 27),
        "sentry_token": lambda: "sntr" + "yu_" + c(HEX, 64),
        "datadog_key": lambda: "dd" + "api_" + c(ALNUM, 40),
        "heroku_key": lambda: "HR" + "KU-" + c(URLSAFE, 40),
        "digitalocean_token": lambda: "do" + "p_v1_" + c(HEX, 64),
        "databricks_token": lambda: "da" + "pi" + c(HEX, 32),
        "linear_api_key": lambda: "lin" + "_api_" + c(ALNUM, 40),
        "postman_api_key": lambda: "PM" + "AK-" + c(HEX, 24) + "-" + c(HEX, 34),
        "anthropic_api_key": lambda: "sk-" + "ant-api03-" + c(URLSAFE, 40),
        "openai_api_key": lambda: "sk-" + "proj-" + c(URLSAFE, 40),
        "huggingface_token": lambda: "h" + "f_" + c(ALNUM, 34),
        "groq_key": lambda: "gs" + "k_" + c(ALNUM, 52),
        "jwt": lambda: "ey" + "J" + c(URLSAFE, 30) + ".ey" + "J" + c(URLSAFE, 40) + "." + c(URLSAFE, 43),
        "password_in_url": lambda: "postgres://app:" + mixed(18) + "@db.internal:5432/app",
        "password": lambda: "DB_PASSWORD=" + mixed(14) + "#" + c(ALNUM, 4),
    }


# The part of each sample that is the secret itself (the rest is context that makes it one).
def secret_part(kind: str, sample: str) -> str:
    if kind == "password_in_url":
        return sample.split(":", 2)[2].split("@", 1)[0]
    if kind == "password":
        return sample.split("=", 1)[1]
    return sample


KINDS = tuple(_builders(random.Random(0)))


def generate(rng: random.Random, kind: str) -> str:
    return _builders(rng)[kind]()


def generate_many(count: int, seed: int = 1) -> list[tuple[str, str, str]]:
    """(kind, sample in context, the secret part) for `count` samples cycling through every kind."""
    rng = random.Random(seed)
    builders = _builders(rng)
    out = []
    for index in range(count):
        kind = KINDS[index % len(KINDS)]
        sample = builders[kind]()
        out.append((kind, sample, secret_part(kind, sample)))
    return out
