"""Data models shared by every part of idguard: findings, file results, guard metadata.

The MCP tools, the CLI, the IDE hook and the CI gate all return these models;
text, JSON and SARIF are renderings of them (docs/architecture.md, principle 7).
"""

from __future__ import annotations

from enum import Enum
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field


class Severity(str, Enum):  # noqa: UP042 - StrEnum would change str(Severity.x), which reports print
    info = "info"
    low = "low"
    medium = "medium"
    high = "high"
    critical = "critical"

    @property
    def rank(self) -> int:
        return _SEVERITY_RANK[self]

    def __ge__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank >= other.rank

    def __gt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank > other.rank

    def __le__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank <= other.rank

    def __lt__(self, other: object) -> bool:
        if not isinstance(other, Severity):
            return NotImplemented
        return self.rank < other.rank


_SEVERITY_RANK = {s: i for i, s in enumerate(Severity)}

Level = Literal["low", "medium", "high"]
Verdict = Literal["pass", "review", "block"]

Category = Literal[
    "rbac",
    "invitation",
    "sso",
    "token",
    "api_key",
    "service_account",
    "deprovisioning",
    "password",
    "secrets",
    "session",
    "iam_policy",
    "policy",
]

CATEGORIES: tuple[str, ...] = Category.__args__  # type: ignore[attr-defined]  # typing.Literal keeps its values in __args__


def severity_from(likelihood: Level, impact: Level) -> Severity:
    """Severity follows from likelihood x impact (the semgrep-rules matrix)."""
    score = {"low": 1, "medium": 2, "high": 3}
    product = score[likelihood] * score[impact]
    if product >= 9:
        return Severity.critical
    if product >= 6:
        return Severity.high
    if product >= 3:
        return Severity.medium
    if product >= 2:
        return Severity.low
    return Severity.info


class References(BaseModel):
    """Where a finding is documented: weakness, NHI risk, and the control it maps to."""

    model_config = ConfigDict(frozen=True)

    cwe: list[str] = Field(default_factory=list, description="CWE ids, e.g. 'CWE-347'")
    owasp_nhi: list[str] = Field(
        default_factory=list, description="OWASP Non-Human Identities Top 10 ids, 'NHI1'..'NHI10'"
    )
    nist_csf: list[str] = Field(default_factory=list, description="NIST CSF 2.0 subcategories, e.g. 'PR.AA-05'")
    urls: list[str] = Field(default_factory=list)


class GuardMeta(BaseModel):
    """Typed, checked metadata every guard carries (semgrep-rules style)."""

    model_config = ConfigDict(frozen=True)

    cwe: list[str]
    owasp_nhi: list[str]
    nist_csf: list[str]
    likelihood: Level
    impact: Level
    confidence: Level
    categories: list[Category] = Field(default_factory=list)
    urls: list[str] = Field(default_factory=list)
    see_also: list[str] = Field(
        default_factory=list, description="other sources: RFC sections, cheat sheets, vendor guidance"
    )

    @property
    def severity(self) -> Severity:
        return severity_from(self.likelihood, self.impact)

    @property
    def references(self) -> References:
        return References(cwe=self.cwe, owasp_nhi=self.owasp_nhi, nist_csf=self.nist_csf, urls=self.urls)


class Finding(BaseModel):
    """One problem found in one place. Never carries a raw secret value."""

    guard_id: str
    title: str
    severity: Severity
    confidence: Level = "high"
    path: str | None = None
    line: int = 1
    column: int = 1
    end_line: int | None = None
    end_column: int | None = None
    message: str
    fix: str | None = None
    references: References = Field(default_factory=References)
    suppressed: bool = False
    suppression_reason: str | None = None


class FileResult(BaseModel):
    """The decision for one file (or one snippet)."""

    path: str | None = None
    language: str
    identity_related: bool
    categories: list[str] = Field(default_factory=list)
    verdict: Verdict
    findings: list[Finding] = Field(default_factory=list)
    content_sha256: str | None = None

    @property
    def active_findings(self) -> list[Finding]:
        return [f for f in self.findings if not f.suppressed]


def with_article(noun: str) -> str:
    """`"an api key"`, `"a password"`: a finding message's noun with its indefinite article, capitalised."""
    return f"{'An' if noun[:1].lower() in 'aeiou' else 'A'} {noun}"
