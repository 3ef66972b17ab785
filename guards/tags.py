"""Review tags: the one comment line that binds a file to its review.

`# idguard-review: IGR-3f9c2a8d sha256=<hash of the file without this line>`

The hash covers the file with the tag line removed, so adding the tag does not
change it and any other edit does. Used by `guard_change`, the IDE hook and
the CI gate alike.
"""

from __future__ import annotations

import hashlib
import re
from dataclasses import dataclass

from .languages import comment_prefix

TAG_RE = re.compile(
    r"^[ \t]*(?:#|//|--)[ \t]*idguard-review:[ \t]*(?P<id>IGR-[0-9a-f]{8,32})[ \t]+sha256=(?P<sha>[0-9a-f]{64})[ \t]*\r?$",
    re.MULTILINE,
)


@dataclass(frozen=True)
class ReviewTag:
    review_id: str
    sha256: str
    line: int


def content_sha256(content: str) -> str:
    return hashlib.sha256(content.encode("utf-8", "surrogatepass")).hexdigest()


def find_tag(content: str) -> ReviewTag | None:
    match = TAG_RE.search(content)
    if match is None:
        return None
    line = content.count("\n", 0, match.start()) + 1
    return ReviewTag(match.group("id"), match.group("sha"), line)


def strip_tags(content: str) -> str:
    """The file without any review tag line (the text the hash covers)."""
    if "idguard-review:" not in content:
        return content
    kept = [line for line in content.splitlines(keepends=True) if not TAG_RE.match(line.rstrip("\n"))]
    return "".join(kept)


def tag_line(language: str, review_id: str, sha256: str) -> str | None:
    prefix = comment_prefix(language)
    if prefix is None:
        return None
    return f"{prefix} idguard-review: {review_id} sha256={sha256}"


def apply_tag(content: str, language: str, review_id: str) -> tuple[str | None, str]:
    """Return (tagged content or None when the format has no comments, hash)."""
    bare = strip_tags(content)
    sha = content_sha256(bare)
    line = tag_line(language, review_id, sha)
    if line is None:
        return None, sha
    lines = bare.splitlines(keepends=True)
    insert_at = 0
    # Keep a shebang and a Python encoding declaration first.
    while (
        insert_at < len(lines)
        and insert_at < 2
        and (lines[insert_at].startswith("#!") or re.match(r"^#.*coding[:=]", lines[insert_at]))
    ):
        insert_at += 1
    lines.insert(insert_at, line + "\n")
    return "".join(lines), sha


def verify_tag(content: str) -> tuple[ReviewTag | None, bool]:
    """(tag, whether its hash matches the content without it)."""
    tag = find_tag(content)
    if tag is None:
        return None, False
    return tag, content_sha256(strip_tags(content)) == tag.sha256
