"""Secrets in source code: literal values in credential positions, not words in text.

A language front end (`register_front_end`) parses a file and lists its string
literals (`CodeLiteral`): where each one is, whether it is a value at all (a
docstring or a dictionary key is not) and, when it sits in a credential
position, the name of that position (`DB_PASSWORD = "..."`,
`connect(password="...")`, `if token == "..."`, `{"api_key": "..."}`). This
module then judges them the same way for every language:

- provider-prefixed tokens and private keys (`detectors.found_anywhere`) are
  credentials wherever they are written, comments and docstrings included;
- the formats that need a value around them (a password in a URL, an
  Authorization header, a JWT) count inside value literals only;
- the text inside a value literal is read as text: a DSN or connection string
  (`"host=db password=..."`) holds keyword assignments;
- a literal in a credential position is a credential when its value is one
  (`values.code_literal_is_secret`): not a placeholder, a reference, a
  protocol word such as `"refresh_token"`, or code.

Names, attributes, comments, docstrings, dictionary keys, enum members and
word lists are never findings in themselves, and each literal is reported once,
where it is: a value is not reported again wherever the same characters recur.
A file the front end cannot parse is left to the text scan (`find_secrets`).
"""

from __future__ import annotations

import bisect
import re
from dataclasses import dataclass

from ..policy import DEFAULT_POLICY, Policy
from .detect import (
    _KEYWORD_ANCHORS,
    LineIndex,
    SecretMatch,
    _merge,
    allowed_by_policy,
    decoded_format_candidates,
    format_candidates,
    keyword_candidates,
    path_is_allowed,
)
from .front_end import CodeLiteral, front_end_for, register_front_end
from .python_code import python_literals
from .values import code_literal_is_secret, generic_value_is_secret
from .words import credential_name_kind

_WORDY = re.compile(r"[A-Za-z]{4,}[-_.]|[-_.][A-Za-z]{4,}")
_TEMPLATE_MARK = re.compile(r"%(?:\(\w{1,80}\))?[sdr]|\{\w{0,80}\}")


@dataclass(frozen=True)
class CodeSecret(SecretMatch):
    """A secret found in code; `where` says which credential position holds it, if any."""

    where: str | None = None
    name: str | None = None


register_front_end("python", python_literals)

__all__ = ["CodeLiteral", "CodeSecret", "find_code_secrets", "is_test_path", "register_front_end"]

_TEST_PATH = re.compile(r"(?:^|/)(?:tests?|testing|fixtures)/|(?:^|/)(?:test_[^/]*|[^/]*_tests?\.\w+|conftest\.py)$")


def is_test_path(path: str | None) -> bool:
    """Test code: a literal password there is a fixture (only random-looking values and formats count)."""
    return path is not None and bool(path) and _TEST_PATH.search(path.replace("\\", "/")) is not None


def find_code_secrets(
    text: str,
    language: str,
    policy: Policy = DEFAULT_POLICY,
    path: str | None = None,
    key: bytes | None = None,
) -> list[CodeSecret] | None:
    """The secrets in a source file, or None when no front end reads `language` or the file does not parse."""
    front_end = front_end_for(language)
    if front_end is None:
        return None
    if policy.secrets.allow_paths and path_is_allowed(policy, path):
        return []
    lowered = text.lower()
    formats = format_candidates(text, lowered, policy)
    if not formats[1] and not any(anchor in lowered for anchor in _CODE_ANCHORS):
        # No credential word anywhere and no value format: only known formats can be secrets, wherever
        # they are, so the file need not be read as code (as the text scan would find nothing else either).
        return judge_literals(text, [], policy, path, key, formats)
    literals = front_end(text)
    if literals is None:
        return None
    return judge_literals(text, literals, policy, path, key, formats)


# A credential position needs one of these in the file: the keyword scanner's anchors and the calls
# whose arguments are passwords (`login`, `bind`, `Connection`, `FTP`, `compare_digest`).
_CODE_ANCHORS = (*_KEYWORD_ANCHORS, "pat", "connstr", "login", "bind", "connect", "ftp", "compare")


def judge_literals(
    text: str,
    literals: list[CodeLiteral],
    policy: Policy = DEFAULT_POLICY,
    path: str | None = None,
    key: bytes | None = None,
    formats: tuple[list, list, bool] | None = None,
) -> list[CodeSecret]:
    anywhere, in_values, keywords_present = formats or format_candidates(text, text.lower(), policy)
    values = sorted((lit for lit in literals if lit.is_value), key=lambda lit: lit.body_start)
    starts = [lit.body_start for lit in values]

    def inside_a_value(start: int, end: int) -> bool:
        index = bisect.bisect_right(starts, start) - 1
        return index >= 0 and values[index].body_end >= end

    # A token in escapes (`"\\x67\\x68..."`), split over literals (`"ghp_" "..."`, `"..." + "..."`) or
    # continued over lines is still the token.
    anywhere = anywhere + decoded_format_candidates(text, policy, key, anywhere)
    candidates = anywhere + [c for c in in_values if inside_a_value(c[0], c[1])]
    if keywords_present:
        for lit in values:
            if lit.body_end - lit.body_start >= 8:
                candidates.extend(
                    c
                    for c in keyword_candidates(text, lit.body_start, lit.body_end)
                    if not _TEMPLATE_MARK.search(text, c[0], c[1])  # `'<%s token: "%s...">' % (...)`: a format string
                )
    candidates = allowed_by_policy(text, candidates, policy, key)
    spans = _merge(candidates) if candidates else []

    strict_everywhere = is_test_path(path)
    placed: list[tuple[int, int, str, CodeLiteral | None]] = [(s, e, k, None) for s, e, k in spans]
    span_starts = [s for s, _, _ in spans]
    for lit in literals:
        if lit.name is None or lit.value is None:
            continue
        index = bisect.bisect_left(span_starts, lit.start)
        if index > 0 and spans[index - 1][1] > lit.start or index < len(spans) and spans[index][0] < lit.end:
            continue  # a format or an inner assignment already names this literal's secret, more precisely
        if not lit.is_value and _WORDY.search(lit.value):
            continue  # a dictionary key made of words (`"string-single-pop2"`) names a state, not a key
        if credential_name_kind(lit.name) is None:
            if not generic_value_is_secret(lit.value, lit.name):
                continue  # `KEY_0 = "..."`, `client_id = "..."`: only a long random-looking value is a key
        elif not code_literal_is_secret(lit.value, lit.name, strict=lit.strict or strict_everywhere, slot=lit.slot):
            continue
        candidate = [(lit.body_start, lit.body_end, "", 0)]
        if not allowed_by_policy(text, candidate, policy, key):
            continue
        kind = "password" if _names_a_password(lit.name) else "secret"
        placed.append((lit.start, lit.end, kind, lit))
    placed.sort(key=lambda p: p[0])

    if not placed:
        return []
    lines = LineIndex(text)
    found = []
    for start, end, kind, placed_lit in placed:
        found.append(
            CodeSecret(
                kind,
                start,
                end,
                lines.line(start),
                lines.column(start),
                where=placed_lit.where if placed_lit is not None else None,
                name=placed_lit.name if placed_lit is not None else None,
            )
        )
    return found


def _names_a_password(name: str) -> bool:
    return credential_name_kind(name) == "password"
