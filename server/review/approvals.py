"""Signed approvals and rejections of reviews, and the evaluation of a review's state.

Layout (committed, so CI can verify from the repository alone):

    .idguard/approvals/<review-id>/<key-id>.json       the decision (pretty JSON)
    .idguard/approvals/<review-id>/<key-id>.json.sig   ssh-keygen -Y sign -n idguard over its canonical bytes

`<key-id>` is the first 16 hex digits of the SHA-256 of the reviewer's public
key, so each reviewer has one decision per review (a new decision replaces
the old one) and N reviewers give N files. File names are never trusted:
every decision is verified from its content and signature.

A decision (format `idguard-approval/2`) signs, in canonical JSON (sorted
keys, no whitespace, UTF-8):

- the review: its id and the hash of the whole review record (author, intent,
  findings, checklist), so a record edited after the decision is not the one
  decided;
- the transition: the path, the file's content hash at the base the change is
  judged against (`absent` for a new file) and the new content hash, so
  restoring an older approved version over a later fix is a new transition
  that needs a new review;
- the place and time: the repository identity, the signing time and an
  expiry, so an approval cannot be copied into another repository or replayed
  months later;
- the audit head the reviewer's log had when they decided (a checkpoint that
  `idguard audit verify` checks).

A decision counts only when `ssh-keygen -Y verify` accepts the signature for
the decision's `reviewer` principal against the trusted allowed signers, the
key it names is exactly the key that signed, every bound field matches what
the verifier established, it has not expired, and (for approvals) no
identity listed for the signing key is an author of the change. One key
counts once, whatever principals it is listed under.
"""

from __future__ import annotations

import json
import subprocess
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path
from typing import Final, Literal

from idguard.guards.policy import Policy
from idguard.guards.secrets import find_secrets
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from .. import codeowners
from ..files import strict_json
from ..workspace import Workspace
from . import signing

APPROVAL_FORMAT: Final = "idguard-approval/2"
CLOCK_SKEW = timedelta(minutes=5)

Decision = Literal["approve", "reject"]

UNKNOWN_AUTHOR = (
    "the review records no author e-mail, so separation of duties cannot be checked; "
    "set git user.email where the assistant runs and create the review again"
)


class AuditCheckpoint(BaseModel):
    """The head of the reviewer's audit log when they decided: entry `seq` had hash `hash`."""

    model_config = ConfigDict(extra="forbid")

    log: str = Field(description="the id of the audit log (one per installation)")
    seq: int = Field(ge=0)
    hash: str


class ApprovalRecord(BaseModel):
    """One reviewer's signed decision on one transition of one file in one repository."""

    model_config = ConfigDict(extra="forbid")

    format: Literal["idguard-approval/2"] = APPROVAL_FORMAT
    review_id: str
    review_sha256: str = Field(description="hash of the review record as decided (ReviewRecord.record_sha256)")
    repository: str = Field(description="the repository identity the decision holds for")
    path: str
    base_sha256: str = Field(description="content hash of the file at the base, or 'absent' for a new file")
    content_sha256: str
    reviewer: str = Field(description="principal from allowed_signers (or git user.email)")
    key_fingerprint: str = Field(description="OpenSSH SHA256 fingerprint of the signing key")
    decision: Decision
    time: str
    expires: str
    note: str | None = None
    audit_checkpoint: AuditCheckpoint | None = None

    def canonical_bytes(self) -> bytes:
        return json.dumps(
            self.model_dump(mode="json"), sort_keys=True, separators=(",", ":"), ensure_ascii=False
        ).encode("utf-8")


class DecisionCheck(BaseModel):
    """The verification of one decision file: whether it counts and, if not, why."""

    file: str
    reviewer: str | None = None
    key_fingerprint: str | None = Field(None, description="the key that verifiably signed (None when none did)")
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
    approvers: list[str] = Field(description="distinct principals with a valid signed approval that counts")
    owners: list[list[str]] = Field(
        default_factory=list,
        description="who may approve: one list per [owners] rule the change falls under, each needing an approval "
        "from one of its principals (empty: any allowed signer)",
    )
    owners_from: list[str] = Field(
        default_factory=list, description="where each list of `owners` comes from: an [owners] rule or CODEOWNERS"
    )
    unresolved_owners: list[str] = Field(
        default_factory=list, description="CODEOWNERS owners that map to no allowed signer (they can approve nothing)"
    )
    not_owners: list[str] = Field(
        default_factory=list, description="valid approvers whose approval does not count: owners of no rule"
    )
    rejecters: list[str]
    decisions: list[DecisionCheck]
    content_sha256: str
    current_sha256: str | None


@dataclass(frozen=True)
class Transition:
    """What a decision must be bound to, as the verifier (the gate, or the local CLI) established it."""

    review_sha256: str
    repository: str
    base_sha256: str | None  # None: the verifier could not tell (local views only; the gate always can)
    authors: frozenset[str] = frozenset()  # identities of the change's authors, case-folded
    author_keys: frozenset[str] = frozenset()  # fingerprints of keys that signed the change's commits
    max_age_days: int = 30
    require_security_key: bool = False
    require_user_verification: bool = False
    now: datetime = field(default_factory=lambda: datetime.now(UTC))


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
    return datetime.now(UTC).isoformat(timespec="seconds")


def identity_key(identity: str | None) -> str:
    """How identities compare: trimmed and case-folded; a platform login `github:ana` also answers to `ana`."""
    return (identity or "").strip().casefold()


def identities_of(identities: list[str] | tuple[str, ...]) -> frozenset[str]:
    keys = set()
    for identity in identities:
        key = identity_key(identity)
        if key:
            keys.add(key)
            if ":" in key and "@" not in key.split(":", 1)[0]:
                keys.add(key.split(":", 1)[1])  # `github:ana` is the login `ana`
    return frozenset(keys)


def parse_approval(text: str) -> ApprovalRecord:
    """A decision file parsed strictly: unknown fields and duplicate keys are refused; ValueError otherwise."""
    data = strict_json(text)
    if isinstance(data, dict) and data.get("format") == "idguard-approval/1":
        raise ValueError(
            "format idguard-approval/1 binds neither the transition, the repository nor an expiry; "
            "the reviewer must approve again"
        )
    try:
        return ApprovalRecord.model_validate(data)
    except ValidationError as exc:
        raise ValueError(f"not an idguard-approval/2 decision ({exc.error_count()} problems)") from None


def _parse_time(value: str) -> datetime | None:
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        return None
    return parsed if parsed.tzinfo is not None else None


def check_decision(
    file: Path, *, review_id: str, path: str, content_sha256: str, transition: Transition, allowed_signers: Path
) -> DecisionCheck:
    """Verify one decision file against the review and transition it claims to decide."""
    shown = file.name
    try:
        record = parse_approval(file.read_text(encoding="utf-8"))
    except (OSError, UnicodeDecodeError, ValueError) as exc:
        return DecisionCheck(file=shown, valid=False, reason=f"unreadable decision file: {str(exc)[:160]}")
    base = dict(file=shown, reviewer=record.reviewer, decision=record.decision, time=record.time, note=record.note)

    def refused(reason: str) -> DecisionCheck:
        return DecisionCheck(**base, valid=False, reason=reason)

    if record.review_id != review_id:
        return refused(f"decision is for another review ({record.review_id})")
    if record.path != path:
        return refused("decision is for another path")
    if record.content_sha256 != content_sha256:
        return refused("decision is for another content hash")
    if record.review_sha256 != transition.review_sha256:
        return refused("the review record changed after this decision (author, intent or findings edited)")
    if record.repository != transition.repository:
        return refused(
            f"decision is for repository {record.repository or '(none)'!r}, not {transition.repository or '(none)'!r}"
        )
    if transition.base_sha256 is not None and record.base_sha256 != transition.base_sha256:
        return refused(
            "decision approves a change from other base content (the file changed on the base branch, "
            "or an older approved version is being restored): a new review is needed"
        )
    signed_at, expires = _parse_time(record.time), _parse_time(record.expires)
    if signed_at is None or expires is None:
        return refused("decision has no valid time or expiry")
    if signed_at > transition.now + CLOCK_SKEW:
        return refused("decision is dated in the future")
    limit = min(expires, signed_at + timedelta(days=transition.max_age_days))
    if transition.now >= limit:
        return refused(
            f"decision expired on {limit.date().isoformat()} (review.approval_max_age_days {transition.max_age_days})"
        )
    try:
        signature = Path(str(file) + ".sig").read_text(encoding="ascii")
    except (OSError, UnicodeDecodeError):
        return refused("signature file missing or unreadable")
    outcome = signing.verify(record.canonical_bytes(), signature, allowed_signers, record.reviewer)
    if not outcome.ok:
        return refused(outcome.message)
    if outcome.fingerprint != record.key_fingerprint:
        return refused("signed by a different key than the decision names")
    verified = dict(base, key_fingerprint=outcome.fingerprint)
    if transition.require_security_key:
        problem = _security_key_problem(signature, transition)
        if problem is not None:
            return DecisionCheck(**verified, valid=False, reason=problem)
    if record.decision == "approve":
        listed = identities_of(
            [record.reviewer, *signing.principals_for_fingerprint(allowed_signers, outcome.fingerprint)]
        )
        overlap = sorted(listed & transition.authors)
        if overlap:
            return DecisionCheck(
                **verified, valid=False, reason=f"the approver is an author of this change ({', '.join(overlap)})"
            )
        if outcome.fingerprint in transition.author_keys:
            return DecisionCheck(
                **verified,
                valid=False,
                reason="the approving key signed commits of this change: an author cannot approve",
            )
    return DecisionCheck(**verified, valid=True, reason=outcome.message)


def _security_key_problem(signature: str, transition: Transition) -> str | None:
    try:
        blob = signing.parse_signature(signature)
    except signing.SigningError as exc:
        return str(exc)
    if blob.sk_flags is None:
        return "policy requires a FIDO security key (review.require_security_key); this key is not one"
    if not blob.user_present:
        return "the security key signed without user presence (no touch); policy requires it"
    if transition.require_user_verification and not blob.user_verified:
        return "the security key signed without user verification (PIN); policy requires it"
    return None


def evaluate(
    workspace: Workspace,
    *,
    review_id: str,
    path: str,
    content_sha256: str,
    categories: list[str],
    current_sha256: str | None,
    policy: Policy,
    transition: Transition,
    allowed_signers: Path | None = None,
) -> ReviewEvaluation:
    """State of a review: stale, rejected, approved (enough valid approvals) or pending."""
    signers = allowed_signers or workspace.allowed_signers
    folder = decision_dir(workspace, review_id)
    files = sorted(folder.glob("*.json")) if folder.is_dir() else []
    checks = [
        check_decision(
            f,
            review_id=review_id,
            path=path,
            content_sha256=content_sha256,
            transition=transition,
            allowed_signers=signers,
        )
        for f in files
    ]
    valid_approvals = [c for c in checks if c.valid and c.decision == "approve" and c.reviewer]
    # Named owners: with [owners] rules for this path and its categories, only their owners' approvals count,
    # and every rule needs one of its owners among them.
    rules = policy.owners.rules_for(path, categories)
    owner_lists = [policy.owners.principals(rule) for rule in rules]
    owners_from = [f"[owners] rule {policy.owners.rules.index(rule) + 1}" for rule in rules]
    # CODEOWNERS (read where the policy was read: at the trust ref in the gate): its last matching line's owners.
    code_rule = (
        codeowners.rule_for(policy, path, [list(entry.principals) for entry in signing.allowed_signer_entries(signers)])
        if policy.owners._codeowners_lines
        else None
    )
    if code_rule is not None:
        owner_lists.append(code_rule.principals)
        owners_from.append(code_rule.source)
    owner_sets = [identities_of(owners) for owners in owner_lists]
    not_owners: list[str] = []
    if owner_sets:
        counted = [c for c in valid_approvals if any(identity_key(c.reviewer) in owners for owners in owner_sets)]
        not_owners = sorted({c.reviewer for c in valid_approvals if c not in counted and c.reviewer})
        every_rule = all(any(identity_key(c.reviewer) in owners for c in counted) for owners in owner_sets)
    else:
        counted, every_rule = valid_approvals, True
    approvers = sorted({c.reviewer for c in counted if c.reviewer})
    # N approvals need N people and N keys: one key listed for several principals counts once.
    approving_keys = {c.key_fingerprint for c in counted}
    rejecters = sorted({c.reviewer for c in checks if c.valid and c.decision == "reject" and c.reviewer})
    needed = required_approvals(policy, categories)
    if current_sha256 != content_sha256:
        state = "stale"
    elif rejecters:
        state = "rejected"
    elif every_rule and min(len(approvers), len(approving_keys)) >= needed:
        state = "approved"
    else:
        state = "pending"
    return ReviewEvaluation(
        review_id=review_id,
        path=path,
        state=state,
        required_approvals=needed,
        approvers=approvers,
        owners=owner_lists,
        owners_from=owners_from,
        unresolved_owners=code_rule.unresolved if code_rule is not None else [],
        not_owners=not_owners,
        rejecters=rejecters,
        decisions=checks,
        content_sha256=content_sha256,
        current_sha256=current_sha256,
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
        out = subprocess.run(
            ["git", "config", "user.signingkey"], cwd=workspace.root, capture_output=True, text=True, timeout=5
        )
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
        raise signing.SigningError(
            "git user.signingkey is not an SSH key file (gpg.format=ssh expected); pass --key PATH"
        )
    yield path


@dataclass(frozen=True)
class DecisionRequest:
    """Everything a reviewer's decision binds, established on the reviewer's machine."""

    review_id: str
    review_sha256: str
    path: str
    content_sha256: str
    current_sha256: str | None
    base_sha256: str
    repository: str
    author_email: str | None
    decision: Decision
    note: str | None
    git_email: str | None
    max_age_days: int
    require_security_key: bool
    checkpoint: AuditCheckpoint | None = None


def _refuse_author(
    reviewer: str,
    request: DecisionRequest,
    authors: frozenset[str],
    listed: frozenset[str],
    git_ids: frozenset[str],
    key_ids: frozenset[str],
) -> None:
    """Refuse an author's approval, saying which identity matched: the key's principals, or only the local git
    e-mail (the usual surprise: approving from the author's own checkout or with their git config)."""
    if not (listed & authors):
        return
    if key_ids & authors or not git_ids & authors:
        raise DecisionRefused(f"{reviewer} is an author of review {request.review_id}; an author cannot approve it")
    raise DecisionRefused(
        f"your git user.email ({request.git_email}) matches an author of review {request.review_id}, so this "
        f"approval by {reviewer} would count as the author's; approve from a checkout configured with your own "
        "e-mail (git config user.email)"
    )


def sign_decision(
    workspace: Workspace, request: DecisionRequest, key: Path, transition: Transition
) -> tuple[ApprovalRecord, Path, DecisionCheck]:
    """Refuse or sign one reviewer's decision; return it, its file and its verification."""
    if request.current_sha256 != request.content_sha256:
        raise DecisionRefused(
            f"{request.path} changed since review {request.review_id} was created (or is missing): the review is "
            "stale; create a new review with guard_change"
        )
    if request.note and find_secrets(request.note):
        raise DecisionRefused("the note looks like it contains a secret; approvals are committed, write it without")
    public_key = signing.public_key_for(key)
    if request.require_security_key and public_key.key_type not in signing.SECURITY_KEY_TYPES:
        raise DecisionRefused(
            "policy requires approvals signed with a FIDO security key (review.require_security_key): "
            f"{public_key.key_type} is not one (use an ed25519-sk or ecdsa-sk key)"
        )
    reviewer = signing.reviewer_identity(
        signing.principals_for(workspace.allowed_signers, public_key), request.git_email
    )
    if reviewer is None:
        raise DecisionRefused(
            f"key {public_key.fingerprint} is not in {workspace.allowed_signers} and git user.email is not set: "
            "no reviewer identity"
        )
    if request.decision == "approve" and not request.author_email:
        raise DecisionRefused(UNKNOWN_AUTHOR)
    listed = identities_of(
        [reviewer, request.git_email or "", *signing.principals_for(workspace.allowed_signers, public_key)]
    )
    if request.decision == "approve":
        authors = transition.authors | identities_of([request.author_email or ""])
        _refuse_author(
            reviewer,
            request,
            authors,
            listed,
            identities_of([request.git_email or ""]),
            identities_of(signing.principals_for(workspace.allowed_signers, public_key)),
        )
    signed_at = datetime.now(UTC).replace(microsecond=0)
    record = ApprovalRecord(
        review_id=request.review_id,
        review_sha256=request.review_sha256,
        repository=request.repository,
        path=request.path,
        base_sha256=request.base_sha256,
        content_sha256=request.content_sha256,
        reviewer=reviewer,
        key_fingerprint=public_key.fingerprint,
        decision=request.decision,
        time=signed_at.isoformat(),
        expires=(signed_at + timedelta(days=request.max_age_days)).isoformat(),
        note=request.note or None,
        audit_checkpoint=request.checkpoint,
    )
    target = write_decision(workspace, record, key, public_key.file_stem)
    check = check_decision(
        target,
        review_id=request.review_id,
        path=request.path,
        content_sha256=request.content_sha256,
        transition=transition,
        allowed_signers=workspace.allowed_signers,
    )
    return record, target, check
