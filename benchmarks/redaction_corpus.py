"""A labelled corpus of prompts for the redaction benchmark, generated at run time from a fixed seed.

Nothing realistic is committed: every secret is built here from random
characters with the right prefix and shape (prefixes are split so that no
complete credential literal appears in this file). A prompt is a list of
pieces, each either a secret or ordinary text; ordinary text mixes the
near-misses a redactor must leave alone: git SHAs, image digests, lockfile
integrity hashes, UUIDs, base64 data, placeholders, public keys and
certificates, stack traces, Kubernetes manifests, logs and curl commands.

Used by benchmarks/redaction.py and by tests/guards/secrets.
"""

from __future__ import annotations

import base64
import json
import random
import string
from collections.abc import Callable
from dataclasses import dataclass, field

ALNUM = string.ascii_letters + string.digits
UPPER = string.ascii_uppercase + string.digits
HEX = "0123456789abcdef"
B64 = string.ascii_letters + string.digits + "+/"
URLSAFE = ALNUM + "-_"
BEGIN, END = "-----BEGIN ", "-----END "
PRIV = "PRIVATE" + " KEY-----"


@dataclass
class Prompt:
    pieces: list[tuple[bool, str]] = field(default_factory=list)
    """(is_secret, text) in order."""
    kinds: list[str] = field(default_factory=list)

    @property
    def text(self) -> str:
        return "".join(text for _, text in self.pieces)

    @property
    def secrets(self) -> list[str]:
        return [text for is_secret, text in self.pieces if is_secret]


class Gen:
    def __init__(self, rng: random.Random) -> None:
        self.rng = rng

    def chars(self, alphabet: str, n: int) -> str:
        return "".join(self.rng.choice(alphabet) for _ in range(n))

    def mixed(self, alphabet: str, n: int) -> str:
        """Random characters that contain each of upper case, lower case and digits the alphabet offers (as real keys do)."""
        classes = [test for test in (str.isupper, str.islower, str.isdigit) if any(test(c) for c in alphabet)]
        while True:
            value = self.chars(alphabet, n)
            if all(any(test(c) for c in value) for test in classes):
                return value

    def password(self) -> str:
        return self.mixed(ALNUM, self.rng.randint(10, 18)) + self.rng.choice("#!%^*-_+") + self.chars(ALNUM, 4)

    def b64_of(self, raw: bytes) -> str:
        return base64.b64encode(raw).decode()

    def pem_body(self, lines: int) -> list[str]:
        return [self.chars(B64, 64) for _ in range(lines)] + [self.chars(B64, 24) + "=="]

    def pem(self, label: str = "RSA ", lines: int = 12) -> str:
        return "\n".join([BEGIN + label + PRIV, *self.pem_body(lines), END + label + PRIV])

    def jwt(self) -> str:
        header = base64.urlsafe_b64encode(b'{"alg":"RS256","typ":"JWT"}').decode().rstrip("=")
        claims = {
            "sub": self.chars(HEX, 12),
            "iss": "https://idp.example.com",
            "exp": self.rng.randint(10**9, 2 * 10**9),
        }
        payload = base64.urlsafe_b64encode(json.dumps(claims).encode()).decode().rstrip("=")
        return f"{header}.{payload}.{self.chars(URLSAFE, 86)}"


# ---- secrets: (kind, builder) where builder returns pieces ------------------------------------------------------

S = True
T = False
Pieces = list[tuple[bool, str]]


def _assign(name: str, value: str, rng: random.Random) -> Pieces:
    style = rng.choice(["env", "yaml", "json", "py", "toml", "shell", "js"])
    if style == "env":
        return [(T, f"{name}="), (S, value), (T, "\n")]
    if style == "yaml":
        return [(T, f"  {name.lower()}: "), (S, value), (T, "\n")]
    if style == "json":
        return [(T, f'  "{name.lower()}": "'), (S, value), (T, '",\n')]
    if style == "py":
        return [(T, f'{name} = "'), (S, value), (T, '"\n')]
    if style == "toml":
        return [(T, f"{name.lower()} = '"), (S, value), (T, "'\n")]
    if style == "shell":
        return [(T, f'export {name}="'), (S, value), (T, '"\n')]
    return [(T, f"const {name.lower()} = '"), (S, value), (T, "';\n")]


def _token(name: str, make: Callable[[Gen], str]) -> Callable[[Gen], Pieces]:
    def build(g: Gen) -> Pieces:
        value = make(g)
        form = g.rng.random()
        if form < 0.6:
            return _assign(name, value, g.rng)
        if form < 0.8:
            return [(T, "I keep getting 401 with this key: "), (S, value), (T, " - what's wrong?\n")]
        return [(T, "client = Client(\n    credential='"), (S, value), (T, "',\n    timeout=30,\n)\n")]

    return build


def _aws_pair(g: Gen) -> Pieces:
    key_id = "AKI" + "A" + g.chars(UPPER, 16)
    secret = g.mixed(B64, 40)
    if g.rng.random() < 0.5:
        return [
            (T, "[default]\naws_access_key_id = "),
            (S, key_id),
            (T, "\naws_secret_access_key = "),
            (S, secret),
            (T, "\nregion = eu-west-1\n"),
        ]
    return [
        (T, '{\n  "Credentials": {\n    "AccessKeyId": "'),
        (S, "AS" + "IA" + g.chars(UPPER, 16)),
        (T, '",\n    "SecretAccessKey": "'),
        (S, secret),
        (T, '",\n    "Expiration": "2026-01-01T00:00:00Z"\n  }\n}\n'),
    ]


def _gcp_service_account(g: Gen) -> Pieces:
    pem = "\\n".join([BEGIN + PRIV, *g.pem_body(20), END + PRIV])
    return [
        (T, '{\n  "type": "service_account",\n  "project_id": "acme-prod",\n  "private_key_id": "'),
        (T, g.chars(HEX, 40)),
        (T, '",\n  "private_key": "'),
        (S, pem),
        (T, '\\n",\n  "client_email": "deployer@acme-prod.iam.gserviceaccount.com",\n  "client_id": "'),
        (T, g.chars("0123456789", 21)),
        (T, '",\n  "token_uri": "https://oauth2.googleapis.com/token"\n}\n'),
    ]


def _azure_connection_string(g: Gen) -> Pieces:
    return [
        (T, 'AZURE_STORAGE_CONNECTION_STRING="DefaultEndpointsProtocol=https;AccountName=acmeprod;AccountKey='),
        (S, g.mixed(B64, 86) + "=="),
        (T, ';EndpointSuffix=core.windows.net"\n'),
    ]


def _azure_sas(g: Gen) -> Pieces:
    sig = g.mixed(ALNUM, 40) + "%2B" + g.chars(ALNUM, 6) + "%3D"
    return [
        (
            T,
            "curl 'https://acmeprod.blob.core.windows.net/backups/db.tar?sv=2022-11-02&ss=b&srt=o&sp=r"
            "&se=2026-01-01T00:00:00Z&st=2025-01-01T00:00:00Z&spr=https&sig=",
        ),
        (S, sig),
        (T, "' -o db.tar\n"),
    ]


def _pem_block(label: str) -> Callable[[Gen], Pieces]:
    def build(g: Gen) -> Pieces:
        return [
            (T, "Here is the deploy key, why does ssh refuse it?\n\n"),
            (S, g.pem(label, g.rng.randint(5, 25))),
            (T, "\n\nThanks!\n"),
        ]

    return build


def _pgp(g: Gen) -> Pieces:
    block = "\n".join(
        [
            BEGIN + "PGP " + "PRIVATE KEY BLOCK-----",
            "",
            *g.pem_body(15),
            "=" + g.chars(B64, 4),
            END + "PGP " + "PRIVATE KEY BLOCK-----",
        ]
    )
    return [(T, "gpg --import <<EOF\n"), (S, block), (T, "\nEOF\n")]


def _url_password(g: Gen) -> Pieces:
    scheme, host = g.rng.choice(
        [
            ("postgresql", "db.internal:5432/app"),
            ("mysql", "mysql.prod:3306/shop"),
            ("mongodb+srv", "cluster0.mongodb.net/test"),
            ("redis", "cache:6379/0"),
            ("amqp", "rabbit:5672/%2f"),
            ("https", "nexus.acme.io/repository/pypi/simple"),
        ]
    )
    return [
        (T, f"DATABASE_URL={scheme}://app_user:"),
        (S, g.password().replace("#", "x").replace("%", "p")),
        (T, f"@{host}\n"),
    ]


def _sentry_dsn(g: Gen) -> Pieces:
    return [
        (T, f"SENTRY_DSN=https://{g.chars(HEX, 32)}:"),
        (S, g.chars(HEX, 32)),
        (T, "@o123456.ingest.sentry.io/4504\n"),
    ]


def _basic_header(g: Gen) -> Pieces:
    cred = g.b64_of(f"deploy:{g.password()}".encode())
    return [(T, "curl -H 'Authorization: Basic "), (S, cred), (T, "' https://registry.acme.io/v2/_catalog\n")]


def _bearer_header(g: Gen) -> Pieces:
    return [
        (T, 'curl -sS -H "Accept: application/json" -H "Authorization: Bearer '),
        (S, g.mixed(URLSAFE, 48)),
        (T, '" https://api.acme.io/v1/users\n'),
    ]


def _curl_user(g: Gen) -> Pieces:
    return [(T, "curl -u admin:"), (S, g.password().replace("#", "x")), (T, " https://jenkins.acme.io/api/json\n")]


def _docker_config(g: Gen) -> Pieces:
    auth = g.b64_of(f"ci-bot:{g.password()}".encode())
    return [(T, '{\n  "auths": {\n    "ghcr.io": {\n      "auth": "'), (S, auth), (T, '"\n    }\n  }\n}\n')]


def _kubeconfig(g: Gen) -> Pieces:
    key_data = g.b64_of(("\n".join([BEGIN + "RSA " + PRIV, *g.pem_body(8), END + "RSA " + PRIV])).encode())
    return [
        (T, "apiVersion: v1\nkind: Config\nusers:\n- name: ci\n  user:\n    client-certificate-data: "),
        (T, g.b64_of(b"-----BEGIN CERTIFICATE-----\n" + g.chars(B64, 64).encode() + b"\n-----END CERTIFICATE-----")),
        (T, "\n    client-key-data: "),
        (S, key_data),
        (T, "\n- name: deployer\n  user:\n    token: "),
        (S, g.mixed(ALNUM, 48)),
        (T, "\ncontexts:\n- context: {cluster: prod, user: ci}\n  name: prod\n"),
    ]


def _keyword(style: str) -> Callable[[Gen], Pieces]:
    def build(g: Gen) -> Pieces:
        pw = g.password()
        name = g.rng.choice(
            [
                "db_password",
                "DB_PASS",
                "client_secret",
                "api_key",
                "AUTH0_CLIENT_SECRET",
                "smtpPassword",
                "secret_key",
                "ADMIN_TOKEN",
                "passphrase",
                "DD_API_KEY",
            ]
        )
        if style == "ini":
            return [(T, f"[database]\nhost = db.internal\n{name} = "), (S, pw), (T, "\nport = 5432\n")]
        if style == "yaml":
            return [(T, f'spring:\n  datasource:\n    username: app\n    {name}: "'), (S, pw), (T, '"\n')]
        if style == "xml":
            return [(T, f"<settings>\n  <{name}>"), (S, pw), (T, f"</{name}>\n</settings>\n")]
        if style == "cli":
            return [(T, "mysqldump --user=backup --password="), (S, pw), (T, " shop > shop.sql\n")]
        if style == "prose":
            return [(T, "the staging password is "), (S, pw.rstrip("#!%^*-_+")), (T, " but it does not work\n")]
        return [(T, f'{name}: str = "'), (S, pw), (T, '"\n')]

    return build


def _uuid(g: Gen) -> str:
    return "-".join(g.chars(HEX, n) for n in (8, 4, 4, 4, 12))


def _teams_webhook(g: Gen) -> str:
    return (
        "https://acme.webhook."
        + "office.com/webhookb2/"
        + _uuid(g)
        + "@"
        + _uuid(g)
        + "/IncomingWebhook/"
        + g.chars(HEX, 32)
        + "/"
        + _uuid(g)
    )


def _cloudflare_global(g: Gen) -> Pieces:
    key = g.chars(HEX, 37)
    if g.rng.random() < 0.5:
        return [
            (T, 'curl -H "X-Auth-Email: ops@acme.io" -H "X-Auth-Key: '),
            (S, key),
            (T, '" https://api.cloudflare.com/client/v4/zones\n'),
        ]
    return [(T, "cloudflare global api key: "), (S, key), (T, "\n")]


def _algolia(g: Gen) -> Pieces:
    return [
        (T, "const client = algoliasearch('" + g.chars(UPPER, 10) + "', '"),
        (S, g.chars(HEX, 32)),
        (T, "');\n"),
    ]


def _alibaba(g: Gen) -> Pieces:
    return [
        (T, "[default]\naccess_key_id = "),
        (S, "LT" + "AI" + g.mixed(ALNUM, 20)),
        (T, "\nregion = cn-hangzhou\n# aliyun access key secret\nsecret: "),
        (S, g.mixed(ALNUM, 30)),
        (T, "\n"),
    ]


def _meta_app_token(g: Gen) -> Pieces:
    return [
        (T, "curl 'https://graph.facebook.com/debug_token?access_token="),
        (S, g.chars("123456789", 15) + "|" + g.chars(HEX, 32)),
        (T, "'\n"),
    ]


def _artifactory_ap(g: Gen) -> Pieces:
    return [
        (T, "jfrog rt config --url https://acme.jfrog.io/artifactory --password "),
        (S, "AP" + "6" + g.mixed(ALNUM, 58)),
        (T, "\n"),
    ]


def _uuid_key(name: str) -> Callable[[Gen], Pieces]:
    def build(g: Gen) -> Pieces:
        return _assign(name, _uuid(g), g.rng)

    return build


def _generic_assignment(g: Gen) -> Pieces:
    form = g.rng.randrange(3)
    if form == 0:
        return [(T, f'KEY_{g.rng.randrange(10)} = "'), (S, g.mixed(B64, 42) + "=="), (T, '"\n')]
    if form == 1:
        return [(T, "api_key="), (S, g.chars("0123456789", 32)), (T, "\n")]
    return [(T, '{"client_id" : "'), (S, g.chars(HEX, 64)), (T, '", "scope": "read"}\n')]


SECRET_KINDS: dict[str, Callable[[Gen], Pieces]] = {
    "aws": _aws_pair,
    "gcp_api_key": _token("GOOGLE_API_KEY", lambda g: "AI" + "za" + g.chars(URLSAFE, 35)),
    "gcp_service_account": _gcp_service_account,
    "gcp_oauth_secret": _token("GOOGLE_CLIENT_SECRET", lambda g: "GOC" + "SPX-" + g.chars(URLSAFE, 28)),
    "azure_connection_string": _azure_connection_string,
    "azure_sas": _azure_sas,
    "azure_client_secret": _token(
        "AZURE_CLIENT_SECRET", lambda g: g.chars(ALNUM, 3) + "8Q" + "~" + g.chars(ALNUM + "_-.", 34)
    ),
    "github_classic": _token("GITHUB_TOKEN", lambda g: "gh" + "p_" + g.mixed(ALNUM, 36)),
    "github_oauth": _token("GH_OAUTH", lambda g: "gh" + "o_" + g.mixed(ALNUM, 36)),
    "github_app": _token("GH_APP_INSTALL", lambda g: "gh" + "s_" + g.mixed(ALNUM, 36)),
    "github_refresh": _token("GH_REFRESH", lambda g: "gh" + "r_" + g.mixed(ALNUM, 76)),
    "github_fine_grained": _token(
        "GH_PAT", lambda g: "github" + "_pat_" + g.mixed(ALNUM, 22) + "_" + g.mixed(ALNUM, 59)
    ),
    "gitlab": _token("GITLAB_PAT", lambda g: "gl" + "pat-" + g.mixed(URLSAFE, 20)),
    "bitbucket": _token("BITBUCKET_APP_PASSWORD", lambda g: "AT" + "BB" + g.mixed(ALNUM, 32)),
    "slack_token": _token(
        "SLACK_BOT",
        lambda g: "xo" + "xb-" + g.chars("0123456789", 12) + "-" + g.chars("0123456789", 13) + "-" + g.mixed(ALNUM, 24),
    ),
    "slack_webhook": _token(
        "SLACK_HOOK",
        lambda g: (
            "https://hooks."
            + "slack.com/services/T"
            + g.chars(UPPER, 8)
            + "/B"
            + g.chars(UPPER, 10)
            + "/"
            + g.mixed(ALNUM, 24)
        ),
    ),
    "discord_bot": _token(
        "DISCORD", lambda g: "M" + g.mixed(ALNUM, 25) + "." + g.chars(URLSAFE, 6) + "." + g.mixed(URLSAFE, 38)
    ),
    "discord_webhook": _token(
        "DISCORD_HOOK",
        lambda g: "https://discord.com/api/webhooks/" + g.chars("0123456789", 18) + "/" + g.mixed(URLSAFE, 68),
    ),
    "telegram": _token("TELEGRAM", lambda g: g.chars("123456789", 10) + ":A" + "A" + g.mixed(URLSAFE, 33)),
    "stripe_live": _token("STRIPE_KEY", lambda g: "sk" + "_live_" + g.mixed(ALNUM, 99)),
    "stripe_restricted": _token("STRIPE_RK", lambda g: "rk" + "_live_" + g.mixed(ALNUM, 99)),
    "stripe_webhook": _token("STRIPE_WEBHOOK", lambda g: "wh" + "sec_" + g.mixed(ALNUM, 32)),
    "twilio_api_key": _token("TWILIO_KEY", lambda g: "S" + "K" + g.chars(HEX, 32)),
    "twilio_auth_token": lambda g: [(T, "TWILIO_AUTH_TOKEN="), (S, g.chars(HEX, 32)), (T, "\n")],
    "sendgrid": _token("SENDGRID", lambda g: "S" + "G." + g.mixed(URLSAFE, 22) + "." + g.mixed(URLSAFE, 43)),
    "mailgun": _token("MAILGUN", lambda g: "ke" + "y-" + g.mixed(ALNUM, 32)),
    "mailchimp": _token("MAILCHIMP", lambda g: g.chars(HEX, 32) + "-us" + str(g.rng.randint(1, 21))),
    "shopify": _token("SHOPIFY", lambda g: "shp" + "at_" + g.chars(HEX, 32)),
    "square": _token("SQUARE", lambda g: "sq0" + "atp-" + g.mixed(URLSAFE, 22)),
    "npm": lambda g: [(T, "//registry.npmjs.org/:_authToken="), (S, "np" + "m_" + g.mixed(ALNUM, 36)), (T, "\n")],
    "pypi": _token("TWINE_PASSWORD", lambda g: "pypi-" + "AgEIcHlwaS5vcmc" + g.mixed(URLSAFE, 70)),
    "docker_auth": _docker_config,
    "vault": _token("VAULT_TOKEN", lambda g: "hv" + "s." + g.mixed(URLSAFE, 90)),
    "okta": lambda g: [
        (T, "curl -H 'Authorization: SSWS "),
        (S, "0" + "0" + g.mixed(URLSAFE, 40)),
        (T, "' https://acme.okta.com/api/v1/users\n"),
    ],
    "auth0": lambda g: [
        (T, "AUTH0_DOMAIN=acme.eu.auth0.com\nAUTH0_CLIENT_SECRET="),
        (S, g.mixed(URLSAFE, 64)),
        (T, "\n"),
    ],
    "datadog": lambda g: [
        (T, "DD_API_KEY="),
        (S, g.chars(HEX, 32)),
        (T, "\nDD_APP_KEY="),
        (S, g.chars(HEX, 40)),
        (T, "\nDD_SITE=datadoghq.eu\n"),
    ],
    "new_relic": _token("NEW_RELIC_API_KEY", lambda g: "NR" + "AK-" + g.chars(UPPER, 27)),
    "sentry_dsn": _sentry_dsn,
    "sentry_token": _token("SENTRY_AUTH_TOKEN", lambda g: "sntr" + "ys_" + g.mixed(ALNUM, 120)),
    "openai": _token("OPENAI_API_KEY", lambda g: "sk-" + "proj-" + g.mixed(URLSAFE, 120)),
    "anthropic": _token("ANTHROPIC_API_KEY", lambda g: "sk-" + "ant-api03-" + g.mixed(URLSAFE, 93) + "AA"),
    "huggingface": _token("HF_TOKEN", lambda g: "h" + "f_" + g.mixed(string.ascii_letters, 34)),
    "groq": _token("GROQ_API_KEY", lambda g: "gs" + "k_" + g.mixed(ALNUM, 52)),
    "deepseek": _token("DEEPSEEK_API_KEY", lambda g: "sk-" + g.chars(HEX, 32)),
    "jwt": lambda g: (
        [(T, "token: "), (S, g.jwt()), (T, "\n")]
        if g.rng.random() < 0.5
        else [(T, "decode this for me: "), (S, g.jwt()), (T, "\n")]
    ),
    "pem_rsa": _pem_block("RSA "),
    "pem_ec": _pem_block("EC "),
    "pem_pkcs8": _pem_block(""),
    "pem_openssh": _pem_block("OPENSSH "),
    "pem_encrypted": _pem_block("ENCRYPTED "),
    "pgp": _pgp,
    "url_password": _url_password,
    "basic_header": _basic_header,
    "bearer_header": _bearer_header,
    "curl_user": _curl_user,
    "kubeconfig": _kubeconfig,
    "cloudflare_origin_ca": _token(
        "CF_ORIGIN_CA_KEY", lambda g: "v1" + ".0-" + g.chars(HEX, 24) + "-" + g.chars(HEX, 146)
    ),
    "cloudflare_global_key": _cloudflare_global,
    "sourcegraph": _token("SRC_ACCESS_TOKEN", lambda g: "sg" + "p_" + g.chars(HEX, 16) + "_" + g.chars(HEX, 40)),
    "flyio": _token("FLY_API_TOKEN", lambda g: "fo" + "1_" + g.mixed(URLSAFE, 43)),
    "notion": _token("NOTION_TOKEN", lambda g: "nt" + "n_" + g.chars("0123456789", 11) + g.mixed(ALNUM, 35)),
    "onepassword_service": _token("OP_SERVICE_ACCOUNT_TOKEN", lambda g: "op" + "s_" + "eyJ" + g.mixed(B64, 300)),
    "onepassword_secret_key": _token(
        "OP_SECRET_KEY",
        lambda g: "A" + "3-" + "-".join(g.chars(UPPER, n) for n in (6, 6, 5, 5, 5, 5)),
    ),
    "meta_page_token": _token("FB_PAGE_TOKEN", lambda g: "EA" + "AG" + g.mixed(ALNUM, 120)),
    "meta_app_token": _meta_app_token,
    "grafana_cloud": _token("GRAFANA_CLOUD_TOKEN", lambda g: "gl" + "c_" + g.mixed(B64, 80) + "=="),
    "grafana_service_account": _token(
        "GRAFANA_SA_TOKEN", lambda g: "gl" + "sa_" + g.mixed(ALNUM, 32) + "_" + g.chars(HEX, 8)
    ),
    "vault_legacy": lambda g: [(T, "export VAULT_TOKEN="), (S, "s" + "." + g.mixed(ALNUM, 24)), (T, "\n")],
    "square_oauth_secret": _token("SQUARE_OAUTH_SECRET", lambda g: "sq0" + "csp-" + g.mixed(URLSAFE, 43)),
    "algolia": _algolia,
    "alibaba": _alibaba,
    "teams_webhook": _token("TEAMS_WEBHOOK_URL", _teams_webhook),
    "aws_session_token": _token(
        "AWS_SESSION_TOKEN", lambda g: g.rng.choice(["IQoJb3JpZ2luX2Vj", "FwoGZXIvYXdzE"]) + g.mixed(B64, 360)
    ),
    "artifactory_api_key": _token("ARTIFACTORY_API_KEY", lambda g: "AK" + "Cp" + g.mixed(ALNUM, 69)),
    "artifactory_password": _artifactory_ap,
    "appsync": _token("APPSYNC_API_KEY", lambda g: "da" + "2-" + g.mixed(string.ascii_lowercase + string.digits, 26)),
    "snyk": _uuid_key("SNYK_TOKEN"),
    "heroku": _uuid_key("HEROKU_API_KEY"),
    "hubspot": _uuid_key("HUBSPOT_KEY"),
    "generic_assignment": _generic_assignment,
    "bedrock": _token("AWS_BEARER_TOKEN_BEDROCK", lambda g: "AB" + "SK" + g.mixed(B64, 130)),
    "amazon_mws": _token("MWS_AUTH_TOKEN", lambda g: "amzn" + ".mws." + _uuid(g)),
    "sonar": _token("SONAR_TOKEN", lambda g: "sq" + "u_" + g.chars(HEX, 40)),
    "clickhouse": _token("CLICKHOUSE_KEY_SECRET", lambda g: "4b" + "1d" + g.mixed(ALNUM, 38)),
    "maxmind": _token("MAXMIND_LICENSE_KEY", lambda g: g.mixed(ALNUM, 6) + "_" + g.mixed(ALNUM, 29) + "_m" + "mk"),
    "onfido": _token(
        "ONFIDO_API_TOKEN", lambda g: "api_" + "live." + g.mixed(URLSAFE, 11) + "." + g.mixed(URLSAFE, 32)
    ),
    "intra42": _token("FT_SECRET", lambda g: "s-s4" + "t2ud-" + g.chars(HEX, 64)),
    "kolide": _token("KOLIDE_API_TOKEN", lambda g: "k2" + "sk_v1_" + g.mixed(ALNUM, 24)),
    "braintree": _token(
        "BRAINTREE_ACCESS_TOKEN",
        lambda g: (
            "access_token$"
            + "production$"
            + g.chars("abcdefghijklmnopqrstuvwxyz0123456789", 16)
            + "$"
            + g.chars(HEX, 32)
        ),
    ),
    "keyword_env": lambda g: _assign(
        g.rng.choice(["DB_PASSWORD", "REDIS_PASSWORD", "JWT_SECRET", "SMTP_PASS"]), g.password(), g.rng
    ),
    "keyword_ini": _keyword("ini"),
    "keyword_yaml": _keyword("yaml"),
    "keyword_xml": _keyword("xml"),
    "keyword_cli": _keyword("cli"),
    "keyword_code": _keyword("code"),
    "keyword_prose": _keyword("prose"),
}


# ---- near-misses: ordinary text that looks a little like secrets -----------------------------------------------


def _near_misses(g: Gen) -> list[str]:
    sha = g.chars(HEX, 40)
    return [
        f"commit {sha}\nAuthor: Dev <dev@acme.io>\nDate:   Mon Jan 6 10:00:00 2025\n\n    fix token refresh race\n",
        f"image: ghcr.io/acme/api@sha256:{g.chars(HEX, 64)}\n",
        f'    "node_modules/lodash": {{\n      "version": "4.17.21",\n      "resolved": "https://registry.npmjs.org/lodash/-/lodash-4.17.21.tgz",\n'
        f'      "integrity": "sha512-{g.chars(B64, 86)}=="\n    }},\n',
        f"requests==2.32.3 \\\n    --hash=sha256:{g.chars(HEX, 64)}\n",
        f"request_id={g.rng.randbytes(16).hex()[:8]}-{g.chars(HEX, 4)}-4{g.chars(HEX, 3)}-a{g.chars(HEX, 3)}-{g.chars(HEX, 12)} status=200 latency=12ms\n",
        f"data:image/png;base64,{g.chars(B64, 120)}\n",
        "API_KEY=<YOUR_API_KEY>\n",
        "token: ${{ secrets.GITHUB_TOKEN }}\n",
        'password = os.environ["DB_PASSWORD"]\n',
        "# In docs: set `password: changeme` and replace it before deploying\npassword: changeme\n",
        'SECRET_KEY=${SECRET_KEY}\napi_key: "{{ .Values.apiKey }}"\nstripe_key: sk_' + "live_" + "x" * 24 + "\n",
        "token_type: Bearer\npassword_min_length: 12\ntoken_ttl_seconds: 3600\nsecret_name: prod/db/password\nauth: enabled\n",
        'Authorization: Bearer ***\nX-API-Key: <redacted>\npassword: "********"\n',
        "\n".join([BEGIN + "PUBLIC KEY-----", *(g.chars(B64, 64) for _ in range(6)), END + "PUBLIC KEY-----"]) + "\n",
        "\n".join([BEGIN + "CERTIFICATE-----", *(g.chars(B64, 64) for _ in range(10)), END + "CERTIFICATE-----"])
        + "\n",
        f"ssh-ed25519 AAAAC3NzaC1lZDI1NTE5AAAAI{g.chars(B64, 43)} dev@laptop\n",
        'Traceback (most recent call last):\n  File "/srv/app/auth/tokens.py", line 42, in refresh\n'
        '    token = client.refresh(refresh_token)\n  File "/usr/lib/python3.12/site-packages/authlib/oauth2/client.py", line 210\n'
        "authlib.integrations.base_client.errors.InvalidTokenError: invalid_token: The access token expired\n",
        "apiVersion: apps/v1\nkind: Deployment\nmetadata:\n  name: api\nspec:\n  template:\n    spec:\n      containers:\n"
        "      - name: api\n        image: acme/api:1.4.2\n        env:\n        - name: DB_PASSWORD\n          valueFrom:\n"
        "            secretKeyRef:\n              name: db-credentials\n              key: password\n",
        f"2025-01-06T10:00:00Z INFO user=alice@acme.io ip=10.0.3.17 action=login mfa=totp session={g.chars(HEX, 8)}\n",
        "curl -sS https://api.github.com/repos/acme/api/pulls?state=open -H 'Accept: application/vnd.github+json'\n",
        "git clone ssh://git@github.com/acme/api.git && cd api\nDATABASE_URL=postgresql://app@db.internal:5432/app\n",
        f'"Resource": "arn:aws:secretsmanager:eu-west-1:{g.chars("0123456789", 12)}:secret:prod/db-AbCdEf",\n'
        '"Action": ["secretsmanager:GetSecretValue"],\n',
        f'checksum = "{g.chars(HEX, 32)}"\netag: "{g.chars(HEX, 32)}"\n',
        f'yarn.lock: lodash@^4.17.21:\n  resolved "https://registry.yarnpkg.com/lodash/-/lodash-4.17.21.tgz#{g.chars(HEX, 40)}"\n',
        'def login(request):\n    password = request.POST["password"]\n    user = authenticate(username=request.POST["user"], password=password)\n',
        "The token endpoint returns an access token and a refresh token; keep the secret out of the repo.\n",
        f"AWS_REGION=us-east-1\nAWS_ACCOUNT_ID={g.chars('0123456789', 12)}\nAWS_PROFILE=prod-readonly\n",
        "export VAULT_ADDR=https://vault.acme.io:8200\nvault kv get -field=password secret/prod/db\n",
        f"   at com.acme.auth.TokenService.verify(TokenService.java:88)\n   at 0x{g.chars(HEX, 12)} in libssl.so\n",
        "pip install 'idguard>=v1.0-rc1'; the v1.0-beta notes mention sgp_ and fo1_ prefixes and ntn_ ids\n",
        f"sonar.host.url=https://sonar.acme.io\namzn.mws.marketplace=EU\nhash: 4b1d{g.chars(HEX, 12)}\n"
        "access_token$expired (braintree sandbox)\nGeoLite2_mmk.tar.gz\n",
        f"snyk_org_id: {_uuid(g)}\nheroku_app_id: {_uuid(g)}\nHUBSPOT_PORTAL_ID=4{g.chars('0123456789', 7)}\n",
        f"team: devops_eyJ, A3-size paper, LTAI is a word here; panda2-{g.chars(HEX, 26)}\n",
        f'KEY_PREFIX = "idg_"\ncache_key = "user:42:profile"\nsort_key = "created_at"\n"client_id": "{g.chars("0123456789", 21)}",\n',
        f"algolia app id: {g.chars(UPPER, 10)}\ncloudflare zone id in the dashboard url\n",
        f"| {g.chars('0123456789', 15)} | {g.chars(HEX, 8)} |\nidempotency_key = {_uuid(g)}\n",
    ]


def build_corpus(n_prompts: int = 600, seed: int = 20250106) -> list[Prompt]:
    """`n_prompts` prompts; every secret kind appears about evenly; about one prompt in six holds no secret."""
    rng = random.Random(seed)
    g = Gen(rng)
    kinds = list(SECRET_KINDS)
    prompts: list[Prompt] = []
    turn = 0
    for index in range(n_prompts):
        prompt = Prompt()
        with_secrets = index % 6 != 5
        blocks: list[tuple[str | None, Pieces]] = []
        if with_secrets:
            for _ in range(rng.randint(1, 3)):
                kind = kinds[turn % len(kinds)]
                turn += 1
                blocks.append((kind, SECRET_KINDS[kind](g)))
        for near_miss in rng.sample(_near_misses(g), rng.randint(1, 4)):
            blocks.append((None, [(False, near_miss)]))
        rng.shuffle(blocks)
        for kind, pieces in blocks:
            if kind is not None:
                prompt.kinds.append(kind)
            prompt.pieces.extend(pieces)
            prompt.pieces.append((False, "\n"))
        prompts.append(prompt)
    return prompts
