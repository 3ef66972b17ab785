"""Find credentials in text: kind and character span of each, never a copy of the value.

The text is scanned as a whole by the format detectors in `detectors.py` (each
gated by its literal anchors) and by one keyword-assignment scanner for
`password = ...`, `"apiKey": "..."`, `DB_PASS=...`, `token: ...`, `--password ...`
in any language or config format. Keyword values are judged by `values.py`:
a credential-like name is required, placeholders, references and code are not
secrets. Overlapping findings merge into one span (the whole value is
redacted), named after the most specific detector.

A secret written in another encoding (percent-encoded, HTML entities, JSON/JS
escapes, zero-width or fullwidth characters, split over literals or lines) is
found in the decoded view of `normalise.py`; its findings are mapped back to
the original characters (docs/secret-encodings.md).

Policy (`SecretsPolicy`): `allow_paths` (globs) skip a file entirely;
`allow_regexes`, `allow_fingerprints` (HMAC of the value under the
installation key) and `allow_sha1` (a detect-secrets baseline's audited false
positives) drop single values; `extra_patterns` add regexes (their
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
from .detectors import DETECTORS, Detector, found_anywhere
from .fingerprint import detect_secrets_hashes, fingerprint
from .normalise import NormalisedView, normalise
from .values import (
    FILLER,
    bare_value_is_secret,
    generic_value_is_secret,
    is_field_name,
    is_low_entropy_constant,
    is_secret_manager_path,
    quoted_value_is_secret,
    value_is_strongly_random,
)
from .words import identifier_words, is_generic_key_name, is_secret_name, names_a_password


@dataclass(frozen=True)
class SecretMatch:
    """Where a secret is. The value itself is only ever read from the caller's text."""

    kind: str
    start: int
    end: int
    line: int
    column: int = 1
    """1-based column of the value's first character."""
    repeated: bool = False
    """Found only as another occurrence of a value detected elsewhere in the text (redacted, not re-reported)."""


# The credential word, the rest of the name, an assignment operator, then a quoted or bare value.
# The name's start is found by scanning back in Python, so the regex starts at a literal word.
_KEYWORD_PATTERN = r"""(?:passw(?:or)?d|passphrase|pass|pwd|secret|token|key|credentials?|creds|sas|auth|dsn|pin|session|sid|cookie
    |client[_\-]?id)
    (?P<tail>[A-Za-z0-9_.\-]{0,40})["'`]?[ \t]{0,8}(?P<op>:[ \t]{0,4}[A-Za-z_][\w.\[\]|, ]{0,40}?[ \t]{0,4}=(?!=)|:=|=>|=|:|(?<=["'])[ \t]{0,4},|[ \t](?:[ \t]{0,4}(?:is|was|to|of|for)[ \t])?)[ \t]{0,8}
    (?:[bBrRuU]{0,2}(?:"(?P<dq>(?:[^"\\\n]|\\.){1,4096})"|'(?P<sq>(?:[^'\\\n]|\\.){1,4096})'|`(?P<bq>[^`\\\n]{1,4096})`)
      |(?P<bare>(?:[^\s"'`,;&<>]|&(?!(?:amp;)?[A-Za-z_][\w.\-]{0,40}=)){4,8192}))"""
# Matched against the lower-cased text when lower-casing keeps every offset (ASCII and most text): a
# case-sensitive scan is much faster than an IGNORECASE one; the spans are then read from the original.
_KEYWORD_LOWER = re.compile(_KEYWORD_PATTERN, re.VERBOSE)
_KEYWORD_ANY_CASE = re.compile(_KEYWORD_PATTERN, re.VERBOSE | re.IGNORECASE)
_KEYWORD_ANCHORS = (
    "pass",
    "pwd",
    "secret",
    "token",
    "key",
    "cred",
    "sas",
    "auth",
    "dsn",
    "pin",
    "session",
    "sid",
    "cookie",
    "client_id",
    "client-id",
    "clientid",
)
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
            if end - start > 4 and text[end - 1] == "&":
                end -= 1  # `?secret=...&" "issuer=...`: the separator before a continued query string
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
        # `KEY_0 = "..."`, `"client_id": "<64 hex>"`: a name that holds a key only when the value is random.
        generic = not in_prose and is_generic_key_name(name) and generic_value_is_secret(value, name)
        return "secret" if generic else None
    words = identifier_words(name)
    if words == ["sid"] and not value_is_strongly_random(value):
        return None  # an IAM statement id (`"Sid": "DenyInsecureTransport"`); a session id is random
    if op.endswith(","):
        if value_group == "bare":
            return (
                None  # only `define('DB_PASSWORD', '...')`, `setdefault("TOKEN", "...")`: a quoted name, a quoted value
            )
        if _LISTED_WORD.match(value) or _IAM_ACTION.match(value):
            return (
                None  # a word list (`["pass", "fail", "skip"]`, `("auth", "0001_initial")`), not a name and its value
            )
    if value_group == "bare" and _is_code_assignment(text, match, name, value):
        return None
    if value_group != "bare":
        accepted = quoted_value_is_secret(value, passphrase_allowed="passphrase" in words) and not is_field_name(
            value, name
        )
    elif op == ":" and text[match.start("bare") - 1] == ":":
        accepted = False  # `secretsmanager:GetSecretValue`, ARNs: a namespaced identifier, not an assignment
    else:
        accepted = bare_value_is_secret(value, config_line=_is_config_line(text, match, name))
    if accepted and len(value) < 16 and _SESSION_WORDS.intersection(words):
        accepted = False  # `session=cc88ba5a` in a log line is a correlation id; session tokens are long
    if accepted and is_secret_manager_path(value) and (value.count("/") >= 2 or _REFERENCE_WORDS.intersection(words)):
        accepted = False  # `secret_id = "orders/db/reader"`: where a secret manager keeps it, not the secret
    if not accepted:
        return None
    return "password" if names_a_password(words) else "secret"


# An item of a word list: letters (any case), or words and numbers joined by `_`/`-` (`"0001_initial"`), or
# a command-line flag in an argument list (`["eks", "get-token", "--cluster-name", ...]`).
_LISTED_WORD = re.compile(r"^-{0,2}(?:[A-Za-z]+|\d+)(?:[_\-.](?:[A-Za-z]+|\d+)){0,8}$")
# An IAM action in an action list (`["iam:CreateAccessKey", "iam:ListAccessKeys"]`).
_IAM_ACTION = re.compile(r"^[a-z0-9\-]+:[A-Z][A-Za-z0-9]*\*?$")
_REFERENCE_WORDS = frozenset({"id", "name", "path", "arn", "ref", "reference"})
_CODE_RECEIVERS = ("self.", "cls.", "this.")


def _is_code_assignment(text: str, match: re.Match[str], name: str, value: str) -> bool:
    """`self._secret_fallbacks = fallbacks`, `request.credential = credential`, `    token = utoken`: a
    variable assigned a variable in source code, not a setting. Env and INI keys start their line;
    only YAML (`:`) nests."""
    if not _IDENTIFIER_WORD.match(value):
        return False
    if name.startswith(_CODE_RECEIVERS) or value.lower() in identifier_words(name):
        return True
    if match.group("op") == "=":
        name_start = match.start() - (len(name) - (match.end("tail") - match.start()))
        line_start = text.rfind("\n", 0, name_start) + 1
        return text[line_start:name_start].strip(" \t") == "" and name_start > line_start
    return False


_IDENTIFIER_WORD = re.compile(r"^[A-Za-z_][A-Za-z_]*$")


def _xml_candidates(text: str) -> list[tuple[int, int, str, int]]:
    return [
        (*m.span("secret"), "password" if "pass" in m.group("name").lower() else "secret", 0)
        for m in _XML_ELEMENT.finditer(text)
        if is_secret_name(m.group("name")) and quoted_value_is_secret(m.group("secret"))
    ]


def _detector_candidates(detector: Detector, text: str) -> list[tuple[int, int, str, int]]:
    found = []
    has_group = "secret" in detector.regex.groupindex
    # A token matched whole (not a value after `password=` or `Bearer `) must stand on its own.
    whole_match = not has_group and detector.kind != "private_key"
    for match in detector.regex.finditer(text):
        start, end = match.span("secret") if has_group else match.span()
        if start == end:
            continue
        if FILLER.search(text, start, end) and detector.kind != "private_key":
            continue  # `sk_live_` followed by x-es, an access key id padded with zeros: a documented shape, not a key
        if detector.accept is not None and not detector.accept(text[start:end], text, start):
            continue
        if whole_match and (inside_blob(text, start, end) or is_low_entropy_constant(text[start:end])):
            continue
        found.append((start, end, detector.kind, detector.priority))
    return found


_BLOB_CHARS = frozenset(string.ascii_letters + string.digits + "+/_-")
_GLUED = frozenset(string.ascii_letters + string.digits + "+")


def _escape_before(text: str, start: int) -> bool:
    """`\\nghp_...`, `\\u0022AIza...`, `%22AIza...`: the letter before the match ends an escape, not a word."""
    return (
        text[start - 2 : start - 1] == "\\"
        or (
            text[start - 6 : start - 4] in ("\\u", "\\U")
            and all(c in string.hexdigits for c in text[start - 4 : start])
        )
        or (text[start - 3 : start - 2] == "%" and all(c in string.hexdigits for c in text[start - 2 : start]))
    )


def inside_blob(text: str, start: int, end: int) -> bool:
    """Whether a prefix-format match is only a piece of a longer base64/base64url run (`...AIza...` in the
    middle of an image payload): glued to the characters around it, or with long runs on both sides.
    A token stands alone, or after a separator such as `=`, `:`, a quote or a space."""
    left, floor = start, max(0, start - 64)
    while left > floor and text[left - 1] in _BLOB_CHARS:
        left -= 1
    right, ceiling = end, min(len(text), end + 64)
    while right < ceiling and text[right] in _BLOB_CHARS:
        right += 1
    before, after = start - left, right - end
    glued = (start > 0 and text[start - 1] in _GLUED and not _escape_before(text, start)) or (
        end < len(text) and text[end] in _GLUED
    )
    return (glued and before + after >= 16) or (before >= 40 and after >= 40)


@lru_cache(maxsize=64)
def _compiled_extra(patterns: tuple[tuple[str, str], ...]) -> tuple[Detector, ...]:
    return tuple(Detector(name, re.compile(regex), priority=3) for name, regex in patterns)


@lru_cache(maxsize=8)
def _audited(hashes: tuple[str, ...]) -> frozenset[str]:
    return frozenset(hashes)


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


def _repeated_occurrences(
    text: str, spans: list[tuple[int, int, str]], also: dict[str, str] | None = None
) -> list[tuple[int, int, str, int]]:
    """Every other occurrence of a detected value, wherever it is (`key = '<same password>'`): once a value is
    known to be secret, no copy of it may survive. Short values are left alone to spare ordinary words.
    `also`: more values (found decoded) and their kinds."""
    extra: list[tuple[int, int, str, int]] = []
    values = {text[s:e]: k for s, e, k in spans}
    if also:
        values.update(also)
    for value, kind in values.items():
        if len(value) < 8:
            continue
        position = text.find(value)
        while position >= 0:
            extra.append((position, position + len(value), kind, 0))
            position = text.find(value, position + len(value))
    return extra


# Characters that end a key or tag name: quotes, brackets, separators, operators and whitespace.
_NAME_STOP = frozenset(" \t\r\n\"'`<>{}[](),:=;/\\")
_AFTER_KEY = re.compile(r"[ \t]{0,8}:(?!:)")
_AFTER_LINE_KEY = re.compile(r":(?:[ \t]|\r?\n|$)|[ \t]{0,8}=(?!=)")
_LINE_KEY_PREFIX = re.compile(r"[ \t]*(?:-[ \t]+)?(?:export[ \t]+)?$")


def is_structure(text: str, start: int, end: int) -> bool:
    """Whether `text[start:end]` lies in a name of the text's structure rather than in a value: a JSON or
    dict key (`"problems": [...]`, `{\\"problems\\": ...}`, `{problems: 1}`), a YAML, INI or env key
    alone at its line start (`problems: []`, `problems = 3`), an XML tag (`<problems>`, `</problems>`) or
    an XML attribute name (`<add problems="..."/>`). Redaction replaces values only: a word that is a
    password somewhere (`"pass": "problems"`) stays as it is where it names a field."""
    left, floor = start, max(0, start - 256)
    while left > floor and text[left - 1] not in _NAME_STOP:
        left -= 1
    right, ceiling = end, min(len(text), end + 256)
    while right < ceiling and text[right] not in _NAME_STOP:
        right += 1
    opener = text[left - 1 : left]
    if opener in ('"', "'"):
        escaped = left >= 2 and text[left - 2] == "\\"
        closer = "\\" + opener if escaped else opener
        return text.startswith(closer, right) and _AFTER_KEY.match(text, right + len(closer)) is not None
    if opener == "<" or (opener == "/" and text[left - 2 : left - 1] == "<"):
        return text[right : right + 1] in (">", " ", "\t", "\n", "\r", "/", "")
    line_start = text.rfind("\n", 0, left) + 1
    before = text[max(line_start, left - 80) : left]
    if _LINE_KEY_PREFIX.match(before) and (left - len(before) == line_start):
        return _AFTER_LINE_KEY.match(text, right) is not None
    if before.rstrip(" \t").endswith(("{", ",")) and _AFTER_KEY.match(text, right) is not None:
        return True  # `{problems: [...]}`: an unquoted key of a JS object or a YAML flow mapping
    if opener in (" ", "\t") and text.startswith(('="', "='"), right):
        tag_start, tag_end = text.rfind("<", line_start, left), text.rfind(">", line_start, left)
        return tag_start > tag_end  # inside `<add ... >`: an attribute name
    return False


def path_is_allowed(policy: Policy, path: str | None) -> bool:
    return path is not None and any(fnmatch(path, pattern) for pattern in policy.secrets.allow_paths)


def format_candidates(
    text: str, lowered: str, policy: Policy = DEFAULT_POLICY
) -> tuple[list[tuple[int, int, str, int]], list[tuple[int, int, str, int]], bool]:
    """The format detectors' findings over the whole text, split into those that are credentials wherever
    they appear (provider prefixes, private keys, the policy's extra patterns) and those that need a
    value context (a password in a URL, an Authorization header, a JWT, a key recognised by a nearby
    word); and whether a credential keyword occurs at all."""
    anywhere: list[tuple[int, int, str, int]] = []
    in_values: list[tuple[int, int, str, int]] = []
    active, keywords_present = _active_detectors(text, lowered)
    for detector in active:
        (anywhere if detector in _FOUND_ANYWHERE else in_values).extend(_detector_candidates(detector, text))
    if policy.secrets.extra_patterns:
        for detector in _compiled_extra(tuple((p.name, p.regex) for p in policy.secrets.extra_patterns)):
            anywhere.extend(_detector_candidates(detector, text))
    return anywhere, in_values, keywords_present


_FOUND_ANYWHERE = frozenset(detector for detector in DETECTORS if found_anywhere(detector))


def keyword_candidates(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int, str, int]]:
    """Keyword assignments (`password=...`, `"apiKey": "..."`) and XML elements in `text[start:end]`,
    with offsets in `text`."""
    part = text[start:end] if start or end is not None else text
    lowered = part.lower()
    if not any(anchor in lowered for anchor in _KEYWORD_ANCHORS):
        return []
    found = _keyword_candidates(part, lowered)
    if "</" in part:
        found.extend(_xml_candidates(part))
    return [(s + start, e + start, k, p) for s, e, k, p in found] if start else found


def allowed_by_policy(
    text: str, candidates: list[tuple[int, int, str, int]], policy: Policy, key: bytes | None
) -> list[tuple[int, int, str, int]]:
    """Drop the values the policy allows (`allow_regexes`, `allow_sha1`, `allow_fingerprints`)."""
    secrets_policy = policy.secrets
    if secrets_policy.allow_regexes:
        allow = _compiled_allow(tuple(secrets_policy.allow_regexes))
        candidates = [c for c in candidates if not any(a.search(text[c[0] : c[1]]) for a in allow)]
    if secrets_policy.allow_sha1:
        audited = _audited(tuple(secrets_policy.allow_sha1))
        candidates = [c for c in candidates if audited.isdisjoint(detect_secrets_hashes(text[c[0] : c[1]]))]
    if secrets_policy.allow_fingerprints and key is not None:
        allowed = set(secrets_policy.allow_fingerprints)
        candidates = [c for c in candidates if fingerprint(text[c[0] : c[1]], key) not in allowed]
    return candidates


class LineIndex:
    """Offsets to 1-based lines and columns, counting `\r\n`, `\r` and `\n` as one line break each."""

    def __init__(self, text: str) -> None:
        self.starts = starts = [0]
        if "\r" in text:
            starts.extend(m.end() for m in _LINE_BREAK.finditer(text))
            return
        position = text.find("\n")
        while position >= 0:
            starts.append(position + 1)
            position = text.find("\n", position + 1)

    def line(self, offset: int) -> int:
        return bisect.bisect_right(self.starts, offset)

    def column(self, offset: int) -> int:
        return offset - self.starts[self.line(offset) - 1] + 1


_LINE_BREAK = re.compile(r"\r\n|\r|\n")


def _candidates(
    text: str, policy: Policy, key: bytes | None
) -> tuple[list[tuple[int, int, str, int]], list[tuple[int, int, str, int]]]:
    """Every detector's findings over `text`, allowed values dropped: the provider formats (credentials
    wherever they are) and the findings that need a value context (outside the text's structure)."""
    lowered = text.lower()
    anywhere, in_values, keywords_present = format_candidates(text, lowered, policy)
    candidates = list(in_values)
    if keywords_present:
        candidates.extend(_keyword_candidates(text, lowered))
        if "</" in text:
            candidates.extend(_xml_candidates(text))
    # Values only: a context finding (a keyword value, a header, an XML element) in a key or tag position is
    # the structure of the text. Provider-format tokens are credentials wherever they are, even as keys.
    candidates = [c for c in candidates if not is_structure(text, c[0], c[1])]
    return allowed_by_policy(text, anywhere, policy, key), allowed_by_policy(text, candidates, policy, key)


def _window_candidates(
    view: NormalisedView, policy: Policy, key: bytes | None, known: list[tuple[int, int, str, int]] | tuple[()] = ()
) -> tuple[list[tuple[int, int, str, int]], list[tuple[int, int, str, int]]]:
    """`_candidates` over the decoded view, read only around the places that were decoded or joined and
    are not inside a value of `known` (the original's findings, replaced whole anyway)."""
    anywhere: list[tuple[int, int, str, int]] = []
    in_context: list[tuple[int, int, str, int]] = []
    covered = [(s, e) for s, e, _ in _merge(list(known))] if known else []
    for start, end in view.windows(covered=covered):
        found_anywhere, found_in_context = _candidates(view.text[start:end], policy, key)
        anywhere.extend((s + start, e + start, k, p) for s, e, k, p in found_anywhere)
        in_context.extend((s + start, e + start, k, p) for s, e, k, p in found_in_context)
    return anywhere, in_context


def decoded_format_candidates(
    text: str,
    policy: Policy = DEFAULT_POLICY,
    key: bytes | None = None,
    known: list[tuple[int, int, str, int]] | tuple[()] = (),
) -> list[tuple[int, int, str, int]]:
    """Provider-format findings (credentials wherever they are) of the decoded view of `text`, in original
    offsets: a token written as escapes, entities or percent-encoding, split over literals or wrapped.
    `known`: findings of the original text (a token whole before a line break is not run on into the next)."""
    view = normalise(text)
    if view is None:
        return []
    ends = {c[1] for c in known}
    found = []
    for start, end, kind, priority in _window_candidates(view, policy, key, known)[0]:
        if view.wraps and ends.intersection(view.wraps_in(start, end)):
            continue
        found.append((*view.original_span(start, end), kind, priority))
    return found


def find_secrets(
    text: str, policy: Policy = DEFAULT_POLICY, path: str | None = None, key: bytes | None = None
) -> list[SecretMatch]:
    """Return non-overlapping secret spans, in text order.

    Every occurrence of a detected value is returned (a redactor must replace each copy); those found
    only as a copy of a value detected elsewhere carry `repeated=True`.
    `key` is the installation key; it is needed only to honour `allow_fingerprints`.
    """
    if policy.secrets.allow_paths and path_is_allowed(policy, path):
        return []
    anywhere, in_context = _candidates(text, policy, key)
    candidates = anywhere + in_context
    view = normalise(text)
    decoded: dict[str, str] = {}
    if view is not None:
        # The same detectors over the decoded view; only what touches a decoded or joined place is new.
        view_anywhere, view_context = _window_candidates(view, policy, key, candidates)
        ends = {c[1] for c in candidates}
        for group, formats in ((view_anywhere, True), (view_context, False)):
            for start, end, kind, priority in group:
                joins = view.wraps_in(start, end) if view.wraps else ()
                if joins and (not formats or ends.intersection(joins)):
                    continue  # a value run on into the next line; a token that was whole before the break
                candidates.append((*view.original_span(start, end), kind, priority))
                decoded[view.text[start:end]] = kind
    if not candidates:
        return []
    primary = _merge(candidates)
    repeats = [r for r in _repeated_occurrences(text, primary, decoded) if not is_structure(text, r[0], r[1])]
    if view is not None:
        known = {**decoded, **{text[s:e]: k for s, e, k in primary}}
        repeats.extend(
            (*view.original_span(s, e), k, p)
            for s, e, k, p in _repeated_occurrences(view.text, [], known)
            if not is_structure(view.text, s, e)
        )
    spans = _merge([(s, e, k, 1) for s, e, k in primary] + repeats) if repeats else primary
    primary_starts = [s for s, _, _ in primary]
    lines = LineIndex(text)
    matches = []
    for start, end, kind in spans:
        # A merged span holds a primary finding if one starts inside it (primaries never overlap each other).
        index = bisect.bisect_left(primary_starts, start)
        repeated = not (index < len(primary) and primary_starts[index] < end)
        line = lines.line(start)
        matches.append(SecretMatch(kind, start, end, line, start - lines.starts[line - 1] + 1, repeated))
    return matches


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
