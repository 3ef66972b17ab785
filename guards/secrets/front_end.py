"""What a language front end gives the code scan: a file's string literals, and the registry of front ends.

A front end parses a file and lists its string literals (`CodeLiteral`); `code.py` judges them the same
way for every language. The Python front end is `python_code.py`; `code.py` registers it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import NamedTuple


class CodeLiteral(NamedTuple):
    """One string literal of a parsed file. Offsets are character offsets into the file's text.
    (A named tuple: a file has thousands of literals, and tuples are cheap to make.)"""

    start: int
    end: int
    body_start: int
    """Where the characters between the quotes begin (for a concatenation: after the first opening quote)."""
    body_end: int
    value: str | None
    """The literal's value; None when it is not a plain constant (an f-string)."""
    is_value: bool = True
    """False for text and names: docstrings, dictionary and subscript keys."""
    name: str | None = None
    """The credential position's name (`DB_PASSWORD`, `password`), when the literal is in one."""
    where: str | None = None
    """How the literal reaches that position, for the message: "assigned to `DB_PASSWORD`"."""
    strict: bool = False
    """Only a long random-looking value counts (an element of a list under a credential name)."""
    slot: bool = False
    """A password argument or a comparison: even the word "password" written there is one."""


FrontEnd = Callable[[str], "list[CodeLiteral] | None"]
_FRONT_ENDS: dict[str, FrontEnd] = {}


def register_front_end(language: str, front_end: FrontEnd) -> None:
    """Let `find_code_secrets` read `language`: `front_end(text)` lists the file's literals, or returns
    None when it cannot parse the text (the caller then falls back to the text scan)."""
    _FRONT_ENDS[language] = front_end


def front_end_for(language: str | None) -> FrontEnd | None:
    return _FRONT_ENDS.get(language or "")
