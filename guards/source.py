"""Source text as its runtime reads it, before any guard looks at it.

Three ways code can mean one thing to idguard and another to the interpreter:

- NUL bytes: Node, bash and many other runtimes run a file that holds them;
  a scanner that calls such a file binary (or stops reading at the NUL) skips
  the code. The engine analyses the text with the NULs removed and blocks it.
- A declared source encoding (PEP 263 `# -*- coding: utf-7 -*-`): CPython
  decodes the bytes with that codec, so text that reads as one comment in
  UTF-8 can be code. Only UTF-8, ASCII and Latin-1 are read (the file readers
  decode Latin-1 as declared); any other declaration blocks.
- Compatibility characters in identifiers: CPython normalises identifiers to
  NFKC, so a fullwidth `ｊｗｔ` is the module `jwt`. The engine normalises
  Python identifiers the same way, and classifies the NFKC form of any text.
"""

from __future__ import annotations

import codecs
import io
import re
import tokenize
import unicodedata
from dataclasses import dataclass

# PEP 263: a comment on line 1 or 2 matching this declares the encoding.
_CODING = re.compile(r"^[ \t\f]*#.*?coding[:=][ \t]*([-\w.]+)", re.ASCII)
_BLANK_OR_COMMENT = re.compile(r"^[ \t\f]*(?:[#\r\n]|$)")
READ_ENCODINGS = frozenset({"utf-8", "utf-8-sig", "ascii", "iso8859-1"})


@dataclass(frozen=True)
class SourceProblem:
    """Why the text cannot be trusted to be what runs: a line, what is wrong and how to fix it."""

    line: int
    message: str
    fix: str


def declared_encoding(code: str) -> str | None:
    """The encoding a PEP 263 declaration names (as written), or None when there is none."""
    lines = code.split("\n", 2)
    for line in lines[:2]:
        match = _CODING.match(line)
        if match:
            return match.group(1)
        if not _BLANK_OR_COMMENT.match(line):
            return None
    return None


def source_problems(code: str, language: str) -> list[SourceProblem]:
    problems = []
    if "\0" in code:
        line = code.count("\n", 0, code.index("\0")) + 1
        problems.append(
            SourceProblem(
                line,
                f"The file contains NUL bytes (first on line {line}). Runtimes such as Node and bash run such files; "
                "idguard checked the text without them and blocks it.",
                "Remove the NUL bytes: source code never needs them.",
            )
        )
    if language == "python":
        declared = declared_encoding(code)
        if declared is not None:
            try:
                canonical = codecs.lookup(declared).name
            except LookupError:
                canonical = None
            if canonical not in READ_ENCODINGS:
                shown = canonical or "an unknown encoding"
                problems.append(
                    SourceProblem(
                        1 if _CODING.match(code.split("\n", 1)[0]) else 2,
                        f"The file declares its source encoding as {shown}. CPython decodes the file with it, so the "
                        "code that runs is not the text idguard reads; it is blocked.",
                        "Write the file in UTF-8 and drop the coding declaration (or declare utf-8).",
                    )
                )
    return problems


def analysable_text(code: str, language: str) -> str:
    """The text guards and the classifier read: NULs removed; Python identifiers in NFKC, as CPython reads them."""
    if "\0" in code:
        code = code.replace("\0", "")
    if language == "python" and not code.isascii():
        code = nfkc_identifiers(code)
    return code


def classification_text(code: str) -> str:
    """The NFKC form of `code`: compatibility characters count as the letters they stand for."""
    return code if code.isascii() else unicodedata.normalize("NFKC", code)


def nfkc_identifiers(code: str) -> str:
    """`code` with every Python identifier replaced by its NFKC form; strings and comments stay as written."""
    replacements: dict[int, list[tuple[int, int, str]]] = {}
    try:
        for token in tokenize.generate_tokens(io.StringIO(code).readline):
            if token.type == tokenize.NAME and not token.string.isascii():
                normal = unicodedata.normalize("NFKC", token.string)
                if normal != token.string and token.start[0] == token.end[0]:
                    replacements.setdefault(token.start[0], []).append((token.start[1], token.end[1], normal))
    except (tokenize.TokenError, SyntaxError, IndentationError):
        pass  # the parser reports the syntax error; replacements found so far still apply
    if not replacements:
        return code
    lines = code.splitlines(keepends=True)
    for number, edits in replacements.items():
        line = lines[number - 1]
        for start, end, normal in sorted(edits, reverse=True):
            line = line[:start] + normal + line[end:]
        lines[number - 1] = line
    return "".join(lines)
