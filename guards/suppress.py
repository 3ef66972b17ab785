"""Inline suppressions: `# idguard: ignore[IDG101] reason` (or `// idguard: ...`).

A suppression applies to findings on its own line, or, when it stands alone
on a line, to the next line. A reason is required: a suppression without one
does not apply and is itself reported (IDG002).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

_SUPPRESSION = re.compile(r"(?:#|//|--)\s*idguard:\s*ignore\[(?P<ids>[A-Za-z0-9_,\s]+)\](?P<reason>[^\n]*)")


@dataclass(frozen=True)
class Suppression:
    line: int
    ids: frozenset[str]
    reason: str
    standalone: bool


def parse_suppressions(code: str) -> list[Suppression]:
    found: list[Suppression] = []
    if "idguard:" not in code:
        return found
    for number, text in enumerate(code.splitlines(), start=1):
        match = _SUPPRESSION.search(text)
        if match is None:
            continue
        ids = frozenset(i.strip().upper() for i in match.group("ids").split(",") if i.strip())
        reason = match.group("reason").strip(" \t-:—")
        standalone = text[: match.start()].strip() == ""
        found.append(Suppression(number, ids, reason, standalone))
    return found


def suppression_for(suppressions: list[Suppression], guard_id: str, line: int) -> Suppression | None:
    for s in suppressions:
        if guard_id in s.ids and (s.line == line or (s.standalone and s.line + 1 == line)):
            return s
    return None
