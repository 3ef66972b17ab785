"""Who authored a change, from what can be verified, and the transition a decision must be bound to.

An author is never taken from data the change itself carries: the review record's `author` and a commit's
`%ae` are free text the author (or their assistant) can write. The gate establishes authors from

- the CI platform: `--author` (repeatable; e.g. GitLab's `$GITLAB_USER_LOGIN`, Jenkins' `$CHANGE_AUTHOR`),
  and on GitHub Actions the pull request's author from the event payload (`$GITHUB_EVENT_PATH`);
- verified commit signatures: each commit that changed the file, signed by a key the trusted allowed
  signers list, makes that key and every principal listed for it an author;
- and, only as extra exclusions, the review record's author and the commits' author and committer e-mails.

An approver is refused when any identity listed for their key is among the authors, or when their key signed
a commit of the change. List each reviewer's platform login beside their e-mail in allowed_signers
(`ana@example.com,github:ana ssh-ed25519 ...`) so a platform-reported author matches their key.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass, field
from pathlib import Path

from idguard.guards.policy import Policy

from .. import git
from ..workspace import Workspace
from . import signing
from .approvals import ReviewEvaluation, Transition, evaluate, identities_of
from .store import ReviewRecord, ReviewState, ReviewStore


@dataclass
class ChangeAuthors:
    identities: frozenset[str] = frozenset()
    keys: frozenset[str] = frozenset()
    sources: list[str] = field(default_factory=list)
    unsigned_commits: list[str] = field(default_factory=list)  # commits of the change with no good signature


def platform_authors(explicit: list[str] | None = None) -> tuple[list[str], list[str]]:
    """(identities, where they came from) as the CI platform reports the change's author."""
    identities, sources = list(explicit or ()), ["--author"] if explicit else []
    event_path = os.environ.get("GITHUB_EVENT_PATH")
    if os.environ.get("GITHUB_ACTIONS") == "true" and event_path:
        try:
            event = json.loads(Path(event_path).read_text(encoding="utf-8"))
        except (OSError, ValueError, UnicodeDecodeError):
            event = None
        login = (
            ((event or {}).get("pull_request") or {}).get("user", {}).get("login") if isinstance(event, dict) else None
        )
        if isinstance(login, str) and login:
            identities += [f"github:{login}", login]
            sources.append("GitHub pull request author")
    return identities, sources


def change_authors(
    commits: list[git.CommitAuthorship],
    signers: Path | None,
    platform: list[str],
    platform_sources: list[str],
    record_author: str | None,
) -> ChangeAuthors:
    """The authors of a change made by `commits` (those since the base that touched the file), verified where
    git could verify them (`git.commits_by_path` checks the signatures against `signers`)."""
    identities = set(identities_of(platform))
    keys: set[str] = set()
    sources = list(platform_sources)
    unsigned: list[str] = []
    for commit in commits:
        identities |= identities_of([commit.author_email, commit.committer_email])
        if commit.verified and commit.signer_fingerprint:
            keys.add(commit.signer_fingerprint)
            if signers is not None:
                identities |= identities_of(signing.principals_for_fingerprint(signers, commit.signer_fingerprint))
            if "signed commits" not in sources:
                sources.append("signed commits")
        else:
            unsigned.append(commit.commit)
    if record_author:
        identities |= identities_of([record_author])
    if not any(s in sources for s in ("--author", "GitHub pull request author", "signed commits")):
        sources.append(
            "commit e-mails and the review record only (unverified: pass --author or require signed commits)"
        )
    return ChangeAuthors(frozenset(identities), frozenset(keys), sources, unsigned)


def transition_for(
    policy: Policy, record: ReviewRecord, repository: str, base_sha256: str | None, authors: ChangeAuthors
) -> Transition:
    return Transition(
        review_sha256=record.record_sha256(),
        repository=repository,
        base_sha256=base_sha256,
        authors=authors.identities,
        author_keys=authors.keys,
        max_age_days=policy.review.approval_max_age_days,
        require_security_key=policy.review.require_security_key,
        require_user_verification=policy.review.require_user_verification,
    )


def local_transition(
    workspace: Workspace, record: ReviewRecord, policy: Policy, base_ref: str | None = None, signers: Path | None = None
) -> tuple[Transition, str | None]:
    """The transition as this machine sees it (review views, the approve command): the base from the default
    branch (or `base_ref`), authors from the record and the commits since that base. Returns the transition and
    why the base could not be established (None when it was)."""
    repository = git.repository_identity(workspace.root, policy.repository)
    try:
        base = git.resolve_base(workspace.root, base_ref)
    except git.GitError as exc:
        authors = ChangeAuthors(identities_of([record.author.email or ""]))
        return transition_for(policy, record, repository, None, authors), str(exc)
    signers = signers or workspace.allowed_signers
    commits = git.commits_by_path(workspace.root, base.commit, signers).get(record.path, [])
    authors = change_authors(commits, signers, [], [], record.author.email)
    base_sha = git.content_hash_at(workspace.root, base.commit, record.path, policy.limits.max_file_bytes)
    return transition_for(policy, record, repository, base_sha, authors), None


def evaluate_review(
    workspace: Workspace,
    record: ReviewRecord,
    policy: Policy,
    allowed_signers: Path | None = None,
    base_ref: str | None = None,
) -> ReviewEvaluation:
    """The full local evaluation of a review (state, required approvals, each decision checked). The gate
    evaluates with the authors and base it establishes itself."""
    signers = allowed_signers or workspace.allowed_signers
    transition, _ = local_transition(workspace, record, policy, base_ref, signers)
    return evaluate(
        workspace,
        review_id=record.id,
        path=record.path,
        content_sha256=record.content_sha256,
        categories=record.categories,
        current_sha256=ReviewStore(workspace).current_sha(record),
        policy=policy,
        transition=transition,
        allowed_signers=signers,
    )


def review_state(workspace: Workspace, record: ReviewRecord, policy: Policy) -> ReviewState:
    """`stale` when the file no longer hashes to the record, `rejected` on a valid signed rejection,
    `approved` with enough valid signed approvals by allowed signers other than the authors, else `pending`."""
    return evaluate_review(workspace, record, policy).state
