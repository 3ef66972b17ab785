"""Guards that read any file as text (every language), e.g. hard-coded secrets."""

from __future__ import annotations

from dataclasses import dataclass
from typing import ClassVar

from ..models import Finding
from ..policy import Policy
from ..registry import Guard


@dataclass
class TextContext:
    text: str
    path: str | None
    language: str
    policy: Policy
    key: bytes | None = None


class TextGuard(Guard):
    """A guard over raw text. `check` returns findings; it must never echo a secret."""

    languages: ClassVar[tuple[str, ...]] = ("*",)

    def check(self, ctx: TextContext) -> list[Finding]:
        raise NotImplementedError

    def finding(self, ctx: TextContext, line: int, message: str, *, column: int = 1, fix: str | None = None) -> Finding:
        return Finding(
            guard_id=self.id,
            title=self.title,
            severity=ctx.policy.severity_for(self.id, self.meta.severity),
            confidence=self.meta.confidence,
            path=ctx.path,
            line=line,
            column=column,
            message=message,
            fix=fix,
            references=self.meta.references,
        )
