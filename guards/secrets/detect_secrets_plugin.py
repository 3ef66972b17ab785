"""detect-secrets' side of the interop: its plugin types for idguard's findings, and a plugin for the rest.

`baseline_types` gives each finding the type `detect-secrets audit` needs to open it: the type of a
built-in detect-secrets plugin that finds the very same value on the line (GitHub Token, Secret Keyword,
Private Key ...), so a person can audit it with detect-secrets as it is. A finding no built-in plugin
finds gets `idguard <kind>`, served by the plugin classes below (one per idguard kind, each scanning the
whole file with idguard's detectors, as a PEM block or a wrapped token spans lines); the baseline names
this file as their path. detect-secrets 1.5 does not yet load a baseline's custom plugins in `audit`
(Yelp/detect-secrets#611), so until it does those entries are for `scan` and for idguard's allow-list.

Imported by `idguard check --format detect-secrets-baseline` and by detect-secrets (from the path), never
by the engine: detect-secrets pulls in `requests`.
"""

from __future__ import annotations

from functools import lru_cache
from typing import Any

from detect_secrets.core.potential_secret import PotentialSecret
from detect_secrets.plugins.base import BasePlugin
from detect_secrets.settings import default_settings, get_plugins
from detect_secrets.util.inject import call_function_with_arguments
from idguard.guards.secrets import SecretMatch, find_secrets
from idguard.guards.secrets.detect_secrets_baseline import plugin_class_name, secret_type
from idguard.guards.secrets.detectors import DETECTORS
from idguard.guards.secrets.fingerprint import sha1_of


def baseline_types(path: str, text: str, matches: list[SecretMatch]) -> tuple[list[tuple[str, str]], dict[str, Any]]:
    """`(type, hashed_secret)` of each match, and the settings (`plugins_used`, `filters_used`) a baseline
    needs for them. When a built-in detect-secrets plugin finds the value on its line, its type and hash
    are used (it hashes what it extracts: GitHub Token only the `ghp` of the token), so that `audit` finds
    it again; otherwise idguard's type and the SHA-1 of the value."""
    lines = text.splitlines(keepends=True)
    starts = [0]
    for line in lines:
        starts.append(starts[-1] + len(line))
    chosen: list[tuple[str, str]] = []
    with default_settings() as settings:
        plugins = list(get_plugins())
        by_line: dict[int, list[tuple[int, int, str, str]]] = {}
        for match in matches:
            if match.line > len(lines):
                chosen.append((secret_type(match.kind), sha1_of(text[match.start : match.end])))
                continue
            if match.line not in by_line:
                by_line[match.line] = _builtin_findings(plugins, path, lines[match.line - 1].rstrip("\r\n"), match.line)
            offset = starts[match.line - 1]
            start, end = match.start - offset, match.end - offset
            # A specific plugin (GitHub Token, Secret Keyword ...) that finds a value overlapping the match; an
            # entropy plugin only when it found exactly the value (eager, it also takes in the name before it).
            same = [
                (t, h)
                for s, e, t, h in by_line[match.line]
                if s < end and start < e and ("High Entropy" not in t or (s, e) == (start, end))
            ]
            same.sort(key=lambda found: "High Entropy" in found[0])
            chosen.append(same[0] if same else (secret_type(match.kind), sha1_of(text[match.start : match.end])))
        used = settings.json()
    return chosen, used


def _builtin_findings(plugins: list[Any], path: str, line: str, number: int) -> list[tuple[int, int, str, str]]:
    """(start, end, type, hash) of every value a built-in plugin finds on the line, as `audit` scans it."""
    found = []
    for plugin in plugins:
        secrets = call_function_with_arguments(
            plugin.analyze_line, filename=path, line=line, line_number=number, enable_eager_search=True
        )
        for secret in secrets or ():
            value = secret.secret_value or ""
            position = line.find(value) if value else -1
            while position >= 0:
                found.append((position, position + len(value), secret.type, secret.secret_hash))
                position = line.find(value, position + 1)
    return found


@lru_cache(maxsize=64)
def _secrets_by_line(filename: str) -> dict[int, list[tuple[str, str]]]:
    try:
        with open(filename, encoding="utf-8", errors="replace") as handle:
            text = handle.read()
    except OSError:
        return {}
    found: dict[int, list[tuple[str, str]]] = {}
    for match in find_secrets(text, path=filename):
        found.setdefault(match.line, []).append((match.kind, text[match.start : match.end]))
    return found


class IdguardPlugin(BasePlugin):
    """The values idguard finds on one line of a file, for one kind."""

    kind = ""

    def analyze_string(self, string: str) -> Any:
        for match in find_secrets(string):
            if match.kind == self.kind:
                yield string[match.start : match.end]

    def analyze_line(self, filename: str, line: str, line_number: int = 0, context: Any = None, **kwargs: Any):
        return {
            PotentialSecret(self.secret_type, filename, value, line_number)
            for kind, value in _secrets_by_line(filename).get(line_number, [])
            if kind == self.kind
        }


# One class per kind (detect-secrets maps an entry's type to one plugin class); the keyword scanner's
# kinds, `password` and `secret`, are no detector's.
for _kind in dict.fromkeys([*(detector.kind for detector in DETECTORS), "password", "secret"]):
    globals()[plugin_class_name(_kind)] = type(
        plugin_class_name(_kind), (IdguardPlugin,), {"kind": _kind, "secret_type": secret_type(_kind)}
    )
