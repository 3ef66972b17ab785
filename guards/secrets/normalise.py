"""One decoded view of a text for secret detection, with a map from that view back to the original.

A secret written in another encoding is still the secret: `ghp%5F...` in a
URL, `&#x67;&#x68;...` in an HTML page, `\\u0067\\u0068...` or `{\\"password\\":
\\"...\\"}` in a JSON string, a token with a zero-width space or in fullwidth
letters inside it, a token cut by a backslash line continuation, spread over
adjacent string literals (`"ghp_" "..."`, `"..." + "..."`) or wrapped over two
lines. `normalise(text)` returns None when the text holds none of these, else
a `NormalisedView`: the decoded text and its pieces. Each piece is a run of
the view that is either the original characters (offsets shift by a
constant) or a decoding of one original sequence (every character of it maps
to the whole sequence). Characters dropped from the view (a zero-width space,
a `" + "` between literals) lie between two pieces.

`NormalisedView.original_span` maps a finding of the view back to the
original: a span that starts or ends inside a decoded sequence is widened to
the whole sequence, so a placeholder never leaves half an escape behind.
`changed(start, end)` says whether a span of the view touches a decoded or
joined place at all: findings that do not are the original text's own and
are left to the scan of the original.

Ordinary text is only ever read here: nothing in the view is redacted unless
a detector finds a credential in it, and then the original characters are
replaced.
"""

from __future__ import annotations

import bisect
import html
import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache

# Characters a token is made of; two pieces of one are joined only between these.
_TOKEN = r"A-Za-z0-9_+/=\-"
_TOKEN_STRING = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/=-"
_TOKEN_CHARS = frozenset("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_+/=-")

_ZERO_WIDTH = "\u200b\u200c\u200d\u2060\ufeff\u00ad"

# Each kind of sequence has its own pattern, starting with a literal character (the regex engine then skips
# to that character in C), and runs only when that character occurs at all.
_BACKSLASH = re.compile(
    r"\\{1,7}(?:(?P<uni>u[dD][89abAB][0-9a-fA-F]{2}\\{1,7}u[dD][c-fC-F][0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|x[0-9a-fA-F]{2})"
    r"|(?P<quote>[\"'/])|(?P<continuation>\r?\n[ \t]*))"
)
_PERCENT = re.compile(r"%[0-9A-Fa-f]{2}(?:%[0-9A-Fa-f]{2})*")
_ENTITY = re.compile(r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z][A-Za-z0-9]{1,31});")
_WIDE = re.compile(r"[^\x00-\x7f]+")
# `"ghp_" "..."`, `'...' + '...'`, a literal continued on the next line: the quotes between two token
# characters, and what joins them.
_JOIN = re.compile(rf"(?P<q>[\"'])(?=[ \t+\r\n])[ \t]*\+?[ \t]*(?:\r?\n[ \t]*\+?[ \t]*)?(?P=q)(?=[{_TOKEN}])")
# A token wrapped onto the next line: the next line is one token (the previous one is checked in Python).
_WRAP = re.compile(r"\n[ \t]*(?=[A-Za-z0-9_+/\-]{4,}={0,2}[ \t]*[\"'`,;)\]}]*[ \t]*(?:\r?\n|$))")
_NEXT_RUN = re.compile(r"[A-Za-z0-9_+/\-]+")
_INNER_UPPER = re.compile(r"[a-z0-9][A-Z]")


@lru_cache(maxsize=4096)
def _nfkc(char: str) -> str:
    """The compatibility form of one character (fullwidth `ｇ` -> `g`); zero-width characters drop out."""
    return "" if char in _ZERO_WIDTH else unicodedata.normalize("NFKC", char)


@dataclass
class NormalisedView:
    text: str
    norm_starts: list[int]
    """Where each piece starts in the view."""
    pieces: list[tuple[int, int, bool]]
    """(original start, original end, verbatim) for each piece; verbatim pieces have equal lengths."""
    wraps: list[tuple[int, int, int]]
    """Where two lines were joined (a wrapped token): the view span around the join and the original offset
    of the line break. Only format detectors count across a join."""

    def _piece(self, index: int) -> int:
        return bisect.bisect_right(self.norm_starts, index) - 1

    def original_span(self, start: int, end: int) -> tuple[int, int]:
        first, last = self._piece(start), self._piece(end - 1)
        o_start, o_end, verbatim = self.pieces[first]
        begin = o_start + (start - self.norm_starts[first]) if verbatim else o_start
        o_start, o_end, verbatim = self.pieces[last]
        finish = o_start + (end - self.norm_starts[last]) if verbatim else o_end
        return begin, finish

    def changed(self, start: int, end: int) -> bool:
        """Whether `view[start:end]` touches a decoded piece or a place where characters were dropped."""
        first, last = self._piece(start), self._piece(end - 1)
        if first != last:
            return True  # two pieces: a decoded one between them, or dropped characters
        return not self.pieces[first][2]

    def windows(self, margin: int = 256, covered: list[tuple[int, int]] | tuple[()] = ()) -> list[tuple[int, int]]:
        """Spans of the view around every decoded or joined place: `margin` characters either side, widened
        to whole lines (so a detector sees a whole value and its name), overlapping spans merged. The rest
        of the view is the original text and needs no second scan. A place inside a span of `covered` (sorted,
        non-overlapping original spans: values already found) is already replaced whole and is skipped."""
        covered_starts = [c[0] for c in covered]

        def inside(o_start: int, o_end: int) -> bool:
            index = bisect.bisect_right(covered_starts, o_start) - 1
            return index >= 0 and covered[index][1] >= o_end

        points: list[tuple[int, int]] = []
        previous_end = None
        for norm_start, (o_start, o_end, verbatim) in zip(self.norm_starts, self.pieces, strict=False):
            if not verbatim:
                if not (covered and inside(o_start, o_end)):
                    points.append((norm_start, norm_start + 1))
            elif previous_end is not None and o_start != previous_end:
                if not (covered and inside(previous_end, o_start)):
                    points.append((norm_start, norm_start))  # characters were dropped here
            previous_end = o_end
        text, size = self.text, len(self.text)
        merged: list[list[int]] = []
        for start, end in points:
            if merged and start - margin <= merged[-1][1]:
                merged[-1][1] = max(merged[-1][1], min(size, end + margin))
                continue
            merged.append([max(0, start - margin), min(size, end + margin)])
        spans: list[tuple[int, int]] = []
        for start, end in merged:
            start = text.rfind("\n", 0, start) + 1
            newline = text.find("\n", end)
            end = size if newline < 0 else newline
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
        return spans

    def wraps_in(self, start: int, end: int) -> list[int]:
        """The original offsets of the line breaks joined inside `view[start:end]`."""
        return [where for s, e, where in self.wraps if s < end and start < e]


def normalise(text: str) -> NormalisedView | None:
    """The decoded view of `text`, or None when nothing in it is encoded, escaped, split or wrapped."""
    found: list[tuple[int, int, list[tuple[str, int, int]], bool]] = []
    """(start, end, decoded characters each with its original span, is a wrap) per decoded sequence."""
    if "\\" in text:
        for match in _BACKSLASH.finditer(text):
            value = _backslash_decoded(text, match)
            if value is not None:
                found.append((*match.span(), [(value, *match.span())], False))
    if "%" in text:
        for match in _PERCENT.finditer(text):
            chars = _percent_decoded(match.group(), match.start())
            if chars is not None:
                found.append((*match.span(), chars, False))
    if "&" in text:
        for match in _ENTITY.finditer(text):
            value = html.unescape(match.group())
            if value != match.group():  # an entity HTML knows
                found.append((*match.span(), [(value, *match.span())], False))
    if not text.isascii() and not (unicodedata.is_normalized("NFKC", text) and not any(c in text for c in _ZERO_WIDTH)):
        for match in _WIDE.finditer(text):
            run = match.group()
            if unicodedata.is_normalized("NFKC", run) and not any(c in _ZERO_WIDTH for c in run):
                continue
            start = match.start()
            found.append((*match.span(), [(_nfkc(c), start + i, start + i + 1) for i, c in enumerate(run)], False))
    if '"' in text or "'" in text:
        for match in _JOIN.finditer(text):
            if match.start() > 0 and text[match.start() - 1] in _TOKEN_CHARS:
                found.append((*match.span(), [], False))
    if "\n" in text:
        for match in _WRAP.finditer(text):
            start = match.start()
            if _wrapped(text, start, match.end()):
                found.append((start - 1 if text[start - 1 : start] == "\r" else start, match.end(), [], True))
    if not found:
        return None
    found.sort(key=lambda f: f[0])
    out: list[str] = []
    norm_starts: list[int] = []
    pieces: list[tuple[int, int, bool]] = []
    wraps: list[tuple[int, int, int]] = []
    length = cursor = 0  # the view's length so far; where the original is read up to

    def verbatim(start: int, end: int) -> None:
        nonlocal length
        if end > start:
            out.append(text[start:end])
            norm_starts.append(length)
            pieces.append((start, end, True))
            length += end - start

    for start, end, chars, is_wrap in found:
        if start < cursor:
            continue  # inside a sequence already decoded (`%5C` after a backslash run, `'` of a join)
        verbatim(cursor, start)
        for value, s, e in chars:
            if value == text[s:e]:
                verbatim(s, e)
            elif value:
                out.append(value)
                norm_starts.append(length)
                pieces.append((s, e, False))
                length += len(value)
        if is_wrap:
            wraps.append((max(0, length - 1), length + 1, start))
        cursor = end
    verbatim(cursor, len(text))
    if not pieces:  # everything dropped (a text of zero-width characters)
        return None
    return NormalisedView("".join(out), norm_starts, pieces, wraps)


def _backslash_decoded(text: str, match: re.Match[str]) -> str | None:
    group = match.lastgroup
    sequence = match.group()
    if group == "uni":
        body = sequence.lstrip("\\")
        if body[0] == "x":
            return chr(int(body[1:3], 16))
        first = int(body[1:5], 16)
        if len(body) > 6:
            second = int(body.rsplit("u", 1)[1], 16)
            return chr(0x10000 + ((first - 0xD800) << 10) + (second - 0xDC00))
        return None if 0xD800 <= first < 0xE000 else chr(first)  # a lone surrogate decodes to nothing readable
    if group == "quote":
        return sequence[-1]
    # A line continuation inside a token: its two sides close up. Between words (`curl ... \\` before the
    # next option) it is only layout, and the text is read as it is.
    start, end = match.span()
    if len(sequence) - len(sequence.lstrip("\\")) != 1:
        return None  # `\\\\` at a line end is an escaped backslash, not a continuation
    return "" if text[start - 1 : start] in _TOKEN_CHARS and text[end : end + 1] in _TOKEN_CHARS else None


def _wrapped(text: str, start: int, end: int) -> bool:
    """Whether the line break at `start` cuts a token: the line before ends in twelve or more random-looking
    token characters, the next line is the random-looking rest, and the line is not one of a block (a PEM
    body, a certificate, MIME), which its own detectors read whole."""
    line_end = start - 1 if start and text[start - 1] == "\r" else start
    if line_end < 12 or text[line_end - 1] not in _TOKEN_CHARS:
        return False
    line_start = text.rfind("\n", 0, line_end) + 1
    if line_start:
        before_start = text.rfind("\n", 0, line_start - 1) + 1
        if text.startswith("-----", before_start):
            return False  # the first line of a PEM body
        if line_end - line_start >= 40 and line_start - 1 - before_start == line_end - line_start:
            return False  # a block wrapped at a fixed width
    window = text[max(line_start, line_end - 64) : line_end]
    run = window[len(window.rstrip(_TOKEN_STRING)) :]
    if len(run) < 12 or not _random_looking(run):
        return False
    rest = _NEXT_RUN.match(text, end)
    return rest is not None and _random_looking(rest.group())  # not `thanks`, `Done`: a word on the next line


def _random_looking(run: str) -> bool:
    """Digits, or a capital inside the run (`pgxtXJXS`): not a word (`some_function_name`, `Thanks`)."""
    return any(c.isdigit() for c in run) or _INNER_UPPER.search(run) is not None


def _percent_decoded(sequence: str, start: int) -> list[tuple[str, int, int]] | None:
    """Each decoded character with the span of its own `%XX` bytes (a UTF-8 character takes several)."""
    raw = bytes.fromhex(sequence.replace("%", ""))
    try:
        value = raw.decode("utf-8")
    except UnicodeDecodeError:
        return None
    decoded: list[tuple[str, int, int]] = []
    position = start
    for char in value:
        width = 3 * len(char.encode("utf-8"))
        decoded.append((char, position, position + width))
        position += width
    return decoded
