"""Review records: `.idguard/reviews/<id>.json`, one per identity change.

A record binds the review id to the path and the SHA-256 of the content
without its tag line. Records hold findings (which never carry secret values),
the checklist, the intent, the author and the time. Approvals live next to
them in `.idguard/approvals/` and are written only by the human CLI.
"""

from __future__ import annotations

import json
import os
import re
import secrets
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field, ValidationError

from idguard.guards.models import FileResult, Finding
from idguard.guards.policy import Policy
from idguard.guards.tags import content_sha256, strip_tags

from .checklists import checklist_for
from .workspace import Workspace, WorkspaceError

REVIEW_ID = re.compile(r"^IGR-[0-9a-f]{8,32}$")

ReviewState = Literal["pending", "approved", "rejected", "stale"]


class Author(BaseModel):
    client: str | None = Field(None, description="MCP client name and version")
    email: str | None = Field(None, description="git user.email of the workspace")


class ReviewRecord(BaseModel):
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

    def create(self, result: FileResult, path: str, intent: str, author: Author) -> ReviewRecord:
        record = ReviewRecord(
            id=new_review_id(),
            path=path,
            language=result.language,
            content_sha256=result.content_sha256 or "",
            verdict=result.verdict,
            categories=result.categories,
            findings=result.findings,
            checklist=checklist_for(result.categories),
            intent=intent,
            author=author,
            created=datetime.now(timezone.utc).isoformat(timespec="seconds"),
        )
        target = self.record_path(record.id)
        try:
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_suffix(".json.tmp")
            tmp.write_text(record.model_dump_json(indent=2) + "\n", encoding="utf-8")
            os.replace(tmp, target)
        except OSError as exc:
            raise WorkspaceError(f"cannot write review record {target}: {exc.strerror}") from None
        return record

    def load(self, review_id: str) -> ReviewRecord:
        target = self.record_path(review_id)
        try:
            return ReviewRecord.model_validate_json(target.read_text(encoding="utf-8"))
        except FileNotFoundError:
            raise ReviewNotFound(f"no review {review_id} in {self.workspace.reviews_dir}") from None
        except (ValidationError, UnicodeDecodeError, json.JSONDecodeError) as exc:
            raise ReviewNotFound(f"review record {target} is corrupt ({type(exc).__name__})") from None

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
        """Hash of the file as it is now in the workspace (None when absent)."""
        try:
            text = (self.workspace.root / record.path).read_text(encoding="utf-8")
        except (OSError, UnicodeDecodeError):
            return None
        return content_sha256(strip_tags(text))


def evaluate_review(workspace: Workspace, record: ReviewRecord, policy: Policy, allowed_signers: Path | None = None):
    """The full evaluation of a review (state, required approvals, each decision checked)."""
    from .approvals import evaluate

    return evaluate(
        workspace,
        review_id=record.id,
        path=record.path,
        content_sha256=record.content_sha256,
        categories=record.categories,
        author_email=record.author.email,
        current_sha256=ReviewStore(workspace).current_sha(record),
        policy=policy,
        allowed_signers=allowed_signers,
    )


def review_state(workspace: Workspace, record: ReviewRecord, policy: Policy) -> ReviewState:
    """`stale` when the file no longer hashes to the record, `rejected` on a valid signed rejection,
    `approved` with enough valid signed approvals by allowed signers other than the author, else `pending`.
    """
    return evaluate_review(workspace, record, policy).state
