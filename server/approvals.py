"""Signed approvals and rejections of reviews, and the evaluation of a review's state.

Layout (committed, so CI can verify from the repository alone):

    .idguard/approvals/<review-id>/<key-id>.json       the decision (pretty JSON)
    .idguard/approvals/<review-id>/<key-id>.json.sig   ssh-keygen -Y sign -n idguard over its canonical bytes

`<key-id>` is the first 16 hex digits of the SHA-256 of the reviewer's public
key, so each reviewer has one decision per review (a new decision replaces
the old one) and N reviewers give N files. File names are never trusted:
every decision is verified from its content and signature.

The signed bytes are the canonical JSON of the decision (sorted keys, no
whitespace, UTF-8). A decision counts only when the signature verifies for
the decision's `reviewer` principal against the allowed signers, the
signing key is the one the decision names, it is bound to this review's id,
path and content hash, and (for approvals) the reviewer is not the author.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from idguard.guards.policy import Policy
from idguard.guards.secrets import find_secrets

from . import signing
from .workspace import Workspace

APPROVAL_FORMAT = "idguard-approval/1"

Decision = Literal["approve", "reject"]

UNKNOWN_AUTHOR = (
    "the review records no author e-mail, so separation of duties cannot be checked; "
    "set git user.email where the assistant runs and create the review again"
)


class ApprovalRecord(BaseModel):
    """One reviewer's signed decision on one review, bound to the exact content hash."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["idguard-approval/1"] = APPROVAL_FORMAT
    review_id: str
    path: str
    content_sha256: str
    reviewer: str = Field(description="principal from allowed_signers (or git user.email)")
    key_fingerprint: str = Field(description="OpenSSH SHA256 fingerprint of the signing key")
    decision: Decision
    time: str
    note: str | None = None

    def canonical_bytes(self) -> bytes:
        return json.dumps(
            self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode("utf-8")


class DecisionCheck(BaseModel):
    """The verification of one decision file: whether it counts and, if not, why."""

    file: str
    reviewer: str | None = None
    key_fingerprint: str | None = None
    decision: Decision | None = None
    time: str | None = None
    note: str | None = None
    valid: bool
    reason: str


class ReviewEvaluation(BaseModel):
    review_id: str
    path: str
    state: Literal["pending", "approved", "rejected", "stale"]
    required_approvals: int
    approvers: list[str] = Field(description="distinct principals with a valid signed approval")
    rejecters: list[str]
    decisions: list[DecisionCheck]
    content_sha256: str
    current_sha256: str | None


def required_approvals(policy: Policy, categories: list[str]) -> int:
    """Approvals a change needs: the policy default, raised by any of its categories."""
    needed = policy.review.required_approvals
    for category in categories:
        needed = max(needed, policy.review.category_approvals.get(category, 0))
    return needed


def decision_dir(workspace: Workspace, review_id: str) -> Path:
    return workspace.approvals_dir / review_id


def write_decision(workspace: Workspace, record: ApprovalRecord, key: Path, stem: str) -> Path:
    """Sign `record` with `key` and write the decision and its signature; return the JSON path."""
    signature = signing.sign(record.canonical_bytes(), key)
    folder = decision_dir(workspace, record.review_id)
    folder.mkdir(parents=True, exist_ok=True)
    target = folder / f"{stem}.json"
    target.write_text(record.model_dump_json(indent=2) + "\n", encoding="utf-8")
    Path(str(target) + ".sig").write_text(signature, encoding="ascii")
    return target


def now() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def _same_identity(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and a.strip().casefold() == b.strip().casefold()  # type: ignore[union-attr]


def check_decision(
    file: Path, *, review_id: str, path: str, content_sha256: str, author_email: str | None, allowed_signers: Path,
    commit_authors: tuple[str, ...] = (),
) -> DecisionCheck:
    """Verify one decision file against the review it claims to decide."""
    shown = file.name
    try:
        record = ApprovalRecord.model_validate_json(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValidationError, ValueError) as exc:
        return DecisionCheck(file=shown, valid=False, reason=f"unreadable decision file ({type(exc).__name__})")
    base = dict(file=shown, reviewer=record.reviewer, key_fingerprint=record.key_fingerprint,
                decision=record.decision, time=record.time, note=record.note)
    if record.review_id != review_id:
        return DecisionCheck(**base, valid=False, reason=f"decision is for another review ({record.review_id})")
    if record.path != path:
        return DecisionCheck(**base, valid=False, reason="decision is for another path")
    if record.content_sha256 != content_sha256:
        return DecisionCheck(**base, valid=False, reason="decision is for another content hash")
    if record.decision == "approve" and not author_email:
        return DecisionCheck(**base, valid=False, reason=UNKNOWN_AUTHOR)
    if record.decision == "approve" and _same_identity(record.reviewer, author_email):
        return DecisionCheck(**base, valid=False, reason="the author cannot approve their own change")
    if record.decision == "approve" and any(_same_identity(record.reviewer, a) for a in commit_authors):
        return DecisionCheck(**base, valid=False, reason="the reviewer authored commits to this file in the change")
    try:
        signature = Path(str(file) + ".sig").read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return DecisionCheck(**base, valid=False, reason="signature file missing or unreadable")
    outcome = signing.verify(record.canonical_bytes(), signature, allowed_signers, record.reviewer)
    if not outcome.ok:
        return DecisionCheck(**base, valid=False, reason=outcome.message)
    if record.key_fingerprint not in outcome.message:
        return DecisionCheck(**base, valid=False, reason="signed by a different key than the decision names")
    return DecisionCheck(**base, valid=True, reason=outcome.message)


def evaluate(
    workspace: Workspace,
    *,
    review_id: str,
    path: str,
    content_sha256: str,
    categories: list[str],
    author_email: str | None,
    current_sha256: str | None,
    policy: Policy,
    allowed_signers: Path | None = None,
    commit_authors: tuple[str, ...] = (),
) -> ReviewEvaluation:
    """State of a review: stale, rejected, approved (enough valid approvals) or pending.

    `commit_authors` (e-mails of the commits that changed the file, known to the gate) cannot approve either.
    """
    signers = allowed_signers or workspace.allowed_signers
    folder = decision_dir(workspace, review_id)
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    checks = [
        check_decision(f, review_id=review_id, path=path, content_sha256=content_sha256,
                       author_email=author_email, allowed_signers=signers, commit_authors=commit_authors)
        for f in files
    ]
    valid_approvals = [c for c in checks if c.valid and c.decision == "approve" and c.reviewer]
    approvers = sorted({c.reviewer for c in valid_approvals})  # type: ignore[misc]
    # N approvals need N people and N keys: one key listed for several principals counts once.
    approving_keys = {c.key_fingerprint for c in valid_approvals}
    rejecters = sorted({c.reviewer for c in checks if c.valid and c.decision == "reject" and c.reviewer})  # type: ignore[misc]
    needed = required_approvals(policy, categories)
    if current_sha256 != content_sha256:
        state = "stale"
    elif rejecters:
        state = "rejected"
    elif min(len(approvers), len(approving_keys)) >= needed:
        state = "approved"
    else:
        state = "pending"
    return ReviewEvaluation(
        review_id=review_id, path=path, state=state, required_approvals=needed, approvers=approvers,
        rejecters=rejecters, decisions=checks, content_sha256=content_sha256, current_sha256=current_sha256,
    )


class DecisionRefused(Exception):
    """The decision may not be made (author approving, stale content, secret in the note)."""


@contextmanager
def signing_key(workspace: Workspace, explicit: str | None) -> Iterator[Path]:
    """`--key`, else git's `user.signingkey` (a path, or a `key::` public key held by ssh-agent)."""
    if explicit:
        yield Path(explicit).expanduser()
        return
    try:
        out = subprocess.run(["git", "config", "user.signingkey"], cwd=workspace.root,
                             capture_output=True, text=True, timeout=5)
    except (OSError, subprocess.TimeoutExpired):
        out = None
    value = out.stdout.strip() if out is not None and out.returncode == 0 else ""
    if not value:
        raise signing.SigningError("no signing key: pass --key PATH or set `git config user.signingkey PATH`")
    if value.startswith("key::"):
        # A literal public key: ssh-keygen signs with the matching private key from ssh-agent.
        with tempfile.TemporaryDirectory(prefix="idguard-signingkey-") as tmp:
            path = Path(tmp) / "signing_key.pub"
            path.write_text(value.removeprefix("key::") + "\n", encoding="utf-8")
            yield path
        return
    path = Path(value).expanduser()
    if not path.is_file():
        raise signing.SigningError("git user.signingkey is not an SSH key file (gpg.format=ssh expected); pass --key PATH")
    yield path


def sign_decision(
    workspace: Workspace, *, review_id: str, path: str, content_sha256: str, current_sha256: str | None,
    author_email: str | None, decision: Decision, key: Path, note: str | None, git_email: str | None,
) -> tuple[ApprovalRecord, Path, DecisionCheck]:
    """Refuse or sign one reviewer's decision; return it, its file and its verification."""
    if current_sha256 != content_sha256:
        raise DecisionRefused(
            f"{path} changed since review {review_id} was created (or is missing): the review is stale; "
            "create a new review with guard_change"
        )
    if note and find_secrets(note):
        raise DecisionRefused("the note looks like it contains a secret; approvals are committed, write it without")
    public_key = signing.public_key_for(key)
    reviewer = signing.reviewer_identity(signing.principals_for(workspace.allowed_signers, public_key), git_email)
    if reviewer is None:
        raise DecisionRefused(
            f"key {public_key.fingerprint} is not in {workspace.allowed_signers} and git user.email is not set: "
            "no reviewer identity"
        )
    if decision == "approve" and not author_email:
        raise DecisionRefused(UNKNOWN_AUTHOR)
    if decision == "approve" and (_same_identity(reviewer, author_email) or _same_identity(git_email, author_email)):
        raise DecisionRefused(f"{reviewer} is the author of review {review_id}; the author cannot approve it")
    record = ApprovalRecord(
        review_id=review_id, path=path, content_sha256=content_sha256, reviewer=reviewer,
        key_fingerprint=public_key.fingerprint, decision=decision, time=now(), note=note or None,
    )
    target = write_decision(workspace, record, key, public_key.file_stem)
    check = check_decision(target, review_id=review_id, path=path, content_sha256=content_sha256,
                           author_email=author_email, allowed_signers=workspace.allowed_signers)
    return record, target, check
