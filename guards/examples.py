"""A guard's examples as code, Fixit-style: `Valid(...)` and `Invalid(..., line=...)`.

Every guard lists at least three of each. The snippet is written as an
indented triple-quoted string and dedented here, so examples read like the
code they stand for:

    INVALID = [
        Invalid(
            '''
            import jwt
            claims = jwt.decode(token, key, algorithms=["HS256", "none"])
            ''',
            line=2,
        ),
    ]

`tests/guards/test_examples.py` runs every example through the real engine: a
`Valid` snippet must give no finding of its guard, an `Invalid` one a finding
of its guard on `line` (and, when given, with `message` in its text).
"""

from __future__ import annotations

import textwrap
from dataclasses import dataclass, field


def _snippet(code: str) -> str:
    """Dedent; drop the newline right after the opening quotes."""
    code = textwrap.dedent(code)
    return code[1:] if code.startswith("\n") else code


@dataclass(frozen=True)
class Valid:
    """Code the guard must accept: no finding of this guard."""

    code: str

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", _snippet(self.code))


@dataclass(frozen=True)
class Invalid:
    """Code the guard must flag: a finding of this guard on `line` (1-based, in the dedented snippet)."""

    code: str
    line: int
    message: str | None = field(default=None, kw_only=True)

    def __post_init__(self) -> None:
        object.__setattr__(self, "code", _snippet(self.code))
        if self.line < 1 or self.line > self.code.count("\n") + 1:
            raise ValueError(f"Invalid example: line {self.line} is not in the snippet")
