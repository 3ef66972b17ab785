"""Review records: `.idguard/reviews/<id>.json`, one per identity change.

A record binds the review id to the path and the SHA-256 of the content
without its tag line. Records hold findings (which never carry secret values),
the checklist, the intent, the author and the time. Approvals live next to
them in `.idguard/approvals/` and are written only by the human CLI.

A *deletion* review (`deletion: true`) asks to remove an identity-related
file: its `content_sha256` is the marker `deleted:<sha256 of the removed
content>`, so a signed approval (which binds the content hash) approves
removing exactly that content and nothing else.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import secrets
import subprocess
from collections.abc import Iterator
from datetime import UTC, datetime
from pathlib import Path
from typing import Literal

from idguard.guards.models import FileResult, Finding
from idguard.guards.policy import Policy
from idguard.guards.tags import content_sha256, find_tag, strip_tags
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from ..files import InputError, read_text, strict_json
from ..workspace import Workspace, WorkspaceError
from .checklists import checklist_for

REVIEW_ID = re.compile(r"^IGR-[0-9a-f]{8,32}$")

ReviewState = Literal["pending", "approved", "rejected", "stale"]

DELETION_MARKER_PREFIX = "deleted:"
DELETION_CHECKLIST_ITEM = (
    "Removing this file removes no permission check, deprovisioning step, policy or guard that is still needed, "
    "and nothing still imports or reads it."
)


TESTS_CHECKLIST_ITEM = (
    "Tests exercise every changed identity unit and each of its failure paths listed under tests needed (denies, "
    "raises, failed expiry/revocation checks, error handlers), not only the success path."
)


def test_plans(units: list) -> list[TestPlan]:
    """The review's view of changed identity units (guards/units.py Unit objects)."""
    return [
        TestPlan(
            unit=u.name,
            line=u.start,
            categories=u.categories,
            failure_paths=[f"line {p.line}: {p.kind}: {p.description}" for p in u.failure_paths],
        )
        for u in units
    ]


def deletion_marker(deleted_sha256: str) -> str:
    """The content hash a deletion review (and its approvals) bind: the removal of exactly this content."""
    return DELETION_MARKER_PREFIX + deleted_sha256


class Author(BaseModel):
    model_config = ConfigDict(extra="forbid")

    client: str | None = Field(None, description="MCP client name and version")
    email: str | None = Field(None, description="git user.email of the workspace")


class TestPlan(BaseModel):
    """A changed identity unit and the failure paths its tests must exercise (guards/units.py)."""

    model_config = ConfigDict(extra="forbid")

    unit: str
    line: int
    categories: list[str]
    failure_paths: list[str] = Field(default_factory=list, description="`line N: kind: what`")


class ReviewRecord(BaseModel):
    model_config = ConfigDict(extra="forbid")

    id: str
    path: str
    language: str
    content_sha256: str
    verdict: str
    categories: list[str]
    findings: list[Finding]
    checklist: list[str]
    intent: str
    author: Author
    created: str
    deletion: bool = Field(False, description="the review asks to delete the file (content_sha256 is a marker)")
    deleted_sha256: str | None = Field(None, description="for deletions: SHA-256 of the content being removed")
    tests_needed: list[TestPlan] = Field(
        default_factory=list, description="changed identity units and the failure paths to test"
    )

    def record_sha256(self) -> str:
        """The hash an approval signs: every field of the record (author, intent, path, content hash, findings),
        in canonical JSON, so a record edited after approval is no longer the approved one."""
        canonical = json.dumps(self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False)
        return hashlib.sha256(canonical.encode("utf-8")).hexdigest()


def parse_review_record(text: str) -> ReviewRecord:
    """A review record parsed strictly (unknown fields and duplicate keys refused); ValueError otherwise."""
    try:
        return ReviewRecord.model_validate(strict_json(text))
    except ValidationError as exc:
        raise ValueError(f"not a review record ({exc.error_count()} problems)") from None


def removal_needs_review(result: FileResult, removed_text: str, policy: Policy) -> bool:
    """Whether deleting a file whose content checked as `result` is an access change that needs approval:
    identity-related content, and under the `legacy` profile also any finding or review tag."""
    if result.identity_related:
        return True
    return policy.profile == "legacy" and (bool(result.active_findings) or find_tag(removed_text) is not None)


class ReviewNotFound(Exception):
    pass


def new_review_id() -> str:
    return "IGR-" + secrets.token_hex(6)


def check_review_id(review_id: str) -> str:
    if not REVIEW_ID.match(review_id or ""):
        # Never quote the argument: an assistant may pass anything, secrets included.
        raise ReviewNotFound("not a review id (expected IGR- followed by 8 to 32 hex digits)")
    return review_id


class ReviewStore:
    def __init__(self, workspace: Workspace) -> None:
        self.workspace = workspace

    def record_path(self, review_id: str) -> Path:
        return self.workspace.reviews_dir / f"{check_review_id(review_id)}.json"

    def create(
        self,
        result: FileResult,
        path: str,
        intent: str,
        author: Author,
        *,
        deleted_sha256: str | None = None,
        tests_needed: list[TestPlan] | None = None,
        review_id: str | None = None,
    ) -> ReviewRecord:
        """Record a review of `result`; with `deleted_sha256`, a review of deleting that content from `path`."""
        record = self.build(
            result, path, intent, author, deleted_sha256=deleted_sha256, tests_needed=tests_needed, review_id=review_id
        )
        self.save(record)
        return record

    @staticmethod
    def build(
        result: FileResult,
        path: str,
        intent: str,
        author: Author,
        *,
        deleted_sha256: str | None = None,
        tests_needed: list[TestPlan] | None = None,
        review_id: str | None = None,
    ) -> ReviewRecord:
        """The review record of `result` (not written anywhere yet)."""
        checklist = checklist_for(result.categories)
        if tests_needed:
            checklist = [*checklist, TESTS_CHECKLIST_ITEM]
        return ReviewRecord(
            id=check_review_id(review_id) if review_id else new_review_id(),
            path=path,
            language=result.language,
            content_sha256=deletion_marker(deleted_sha256) if deleted_sha256 else result.content_sha256 or "",
            verdict=result.verdict,
            categories=result.categories,
            findings=result.findings,
            checklist=[DELETION_CHECKLIST_ITEM, *checklist] if deleted_sha256 else checklist,
            intent=intent,
            author=author,
            created=datetime.now(UTC).isoformat(timespec="seconds"),
            deletion=deleted_sha256 is not None,
            deleted_sha256=deleted_sha256,
            tests_needed=tests_needed or [],
        )

    def save(self, record: ReviewRecord) -> None:
        """Write `record` to `.idguard/reviews/<id>.json` (atomically)."""
        target = self.record_path(record.id)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".json.tmp")
            tmp.write_text(record.model_dump_json(indent=2) + "\n", encoding="utf-8")
            os.replace(tmp, target)
        except OSError as exc:
            raise WorkspaceError(f"cannot write review record {target}: {exc.strerror}") from None

    def load(self, review_id: str) -> ReviewRecord:
        target = self.record_path(review_id)
        try:
            record = parse_review_record(target.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ReviewNotFound(f"no review {review_id} in {self.workspace.reviews_dir}") from None
        except (ValueError, UnicodeDecodeError, OSError) as exc:
            raise ReviewNotFound(f"review record {target} is corrupt ({str(exc)[:80]})") from None
        if record.id != review_id:
            raise ReviewNotFound(f"review record {target} names another review id")
        return record

    def all(self) -> list[ReviewRecord]:
        if not self.workspace.reviews_dir.is_dir():
            return []
        records = []
        for file in sorted(self.workspace.reviews_dir.glob("IGR-*.json")):
            try:
                records.append(self.load(file.stem))
            except ReviewNotFound:
                continue
        return records

    def current_sha(self, record: ReviewRecord) -> str | None:
        """Hash of the file as it is now in the workspace (None when absent or unreadable).

        For a deletion review: the deletion marker while the file is gone or still holds the content to be
        removed, so the review is stale only once the file exists again with other content.
        """
        file = self.workspace.root / record.path
        if record.deletion and not file.exists() and not file.is_symlink():
            return record.content_sha256
        try:
            text = read_text(file, 1 << 31, record.path)
        except InputError:
            return None
        sha = content_sha256(strip_tags(text))
        if record.deletion and sha == record.deleted_sha256:
            return record.content_sha256
        return sha

    def deleted_text(self, record: ReviewRecord) -> str | None:
        """The content a deletion review removes: from the workspace while the file is still there, else from
        git (HEAD, then the parent of the commit that deleted it); None when no copy hashes to the record."""
        if not record.deletion or not record.deleted_sha256:
            return None
        for text in self._copies_of(record.path):
            if text is not None and content_sha256(strip_tags(text)) == record.deleted_sha256:
                return strip_tags(text)
        return None

    def _copies_of(self, path: str) -> Iterator[str | None]:
        try:
            yield (self.workspace.root / path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            pass
        yield from self.committed_copies(path)

    def committed_copies(self, path: str) -> Iterator[str | None]:
        """`path` as text at HEAD, then before the last commit that touched it (the deleting commit, once
        deleted); None for a revision where it is missing or not UTF-8."""
        yield self._git_show("HEAD", path)
        last_commit = self._git("rev-list", "-n", "1", "HEAD", "--", path)
        if last_commit:
            yield self._git_show(f"{last_commit}^", path)

    def _git(self, *args: str) -> str | None:
        try:
            out = subprocess.run(["git", *args], cwd=self.workspace.root, capture_output=True, text=True, timeout=30)
        except (OSError, subprocess.TimeoutExpired):
            return None
        return out.stdout.strip() if out.returncode == 0 else None

    def _git_show(self, revision: str, path: str) -> str | None:
        try:
            out = subprocess.run(
                ["git", "show", f"{revision}:{path}"], cwd=self.workspace.root, capture_output=True, timeout=30
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        if out.returncode != 0:
            return None
        try:
            return out.stdout.decode("utf-8")
        except UnicodeDecodeError:
            return None
