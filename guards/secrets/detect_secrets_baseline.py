"""detect-secrets baselines: read the values a team audited as not secret, write findings `audit` can open.

A `.secrets.baseline` (detect-secrets' JSON) lists each finding by file, line, type and the SHA-1 of the
value; `detect-secrets audit` marks it `"is_secret": false` when a person decided it is not a secret.
`audited_false_positives` reads those hashes: the policy's `secrets.allow_sha1`, so a value audited as
not a secret is not a finding of idguard either, wherever it is. `baseline_document` writes idguard's
own findings in the same format, with the types `detect_secrets_plugin.baseline_types` chose.

Nothing here imports detect-secrets (the policy loader reads baselines on every command); the plugin
module does.
"""

from __future__ import annotations

import time
from collections.abc import Iterable
from pathlib import Path
from typing import Any

PLUGIN_PATH = Path(__file__).with_name("detect_secrets_plugin.py")
BASELINE_VERSION = "1.5.0"
"""The detect-secrets baseline format written (the version that reads it)."""


class BaselineError(ValueError):
    """The file is not a detect-secrets baseline."""


def audited_false_positives(baseline: Any) -> list[str]:
    """The `hashed_secret`s of the entries audited as not secret (`"is_secret": false`), sorted."""
    if not isinstance(baseline, dict) or not isinstance(baseline.get("results"), dict):
        raise BaselineError("not a detect-secrets baseline: no 'results' object")
    hashes: set[str] = set()
    for filename, entries in baseline["results"].items():
        if not isinstance(entries, list):
            raise BaselineError(f"results of {filename!r} is not a list")
        for entry in entries:
            if (
                isinstance(entry, dict)
                and entry.get("is_secret") is False
                and isinstance(entry.get("hashed_secret"), str)
            ):
                hashes.add(entry["hashed_secret"])
    return sorted(hashes)


_TYPE_PREFIX = "idguard "


def secret_type(kind: str) -> str:
    """The detect-secrets type of an idguard kind (one plugin class per kind in the plugin module)."""
    return _TYPE_PREFIX + kind


def baseline_document(
    files: Iterable[tuple[str, list[tuple[str, str, int]]]], settings: dict[str, Any]
) -> dict[str, Any]:
    """A detect-secrets baseline: per file, `(type, sha1, line)` of each value, once per line and type.
    `settings`: detect-secrets' `plugins_used` and `filters_used`; entries of idguard's own types add its
    plugin, by path."""
    results: dict[str, list[dict[str, Any]]] = {}
    idguard_types: set[str] = set()
    for path, found in files:
        entries = {
            (line, kind, hashed): {
                "type": kind,
                "filename": path,
                "hashed_secret": hashed,
                "is_verified": False,
                "line_number": line,
            }
            for kind, hashed, line in found
        }
        idguard_types.update(kind for kind, _, _ in found if kind.startswith(_TYPE_PREFIX))
        if entries:
            results[path] = [entries[k] for k in sorted(entries)]
    plugins = list(settings.get("plugins_used", []))
    plugins += [
        {"name": plugin_class_name(kind.removeprefix(_TYPE_PREFIX)), "path": PLUGIN_PATH.resolve().as_uri()}
        for kind in sorted(idguard_types)
    ]
    return {
        "version": BASELINE_VERSION,
        "plugins_used": plugins,
        "filters_used": settings.get("filters_used", []),
        "results": dict(sorted(results.items())),
        "generated_at": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
    }


def plugin_class_name(kind: str) -> str:
    """`github_token` -> `IdguardGithubToken`: the plugin class detect-secrets loads for a kind."""
    return "Idguard" + "".join(part.capitalize() for part in kind.split("_"))
