"""The CI gate: every identity change since the base must be checked, tagged and approved.

One module because it is the boundary: every rule that lets a change through is here, in one place a
security reviewer reads whole (signatures are in review/, test evidence in gate/test_evidence.py).

For each file changed between the base (the merge base with the target
branch) and the working tree, the gate re-runs `check_code` and fails when a
file that needs review

- has blocking findings,
- has no review tag, or a tag whose hash does not match the content
  (formats without comments: no review record for this path and hash),
- points to a review record that is missing or bound to another path or hash,
- lacks enough valid signed approvals of exactly this transition (base
  content -> new content, in this repository, not expired) by allowed signers
  who are not among the change's authors, or carries a valid signed rejection.

A change needs review when any of these holds (review scope never rests on one
signal): its path is an identity path (policy `identity_paths`, folders such as
`auth/`, `iam/`, `.idguard/`, enforcement configuration); its new content is
identity-related; its content at the base was (removing identity code is an
identity change); or it was reviewed before (its base content carries a review
tag, or a review record at the base names it).

Reading fails closed: a file in a binary format on an identity path, a file
that cannot be decoded, or Python that declares an encoding idguard does not
read fails the gate; other binary files are skipped and listed with the
reason. Anything under `.idguard/` that is not a record of a known schema
(review records, signed decisions, the policy, the allowed signers) fails.

Deleting a file is an access change too: for each file deleted since the base
that needs review, the gate requires an approved *deletion review* of exactly
that content (`guard_change(..., delete=true)`), found by path and the marker
`deleted:<sha256>`. A rename is a deletion plus an addition (`--no-renames`).

Trust anchors come from the target branch's tip (`--trust-ref`, default the
tip of the base ref), never from the change or from the merge base it chose:
the allowed signers, the policy and the `.gitattributes` that marks binary
files. Authors come from the CI platform and verified commit signatures
(`review/authorship.py`).
"""

from __future__ import annotations

import hashlib
import re
import tempfile
import tomllib
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from contextlib import contextmanager
from pathlib import Path
from typing import Literal

from idguard.guards import check_code
from idguard.guards.classify import classify, path_forces_identity
from idguard.guards.languages import comment_prefix
from idguard.guards.models import FileResult
from idguard.guards.policy import Policy
from idguard.guards.tags import ReviewTag, content_sha256, find_tag, strip_tags
from idguard.guards.units import changed_units
from pydantic import BaseModel, Field

from .. import git
from ..codeowners import CANDIDATES as CODEOWNERS_FILES
from ..files import BinaryFile, BinaryRules, InputError, decode_text, read_text, strict_json
from ..policy import EffectivePolicy, PolicyError, load_effective_policy, policy_file_data, policy_source
from ..review.approvals import ReviewEvaluation, evaluate, parse_approval
from ..review.authorship import ChangeAuthors, change_authors, platform_authors, transition_for
from ..review.render import owners_text
from ..review.signing import SigningError, parse_signature
from ..review.store import (
    ReviewNotFound,
    ReviewRecord,
    ReviewStore,
    deletion_marker,
    parse_review_record,
    removal_needs_review,
)
from ..workspace import STATE_GITIGNORE, Workspace
from .test_evidence import Coverage, UnitEvidence, evidence_for, test_files, tests_naming

ProblemKind = Literal[
    "blocking-findings",
    "review-tag-missing",
    "review-tag-mismatch",
    "review-record-missing",
    "review-not-approved",
    "review-rejected",
    "deletion-review-missing",
    "deletion-not-approved",
    "unsigned-commit",
    "invalid-idguard-file",
    "tests-missing",
    "unreadable",
    "policy-loosens-floor",
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
        "The review needs the policy's number of approvals of exactly this change (from the base content to the "
        "new content, in this repository, not expired), each signed with `idguard review approve <id>` by a key "
        "listed in `.idguard/allowed_signers` on the target branch, by someone who is not an author of the change.",
    ),
    "review-rejected": (
        "Identity change was rejected",
        "A reviewer listed in `.idguard/allowed_signers` signed a rejection of this exact content. Address the "
        "reason and create a new review.",
    ),
    "deletion-review-missing": (
        "Identity file deleted without a deletion review",
        "Deleting identity code is an access change (a permission check, an offboarding step or a policy goes "
        'away). Request a deletion review with `guard_change(path, content="", intent, delete=true)` on the '
        "base content of the file, commit the review record, and have it approved.",
    ),
    "deletion-not-approved": (
        "Deletion of identity code lacks signed approvals",
        "The deletion review needs the policy's number of approvals, each signed with `idguard review approve <id>` "
        "by a key listed in `.idguard/allowed_signers` on the target branch and by someone other than the author.",
    ),
    "unsigned-commit": (
        "Identity change in a commit without a verified signature",
        "Policy requires every commit that changes an identity file to be signed by a key in "
        "`.idguard/allowed_signers` (review.require_signed_commits). Sign the commits (`git commit -S` with "
        "gpg.format=ssh) and push again.",
    ),
    "invalid-idguard-file": (
        "File under .idguard/ that is not a known record",
        "`.idguard/` holds only the policy, the allowed signers, review records and signed decisions. Anything "
        "else there (code parked among the records, a record that does not parse strictly, committed local "
        "state) fails the gate.",
    ),
    "tests-missing": (
        "Identity change without the tests the policy requires",
        "Policy `[tests] require` asks that each changed identity unit ran in a test (`executed`) and, with "
        "`failure-paths`, that each of its denies, raises, failed checks and error handlers ran too. Write the "
        "tests `idguard tests --base REF` lists, run them under coverage (`coverage run --branch -m pytest && "
        "coverage json`) and pass the file to the gate with `--coverage coverage.json`.",
    ),
    "policy-loosens-floor": (
        "Repository policy loosens the org policy floor",
        "The organisation's policy floor (`[org] policy` or IDGUARD_ORG_POLICY) sets minimums a repository may "
        "tighten but never loosen: a lower token lifetime, more approvals, more identity paths, more enabled "
        "guards. The floor's value applies; change the repository's setting to one at least as strict "
        "(`idguard policy explain` shows each value's source and what the floor overrode; docs/org-policy.md).",
    ),
    "unreadable": (
        "Changed file could not be read",
        "The gate cannot check a file it cannot read (too large, undecodable, an encoding idguard does not read, "
        "a binary file on an identity path); it fails closed.",
    ),
}


Checker = Callable[[str, str, Policy, bytes], FileResult]

_REVIEW_RECORD_PATH = re.compile(r"^\.idguard/reviews/(IGR-[0-9a-f]{8,32})\.json$")
_DECISION_PATH = re.compile(r"^\.idguard/approvals/(IGR-[0-9a-f]{8,32})/[A-Za-z0-9_-]{1,64}\.json(\.sig)?$")
# The audited false positives of `.secrets.baseline` are policy: read from the trusted tip, never the change.
_TRUST_FILES = (".idguard/policy.toml", "pyproject.toml", ".secrets.baseline")


class GateProblem(BaseModel):
    kind: ProblemKind
    path: str
    line: int = 1
    message: str


class SkippedFile(BaseModel):
    path: str
    reason: str


class GateFile(BaseModel):
    path: str
    outcome: Literal["pass", "fail"]
    needs_review: bool
    review_reasons: list[str] = Field(default_factory=list, description="why the change needs review")
    deleted: bool = Field(False, description="the file was deleted since the base (result: its base content)")
    result: FileResult | None = None
    review_id: str | None = None
    review_state: str | None = None
    required_approvals: int = 0
    approvers: list[str] = Field(default_factory=list)
    authors_from: list[str] = Field(default_factory=list, description="how the change's authors were established")
    tests: list[UnitEvidence] = Field(default_factory=list, description="changed identity units and their tests")
    problems: list[GateProblem] = Field(default_factory=list)


class AuditHead(BaseModel):
    log: str
    seq: int
    hash: str


class GateResult(BaseModel):
    base_ref: str
    base_commit: str
    trust_ref: str = ""
    trust_commit: str = ""
    repository: str = Field("", description="the repository identity approvals must be bound to")
    allowed_signers: str = Field(description="where the trusted allowed_signers came from")
    policy: str = Field(description="where the policy the gate applied came from")
    profile: str
    passed: bool
    files: list[GateFile]
    skipped: list[SkippedFile] = Field(default_factory=list, description="binary files not on identity paths")
    audit_head: AuditHead | None = Field(None, description="the audit log head this gate run saw (a checkpoint)")
    bootstrap: str | None = Field(
        None, description="with --bootstrap: whether the working tree's trust anchors were used, and why"
    )
    floor: dict[str, str] | None = Field(
        None, description="the org policy floor applied: as written, who named it, where it was read, its SHA-256"
    )
    policy_problems: list[GateProblem] = Field(
        default_factory=list, description="problems of the policy itself (a repository policy loosening the floor)"
    )

    @property
    def problems(self) -> list[GateProblem]:
        return [*self.policy_problems, *(p for f in self.files for p in f.problems)]


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


def reviewed_paths_at(root: Path, commit: str) -> set[str]:
    """Paths named by the review records committed at `commit`: these were reviewed before."""
    out = git.run(root, "ls-tree", "-r", "-z", "--name-only", commit, "--", ".idguard/reviews/")
    paths: set[str] = set()
    for rel in (p for p in out.stdout.split("\0") if p.endswith(".json")):
        data = git.show(root, commit, rel)
        try:
            record = strict_json((data or b"").decode("utf-8"))
        except (UnicodeDecodeError, ValueError):
            continue
        if isinstance(record, dict) and isinstance(record.get("path"), str):
            paths.add(record["path"])
    return paths


class GateContext:
    """One gate run: the workspace, the trust anchors read from the trust commit, and lazily built indexes."""

    def __init__(
        self,
        workspace: Workspace,
        policy: Policy,
        base: git.Base,
        signers: Path,
        platform: tuple[list[str], list[str]],
        repository: str,
        coverage: Coverage | None = None,
    ) -> None:
        self.workspace = workspace
        self.root = workspace.root
        self.policy = policy
        self.base = base
        self.signers = signers
        self.platform = platform
        self.repository = repository
        self.store = ReviewStore(workspace)
        self.index = ReviewIndex(self.store)
        self.base_blobs: dict[str, bytes] = {}
        self.coverage = coverage
        self._test_texts: dict[str, str] | None = None
        self._reviewed_before: set[str] | None = None
        self._commits: dict[str, list[git.CommitAuthorship]] | None = None

    def reviewed_before(self, rel: str) -> bool:
        if self._reviewed_before is None:
            self._reviewed_before = reviewed_paths_at(self.root, self.base.commit)
        return rel in self._reviewed_before

    def authors(self, rel: str, record_author: str | None) -> ChangeAuthors:
        if self._commits is None:
            self._commits = git.commits_by_path(self.root, self.base.commit, self.signers)
        identities, sources = self.platform
        return change_authors(self._commits.get(rel, []), self.signers, identities, sources, record_author)

    def test_evidence(self, rel: str, text: str, base_text: str | None) -> list[UnitEvidence]:
        """The identity units this change adds or modifies in `rel` (Python), with their test evidence."""
        # Lines as the file holds them, tag line included: coverage data speaks of the file that ran.
        units = changed_units(text, base_text, rel, self.policy)
        if not units:
            return []
        if self._test_texts is None:
            listed = git.run(self.root, "ls-files", "-z").stdout.split("\0")
            self._test_texts = test_files(self.root, [p for p in listed if p])
        return evidence_for(rel, units, self.coverage, self.policy, tests_naming(units, self._test_texts))

    def base_sha(self, rel: str) -> str:
        """The review hash of `rel` at the base (`absent` when it was not there), from the blobs read in one go."""
        data = self.base_blobs.get(rel)
        if data is None:
            return git.ABSENT
        try:
            return content_sha256(strip_tags(decode_text(data, self.policy.limits.max_file_bytes, rel)))
        except InputError:
            return "bytes:" + hashlib.sha256(data).hexdigest()


def _review_reasons(
    ctx: GateContext, rel: str, result: FileResult, text: str, base_text: str | None, index_has_content: bool
) -> list[str]:
    reasons = []
    if path_forces_identity(rel, ctx.policy):
        reasons.append("identity path")
    if result.identity_related:
        reasons.append(f"identity content ({', '.join(result.categories) or 'findings'})")
    if base_text is not None:
        if classify(base_text, rel, ctx.policy)[0]:
            reasons.append("the base content was identity code")
        if find_tag(base_text) is not None:
            reasons.append("the base content carries a review tag")
    if ctx.reviewed_before(rel):
        reasons.append("reviewed before")
    if (
        not reasons
        and ctx.policy.profile == "legacy"
        and (bool(result.active_findings) or find_tag(text) is not None or index_has_content)
    ):
        reasons.append("legacy profile: any finding, tag or review record")
    return reasons


def _evaluate_file(ctx: GateContext, rel: str, text: str, result: FileResult, base_text: str | None) -> GateFile:
    policy = ctx.policy
    problems: list[GateProblem] = []
    if result.verdict == "block":
        blocking = sorted({f.guard_id for f in result.active_findings if f.severity >= policy.block_threshold})
        first = min((f.line for f in result.active_findings if f.guard_id in blocking), default=1)
        problems.append(
            GateProblem(
                kind="blocking-findings",
                path=rel,
                line=first,
                message=f"blocking findings: {', '.join(blocking) or 'analysis incomplete'}",
            )
        )
    sha = content_sha256(strip_tags(text))
    tag = find_tag(text)
    reasons = _review_reasons(ctx, rel, result, text, base_text, bool(ctx.index.find(rel, sha)))
    gate_file = GateFile(path=rel, outcome="pass", needs_review=bool(reasons), review_reasons=reasons, result=result)
    if reasons:
        records = _review_records(rel, result.language, sha, tag, ctx, problems)
        authors = ctx.authors(rel, records[0].author.email if records else None)
        gate_file.authors_from = authors.sources
        problems.extend(_unsigned_commit_problems(ctx, rel, authors))
        if result.language == "python":
            gate_file.tests = ctx.test_evidence(rel, text, base_text)
            problems.extend(_test_problems(rel, gate_file.tests))
        evaluations = [_evaluate_record(ctx, record, result, authors, sha) for record in records]
        if evaluations:
            _apply_evaluation(gate_file, min(evaluations, key=lambda e: _STATE_PRECEDENCE[e.state]))
            problems.extend(_approval_problems(rel, tag.line if tag else 1, gate_file, evaluations))
    gate_file.problems = problems
    gate_file.outcome = "fail" if problems else "pass"
    return gate_file


def _evaluate_record(
    ctx: GateContext, record: ReviewRecord, result: FileResult, authors: ChangeAuthors, current: str
) -> ReviewEvaluation:
    base_sha = ctx.base_sha(record.path)
    return evaluate(
        ctx.workspace,
        review_id=record.id,
        path=record.path,
        content_sha256=record.content_sha256,
        categories=sorted(set(record.categories) | set(result.categories)),
        current_sha256=current,
        policy=ctx.policy,
        transition=transition_for(ctx.policy, record, ctx.repository, base_sha, authors),
        allowed_signers=ctx.signers,
    )


def _apply_evaluation(gate_file: GateFile, evaluation: ReviewEvaluation) -> None:
    gate_file.review_id = evaluation.review_id
    gate_file.review_state = evaluation.state
    gate_file.required_approvals = evaluation.required_approvals
    gate_file.approvers = evaluation.approvers


def _unsigned_commit_problems(ctx: GateContext, rel: str, authors: ChangeAuthors) -> list[GateProblem]:
    if not ctx.policy.review.require_signed_commits or not authors.unsigned_commits:
        return []
    shown = ", ".join(c[:12] for c in authors.unsigned_commits[:5])
    more = f" and {len(authors.unsigned_commits) - 5} more" if len(authors.unsigned_commits) > 5 else ""
    return [
        GateProblem(
            kind="unsigned-commit",
            path=rel,
            message=f"commits without a signature by an allowed signer change this file: {shown}{more}",
        )
    ]


def _test_problems(rel: str, evidence: list[UnitEvidence]) -> list[GateProblem]:
    lacking = [e for e in evidence if e.missing]
    if not lacking:
        return []
    detail = "; ".join(f"{e.unit} ({e.required}): {', '.join(e.missing[:3])}" for e in lacking[:5])
    more = f"; and {len(lacking) - 5} more unit(s)" if len(lacking) > 5 else ""
    return [
        GateProblem(
            kind="tests-missing",
            path=rel,
            line=lacking[0].line,
            message=f"{len(lacking)} changed identity unit(s) lack the required tests: {detail}{more}",
        )
    ]


def _evaluate_deletion(ctx: GateContext, rel: str, text: str, result: FileResult) -> GateFile:
    """A deleted file that needed review: an approved deletion review of exactly its base content."""
    reasons = []
    if removal_needs_review(result, text, ctx.policy):
        reasons.append(f"identity content ({', '.join(result.categories) or 'review required'})")
    if path_forces_identity(rel, ctx.policy) and "identity path" not in reasons:
        reasons.append("identity path")
    if ctx.reviewed_before(rel):
        reasons.append("reviewed before")
    gate_file = GateFile(
        path=rel, outcome="pass", needs_review=bool(reasons), review_reasons=reasons, deleted=True, result=result
    )
    if not reasons:
        return gate_file
    marker = deletion_marker(content_sha256(strip_tags(text)))
    records = [r for r in ctx.index.find(rel, marker) if r.deletion]
    if not records:
        # A deletion review of other content (e.g. the file as edited on the branch) does not cover the base's.
        others = sorted(r.id for r in ctx.index.deletions_of(rel))
        other_note = f"; {', '.join(others)} remove other content" if others else ""
        gate_file.problems = [
            GateProblem(
                kind="deletion-review-missing",
                path=rel,
                message=f"identity file ({'; '.join(reasons)}) deleted without a deletion review of its base content "
                f"(sha256 {marker.removeprefix('deleted:')[:12]}…){other_note}",
            )
        ]
        gate_file.outcome = "fail"
        return gate_file
    authors = ctx.authors(rel, records[0].author.email)
    gate_file.authors_from = authors.sources
    evaluations = [_evaluate_record(ctx, record, result, authors, marker) for record in records]
    _apply_evaluation(gate_file, min(evaluations, key=lambda e: _STATE_PRECEDENCE[e.state]))
    gate_file.problems = _unsigned_commit_problems(ctx, rel, authors) + [
        p.model_copy(update={"kind": "deletion-not-approved", "message": "deletion " + p.message})
        if p.kind == "review-not-approved"
        else p
        for p in _approval_problems(rel, 1, gate_file, evaluations)
    ]
    gate_file.outcome = "fail" if gate_file.problems else "pass"
    return gate_file


def _review_records(
    rel: str, language: str, sha: str, tag: ReviewTag | None, ctx: GateContext, problems: list[GateProblem]
) -> list[ReviewRecord]:
    """The review records that bind this content: the tagged one, or sidecar records for comment-less formats."""
    if comment_prefix(language) is None:
        records = ctx.index.find(rel, sha)
        if not records:
            problems.append(
                GateProblem(
                    kind="review-record-missing",
                    path=rel,
                    message="no review record for this path and content hash (format without comments)",
                )
            )
        return records
    if tag is None:
        problems.append(
            GateProblem(kind="review-tag-missing", path=rel, message="file that needs review has no review tag")
        )
        return []
    if tag.sha256 != sha:
        problems.append(
            GateProblem(
                kind="review-tag-mismatch",
                path=rel,
                line=tag.line,
                message=f"tag of {tag.review_id} names sha256 {tag.sha256[:12]}…, content is {sha[:12]}…",
            )
        )
        return []
    try:
        record = ctx.store.load(tag.review_id)
    except ReviewNotFound as exc:
        problems.append(GateProblem(kind="review-record-missing", path=rel, line=tag.line, message=str(exc)))
        return []
    if record.path != rel or record.content_sha256 != sha:
        problems.append(
            GateProblem(
                kind="review-record-missing",
                path=rel,
                line=tag.line,
                message=f"review record {record.id} is bound to another path or content hash",
            )
        )
        return []
    return [record]


def _approval_problems(
    rel: str, line: int, gate_file: GateFile, evaluations: list[ReviewEvaluation]
) -> list[GateProblem]:
    evaluation = next(e for e in evaluations if e.review_id == gate_file.review_id)
    if evaluation.state == "approved":
        return []
    if evaluation.state == "rejected":
        return [
            GateProblem(
                kind="review-rejected",
                path=rel,
                line=line,
                message=f"review {evaluation.review_id} rejected by {', '.join(evaluation.rejecters)}",
            )
        ]
    invalid = [f"{d.file}: {d.reason}" for d in evaluation.decisions if not d.valid]
    invalid += [f"{who}: not an owner of this change" for who in evaluation.not_owners]
    detail = f"; not counted: {'; '.join(invalid)}" if invalid else ""
    if evaluation.owners:
        detail += "; owners who may approve: " + owners_text(evaluation)
    return [
        GateProblem(
            kind="review-not-approved",
            path=rel,
            line=line,
            message=f"review {evaluation.review_id}: {len(evaluation.approvers)} of {evaluation.required_approvals} "
            f"valid signed approvals{detail}",
        )
    ]


def idguard_file_problem(rel: str, data: bytes | None) -> str | None:
    """Why a changed file under `.idguard/` is not a record idguard knows, or None when it is one.

    The policy and the allowed signers are identity files that need review like any other; review records and
    signed decisions must parse strictly; local state is never committed; nothing else belongs there.
    """
    if rel in (".idguard/policy.toml", ".idguard/allowed_signers"):
        return None
    if rel.startswith(".idguard/state/"):
        return "local state (.idguard/state/) must never be committed: it holds the installation key"
    if rel == ".idguard/.gitignore":
        lines = [line.strip() for line in (data or b"").decode("utf-8", "replace").splitlines()]
        if all(not line or line.startswith("#") or line in ("state/", "/state/") for line in lines):
            return None
        return f"`.idguard/.gitignore` may only ignore state/ (expected: {STATE_GITIGNORE.splitlines()[-1]})"
    if data is None:
        return None  # a deleted record: the reviews it belonged to are judged without it
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError:
        return "not UTF-8 text"
    if match := _REVIEW_RECORD_PATH.match(rel):
        try:
            record = parse_review_record(text)
        except ValueError as exc:
            return str(exc)
        return None if record.id == match.group(1) else "the record names another review id than its file"
    if match := _DECISION_PATH.match(rel):
        if match.group(2):
            try:
                parse_signature(text)
            except SigningError as exc:
                return str(exc)
            return None
        try:
            decision = parse_approval(text)
        except ValueError as exc:
            return str(exc)
        return None if decision.review_id == match.group(1) else "the decision names another review than its folder"
    return "not a file idguard knows (policy.toml, allowed_signers, reviews/IGR-*.json, approvals/IGR-*/*.json[.sig])"


def check_in_process(code: str, path: str, policy: Policy, key: bytes) -> FileResult:
    return check_code(code, path=path, policy=policy, key=key)


def has_trust_anchors(root: Path, commit: str) -> bool:
    """Whether `commit` has any idguard trust anchor: allowed signers, a policy file or `[tool.idguard]`."""
    if git.show(root, commit, ".idguard/allowed_signers") is not None:
        return True
    if git.show(root, commit, ".idguard/policy.toml") is not None:
        return True
    pyproject = git.show(root, commit, "pyproject.toml")
    if pyproject is None:
        return False
    try:  # as the policy loader reads it: `[tool.idguard]`, `[tool]` with `idguard.x = ...`, inline tables
        return "idguard" in tomllib.loads(pyproject.decode("utf-8")).get("tool", {})
    except (UnicodeDecodeError, tomllib.TOMLDecodeError):
        return True  # unreadable: it may hold a policy, so no bootstrap (fail closed)


@contextmanager
def trust_snapshot(root: Path, commit: str) -> Iterator[Workspace]:
    """A throwaway workspace holding the trust commit's policy files (policy.toml, pyproject.toml, the
    detect-secrets baseline), so they are read exactly as a working tree's are."""
    with tempfile.TemporaryDirectory(prefix="idguard-trust-policy-") as tmp:
        snapshot = Path(tmp)
        for rel in _TRUST_FILES:
            _copy_at(root, commit, rel, snapshot)
        # What the policy names inside the repository is read at the trust commit too: CODEOWNERS (never the
        # change's, which could make its author an owner) and a floor file kept in the repository.
        for rel in (*CODEOWNERS_FILES, *_named_paths(Workspace(snapshot))):
            _copy_at(root, commit, rel, snapshot)
        yield Workspace(snapshot)


def _copy_at(root: Path, commit: str, rel: str, snapshot: Path) -> None:
    data = git.show(root, commit, rel)
    if data is not None:
        (snapshot / rel).parent.mkdir(parents=True, exist_ok=True)
        (snapshot / rel).write_bytes(data)


def _named_paths(snapshot: Workspace) -> list[str]:
    """Repository files a policy names: `[owners] codeowners = "<path>"`, and a floor path inside it."""
    from ..org_policy import floor_spec, relative_in_repository

    try:
        data, _ = policy_file_data(snapshot)
    except PolicyError:
        return []  # the loader reports it
    data = data if isinstance(data, dict) else {}
    owners = data.get("owners")
    org = data.get("org")
    named = []
    codeowners = owners.get("codeowners") if isinstance(owners, dict) else None
    if isinstance(codeowners, str) and relative_in_repository(codeowners):
        named.append(codeowners)
    written = org.get("policy") if isinstance(org, dict) else None
    spec = floor_spec(written if isinstance(written, str) else "", "")
    inside = relative_in_repository(spec[0]) if spec else None
    if inside:
        named.append(inside)
    return named


def trust_policy(root: Path, commit: str) -> tuple[EffectivePolicy, str]:
    """The policy as the trust commit defines it (`.idguard/policy.toml` or `[tool.idguard]`, merged with its
    org floor), and its source."""
    with trust_snapshot(root, commit) as snapshot_workspace:
        snapshot = snapshot_workspace.root
        source = policy_source(snapshot_workspace)
        try:
            policy = load_effective_policy(snapshot_workspace, origin=root)
        except PolicyError as exc:
            raise PolicyError(str(exc).replace(f"{snapshot}/", f"{commit[:12]}:")) from None
        shown = (
            f"{commit[:12]}:{source.relative_to(snapshot).as_posix()}"
            if source
            else f"defaults (none at {commit[:12]})"
        )
        return policy, shown


def run_gate(
    workspace: Workspace,
    policy: Policy | EffectivePolicy | None = None,
    base: str | None = None,
    *,
    trust_ref: str | None = None,
    trust_worktree_signers: bool = False,
    bootstrap: bool = False,
    authors: list[str] | None = None,
    coverage: Coverage | None = None,
    check: Checker = check_in_process,
    jobs: int = 1,
) -> GateResult:
    """Gate the changes since `base`; `check` runs the engine (the CLI passes its worker pool), `jobs` at a time.

    `policy` None means the trust commit's policy: a change cannot relax the rules it is judged by.
    `bootstrap` adopts idguard through a pull request: while the trust commit has no trust anchors at all
    (no allowed_signers, no policy), the working tree's are used; once it has any, the flag changes nothing.
    """
    root = workspace.root
    resolved = git.resolve_base(root, base, trust_ref)
    bootstrap_note: str | None = None
    bootstrapped = False
    if bootstrap:
        if has_trust_anchors(root, resolved.trust_commit):
            bootstrap_note = (
                f"not applied: {resolved.trust_ref} ({resolved.trust_commit[:12]}) has its own trust anchors"
            )
        else:
            bootstrap_note = (
                f"applied: {resolved.trust_ref} ({resolved.trust_commit[:12]}) has no idguard set-up yet, so this "
                "change's own allowed_signers and policy are used (adoption)"
            )
            bootstrapped = trust_worktree_signers = True
    effective: EffectivePolicy | None = None
    given_effective = isinstance(policy, EffectivePolicy)
    if isinstance(policy, EffectivePolicy):  # --trust-worktree-policy: still merged with, and judged by, its floor
        effective, policy = policy, policy.policy
    if policy is None and bootstrapped:
        # Adoption: the change's own policy, merged with the floor it names (or IDGUARD_ORG_POLICY) all the same.
        effective = load_effective_policy(workspace)
        policy = effective.policy
    if policy is None:
        effective, policy_shown = trust_policy(root, resolved.trust_commit)
        policy = effective.policy
    elif bootstrapped:
        policy_shown = "working tree (--bootstrap)"
    else:
        policy_shown = "working tree (--trust-worktree-policy)"
    key = workspace.fingerprint_key()
    attributes = git.show(root, resolved.trust_commit, ".gitattributes")
    rules = BinaryRules((attributes or b"").decode("utf-8", "replace"))
    files: list[GateFile] = []
    skipped: list[SkippedFile] = []
    texts: dict[str, str] = {}
    base_texts: dict[str, str | None] = {}
    # Deleted files are checked as they were at the base: that is the content the deletion removes.
    deleted = set(git.deleted_files(root, resolved.commit))
    changed = sorted(set(git.changed_files(root, resolved.commit)) | deleted)
    base_blobs = git.blobs_at(root, resolved.commit, changed)
    for rel in changed:
        if rel.startswith(".idguard/") and rel not in (".idguard/policy.toml", ".idguard/allowed_signers"):
            data = None if rel in deleted else _read_bytes(root / rel)
            problem = idguard_file_problem(rel, data)
            if problem is not None:
                files.append(
                    GateFile(
                        path=rel,
                        outcome="fail",
                        needs_review=True,
                        deleted=rel in deleted,
                        review_reasons=["under .idguard/"],
                        problems=[GateProblem(kind="invalid-idguard-file", path=rel, message=problem)],
                    )
                )
            continue
        try:
            if rel in deleted:
                texts[rel] = _decoded(base_blobs.get(rel), rel, policy, rules, resolved.commit)
            else:
                texts[rel] = read_text(root / rel, policy.limits.max_file_bytes, rel, rules)
                try:
                    base_texts[rel] = _decoded(base_blobs.get(rel), rel, policy, rules, resolved.commit)
                except InputError:
                    base_texts[rel] = None  # absent or not text at the base
        except BinaryFile as exc:
            if path_forces_identity(rel, policy):
                files.append(_unreadable(rel, rel in deleted, f"{exc} on an identity path: idguard cannot review it"))
            else:
                skipped.append(SkippedFile(path=rel, reason=str(exc)))
        except InputError as exc:
            files.append(_unreadable(rel, rel in deleted, f"cannot check: {exc}"))
    with ThreadPoolExecutor(max_workers=max(1, jobs)) as threads:
        results = dict(zip(texts, threads.map(lambda rel: check(texts[rel], rel, policy, key), texts), strict=False))
    platform = platform_authors(authors)
    repository = git.repository_identity(root, policy.repository)
    with tempfile.TemporaryDirectory(prefix="idguard-gate-") as tmp:
        if trust_worktree_signers:
            flag = "--bootstrap" if bootstrapped else "--trust-worktree-signers"
            signers, source = workspace.allowed_signers, f"working tree ({flag})"
        else:
            signers = Path(tmp) / "allowed_signers"
            data = git.show(root, resolved.trust_commit, ".idguard/allowed_signers")
            signers.write_bytes(data or b"")
            source = (
                f"{resolved.trust_commit[:12]}:.idguard/allowed_signers"
                if data is not None
                else f"none at {resolved.trust_commit[:12]} (no approval can count)"
            )
        ctx = GateContext(workspace, policy, resolved, signers, platform, repository, coverage)
        ctx.base_blobs = base_blobs
        for rel, text in texts.items():
            if rel in deleted:
                files.append(_evaluate_deletion(ctx, rel, text, results[rel]))
            else:
                files.append(_evaluate_file(ctx, rel, text, results[rel], base_texts.get(rel)))
    files.sort(key=lambda f: f.path)
    policy_problems = (
        []
        if effective is None
        else _floor_problems(workspace, effective, [], "this change's policy (--bootstrap)")
        if bootstrapped and not given_effective
        else _floor_problems(workspace, effective, [], "the working tree's policy (--trust-worktree-policy)")
        if given_effective
        else _floor_problems(workspace, effective, changed)
    )
    return GateResult(
        base_ref=resolved.ref,
        base_commit=resolved.commit,
        trust_ref=resolved.trust_ref,
        trust_commit=resolved.trust_commit,
        repository=repository,
        allowed_signers=source,
        policy=policy_shown,
        bootstrap=bootstrap_note,
        profile=policy.profile,
        floor=effective.floor.summary() if effective is not None and effective.floor is not None else None,
        policy_problems=policy_problems,
        passed=all(f.outcome == "pass" for f in files) and not policy_problems,
        files=files,
        skipped=skipped,
    )


def _floor_problems(
    workspace: Workspace, effective: EffectivePolicy, changed: list[str], whose: str = "trust ref's policy"
) -> list[GateProblem]:
    """The trust policy loosening its org floor, and this change's policy loosening it (judged against the same
    floor: a change cannot pick a friendlier one, nor drop the one the trust ref names)."""
    if effective.floor is None:
        return []
    shown = effective.file.name if effective.file else ".idguard/policy.toml"
    rel = ".idguard/policy.toml" if shown == "policy.toml" else shown
    problems = [
        GateProblem(kind="policy-loosens-floor", path=rel, message=f"{whose}: {loosening.message()}")
        for loosening in effective.loosenings
    ]
    if not set(changed) & set(_TRUST_FILES):
        return problems
    floor = effective.floor
    try:
        proposed = load_effective_policy(workspace, floor=(effective.floor_raw, floor))
        _, proposed_file = policy_file_data(workspace)
    except PolicyError as exc:
        return [*problems, GateProblem(kind="policy-loosens-floor", path=rel, message=f"this change's policy: {exc}")]
    where = proposed_file.relative_to(workspace.root).as_posix() if proposed_file else rel
    problems += [
        GateProblem(kind="policy-loosens-floor", path=where, message=f"this change's policy: {loosening.message()}")
        for loosening in proposed.loosenings
    ]
    if floor.named_by.startswith("[org]") and proposed.repository.org.policy.strip() != floor.spec:
        problems.append(
            GateProblem(
                kind="policy-loosens-floor",
                path=where,
                message=f"org.policy: this change's policy names {proposed.repository.org.policy.strip() or 'no floor'}"
                f" instead of the trust ref's floor {floor.summary()['spec']}; the trust ref's floor applies",
            )
        )
    return problems


def _read_bytes(path: Path) -> bytes | None:
    try:
        return path.read_bytes()
    except OSError:
        return None


def _decoded(data: bytes | None, rel: str, policy: Policy, rules: BinaryRules, commit: str) -> str:
    """A base blob as text, read as `files.read_text` reads a file; InputError when absent or unreadable."""
    if data is None:
        raise InputError(f"not readable at {commit[:12]}")
    return decode_text(data, policy.limits.max_file_bytes, rel, rules)


def _unreadable(rel: str, deleted: bool, message: str) -> GateFile:
    return GateFile(
        path=rel,
        outcome="fail",
        needs_review=True,
        deleted=deleted,
        review_reasons=["unreadable"],
        problems=[GateProblem(kind="unreadable", path=rel, message=message)],
    )
