"""The credential detectors: one compiled regular expression each, with the literal anchors that gate it.

A detector runs only when one of its anchors occurs in the text (a substring
test, far cheaper than a regex scan), so a prompt without `ghp_` never pays for
the GitHub pattern. Every quantifier is bounded and adjacent character classes
do not overlap where it matters, so no pattern backtracks catastrophically
(tests run each one over a 1 MB adversarial line).

The formats and prefixes follow detect-secrets' plugins (AWS, Azure storage,
basic auth, Discord, GitHub, GitLab, JWT, Mailchimp, npm, OpenAI, private keys,
PyPI, SendGrid, Slack, Square, Stripe, Telegram, Twilio) and the vendors' own
token documentation for the formats detect-secrets lacks (GCP, Bitbucket,
Shopify, Vault, Okta, New Relic, Sentry, Anthropic, Hugging Face, other AI
providers, Docker auths, kubeconfig). detect-secrets itself is not imported
here: it pulls in `requests` and scans line by line, too slow and too heavy for
an IDE hook that imports this on every edit. `tests/guards/secrets` checks that
everything detect-secrets finds in the benchmark corpus is found here too.

`priority` settles overlaps: a specific format (4, 3) names the finding over a
context detector (2), a URL/header form (1) or a keyword assignment (0).
"""

from __future__ import annotations

import base64
import binascii
import re
from collections.abc import Callable
from dataclasses import dataclass

from .values import is_placeholder, looks_like_regex, looks_random, quoted_value_is_secret
from .words import METADATA_WORDS, identifier_words


@dataclass(frozen=True)
class Detector:
    kind: str
    regex: re.Pattern[str]
    anchors: tuple[str, ...] = ()
    """Literal substrings, one of which must occur in the text (empty: always run)."""
    lower_anchors: bool = False
    """Anchors are matched against the lower-cased text."""
    priority: int = 3
    accept: Callable[[str, str, int], bool] | None = None
    """(value, whole text, value start) -> is this a credential."""


def _random(min_entropy: float = 3.0) -> Callable[[str, str, int], bool]:
    return lambda value, text, start: looks_random(value, min_entropy)


def _near(*words: str, window: int = 300, min_entropy: float = 3.0) -> Callable[[str, str, int], bool]:
    """Accept a random-looking value only with one of `words` in the `window` characters before it."""

    def accept(value: str, text: str, start: int) -> bool:
        before = text[max(0, start - window) : start].lower()
        return any(w in before for w in words) and looks_random(value, min_entropy)

    return accept


def _on_line_with(*words: str, min_entropy: float = 3.0) -> Callable[[str, str, int], bool]:
    """Accept a random-looking value only with one of `words` earlier on its own line (a 32-hex checksum on
    the next line of an Algolia call is not its key)."""

    def accept(value: str, text: str, start: int) -> bool:
        before = text[max(text.rfind("\n", 0, start) + 1, start - 300) : start].lower()
        return any(w in before for w in words) and looks_random(value, min_entropy)

    return accept


def _mixed_case(value: str, text: str, start: int) -> bool:
    """Random letters of both cases and digits: not a hex digest that happens to share the prefix."""
    return any(c.isupper() for c in value) and any(c.islower() for c in value) and looks_random(value, 3.5)


def _not_placeholder(value: str, text: str, start: int) -> bool:
    return not is_placeholder(value) and not value.startswith(("$", "%", "{", "<"))


_ASSIGNED_TO = re.compile(r"([A-Za-z_][\w.\-]{0,80})[\"'`]?[ \t]{0,8}(?::=|=>|=|:)[ \t]{0,8}[\"'`]?$")


def _assigned_to(*words: str) -> Callable[[str, str, int], bool]:
    """Accept a value only when the name it is assigned to on its line holds one of `words` and no word that
    makes it metadata (`SNYK_TOKEN=<uuid>`, `hubspot_key: <uuid>`; not `snyk_org_id: <uuid>`)."""

    def accept(value: str, text: str, start: int) -> bool:
        line_start = text.rfind("\n", 0, start) + 1
        found = _ASSIGNED_TO.search(text, max(line_start, start - 120), start)
        if found is None:
            return False
        name = identifier_words(found.group(1))
        return any(any(w in part for w in words) for part in name) and name[-1] not in METADATA_WORDS

    return accept


def _cli_password(value: str, text: str, start: int) -> bool:
    # `docker login -p ...`, `mysql -p...`, `sshpass -p ...`, not `-p 8080`, `mkdir -p dir`, `gcc -pthread`,
    # nor a pattern such as `-py(?P<pyver>[^-]+)`.
    if looks_like_regex(value):
        return False
    letters_and_digits = any(c.isdigit() for c in value) and any(c.isalpha() for c in value)
    mixed_case = any(c.isupper() for c in value) and any(c.islower() for c in value)
    return (letters_and_digits or mixed_case) and looks_random(value, 3.0) and not value.startswith(("-", "$", "%"))


def _aws_secret(value: str, text: str, start: int) -> bool:
    # 40 base64 characters with upper, lower and digits, near an AWS word; not a hex SHA-1 / git SHA.
    if not (any(c.isupper() for c in value) and any(c.islower() for c in value) and any(c.isdigit() for c in value)):
        return False
    before = text[max(0, start - 300) : start].lower()
    return any(w in before for w in ("aws", "secret", "akia", "asia", "sts", "credential")) and looks_random(value, 3.5)


_PEM_BASE64 = re.compile(r"[A-Za-z0-9+/]")


def _pem_has_body(value: str, text: str, start: int) -> bool:
    # A header with "..." or "<key>" in documentation is not a key; 64+ base64 characters are.
    body = value.split("-----", 2)[-1] if value.count("-----") >= 2 else value
    body = re.sub(r"\\+[nrt]", "", body)
    return len(_PEM_BASE64.findall(body)) >= 64


_WHITESPACE_OR_ESCAPE = re.compile(r"\s+|\\+[nrt]")


def _der_private_key(value: str, text: str, start: int) -> bool:
    """A PEM body without its BEGIN/END lines: base64 of a private key's DER (PKCS#1, PKCS#8, SEC1: a
    SEQUENCE whose first element is the version INTEGER 0 or 1) or of an OpenSSH key (`openssh-key-v1`).
    Certificates, public keys and CSRs start with a nested SEQUENCE or the modulus, and stay."""
    body = _WHITESPACE_OR_ESCAPE.sub("", value)
    if len(body) < 64:
        return False
    try:
        head = base64.b64decode(body[:32])
    except (binascii.Error, ValueError):
        return False
    if head.startswith(b"openssh-key-v1\0"):
        return True
    if len(head) < 8 or head[0] != 0x30:
        return False
    index = 2 if head[1] < 0x80 else 2 + (head[1] - 0x80) if head[1] in (0x81, 0x82, 0x83) else -1
    return index > 0 and head[index : index + 3] in (b"\x02\x01\x00", b"\x02\x01\x01")


def basic_credentials(value: str) -> tuple[str, str] | None:
    """`dXNlcjpwYXNz` -> (`user`, `pass`): the user and password of a Basic credential, or None when the
    value is not base64 of `user:password` text."""
    if len(value) % 4 or len(value) < 8:
        return None
    try:
        decoded = base64.b64decode(value, validate=True).decode("utf-8")
    except (binascii.Error, ValueError):
        return None
    user, colon, password = decoded.partition(":")
    if not colon or not decoded.isprintable() or any(c.isspace() for c in user):
        return None
    return user, password


def _basic_has_password(value: str, text: str, start: int) -> bool:
    """Base64 of `user:password` with a real password; `user:` alone or a placeholder password is not one."""
    credentials = basic_credentials(value)
    return credentials is not None and quoted_value_is_secret(credentials[1])


def _header_credential(value: str, text: str, start: int) -> bool:
    if text[max(0, start - 12) : start].rstrip(" \t").lower().endswith("basic") and basic_credentials(value):
        return _basic_has_password(value, text, start)
    return _not_placeholder(value, text, start)


def _t(kind: str, pattern: str, *anchors: str, priority: int = 3, accept=None, flags: int = 0) -> Detector:
    return Detector(kind, re.compile(pattern, flags), tuple(anchors), False, priority, accept)


def _ctx(kind: str, pattern: str, *anchors: str, priority: int = 2, accept=None, flags: int = 0) -> Detector:
    return Detector(kind, re.compile(pattern, flags), tuple(anchors), True, priority, accept)


# A PEM body: base64, header lines (Proc-Type, DEK-Info, Version), real or JSON-escaped line breaks.
# No END line (a truncated paste) means the body runs to the first character a PEM body cannot contain.
# The body repetition is possessive: it never gives characters back, so nothing can backtrack into it.
_PEM = (
    r"-----BEGIN (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----"
    r"(?:[A-Za-z0-9+/=\s:,._()@]{1,64000}|-(?!----)|\\{1,3}[nrt]){0,64000}+"
    r"(?:-----END (?:[A-Z0-9]{1,12} ){0,3}PRIVATE KEY(?: BLOCK)?-----)?"
)

_SCHEMES = r"(?:bearer|basic|token|bot|ssws|apikey|api-key|key|sso-key|gitlab-token|digest|negotiate|ntlm|hmac|dsn)"

DETECTORS: tuple[Detector, ...] = (
    # --- key material ---------------------------------------------------------------------------
    _t("private_key", _PEM, "PRIVATE KEY", priority=4, accept=_pem_has_body),
    _t(
        "private_key",
        r"PuTTY-User-Key-File-\d:[\s\S]{0,20000}?Private-(?:MAC|Hash):[ \t]{0,4}[0-9a-fA-F]{20,128}",
        "PuTTY-User-Key-File",
        priority=4,
    ),
    _t("private_key", r"AGE-SECRET-KEY-1[0-9A-Z]{58}", "AGE-SECRET-KEY-1", priority=4),
    # A PEM body pasted without its BEGIN/END lines (one line, wrapped lines, or JSON-escaped line breaks).
    _t(
        "private_key",
        r"(?<![A-Za-z0-9+/=_\-])(?:MI[IG]|MH[cQ]|MC4C|MF[EM]|b3BlbnNzaC1rZXktdjE)[A-Za-z0-9+/]{20,8192}"
        r"(?:(?:\r?\n|\\{1,3}r?\\{0,3}n)[ \t]{0,16}[A-Za-z0-9+/]{4,8192}){0,2000}={0,2}(?![A-Za-z0-9+/=])",
        "MII",
        "MIG",
        "MHc",
        "MHQ",
        "MC4C",
        "MFE",
        "MFM",
        "b3BlbnNzaC1rZXktdjE",
        priority=4,
        accept=_der_private_key,
    ),
    # --- cloud ----------------------------------------------------------------------------------
    _t(
        "aws_access_key_id",
        r"(?<![A-Z0-9])(?:AKIA|ASIA|ABIA|ACCA|A3T[A-Z0-9])[A-Z0-9]{16}(?![A-Z0-9])",
        "AKIA",
        "ASIA",
        "ABIA",
        "ACCA",
        "A3T",
    ),
    _ctx(
        "aws_secret_access_key",
        r"(?<![A-Za-z0-9/+=])[A-Za-z0-9/+]{40}(?![A-Za-z0-9/+=])",
        "aws",
        "akia",
        "asia",
        "secretaccesskey",
        "secret_access_key",
        "secret-access-key",
        accept=_aws_secret,
    ),
    _t("google_api_key", r"AIza[0-9A-Za-z_\-]{35}(?![0-9A-Za-z_\-])", "AIza"),
    _t("google_oauth_secret", r"GOCSPX-[A-Za-z0-9_\-]{28}", "GOCSPX-"),
    _t("google_oauth_token", r"ya29\.[0-9A-Za-z_\-]{20,2048}", "ya29."),
    _t("google_oauth_token", r"(?<![\w/])1//0[0-9A-Za-z_\-]{40,512}", "1//0"),
    # STS session tokens begin with the base64 of their own header (`FwoGZXIvYXdzE...`, `IQoJb3JpZ2luX2Vj...`).
    _t(
        "aws_session_token",
        r"(?:FwoGZXIvYXdzE|FQoGZXIvYXdzE|IQoJb3JpZ2luX2Vj)[A-Za-z0-9+/]{100,4000}={0,2}",
        "ZXIvYXdzE",
        "IQoJb3JpZ2luX2Vj",
    ),
    _t("aws_appsync_key", r"da2-(?<![A-Za-z0-9]da2-)[a-z0-9]{26}(?![A-Za-z0-9])", "da2-", accept=_random(3.0)),
    _t(
        "alibaba_access_key_id",
        r"LTAI(?<![A-Za-z0-9]LTAI)[A-Za-z0-9]{12,20}(?![A-Za-z0-9])",
        "LTAI",
        accept=_random(3.0),
    ),
    _ctx(
        "alibaba_access_key_secret",
        r"(?<![A-Za-z0-9])[A-Za-z0-9]{30}(?![A-Za-z0-9])",
        "alibaba",
        "aliyun",
        "ltai",
        accept=_near("alibaba", "aliyun", "ltai", window=200, min_entropy=3.5),
    ),
    # Bedrock long-lived API keys: `ABSK` + base64 of the key id and secret.
    _t("aws_bedrock_api_key", r"ABSK(?<![A-Za-z0-9+/]ABSK)[A-Za-z0-9+/]{109,269}={0,2}(?![A-Za-z0-9+/=])", "ABSK"),
    _t(
        "amazon_mws_token",
        r"amzn\.mws\.[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}(?![0-9a-f])",
        "amzn.mws.",
    ),
    _t("cloudflare_origin_ca_key", r"v1\.0-[a-f0-9]{24}-[a-f0-9]{146}(?![A-Za-z0-9])", "v1.0-"),
    _ctx(
        "cloudflare_api_key",
        r"(?<![A-Za-z0-9])[a-f0-9]{37}(?![A-Za-z0-9])",
        "cloudflare",
        "x-auth-key",
        accept=_on_line_with("cloudflare", "x-auth-key"),
    ),
    _ctx(
        "azure_storage_key",
        r"(?i)(?:AccountKey|SharedAccessKey|SharedSecretValue|PrimaryKey|SecondaryKey|AccessKey)[ \t]{0,4}=[ \t]{0,4}"
        r"(?P<secret>[A-Za-z0-9+/]{20,200}={0,2})",
        "accountkey",
        "sharedaccesskey",
        "sharedsecretvalue",
        "primarykey",
        "secondarykey",
        "accesskey=",
        priority=3,
    ),
    _t("azure_sas_token", r"(?i)(?:^|[?&;\s\"'])sig=(?P<secret>[A-Za-z0-9%+/=]{16,300})", "sig=", flags=0),
    _t(
        "azure_client_secret",
        r"(?<![A-Za-z0-9_~.\-])[A-Za-z0-9_~.\-]{3}\dQ~[A-Za-z0-9_~.\-]{31,34}(?![A-Za-z0-9_~.\-])",
        "Q~",
    ),
    # --- source hosting / CI ----------------------------------------------------------------------
    _t("github_token", r"(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,251}", "gh"),
    _t("github_token", r"github_pat_[A-Za-z0-9_]{22,255}", "github_pat_"),
    _t("gitlab_token", r"gl(?:pat|dt|ptt|rt|soat|ft|imt|agent|oas|cbt|ffct|wt)-[A-Za-z0-9_.\-]{20,255}", "gl"),
    _t("gitlab_token", r"GR1348941[A-Za-z0-9_\-]{20,64}", "GR1348941"),
    _t("sourcegraph_token", r"sgp_(?:[a-fA-F0-9]{16}_|local_)?[a-fA-F0-9]{40}(?![A-Za-z0-9])", "sgp_"),
    _t(
        "artifactory_token",
        r"(?:AKCp[A-Za-z0-9]{69}|cmVmdGtuOjAxOj[A-Za-z0-9]{40,100})(?![A-Za-z0-9])",
        "AKCp",
        "cmVmdGtuOjAxOj",
    ),
    _ctx(
        "artifactory_token",
        r"(?<![A-Za-z0-9])AP[0-9A-F][A-Za-z0-9]{8,200}(?![A-Za-z0-9])",
        "artifactory",
        "jfrog",
        accept=_near("artifactory", "jfrog", window=200, min_entropy=3.5),
    ),
    _t("bitbucket_token", r"(?:ATBB|ATATT3|ATCTT3|ATOA)[A-Za-z0-9_=.\-]{28,400}", "ATBB", "ATATT3", "ATCTT3", "ATOA"),
    _t("npm_token", r"npm_[A-Za-z0-9]{36}(?![A-Za-z0-9])", "npm_"),
    _t("pypi_token", r"pypi-AgE[A-Za-z0-9_\-]{50,400}", "pypi-AgE"),
    _t(
        "docker_registry_auth",
        r"\"auth\"[ \t]{0,4}:[ \t]{0,4}\"(?P<secret>[A-Za-z0-9+/=]{8,4000})\"",
        '"auth"',
        accept=_not_placeholder,
    ),
    _t("docker_registry_auth", r"dckr_pat_[A-Za-z0-9_\-]{20,64}", "dckr_pat_"),
    # --- chat / messaging -------------------------------------------------------------------------
    _t("slack_token", r"xox[abposre]-(?:\d+-)?[A-Za-z0-9\-]{10,250}", "xox"),
    _t("slack_token", r"xoxe\.xox[a-z]-\d-[A-Za-z0-9\-]{30,300}", "xoxe."),
    _t("slack_token", r"xapp-\d-[A-Za-z0-9\-]{10,250}", "xapp-"),
    _t(
        "slack_webhook",
        r"https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_\-]{20,300}",
        "hooks.slack.com",
    ),
    _t(
        "discord_webhook",
        r"https://(?:ptb\.|canary\.)?discord(?:app)?\.com/api/webhooks/\d{5,30}/[A-Za-z0-9_\-]{30,200}",
        "discord",
    ),
    _t(
        "discord_bot_token",
        r"[MNO](?<![A-Za-z0-9_\-].)[A-Za-z0-9_\-]{23,27}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,40}(?![A-Za-z0-9_\-])",
        ".",
        accept=_random(3.5),
    ),
    _t("telegram_bot_token", r"(?<!\d)\d{8,10}:AA[0-9A-Za-z_\-]{33}(?![0-9A-Za-z_\-])", ":AA"),
    _t(
        "teams_webhook",
        r"https://[A-Za-z0-9\-]{1,60}\.webhook\.office\.com/webhookb2/[A-Za-z0-9\-@/]{40,400}"
        r"|https://outlook\.office(?:365)?\.com/webhook/[A-Za-z0-9\-@/]{40,400}",
        "webhook.office.com",
        "outlook.office",
    ),
    _t("twilio_key", r"(?:SK|AC)(?<![A-Za-z0-9]..)[0-9a-fA-F]{32}(?![A-Za-z0-9])", "SK", "AC"),
    # --- payments / commerce / mail ---------------------------------------------------------------
    _t("stripe_key", r"(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,247}", "k_live_", "k_test_"),
    _t("stripe_webhook_secret", r"whsec_[A-Za-z0-9+/=]{24,128}", "whsec_"),
    _t(
        "square_token",
        r"(?:sq0atp-[A-Za-z0-9_\-]{22,60}|sq0csp-[A-Za-z0-9_\-]{43,60}|EAAA[A-Za-z0-9_\-]{59,400})",
        "sq0",
        "EAA",
    ),
    _t("facebook_token", r"EAA[BCDGIM][A-Za-z0-9]{80,400}", "EAA"),
    # An app access token: the app id, `|`, the app secret.
    _t("facebook_token", r"(?<!\d)\d{15,16}\|[0-9a-f]{32}(?![0-9a-f])", "|", accept=_random(3.0)),
    _t(
        "braintree_token",
        r"access_token\$(?:production|sandbox)\$[a-z0-9]{16}\$[a-f0-9]{32}(?![a-f0-9])",
        "access_token$",
    ),
    _t("shopify_token", r"shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32}", "shp"),
    _t("sendgrid_api_key", r"SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43}", "SG."),
    _t("mailgun_api_key", r"(?<![A-Za-z0-9])key-[0-9a-zA-Z]{32}(?![A-Za-z0-9])", "key-"),
    _ctx(
        "mailgun_api_key",
        r"(?<![0-9a-f])[0-9a-f]{32}-[0-9a-f]{8}-[0-9a-f]{8}(?![0-9a-f\-])",
        "mailgun",
        "api:",
        priority=3,
    ),
    _t("mailchimp_api_key", r"(?<![0-9a-f])[0-9a-f]{32}-us\d{1,2}(?!\d)", "-us"),
    # --- platforms / observability ---------------------------------------------------------------
    _t("vault_token", r"hv[sbr]\.[A-Za-z0-9_\-]{24,400}", "hv"),
    _ctx("vault_token", r"(?<![A-Za-z0-9.])s\.[A-Za-z0-9]{24}(?![A-Za-z0-9])", "vault", accept=_near("vault")),
    _ctx(
        "okta_token",
        r"00(?<![A-Za-z0-9_\-]..)[A-Za-z0-9_\-]{40}(?![A-Za-z0-9_\-])",
        "okta",
        "ssws",
        accept=_near("okta", "ssws", window=400),
    ),
    _t(
        "new_relic_key",
        r"(?:NRAK-[A-Z0-9]{27}|NRJS-[a-f0-9]{19}|NRII-[A-Za-z0-9_\-]{32}|NRAA-[a-f0-9]{27}|NRIQ-[A-Za-z0-9_\-]{32}"
        r"|(?<![A-Za-z0-9])[a-f0-9]{36}NRAL)",
        "NR",
    ),
    _t("sentry_token", r"(?:sntrys_[A-Za-z0-9+/=_]{50,400}|sntryu_[a-f0-9]{64})", "sntry"),
    _t("datadog_key", r"(?:ddapi_|ddap_|ddpat_)[A-Za-z0-9]{30,80}", "ddapi_", "ddap_", "ddpat_"),
    _t("heroku_key", r"HRKU-[A-Za-z0-9_\-]{40,80}", "HRKU-"),
    _t(
        "flyio_token",
        r"(?:fo1_[A-Za-z0-9_\-]{43}|fm1[ar]_[A-Za-z0-9+/]{100,4000}={0,3}|fm2_[A-Za-z0-9+/]{100,4000}={0,3})"
        r"(?![A-Za-z0-9_\-])",
        "fo1_",
        "fm1",
        "fm2_",
    ),
    _t("sonar_token", r"sq[upa]_[a-f0-9]{40}(?![A-Za-z0-9])", "squ_", "sqp_", "sqa_"),
    _t("clickhouse_api_key", r"4b1d(?<![A-Za-z0-9]4b1d)[A-Za-z0-9]{38}(?![A-Za-z0-9])", "4b1d", accept=_mixed_case),
    _t("maxmind_license_key", r"(?<![A-Za-z0-9_])[A-Za-z0-9]{6}_[A-Za-z0-9]{29}_mmk(?![A-Za-z0-9_])", "_mmk"),
    _t(
        "onfido_token",
        r"api_(?:live|sandbox)(?:_[a-z]{2})?\.[A-Za-z0-9_\-]{11}\.[A-Za-z0-9_\-]{32}(?![A-Za-z0-9_\-])",
        "api_live",
        "api_sandbox",
    ),
    _t("intra42_secret", r"s-s4t2(?:ud|af)-[a-f0-9]{64}(?![a-f0-9])", "s-s4t2"),
    _t("kolide_token", r"k2sk_v1_[A-Za-z0-9]{24}(?![A-Za-z0-9])", "k2sk_v1_"),
    _t("notion_token", r"ntn_\d{11}[A-Za-z0-9]{35}(?![A-Za-z0-9])", "ntn_"),
    _t("onepassword_token", r"ops_eyJ[A-Za-z0-9+/]{250,4000}={0,3}", "ops_eyJ"),
    _t(
        "onepassword_secret_key",
        r"A3-(?<![A-Za-z0-9]A3-)[A-Z0-9]{6}-(?:[A-Z0-9]{11}|[A-Z0-9]{6}-[A-Z0-9]{5})-[A-Z0-9]{5}-[A-Z0-9]{5}-[A-Z0-9]{5}"
        r"(?![A-Za-z0-9])",
        "A3-",
    ),
    _t(
        "grafana_token",
        r"(?:glc_[A-Za-z0-9+/]{32,400}={0,3}|glsa_[A-Za-z0-9]{32}_[A-Fa-f0-9]{8}|eyJrIjoi[A-Za-z0-9]{70,400}={0,3})"
        r"(?![A-Za-z0-9+/=_])",
        "glc_",
        "glsa_",
        "eyJrIjoi",
    ),
    _ctx(
        "algolia_api_key",
        r"(?<![A-Za-z0-9])[a-f0-9]{32}(?![A-Za-z0-9])",
        "algolia",
        accept=_on_line_with("algolia"),
    ),
    # UUID-shaped API keys are only keys under their provider's name (`SNYK_TOKEN=...`, `hubspot_key: ...`).
    *(
        _ctx(
            f"{provider}_api_key",
            r"(?<![A-Za-z0-9\-])[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}(?![A-Za-z0-9\-])",
            *anchors,
            accept=_assigned_to(*anchors),
        )
        for provider, anchors in (("snyk", ("snyk",)), ("heroku", ("heroku",)), ("hubspot", ("hubspot", "hapikey")))
    ),
    _t("digitalocean_token", r"do[opr]_v1_[a-f0-9]{64}", "_v1_"),
    _t("databricks_token", r"dapi[a-f0-9]{32}(?:-\d)?(?![A-Za-z0-9])", "dapi"),
    _t("linear_api_key", r"lin_api_[A-Za-z0-9]{40}", "lin_api_"),
    _t("postman_api_key", r"PMAK-[a-f0-9]{24}-[a-f0-9]{34}", "PMAK-"),
    _t("terraform_token", r"[A-Za-z0-9]{14}\.atlasv1\.[A-Za-z0-9_\-=]{60,120}", ".atlasv1."),
    # --- AI providers -----------------------------------------------------------------------------
    _t("anthropic_api_key", r"sk-ant-[a-z]{2,8}\d\d-[A-Za-z0-9_\-]{20,300}", "sk-ant-"),
    _t(
        "openai_api_key",
        r"sk-(?:proj-|svcacct-|admin-|None-)[A-Za-z0-9_\-]{20,300}|sk-[A-Za-z0-9_\-]{10,150}T3BlbkFJ[A-Za-z0-9_\-]{10,150}",
        "sk-",
        "T3BlbkFJ",
    ),
    _t(
        "ai_api_key", r"(?<![A-Za-z0-9_\-])sk-[A-Za-z0-9][A-Za-z0-9_\-]{19,300}", "sk-", priority=2, accept=_random(3.5)
    ),
    _t("huggingface_token", r"(?:hf_|api_org_)[A-Za-z0-9]{30,40}(?![A-Za-z0-9])", "hf_", "api_org_"),
    _t(
        "ai_api_key",
        r"(?:gsk_[A-Za-z0-9]{48,56}|r8_[A-Za-z0-9]{35,40}|pplx-[A-Za-z0-9]{40,60}|xai-[A-Za-z0-9]{60,100}"
        r"|lsv2_(?:pt|sk)_[a-f0-9]{32}_[a-f0-9]{10}|pcsk_[A-Za-z0-9_]{40,100}|fw_[A-Za-z0-9]{20,40}|tvly-[A-Za-z0-9\-]{30,60}"
        r"|nvapi-[A-Za-z0-9_\-]{60,80})(?![A-Za-z0-9])",
        "gsk_",
        "r8_",
        "pplx-",
        "xai-",
        "lsv2_",
        "pcsk_",
        "fw_",
        "tvly-",
        "nvapi-",
    ),
    # --- generic forms ------------------------------------------------------------------------------
    _t("jwt", r"eyJ[A-Za-z0-9_\-]{8,4000}\.eyJ[A-Za-z0-9_\-]{8,8000}\.[A-Za-z0-9_\-]{0,2000}", "eyJ", priority=2),
    _t(
        "password_in_url",
        r"(?i)://(?<=[a-z0-9+.\-]://)[^\s:/@\"'<>]{0,256}:(?P<secret>[^\s/@\"'<>]{1,256})@(?=[^\s@/\"'<>])",
        "://",
        priority=1,
        accept=_not_placeholder,
    ),
    _ctx(
        "authorization_header",
        r"(?i)authorization[\"']?[ \t]{0,4}[:=][ \t]{0,4}[\"']?"
        + _SCHEMES
        + r"[ \t]{1,4}(?P<secret>[A-Za-z0-9._~+/:\-]{6,8000}=*)",
        "authorization",
        priority=1,
        accept=_header_credential,
    ),
    _ctx(
        "basic_auth_credentials",
        r"(?<![A-Za-z])[Bb]asic[ \t]{1,4}(?P<secret>[A-Za-z0-9+/]{8,4000}={0,2})(?![A-Za-z0-9+/=])",
        "basic ",
        priority=1,
        accept=_basic_has_password,
    ),
    _ctx(
        "authorization_header",
        r"(?i)(?<![a-z])bearer[ \t]{1,4}(?P<secret>[A-Za-z0-9._~+/\-]{16,8000}=*)",
        "bearer",
        priority=1,
        accept=_random(3.0),
    ),
    _t(
        "password",
        r"(?:^|(?<=[\s\"']))-p(?:[ \t]{1,4}|(?=[A-Za-z0-9]))(?P<secret>[^\s\"'/:]{6,256})(?=[\s\"']|$)",
        "-p",
        priority=1,
        accept=_cli_password,
    ),
    _ctx(
        "basic_auth_credentials",
        r"(?:^|[\s\"'])(?:-u|--user|--proxy-user)[ \t=]{1,4}[\"']?[^\s:\"']{1,256}:(?P<secret>[^\s\"']{1,256})",
        "-u",
        "--user",
        "--proxy-user",
        priority=1,
        accept=_not_placeholder,
    ),
)


# Formats that need a value around them to be credentials: in source code they count inside string
# literals only, never in a comment or a docstring (`Authorization: Basic czZCaGRSa3F0MzpnWDFmQmF0M2JW` is
# RFC 6749's example, quoted by every OAuth library). Provider-prefixed formats and key blocks are
# credentials wherever they are written.
_NEEDS_A_VALUE = frozenset(
    {
        "jwt",
        "password_in_url",
        "authorization_header",
        "password",
        "basic_auth_credentials",
        "azure_sas_token",
        "docker_registry_auth",
    }
)


def found_anywhere(detector: Detector) -> bool:
    """Whether a match of `detector` is a credential wherever it occurs in source code (see `_NEEDS_A_VALUE`)."""
    if detector.kind == "docker_registry_auth":
        return not detector.regex.pattern.startswith('\\"auth\\"')  # `dckr_pat_...` is; `"auth": "..."` needs JSON
    return not detector.lower_anchors and detector.priority >= 3 and detector.kind not in _NEEDS_A_VALUE
