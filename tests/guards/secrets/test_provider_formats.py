"""Provider formats with a documented shape, each beside its near-miss, and generic key assignments.

Every secret-shaped value is built at run time from random characters; none is committed.
"""

from __future__ import annotations

import random
import string
from pathlib import Path

import pytest
from idguard.guards import check_code
from idguard.guards.secrets import find_secrets, redact
from idguard.guards.secrets.detectors import DETECTORS

KEY = b"test-installation-key"
RNG = random.Random(15)
ALNUM = string.ascii_letters + string.digits
HEX = "0123456789abcdef"
UPPER = string.ascii_uppercase + string.digits


def chars(alphabet: str, n: int) -> str:
    while True:
        value = "".join(RNG.choice(alphabet) for _ in range(n))
        if alphabet != ALNUM or (any(c.isdigit() for c in value) and any(c.isupper() for c in value)):
            return value


def uuid() -> str:
    return "-".join(chars(HEX, n) for n in (8, 4, 4, 4, 12))


# (kind, text, the secret in it), prefixes split so that no whole token is written here.
FORMATS = [
    ("cloudflare_origin_ca_key", "{}", "v1" + ".0-" + chars(HEX, 24) + "-" + chars(HEX, 146)),
    ("cloudflare_api_key", 'curl -H "X-Auth-Key: {}" https://api.cloudflare.com/client/v4/zones', chars(HEX, 37)),
    ("sourcegraph_token", "SRC_ACCESS_TOKEN={}", "sg" + "p_" + chars(HEX, 16) + "_" + chars(HEX, 40)),
    ("sourcegraph_token", "token {}", "sg" + "p_local_" + chars(HEX, 40)),
    ("flyio_token", "fly deploy --access-token {}", "fo" + "1_" + chars(ALNUM + "-_", 43)),
    ("notion_token", "Authorization: {}", "nt" + "n_" + chars("0123456789", 11) + chars(ALNUM, 35)),
    ("onepassword_token", "OP_SERVICE_ACCOUNT_TOKEN={}", "op" + "s_eyJ" + chars(ALNUM + "+/", 300)),
    ("onepassword_secret_key", "my secret key is {}", "A" + "3-" + "-".join(chars(UPPER, n) for n in (6, 11, 5, 5, 5))),
    ("facebook_token", "page token {}", "EA" + "AM" + chars(ALNUM, 120)),
    ("facebook_token", "?access_token={}&debug=all", chars("123456789", 15) + "|" + chars(HEX, 32)),
    ("grafana_token", "Bearer {}", "gl" + "c_" + chars(ALNUM + "+/", 80) + "=="),
    ("grafana_token", "GF_TOKEN: {}", "gl" + "sa_" + chars(ALNUM, 32) + "_" + chars(HEX, 8)),
    ("algolia_api_key", "algoliasearch('" + chars(UPPER, 10) + "', '{}')", chars(HEX, 32)),
    ("alibaba_access_key_id", "access_key_id = {}", "LT" + "AI" + chars(ALNUM, 20)),
    ("alibaba_access_key_secret", "aliyun access key secret: {}", chars(ALNUM, 30)),
    (
        "teams_webhook",
        "curl -X POST {} -d @card.json",
        "https://acme.webhook."
        + "office.com/webhookb2/"
        + f"{uuid()}@{uuid()}/IncomingWebhook/{chars(HEX, 32)}/{uuid()}",
    ),
    ("aws_session_token", "here is my session token {}", "IQoJb3JpZ2luX2Vj" + chars(ALNUM + "+/", 400)),
    ("artifactory_token", "X-JFrog-Art-Api: {}", "AK" + "Cp" + chars(ALNUM, 69)),
    ("artifactory_token", "jfrog rt config --password {}", "AP" + "6" + chars(ALNUM, 58)),
    ("aws_appsync_key", "x-api-key {}", "da" + "2-" + chars(string.ascii_lowercase + string.digits, 26)),
    ("snyk_api_key", "SNYK_TOKEN={}", uuid()),
    ("aws_bedrock_api_key", "AWS_BEARER_TOKEN_BEDROCK={}", "AB" + "SK" + chars(ALNUM + "+/", 130)),
    ("amazon_mws_token", "mws_auth_token: {}", "amzn" + ".mws." + uuid()),
    ("sonar_token", "sonar-scanner -Dsonar.token={}", "sq" + "u_" + chars(HEX, 40)),
    ("clickhouse_api_key", "key secret {}", "4b" + "1d" + chars(ALNUM, 38)),
    ("maxmind_license_key", "license {}", chars(ALNUM, 6) + "_" + chars(ALNUM, 29) + "_m" + "mk"),
    ("onfido_token", "ONFIDO_API_TOKEN={}", "api_" + "sandbox." + chars(ALNUM, 11) + "." + chars(ALNUM, 32)),
    ("intra42_secret", "FT_SECRET={}", "s-s4" + "t2af-" + chars(HEX, 64)),
    ("kolide_token", "kolide {}", "k2" + "sk_v1_" + chars(ALNUM, 24)),
    ("braintree_token", "gateway({})", "access_token$" + "sandbox$" + chars(HEX, 16) + "$" + chars(HEX, 32)),
    ("heroku_api_key", 'heroku_api_key = "{}"', uuid()),
    ("hubspot_api_key", "hubspot_key: {}", uuid()),
]


@pytest.mark.parametrize(("kind", "template", "secret"), FORMATS, ids=[f[0] for f in FORMATS])
def test_each_provider_format_is_found_and_redacted_whole(kind: str, template: str, secret: str):
    text = template.format(secret)
    matches = find_secrets(text)
    assert [m.kind for m in matches] == [kind]
    assert text[matches[0].start : matches[0].end] == secret
    result = redact(text, KEY)
    assert result.redacted == template.format(result.findings[0].placeholder)


NEAR_MISSES = [
    "pip install 'idguard>=v1.0-rc1'; the v1.0-beta notes list sgp_, fo1_, ntn_ and ops_ prefixes",
    f"snyk_org_id: {uuid()}\nheroku_app_id: {uuid()}\nrequest_id={uuid()}\nidempotency_key = {uuid()}",
    "devops_eyJ team, A3-size paper, LTAI alone, panda2-" + chars(HEX, 26),
    f"const client = algoliasearch('{chars(UPPER, 10)}', key);\nchecksum = \"{chars(HEX, 32)}\"",
    f"| {chars('0123456789', 15)} | {chars(HEX, 8)} |",
    'KEY_PREFIX = "idg_"\ncache_key = "user:42:profile"\nsort_key = "created_at_desc_2024_v2"\n',
    f'"client_id": "{chars("0123456789", 21)}",\n"client_id": "acme-web-frontend-2024-prod",\n',
    f'"private_key_id": "{chars(HEX, 40)}",\nKEY = "{uuid()}"\n',
    "api_key_ttl=31536000\ntimeout_ms=12000\n",
    "sonar.token is in the vault; amzn.mws.marketplace=EU; GeoLite2_mmk.tar.gz; access_token$expired",
    f"hash 4b1d{chars(HEX, 38)} of the build",
]


@pytest.mark.parametrize("text", NEAR_MISSES)
def test_near_misses_of_the_provider_formats_stay(text: str):
    assert find_secrets(text) == []
    assert redact(text, KEY).redacted == text


GENERIC = [
    ('KEY_0 = "{}"', chars(ALNUM + "+/", 42) + "=="),
    ("api_key={}", chars("0123456789", 32)),
    ('{{"client_id" : "{}", "scope": "read"}}', chars(HEX, 64)),
    ("key2: {}", chars(ALNUM, 40)),
]


@pytest.mark.parametrize(("template", "secret"), GENERIC)
def test_a_random_literal_under_a_key_like_name_is_redacted(template: str, secret: str):
    text = template.format(secret)
    assert [text[m.start : m.end] for m in find_secrets(text)] == [secret]
    assert secret[:12] not in redact(text, KEY).redacted


@pytest.mark.parametrize(
    ("code", "line"),
    [
        ('import os\n\nKEY_0 = "{}"\n'.format(chars(ALNUM + "+/", 42) + "=="), 3),
        (f'CONFIG = {{\n    "client_id": "{chars(HEX, 64)}",\n}}\n', 2),
    ],
)
def test_guard_change_blocks_a_random_literal_under_a_key_like_name(code: str, line: int):
    findings = [f for f in check_code(code, path="app/settings.py").findings if f.guard_id == "IDG001"]
    assert [f.line for f in findings] == [line]


def test_ordinary_key_like_names_in_code_are_not_findings():
    code = (
        'KEY = "user:{id}:profile"\nsort_key = "created_at"\nclient_id = "acme-web"\n'
        f'IDEMPOTENCY_KEY = "{uuid()}"\nCACHE_KEY_PREFIX = "v2"\n'
    )
    assert [f for f in check_code(code, path="app/settings.py").findings if f.guard_id == "IDG001"] == []


def test_every_detector_kind_is_listed_in_the_secrets_doc():
    doc = (Path(__file__).resolve().parents[3] / "docs" / "secrets.md").read_text(encoding="utf-8")
    missing = sorted({d.kind for d in DETECTORS if f"`{d.kind}`" not in doc})
    assert missing == [], f"docs/secrets.md does not list {missing}"
