"""Credential detectors.

Each detector is one compiled regular expression run over the whole text (not
line by line, which is what makes detect-secrets' default scan slow); the
named group `secret` marks the value to redact when the match carries context
around it. Keyword-style assignments (`password = "..."`) need a credential-like
name next to the value and a value that does not look like a placeholder.
"""

from __future__ import annotations

import bisect
import math
import re
from collections.abc import Callable
from dataclasses import dataclass, field

from ..policy import DEFAULT_POLICY, Policy


@dataclass(frozen=True)
class SecretMatch:
    """Where a secret is. The value itself is only ever read from the caller's text."""

    kind: str
    start: int
    end: int
    line: int


@dataclass(frozen=True)
class Detector:
    kind: str
    regex: re.Pattern[str]
    accept: Callable[[str], bool] | None = field(default=None)


def shannon_entropy(value: str) -> float:
    if not value:
        return 0.0
    counts: dict[str, int] = {}
    for char in value:
        counts[char] = counts.get(char, 0) + 1
    total = len(value)
    return -sum(c / total * math.log2(c / total) for c in counts.values())


_PLACEHOLDER = re.compile(
    r"""^(?:
        <[^>]*> | \$\{[^}]*\}? | \$\{\{.*\}\}? | \{\{.*\}\}? | %\(.*\)s | \$[A-Z_][A-Z0-9_]* | %[A-Z_]+%
        | (?i:x{3,}|\*{3,}|\.{3,}|changeme|change[_-]?me|redacted|placeholder|example|dummy|none|null|nil|true|false
              |your[_-].*|my[_-].*|some[_-].*|todo|tbd|fixme|secret|password|passwd|token|test|testing|foo|bar|baz
              |bearer|basic|undefined|string|str|bytes|required|optional|env|default|hidden|masked|unset|empty)
    )$""",
    re.VERBOSE,
)

_CODE_LIKE = re.compile(r"[()\[\]{}]|^\w+(?:\.\w+)+$|^(?:self|cls|os|settings|config|env|request)\b")


def looks_like_value(value: str) -> bool:
    """A keyword-assigned value that could be a real credential, not code or a placeholder."""
    if len(value) < 6 or _PLACEHOLDER.match(value):
        return False
    if _CODE_LIKE.search(value):
        return False
    if len(set(value)) < 4:
        return False
    return True


def _high_entropy(value: str) -> bool:
    return looks_like_value(value) and shannon_entropy(value) >= 3.0


def _pem_body(block: str) -> bool:
    # A PEM header alone (documentation) is not a key; a body of base64 is.
    return len(re.sub(r"\s|\\n", "", block)) > 120


_KEY_NAME = (
    r"(?:[A-Za-z0-9_.-]*?(?:passw(?:or)?d|passphrase|pwd|secret|token|api[_-]?key|apikey|access[_-]?key"
    r"|private[_-]?key|client[_-]?secret|auth[_-]?key|signing[_-]?key|encryption[_-]?key|credentials?"
    r"|webhook[_-]?secret|sas|conn(?:ection)?[_-]?str(?:ing)?)[A-Za-z0-9_.-]*)"
)

_B64 = r"[A-Za-z0-9+/]"

DETECTORS: tuple[Detector, ...] = (
    Detector(
        "private_key",
        re.compile(
            r"-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----(?:.|\n){0,20000}?-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----"
        ),
        _pem_body,
    ),
    Detector("aws_access_key_id", re.compile(r"\b(?P<secret>(?:AKIA|ASIA|ABIA|ACCA|AGPA|AIDA|AROA|AIPA|ANPA|ANVA|APKA)[A-Z0-9]{16})\b")),
    Detector(
        "aws_secret_access_key",
        re.compile(
            r"(?i)aws.{0,20}?(?:secret|sk).{0,20}?[\"'\s:=]+(?P<secret>[A-Za-z0-9/+]{40})(?![A-Za-z0-9/+])"
        ),
    ),
    Detector("github_token", re.compile(r"\b(?P<secret>(?:ghp|gho|ghu|ghs|ghr)_[A-Za-z0-9]{36,255})\b")),
    Detector("github_token", re.compile(r"\b(?P<secret>github_pat_[A-Za-z0-9_]{22,255})\b")),
    Detector("gitlab_token", re.compile(r"\b(?P<secret>gl(?:pat|dt|ptt|rt|soat|ft|imt|agent|oas)-[A-Za-z0-9_\-]{20,64})")),
    Detector("slack_token", re.compile(r"\b(?P<secret>xox[abposr]-[A-Za-z0-9-]{10,250})")),
    Detector(
        "slack_webhook",
        re.compile(r"(?P<secret>https://hooks\.slack\.com/(?:services|workflows|triggers)/[A-Za-z0-9+/_-]{20,})"),
    ),
    Detector("stripe_key", re.compile(r"\b(?P<secret>(?:sk|rk)_(?:live|test)_[A-Za-z0-9]{20,247})\b")),
    Detector("stripe_webhook_secret", re.compile(r"\b(?P<secret>whsec_[A-Za-z0-9]{24,})\b")),
    Detector("google_api_key", re.compile(r"\b(?P<secret>AIza[0-9A-Za-z_\-]{35})(?![0-9A-Za-z_\-])")),
    Detector("openai_api_key", re.compile(r"\b(?P<secret>sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_\-]{20,}T3BlbkFJ[A-Za-z0-9_\-]{20,})")),
    Detector("openai_api_key", re.compile(r"\b(?P<secret>sk-(?:proj|svcacct|admin)-[A-Za-z0-9_\-]{40,})")),
    Detector("anthropic_api_key", re.compile(r"\b(?P<secret>sk-ant-(?:api|admin)\d\d-[A-Za-z0-9_\-]{80,})")),
    Detector("huggingface_token", re.compile(r"\b(?P<secret>hf_[A-Za-z0-9]{34,})\b")),
    Detector("npm_token", re.compile(r"\b(?P<secret>npm_[A-Za-z0-9]{36})\b")),
    Detector("pypi_token", re.compile(r"\b(?P<secret>pypi-AgEIcHlwaS5vcmc[A-Za-z0-9_\-]{50,})")),
    Detector("sendgrid_api_key", re.compile(r"\b(?P<secret>SG\.[A-Za-z0-9_\-]{22}\.[A-Za-z0-9_\-]{43})")),
    Detector("twilio_api_key", re.compile(r"\b(?P<secret>SK[0-9a-fA-F]{32})\b")),
    Detector("mailgun_api_key", re.compile(r"\b(?P<secret>key-[0-9a-zA-Z]{32})\b")),
    Detector("mailchimp_api_key", re.compile(r"\b(?P<secret>[0-9a-f]{32}-us\d{1,2})\b")),
    Detector("shopify_token", re.compile(r"\b(?P<secret>shp(?:at|ca|pa|ss)_[a-fA-F0-9]{32})\b")),
    Detector("square_token", re.compile(r"\b(?P<secret>(?:EAAA|sq0atp-|sq0csp-)[A-Za-z0-9_\-]{22,60})")),
    Detector("vault_token", re.compile(r"\b(?P<secret>hv[sbr]\.[A-Za-z0-9_\-]{24,})")),
    Detector("telegram_bot_token", re.compile(r"\b(?P<secret>\d{8,10}:AA[0-9A-Za-z_\-]{33})\b")),
    Detector(
        "discord_bot_token",
        re.compile(r"\b(?P<secret>[MNO][A-Za-z0-9_\-]{23,25}\.[A-Za-z0-9_\-]{6}\.[A-Za-z0-9_\-]{27,38})\b"),
    ),
    Detector(
        "jwt",
        re.compile(r"\b(?P<secret>eyJ[A-Za-z0-9_\-]{8,}\.eyJ[A-Za-z0-9_\-]{8,}\.[A-Za-z0-9_\-]*)"),
    ),
    Detector(
        "azure_storage_key",
        re.compile(r"(?i)AccountKey=(?P<secret>[A-Za-z0-9+/]{86}==)"),
    ),
    Detector(
        "azure_sas_token",
        re.compile(r"(?P<secret>(?:sv=\d{4}-\d\d-\d\d&)(?:[a-z]{2,4}=[^&\s\"']+&)*sig=[A-Za-z0-9%+/=]{20,})"),
    ),
    Detector(
        "password_in_url",
        re.compile(r"\b[a-z][a-z0-9+.\-]{1,20}://[^\s:/@\"'<>]{1,256}:(?P<secret>[^\s:/@\"'<>]{3,256})@[^\s/\"'<>]"),
        lambda v: not _PLACEHOLDER.match(v) and not v.startswith("$"),
    ),
    Detector(
        "authorization_header",
        re.compile(r"(?i)\b(?:authorization|proxy-authorization)\s*[:=]\s*[\"']?(?:bearer|basic|token)\s+(?P<secret>[A-Za-z0-9._~+/\-]{8,}=*)"),
        lambda v: not _PLACEHOLDER.match(v) and not v.startswith("$"),
    ),
    Detector(
        "keyword_secret",
        re.compile(
            r"(?i)(?<![A-Za-z0-9])[\"']?" + _KEY_NAME + r"[\"']?\s*(?::=|=>|[:=])\s*"
            r"(?:(?P<q>[\"'])(?P<secret>[^\"'\n\\]{6,512})(?P=q)|(?P<bare>[^\s\"',;#]{8,512}))"
        ),
    ),
)

_LINE_BREAK = re.compile("\n")


def _line_starts(text: str) -> list[int]:
    return [0] + [m.end() for m in _LINE_BREAK.finditer(text)]


def _compile_extra(policy: Policy) -> list[Detector]:
    return [Detector(p.name, re.compile(p.regex)) for p in policy.secrets.extra_patterns]


def find_secrets(
    text: str, policy: Policy = DEFAULT_POLICY, path: str | None = None, key: bytes | None = None
) -> list[SecretMatch]:
    """Return non-overlapping secret spans, in text order."""
    if policy.secrets.allow_paths and path is not None:
        from fnmatch import fnmatch

        if any(fnmatch(path, pattern) for pattern in policy.secrets.allow_paths):
            return []
    allow = [re.compile(r) for r in policy.secrets.allow_regexes]
    candidates: list[tuple[int, int, str]] = []
    for detector in (*DETECTORS, *_compile_extra(policy)):
        for match in detector.regex.finditer(text):
            group = "secret"
            if "bare" in detector.regex.groupindex and match.group("bare") is not None:
                group = "bare"
            if group in detector.regex.groupindex and match.group(group) is not None:
                start, end = match.span(group)
            else:
                start, end = match.span()
            value = text[start:end]
            if detector.kind == "keyword_secret":
                # A bare (unquoted) value must look random; a quoted one only not a placeholder.
                if not (looks_like_value(value) if group == "secret" else _high_entropy(value)):
                    continue
                # `secretsmanager:GetSecretValue`, `arn:aws:secretsmanager:eu-west-1:...`: a name glued to a
                # colon is a namespaced identifier (IAM action, ARN, URN), not an assignment.
                if group == "bare" and text[start - 1] == ":":
                    continue
            elif detector.accept is not None and not detector.accept(value):
                continue
            if any(a.search(value) for a in allow):
                continue
            candidates.append((start, end, detector.kind))
    if key is not None and policy.secrets.allow_fingerprints:
        from .redact import fingerprint

        allowed = set(policy.secrets.allow_fingerprints)
        candidates = [c for c in candidates if fingerprint(text[c[0] : c[1]], key) not in allowed]
    # Longest first at each start, then drop spans that overlap one already kept.
    candidates.sort(key=lambda c: (c[0], -(c[1] - c[0])))
    kept: list[tuple[int, int, str]] = []
    for start, end, kind in candidates:
        if kept and start < kept[-1][1]:
            if end > kept[-1][1] and kind != "keyword_secret":
                prev = kept[-1]
                kept[-1] = (prev[0], end, prev[2])
            continue
        kept.append((start, end, kind))
    starts = _line_starts(text)
    return [SecretMatch(kind, s, e, bisect.bisect_right(starts, s)) for s, e, kind in kept]
