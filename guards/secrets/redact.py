"""Replace detected secrets with stable placeholders and keyed fingerprints."""

from __future__ import annotations

from pydantic import BaseModel, Field

from ..policy import DEFAULT_POLICY, Policy
from .detect import find_secrets
from .fingerprint import fingerprint

__all__ = ["RedactionFinding", "RedactionResult", "fingerprint", "redact"]


class RedactionFinding(BaseModel):
    kind: str
    placeholder: str
    line: int
    fingerprint: str


class RedactionResult(BaseModel):
    redacted: str
    findings: list[RedactionFinding] = Field(default_factory=list)

    @property
    def count(self) -> int:
        return len(self.findings)

    def kinds(self) -> dict[str, int]:
        counts: dict[str, int] = {}
        for finding in self.findings:
            counts[finding.kind] = counts.get(finding.kind, 0) + 1
        return counts


def redact(text: str, key: bytes, policy: Policy = DEFAULT_POLICY, path: str | None = None) -> RedactionResult:
    matches = find_secrets(text, policy=policy, path=path, key=key)
    placeholders: dict[str, str] = {}
    counters: dict[str, int] = {}
    findings: list[RedactionFinding] = []
    pieces: list[str] = []
    cursor = 0
    for match in matches:
        value = text[match.start : match.end]
        placeholder = placeholders.get(value)
        if placeholder is None:
            counters[match.kind] = counters.get(match.kind, 0) + 1
            placeholder = f"[[SECRET:{match.kind}:{counters[match.kind]}]]"
            placeholders[value] = placeholder
        pieces.append(text[cursor : match.start])
        # Keep the line count: a multi-line secret (a PEM block) keeps its newlines.
        pieces.append(placeholder + "\n" * value.count("\n"))
        cursor = match.end
        findings.append(
            RedactionFinding(
                kind=match.kind, placeholder=placeholder, line=match.line, fingerprint=fingerprint(value, key)
            )
        )
    pieces.append(text[cursor:])
    return RedactionResult(redacted="".join(pieces), findings=findings)
