"""Find credentials in text: kind and character span of each, never a copy of the value.

The text is scanned as a whole by the format detectors in `detectors.py` (each
gated by its literal anchors) and by one keyword-assignment scanner for
`password = ...`, `"apiKey": "..."`, `DB_PASS=...`, `token: ...`, `--password ...`
in any language or config format. Keyword values are judged by `values.py`:
a credential-like name is required, placeholders, references and code are not
secrets. Overlapping findings merge into one span (the whole value is
redacted), named after the most specific detector.

Policy (`SecretsPolicy`): `allow_paths` (globs) skip a file entirely;
`allow_regexes` and `allow_fingerprints` (HMAC of the value under the
installation key) drop single values; `extra_patterns` add regexes (their
named group `secret`, if any, is the value).
"""

from __future__ import annotations

import bisect
import re
import string
from dataclasses import dataclass
from fnmatch import fnmatch
from functools import lru_cache

from ..policy import DEFAULT_POLICY, Policy
from .detectors import DETECTORS, Detector
from .values import FILLER, bare_value_is_secret, value_is_strongly_random, is_secret_name, quoted_value_is_secret, split_name


@dataclass(frozen=True)
class SecretMatch:
    """Where a secret is. The value itself is only ever read from the caller's text."""

    kind: str
    start: int
    end: int
    line: int


# The credential word, the rest of the name, an assignment operator, then a quoted or bare value.
# The name's start is found by scanning back in Python, so the regex starts at a literal word.
_KEYWORD_PATTERN = (
    r"""(?:passw(?:or)?d|passphrase|pass|pwd|secret|token|key|credentials?|creds|sas|auth|dsn|pin|session|sid|cookie)
    (?P<tail>[A-Za-z0-9_.\-]{0,40})["'`]?[ \t]{0,8}(?P<op>:[ \t]{0,4}[A-Za-z_][\w.\[\]|, ]{0,40}?[ \t]{0,4}=(?!=)|:=|=>|=|:|(?<=["'])[ \t]{0,4},|[ \t](?:[ \t]{0,4}(?:is|was|to|of|for)[ \t])?)[ \t]{0,8}
    (?:[bBrRuU]{0,2}(?:"(?P<dq>(?:[^"\\\n]|\\.){1,4096})"|'(?P<sq>(?:[^'\\\n]|\\.){1,4096})'|`(?P<bq>[^`\\\n]{1,4096})`)
      |(?P<bare>(?:[^\s"'`,;&<>]|&(?![A-Za-z_][\w.\-]{0,40}=)){4,8192}))"""
)
# Matched against the lower-cased text when lower-casing keeps every offset (ASCII and most text): a
# case-sensitive scan is much faster than an IGNORECASE one; the spans are then read from the original.
_KEYWORD_LOWER = re.compile(_KEYWORD_PATTERN, re.VERBOSE)
_KEYWORD_ANY_CASE = re.compile(_KEYWORD_PATTERN, re.VERBOSE | re.IGNORECASE)
_KEYWORD_ANCHORS = ("pass", "pwd", "secret", "token", "key", "cred", "sas", "auth", "dsn", "pin", "session", "sid", "cookie")
_NAME_CHARS = string.ascii_letters + string.digits + "_.-$@"
_XML_ELEMENT = re.compile(r"<(?P<name>[\w:.\-]{1,80})>(?P<secret>[^<>\n]{4,1024})</(?P=name)>")


def _name_before(text: str, end: int, limit: int = 80) -> str:
    """The name characters just before `end` (rstrip with a character set runs in C)."""
    window = text[max(0, end - limit) : end]
    return window[len(window.rstrip(_NAME_CHARS)) :]


def _keyword_candidates(text: str, lowered: str) -> list[tuple[int, int, str, int]]:
    found: list[tuple[int, int, str, int]] = []
    position = 0
    regex, haystack = (_KEYWORD_LOWER, lowered) if len(lowered) == len(text) else (_KEYWORD_ANY_CASE, text)
    while (match := regex.search(haystack, position)) is not None:
        position = match.end()
        value_group = next(g for g in ("dq", "sq", "bq", "bare") if match.group(g) is not None)
        start, end = match.span(value_group)
        if value_group == "bare":
            end = _without_unbalanced_closers(text, start, end)
        value = text[start:end]
        kind = _keyword_kind(text, match, value_group, value) if end - start >= 4 else None
        if kind is not None:
            found.append((start, end, kind, 0))
        elif _URL_PARAMETER.search(value):
            # `token_url: https://idp/cb?access_token=...`: the rejected value may hold an assignment itself.
            position = match.start(value_group)
    return found


_LINE_PREFIX = re.compile(r"[ \t]*(?:export[ \t]+|set[ \t]+|-[ \t]+)?[\"']?$")
_LINE_REST = re.compile(r"[ \t]*(?:[#;].*)?(?:\n|$)")


def _is_config_line(text: str, match: re.Match[str], name: str) -> bool:
    """`NAME=value` or `name: value` alone on its line, as in .env, YAML, INI and properties files."""
    name_start = match.start() - (len(name) - (match.end("tail") - match.start()))
    line_start = text.rfind("\n", 0, name_start) + 1
    if not _LINE_PREFIX.match(text, line_start, name_start):
        return False
    return match.group("op") in ("=", ":") and _LINE_REST.match(text, match.end("bare")) is not None


def _without_unbalanced_closers(text: str, start: int, end: int) -> int:
    """`f(secret=abc123)`: the call's closing bracket is not part of a bare value."""
    while end > start and text[end - 1] in ")]}":
        closer = text[end - 1]
        opener = {")": "(", "]": "[", "}": "{"}[closer]
        if text.count(opener, start, end) >= text.count(closer, start, end):
            break
        end -= 1
    return end


_URL_PARAMETER = re.compile(r"[?&;]\w{1,40}=")


_SESSION_WORDS = frozenset({"session", "sessionid", "sid", "cookie"})


def _keyword_kind(text: str, match: re.Match[str], value_group: str, value: str) -> str | None:
    """`password` or `secret` when the assignment holds a credential, else None."""
    name = _name_before(text, match.start()) + text[match.start() : match.end("tail")]
    op = match.group("op")
    in_prose = op.strip() == "" or op.strip() in ("is", "was", "to", "of", "for")
    if in_prose and not name.startswith("--") and not (value_group == "bare" and value_is_strongly_random(value)):
        return None  # prose ("the token expires ..."): only a random-looking word after it is a credential
    if not is_secret_name(name):
        return None
    words = split_name(name)
    if words == ["sid"] and not value_is_strongly_random(value):
        return None  # an IAM statement id (`"Sid": "DenyInsecureTransport"`); a session id is random
    if op.endswith(",") and value_group == "bare":
        return None  # only `define('DB_PASSWORD', '...')`, `setdefault("TOKEN", "...")`: a quoted name, a quoted value
    if value_group != "bare":
        accepted = quoted_value_is_secret(value, passphrase_allowed="passphrase" in words)
    elif op == ":" and text[match.start("bare") - 1] == ":":
        accepted = False  # `secretsmanager:GetSecretValue`, ARNs: a namespaced identifier, not an assignment
    else:
        accepted = bare_value_is_secret(value, config_line=_is_config_line(text, match, name))
    if accepted and len(value) < 16 and _SESSION_WORDS.intersection(words):
        accepted = False  # `session=cc88ba5a` in a log line is a correlation id; session tokens are long
    if not accepted:
        return None
    return "password" if any(w.startswith(("pass", "pwd")) or w.endswith(("password", "passwd")) for w in words) else "secret"


def _xml_candidates(text: str) -> list[tuple[int, int, str, int]]:
    return [
        (*m.span("secret"), "password" if "pass" in m.group("name").lower() else "secret", 0)
        for m in _XML_ELEMENT.finditer(text)
        if is_secret_name(m.group("name")) and quoted_value_is_secret(m.group("secret"))
    ]


def _detector_candidates(detector: Detector, text: str) -> list[tuple[int, int, str, int]]:
    found = []
    has_group = "secret" in detector.regex.groupindex
    for match in detector.regex.finditer(text):
        start, end = match.span("secret") if has_group else match.span()
        if start == end:
            continue
        if FILLER.search(text, start, end) and detector.kind != "private_key":
            continue  # `sk_live_` followed by x-es, an access key id padded with zeros: a documented shape, not a key
        if detector.accept is not None and not detector.accept(text[start:end], text, start):
            continue
        found.append((start, end, detector.kind, detector.priority))
    return found


@lru_cache(maxsize=64)
def _compiled_extra(patterns: tuple[tuple[str, str], ...]) -> tuple[Detector, ...]:
    return tuple(Detector(name, re.compile(regex), priority=3) for name, regex in patterns)


@lru_cache(maxsize=64)
def _compiled_allow(regexes: tuple[str, ...]) -> tuple[re.Pattern[str], ...]:
    return tuple(re.compile(r) for r in regexes)


def _index_by_anchor(lower: bool) -> dict[str, tuple[int, ...]]:
    index: dict[str, list[int]] = {}
    for position, detector in enumerate(DETECTORS):
        if detector.lower_anchors == lower:
            for anchor in detector.anchors:
                index.setdefault(anchor, []).append(position)
    return {anchor: tuple(positions) for anchor, positions in index.items()}


_BY_CASED_ANCHOR = _index_by_anchor(lower=False)
_BY_LOWER_ANCHOR = _index_by_anchor(lower=True)
_ALWAYS = tuple(position for position, detector in enumerate(DETECTORS) if not detector.anchors)


def _active_detectors(text: str, lowered: str) -> tuple[list[Detector], bool]:
    """The detectors one of whose anchors occurs in the text, in table order, and whether the keyword scanner
    needs to run. Each distinct anchor is looked up once (a C substring search, much cheaper than a regex pass)."""
    active = set(_ALWAYS)
    for anchor, positions in _BY_CASED_ANCHOR.items():
        if anchor in text:
            active.update(positions)
    for anchor, positions in _BY_LOWER_ANCHOR.items():
        if anchor in lowered:
            active.update(positions)
    keywords = any(anchor in lowered for anchor in _KEYWORD_ANCHORS)
    return [DETECTORS[position] for position in sorted(active)], keywords


def _merge(candidates: list[tuple[int, int, str, int]]) -> list[tuple[int, int, str]]:
    """Overlapping spans become one span covering all of them, named by the highest priority."""
    candidates.sort(key=lambda c: (c[0], -c[3]))
    merged: list[list] = []
    for start, end, kind, priority in candidates:
        if merged and start < merged[-1][1]:
            current = merged[-1]
            current[1] = max(current[1], end)
            if priority > current[3]:
                current[2], current[3] = kind, priority
            continue
        merged.append([start, end, kind, priority])
    return [(s, e, k) for s, e, k, _ in merged]


def _repeated_occurrences(text: str, spans: list[tuple[int, int, str]]) -> list[tuple[int, int, str, int]]:
    """Every other occurrence of a detected value, wherever it is (`key = '<same password>'`): once a value is
    known to be secret, no copy of it may survive. Short values are left alone to spare ordinary words."""
    extra: list[tuple[int, int, str, int]] = []
    for value, kind in {text[s:e]: k for s, e, k in spans if e - s >= 8}.items():
        position = text.find(value)
        while position >= 0:
            extra.append((position, position + len(value), kind, 0))
            position = text.find(value, position + len(value))
    return extra


def path_is_allowed(policy: Policy, path: str | None) -> bool:
    return path is not None and any(fnmatch(path, pattern) for pattern in policy.secrets.allow_paths)


def find_secrets(
    text: str, policy: Policy = DEFAULT_POLICY, path: str | None = None, key: bytes | None = None
) -> list[SecretMatch]:
    """Return non-overlapping secret spans, in text order.

    `key` is the installation key; it is needed only to honour `allow_fingerprints`.
    """
    secrets_policy = policy.secrets
    if secrets_policy.allow_paths and path_is_allowed(policy, path):
        return []
    lowered = text.lower()
    candidates: list[tuple[int, int, str, int]] = []
    extra = _compiled_extra(tuple((p.name, p.regex) for p in secrets_policy.extra_patterns))
    active, keywords_present = _active_detectors(text, lowered)
    for detector in (*active, *extra):
        candidates.extend(_detector_candidates(detector, text))
    if keywords_present:
        candidates.extend(_keyword_candidates(text, lowered))
        if "</" in text:
            candidates.extend(_xml_candidates(text))
    if secrets_policy.allow_regexes:
        allow = _compiled_allow(tuple(secrets_policy.allow_regexes))
        candidates = [c for c in candidates if not any(a.search(text[c[0] : c[1]]) for a in allow)]
    if secrets_policy.allow_fingerprints and key is not None:
        from .redact import fingerprint

        allowed = set(secrets_policy.allow_fingerprints)
        candidates = [c for c in candidates if fingerprint(text[c[0] : c[1]], key) not in allowed]
    if not candidates:
        return []
    spans = _merge(candidates)
    spans = _merge([(s, e, k, 1) for s, e, k in spans] + _repeated_occurrences(text, spans))
    line_starts = [0]
    line_starts.extend(m.end() for m in re.finditer("\n", text))
    return [
        SecretMatch(kind, start, end, bisect.bisect_right(line_starts, start))
        for start, end, kind in spans
    ]


_ASSIGNED_NAME = re.compile(r"([A-Za-z_][\w.\-]{0,80})[\"'`]?\s*(?::=|=>|=|:)\s*[bBrRuU]{0,2}[\"'`]?$")


def assigned_name(text: str, match: SecretMatch) -> str | None:
    """The name a secret is assigned to on its line (`STRIPE_KEY = "..."` -> `STRIPE_KEY`), read from the
    text before the value, never from the value. Dotted names keep their last part (`self.api_key`)."""
    line_start = text.rfind("\n", 0, match.start) + 1
    before = text[max(line_start, match.start - 200) : match.start]
    found = _ASSIGNED_NAME.search(before)
    if found is None:
        return None
    name = found.group(1).rsplit(".", 1)[-1].strip("-")
    return name or None
