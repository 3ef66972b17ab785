"""The CI gate: every identity change since the base must be checked, tagged and approved.

For each file changed between the base (default: the merge base with the
default branch) and the working tree, the gate re-runs `check_code` and fails
when an identity-related file

- has blocking findings,
- has no review tag, or a tag whose hash does not match the content
  (formats without comments: no review record for this path and hash),
- points to a review record that is missing or bound to another path or hash,
- lacks enough valid signed approvals by allowed signers other than the author
  (the review's author and anyone who authored a commit touching
  the file since the base), or carries a valid signed rejection.

Deleting a file is an access change too (a removed permission check,
offboarding step or policy file): for each file deleted since the base whose
base content is identity-related under the base policy, the gate requires an
approved *deletion review* of exactly that content (`guard_change(...,
delete=true)`), found by path and the marker `deleted:<sha256>`. A rename is a
deletion plus an addition (the gate diffs with `--no-renames`): moving identity
code away needs a deletion review of the old path as well as a review of the
new one, because moving a file can disable it (a policy file moved out of
`.idguard/`, a check module no longer imported).

Approvals are verified against the allowed signers *of the base revision*,
and the policy applied is the base revision's too: a change cannot add its
own reviewer to `.idguard/allowed_signers`, or lower the approvals it needs,
and pass in the same pull request. The `legacy` profile also requires
approval for changed files that are not classified identity-related but have
any finding, a review tag or a review record (manual approval for every
identity diff, regardless of what the classifier says).
"""

from __future__ import annotations

import subprocess
import tempfile
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, Field

from idguard.guards import check_code
from idguard.guards.languages import comment_prefix
from idguard.guards.models import FileResult
from idguard.guards.policy import Policy
from idguard.guards.tags import ReviewTag, content_sha256, find_tag, strip_tags

from .approvals import ReviewEvaluation, evaluate
from .files import InputError, decode_text, read_text
from .policy import PolicyError, load_policy, policy_source
from .reviews import ReviewNotFound, ReviewRecord, ReviewStore, deletion_marker, removal_needs_review
from .workspace import Workspace

DEFAULT_BRANCH_CANDIDATES = ("origin/HEAD", "main", "master", "origin/main", "origin/master")
# Gate bookkeeping is verified through the reviews it belongs to, not as code.
SKIPPED_PREFIXES = (".idguard/reviews/", ".idguard/approvals/", ".idguard/state/", ".idguard/.gitignore")

ProblemKind = Literal[
    "blocking-findings",
    "review-tag-missing",
    "review-tag-mismatch",
    "review-record-missing",
    "review-not-approved",
    "review-rejected",
    "deletion-review-missing",
    "deletion-not-approved",
    "unreadable",
]

PROBLEM_HELP: dict[str, tuple[str, str]] = {
    "blocking-findings": (
        "Identity change has blocking findings",
        "The file has findings at or above the policy's block threshold. Fix them (each finding has a fix hint) "
        "and run `guard_change` again; a blocked change cannot be approved into the main branch.",
    ),
    "review-tag-missing": (
        "Identity change without a review tag",
        "Identity-related files must carry the `idguard-review:` tag line that `guard_change` returns, binding "
        "the file to a review record. Write the change through the MCP tool `guard_change`, or ask a reviewer.",
    ),
    "review-tag-mismatch": (
        "Review tag does not match the content",
        "The file changed after it was tagged: the SHA-256 in the tag line is not the hash of the file without "
        "the tag. Run `guard_change` on the new content and have the new review approved.",
    ),
    "review-record-missing": (
        "Review record missing or for other content",
        "The review record `.idguard/reviews/<id>.json` that the tag names is missing, corrupt, or bound to "
        "another path or content hash. Commit the record that `guard_change` wrote, or create a new review.",
    ),
    "review-not-approved": (
        "Identity change lacks signed approvals",
        "The review needs the policy's number of approvals, each signed with `idguard review approve <id>` by a "
        "key listed in `.idguard/allowed_signers` (on the base branch) and by someone other than the author.",
    ),
    "review-rejected": (
        "Identity change was rejected",
        "A reviewer listed in `.idguard/allowed_signers` signed a rejection of this exact content. Address the "
        "reason and create a new review.",
    ),
    "deletion-review-missing": (
        "Identity file deleted without a deletion review",
        "Deleting identity code is an access change (a permission check, an offboarding step or a policy goes "
        "away). Request a deletion review with `guard_change(path, content=\"\", intent, delete=true)` on the "
        "base content of the file, commit the review record, and have it approved.",
    ),
    "deletion-not-approved": (
        "Deletion of identity code lacks signed approvals",
        "The deletion review needs the policy's number of approvals, each signed with `idguard review approve <id>` "
        "by a key listed in `.idguard/allowed_signers` (on the base branch) and by someone other than the author.",
    ),
    "unreadable": (
        "Changed file could not be read",
        "The gate cannot check a file it cannot read (too large, not UTF-8, unreadable); it fails closed.",
    ),
}


Checker = Callable[[str, str, Policy, bytes], FileResult]


class GateError(Exception):
    """The gate could not run (no base revision, not a git repository); exit 2."""


class GateProblem(BaseModel):
    kind: ProblemKind
    path: str
    line: int = 1
    message: str


class GateFile(BaseModel):
    path: str
    outcome: Literal["pass", "fail"]
    needs_review: bool
    deleted: bool = Field(False, description="the file was deleted since the base (result: its base content)")
    result: FileResult | None = None
    review_id: str | None = None
    review_state: str | None = None
    required_approvals: int = 0
    approvers: list[str] = Field(default_factory=list)
    problems: list[GateProblem] = Field(default_factory=list)


class GateResult(BaseModel):
    base_ref: str
    base_commit: str
    allowed_signers: str = Field(description="where the trusted allowed_signers came from")
    policy: str = Field(description="where the policy the gate applied came from")
    profile: str
    passed: bool
    files: list[GateFile]
    skipped: list[str] = Field(default_factory=list, description="binary files and gate bookkeeping")

    @property
    def problems(self) -> list[GateProblem]:
        return [p for f in self.files for p in f.problems]


def _git(root: Path, *args: str, binary: bool = False) -> subprocess.CompletedProcess:
    try:
        return subprocess.run(["git", *args], cwd=root, capture_output=True, text=not binary, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GateError(f"git {args[0]} failed ({type(exc).__name__})") from None


def _commit_of(root: Path, ref: str) -> str | None:
    out = _git(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else None


def resolve_base(root: Path, ref: str | None) -> tuple[str, str]:
    """(ref name, commit): the merge base of HEAD with `ref` or with the default branch."""
    if _commit_of(root, "HEAD") is None:
        raise GateError(f"{root} is not a git repository with commits; the gate compares against a base revision")
    candidates = [ref] if ref else list(DEFAULT_BRANCH_CANDIDATES)
    for candidate in candidates:
        commit = _commit_of(root, candidate)
        if commit is None:
            continue
        merge_base = _git(root, "merge-base", commit, "HEAD")
        return candidate, merge_base.stdout.strip() if merge_base.returncode == 0 else commit
    if ref:
        raise GateError(f"base revision {ref!r} not found (fetch it first, e.g. `git fetch origin {ref}`)")
    raise GateError("no default branch found (origin/HEAD, main, master); pass --base REF")


def changed_files(root: Path, base_commit: str) -> list[str]:
    """Paths added, copied, modified, renamed or type-changed between the base and the working tree."""
    out = _git(root, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=ACMRT", base_commit, "--")
    if out.returncode != 0:
        raise GateError(f"git diff against {base_commit[:12]} failed: {out.stderr.strip()[:200]}")
    return sorted(p for p in out.stdout.split("\0") if p)


def deleted_files(root: Path, base_commit: str) -> list[str]:
    """Paths present at the base and deleted in the working tree (a rename counts as a deletion here)."""
    out = _git(root, "diff", "--name-only", "-z", "--no-renames", "--diff-filter=D", base_commit, "--")
    if out.returncode != 0:
        raise GateError(f"git diff against {base_commit[:12]} failed: {out.stderr.strip()[:200]}")
    return sorted(p for p in out.stdout.split("\0") if p)


def base_text(root: Path, base_commit: str, rel: str, max_bytes: int) -> str:
    """The content of `rel` at the base revision; InputError as `read_text` raises it."""
    out = _git(root, "show", f"{base_commit}:{rel}", binary=True)
    if out.returncode != 0:
        raise InputError(f"not readable at {base_commit[:12]}")
    return decode_text(out.stdout, max_bytes)


def base_allowed_signers(root: Path, base_commit: str, target: Path) -> bool:
    """Write the base revision's `.idguard/allowed_signers` to `target`; False when the base has none."""
    out = _git(root, "show", f"{base_commit}:.idguard/allowed_signers", binary=True)
    if out.returncode != 0:
        return False
    target.write_bytes(out.stdout)
    return True


class ReviewIndex:
    """Review records by (path, content hash), read once per gate run (comment-less formats, deletions)."""

    def __init__(self, store: ReviewStore) -> None:
        self.store = store
        self._by_content: dict[tuple[str, str], list[ReviewRecord]] | None = None

    def _records(self) -> dict[tuple[str, str], list[ReviewRecord]]:
        if self._by_content is None:
            self._by_content = {}
            for record in self.store.all():
                self._by_content.setdefault((record.path, record.content_sha256), []).append(record)
        return self._by_content

    def find(self, path: str, sha: str) -> list[ReviewRecord]:
        return self._records().get((path, sha), [])

    def deletions_of(self, path: str) -> list[ReviewRecord]:
        """Every deletion review of `path`, whatever content it removes."""
        return [r for (p, _), records in self._records().items() if p == path for r in records if r.deletion]


# When several sidecar reviews cover the same content, a rejection of any wins (fail closed).
_STATE_PRECEDENCE = {"rejected": 0, "approved": 1, "pending": 2, "stale": 3}


def _commit_authors(root: Path, base_commit: str, rel: str) -> tuple[str, ...]:
    """E-mails of the authors of commits since the base that touched `rel`."""
    out = _git(root, "log", "--format=%ae", f"{base_commit}..HEAD", "--", rel)
    return tuple(sorted({line.strip() for line in out.stdout.splitlines() if line.strip()}))


def _evaluate_file(workspace: Workspace, rel: str, text: str, result: FileResult, policy: Policy,
                   store: ReviewStore, index: ReviewIndex, signers: Path, base_commit: str) -> GateFile:
    problems: list[GateProblem] = []
    if result.verdict == "block":
        blocking = sorted({f.guard_id for f in result.active_findings if f.severity >= policy.block_threshold})
        first = min((f.line for f in result.active_findings if f.guard_id in blocking), default=1)
        problems.append(GateProblem(kind="blocking-findings", path=rel, line=first,
                                    message=f"blocking findings: {', '.join(blocking) or 'analysis incomplete'}"))
    sha = content_sha256(strip_tags(text))
    tag = find_tag(text)
    needs_review = result.identity_related
    if policy.profile == "legacy" and not needs_review:
        needs_review = bool(result.active_findings) or tag is not None or bool(index.find(rel, sha))
    gate_file = GateFile(path=rel, outcome="pass", needs_review=needs_review, result=result)
    if needs_review:
        records = _review_records(rel, result.language, sha, tag, store, index, problems)
        commit_authors = _commit_authors(workspace.root, base_commit, rel) if records else ()
        evaluations = [
            evaluate(
                workspace, review_id=record.id, path=rel, content_sha256=record.content_sha256,
                categories=sorted(set(record.categories) | set(result.categories)),
                author_email=record.author.email, current_sha256=sha, policy=policy, allowed_signers=signers,
                commit_authors=commit_authors,
            )
            for record in records
        ]
        if evaluations:
            evaluation = min(evaluations, key=lambda e: _STATE_PRECEDENCE[e.state])
            gate_file.review_id = evaluation.review_id
            gate_file.review_state = evaluation.state
            gate_file.required_approvals = evaluation.required_approvals
            gate_file.approvers = evaluation.approvers
            problems.extend(_approval_problems(rel, tag.line if tag else 1, evaluation))
    gate_file.problems = problems
    gate_file.outcome = "fail" if problems else "pass"
    return gate_file


def _evaluate_deletion(workspace: Workspace, rel: str, text: str, result: FileResult, policy: Policy,
                       index: ReviewIndex, signers: Path, base_commit: str) -> GateFile:
    """A deleted file: identity content at the base needs an approved deletion review of exactly that content."""
    needs_review = removal_needs_review(result, text, policy)
    gate_file = GateFile(path=rel, outcome="pass", needs_review=needs_review, deleted=True, result=result)
    if not needs_review:
        return gate_file
    marker = deletion_marker(content_sha256(strip_tags(text)))
    records = [r for r in index.find(rel, marker) if r.deletion]
    if not records:
        # A deletion review of other content (e.g. the file as edited on the branch) does not cover the base's.
        others = sorted(r.id for r in index.deletions_of(rel))
        other_note = f"; {', '.join(others)} remove other content" if others else ""
        gate_file.problems = [GateProblem(
            kind="deletion-review-missing", path=rel,
            message=f"identity file ({', '.join(result.categories) or 'review required'}) deleted without a deletion "
            f"review of its base content (sha256 {marker.removeprefix('deleted:')[:12]}…){other_note}")]
        gate_file.outcome = "fail"
        return gate_file
    commit_authors = _commit_authors(workspace.root, base_commit, rel)
    evaluation = min(
        (evaluate(workspace, review_id=record.id, path=rel, content_sha256=marker,
                  categories=sorted(set(record.categories) | set(result.categories)), author_email=record.author.email,
                  current_sha256=marker, policy=policy, allowed_signers=signers, commit_authors=commit_authors)
         for record in records),
        key=lambda e: _STATE_PRECEDENCE[e.state],
    )
    gate_file.review_id = evaluation.review_id
    gate_file.review_state = evaluation.state
    gate_file.required_approvals = evaluation.required_approvals
    gate_file.approvers = evaluation.approvers
    gate_file.problems = [
        p.model_copy(update={"kind": "deletion-not-approved", "message": "deletion " + p.message})
        if p.kind == "review-not-approved" else p
        for p in _approval_problems(rel, 1, evaluation)
    ]
    gate_file.outcome = "fail" if gate_file.problems else "pass"
    return gate_file


def _review_records(rel: str, language: str, sha: str, tag: ReviewTag | None, store: ReviewStore,
                    index: ReviewIndex, problems: list[GateProblem]) -> list[ReviewRecord]:
    """The review records that bind this content: the tagged one, or sidecar records for comment-less formats."""
    if comment_prefix(language) is None:
        records = index.find(rel, sha)
        if not records:
            problems.append(GateProblem(kind="review-record-missing", path=rel,
                                        message="no review record for this path and content hash (format without comments)"))
        return records
    if tag is None:
        problems.append(GateProblem(kind="review-tag-missing", path=rel, message="identity-related file has no review tag"))
        return []
    if tag.sha256 != sha:
        problems.append(GateProblem(kind="review-tag-mismatch", path=rel, line=tag.line,
                                    message=f"tag of {tag.review_id} names sha256 {tag.sha256[:12]}…, content is {sha[:12]}…"))
        return []
    try:
        record = store.load(tag.review_id)
    except ReviewNotFound as exc:
        problems.append(GateProblem(kind="review-record-missing", path=rel, line=tag.line, message=str(exc)))
        return []
    if record.path != rel or record.content_sha256 != sha:
        problems.append(GateProblem(kind="review-record-missing", path=rel, line=tag.line,
                                    message=f"review record {record.id} is bound to another path or content hash"))
        return []
    return [record]


def _approval_problems(rel: str, line: int, evaluation: ReviewEvaluation) -> list[GateProblem]:
    if evaluation.state == "approved":
        return []
    if evaluation.state == "rejected":
        return [GateProblem(kind="review-rejected", path=rel, line=line,
                            message=f"review {evaluation.review_id} rejected by {', '.join(evaluation.rejecters)}")]
    invalid = [f"{d.file}: {d.reason}" for d in evaluation.decisions if not d.valid]
    detail = f"; not counted: {'; '.join(invalid)}" if invalid else ""
    return [GateProblem(
        kind="review-not-approved", path=rel, line=line,
        message=f"review {evaluation.review_id}: {len(evaluation.approvers)} of {evaluation.required_approvals} "
        f"valid signed approvals{detail}",
    )]


def check_in_process(code: str, path: str, policy: Policy, key: bytes) -> FileResult:
    return check_code(code, path=path, policy=policy, key=key)


def base_policy(root: Path, base_commit: str) -> tuple[Policy, str]:
    """The policy as the base revision defines it (`.idguard/policy.toml` or `[tool.idguard]`), and its source."""
    with tempfile.TemporaryDirectory(prefix="idguard-base-policy-") as tmp:
        snapshot = Path(tmp)
        for rel in (".idguard/policy.toml", "pyproject.toml"):
            out = _git(root, "show", f"{base_commit}:{rel}", binary=True)
            if out.returncode == 0:
                (snapshot / rel).parent.mkdir(parents=True, exist_ok=True)
                (snapshot / rel).write_bytes(out.stdout)
        snapshot_workspace = Workspace(snapshot)
        source = policy_source(snapshot_workspace)
        try:
            policy = load_policy(snapshot_workspace)
        except PolicyError as exc:
            raise PolicyError(str(exc).replace(f"{snapshot}/", f"{base_commit[:12]}:")) from None
        shown = f"{base_commit[:12]}:{source.relative_to(snapshot).as_posix()}" if source else f"defaults (none at {base_commit[:12]})"
        return policy, shown


def run_gate(workspace: Workspace, policy: Policy | None = None, base: str | None = None, *,
             trust_worktree_signers: bool = False, check: Checker = check_in_process, jobs: int = 1) -> GateResult:
    """Gate the changes since `base`; `check` runs the engine (the CLI passes its worker pool), `jobs` at a time.

    `policy` None means the base revision's policy: a change cannot relax the rules it is judged by.
    """
    root = workspace.root
    base_ref, base_commit = resolve_base(root, base)
    if policy is None:
        policy, policy_shown = base_policy(root, base_commit)
    else:
        policy_shown = "working tree"
    key = workspace.fingerprint_key()
    store = ReviewStore(workspace)
    index = ReviewIndex(store)
    files: list[GateFile] = []
    skipped: list[str] = []
    texts: dict[str, str] = {}
    # Deleted files are checked as they were at the base: that is the content the deletion removes.
    deleted = set(deleted_files(root, base_commit))
    for rel in sorted(set(changed_files(root, base_commit)) | deleted):
        if rel.startswith(SKIPPED_PREFIXES):
            skipped.append(rel)
            continue
        try:
            if rel in deleted:
                texts[rel] = base_text(root, base_commit, rel, policy.limits.max_file_bytes)
            else:
                texts[rel] = read_text(root / rel, policy.limits.max_file_bytes)
        except InputError as exc:
            if str(exc) == "binary file":
                skipped.append(rel)
                continue
            files.append(GateFile(path=rel, outcome="fail", needs_review=True, deleted=rel in deleted, problems=[
                GateProblem(kind="unreadable", path=rel, message=f"cannot check: {exc}")]))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as threads:
        results = dict(zip(texts, threads.map(lambda rel: check(texts[rel], rel, policy, key), texts)))
    with tempfile.TemporaryDirectory(prefix="idguard-gate-") as tmp:
        if trust_worktree_signers:
            signers, source = workspace.allowed_signers, "working tree (--trust-worktree-signers)"
        else:
            signers = Path(tmp) / "allowed_signers"
            found = base_allowed_signers(root, base_commit, signers)
            source = f"{base_commit[:12]}:.idguard/allowed_signers" if found else f"none at {base_commit[:12]} (no approval can count)"
        for rel, text in texts.items():
            if rel in deleted:
                files.append(_evaluate_deletion(workspace, rel, text, results[rel], policy, index, signers, base_commit))
            else:
                files.append(_evaluate_file(workspace, rel, text, results[rel], policy, store, index, signers,
                                            base_commit))
    files.sort(key=lambda f: f.path)
    return GateResult(
        base_ref=base_ref, base_commit=base_commit, allowed_signers=source, policy=policy_shown, profile=policy.profile,
        passed=all(f.outcome == "pass" for f in files), files=files, skipped=skipped,
    )
