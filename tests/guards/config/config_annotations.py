"""Line annotations of config fixtures and corpus files (semgrep-rules style).

- `# expect: IDG200[, IDG201]` as a trailing comment marks its own line; on a line
  of its own it marks the next line that is not a comment.
- `# ok: IDG200` marks a line where that guard must stay silent.
- A sidecar `<file>.expect` (needed for JSON, which has no comments, and for
  lines inside Terraform heredocs) holds `LINE: IDG200[, IDG201]` pairs.
"""

from __future__ import annotations

import re
from pathlib import Path

_MARK = re.compile(r"#\s*(expect|ok):\s*(IDG\d{3}(?:\s*,\s*IDG\d{3})*)")
_SIDECAR = re.compile(r"^\s*(\d+)\s*:\s*(IDG\d{3}(?:\s*,\s*IDG\d{3})*)\s*$")


def _ids(text: str) -> set[str]:
    return {part.strip() for part in text.split(",")}


def read_annotations(path: Path) -> tuple[set[tuple[int, str]], set[tuple[int, str]]]:
    """(expected (line, id) pairs, ok (line, id) pairs) of one annotated file."""
    expected: set[tuple[int, str]] = set()
    ok: set[tuple[int, str]] = set()
    lines = path.read_text(encoding="utf-8").splitlines()
    pending: list[tuple[str, set[str]]] = []
    for number, line in enumerate(lines, start=1):
        stripped = line.strip()
        match = _MARK.search(line)
        own_line = stripped.startswith("#")
        if own_line and match:
            pending.append((match.group(1), _ids(match.group(2))))
            continue
        if own_line or not stripped:
            continue
        marks = list(pending)
        pending = []
        if match:
            marks.append((match.group(1), _ids(match.group(2))))
        for kind, ids in marks:
            (expected if kind == "expect" else ok).update((number, i) for i in ids)
    sidecar = path.with_name(path.name + ".expect")
    if sidecar.exists():
        for line in sidecar.read_text(encoding="utf-8").splitlines():
            match = _SIDECAR.match(line)
            if match:
                expected.update((int(match.group(1)), i) for i in _ids(match.group(2)))
    return expected, ok
