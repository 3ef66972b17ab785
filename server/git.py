"""The git questions idguard asks: which base a change is judged against, what a file was at a revision,
which repository this is, and who signed the commits of a change.

Every call runs the real `git` with a time limit and never a shell; failures are GitError with a one-line
reason (the gate fails closed on them).
"""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass
from pathlib import Path

from .files import BinaryRules, InputError, decode_text

DEFAULT_BRANCH_CANDIDATES = ("origin/HEAD", "main", "master", "origin/main", "origin/master")
ABSENT = "absent"  # the base hash of a file that did not exist at the base


class GitError(Exception):
    """git could not answer (not a repository, no such revision, git missing or hung)."""


def run(root: Path, *args: str, binary: bool = False, config: tuple[str, ...] = ()) -> subprocess.CompletedProcess:
    command = ["git"]
    for item in config:
        command += ["-c", item]
    try:
        return subprocess.run([*command, *args], cwd=root, capture_output=True, text=not binary, timeout=60)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git {args[0]} failed ({type(exc).__name__})") from None


def commit_of(root: Path, ref: str) -> str | None:
    out = run(root, "rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}")
    return out.stdout.strip() if out.returncode == 0 and out.stdout.strip() else None


@dataclass(frozen=True)
class Base:
    """What a change is judged against: the diff base (merge base with the target) and the trust commit (the
    target's tip, whose signers and policy apply: a branch never chooses its own trust anchors)."""

    ref: str
    commit: str  # merge base of HEAD and the target
    trust_commit: str  # the target ref's tip (or --trust-ref)
    trust_ref: str


def resolve_base(root: Path, ref: str | None, trust_ref: str | None = None) -> Base:
    """The merge base of HEAD with `ref` (or the default branch), and the trust commit (`trust_ref`, else the tip
    of the same ref)."""
    if commit_of(root, "HEAD") is None:
        raise GitError(f"{root} is not a git repository with commits; the gate compares against a base revision")
    candidates = [ref] if ref else list(DEFAULT_BRANCH_CANDIDATES)
    for candidate in candidates:
        tip = commit_of(root, candidate)
        if tip is None:
            continue
        merge_base = run(root, "merge-base", tip, "HEAD")
        commit = merge_base.stdout.strip() if merge_base.returncode == 0 and merge_base.stdout.strip() else tip
        if trust_ref is None:
            return Base(candidate, commit, tip, candidate)
        trusted = commit_of(root, trust_ref)
        if trusted is None:
            raise GitError(
                f"trust revision {trust_ref!r} not found (fetch it first, e.g. `git fetch origin {trust_ref}`)"
            )
        return Base(candidate, commit, trusted, trust_ref)
    if ref:
        raise GitError(f"base revision {ref!r} not found (fetch it first, e.g. `git fetch origin {ref}`)")
    raise GitError("no default branch found (origin/HEAD, main, master); pass --base REF")


def _paths(root: Path, base_commit: str, diff_filter: str) -> list[str]:
    out = run(root, "diff", "--name-only", "-z", "--no-renames", f"--diff-filter={diff_filter}", base_commit, "--")
    if out.returncode != 0:
        raise GitError(f"git diff against {base_commit[:12]} failed: {out.stderr.strip()[:200]}")
    return sorted(p for p in out.stdout.split("\0") if p)


def changed_files(root: Path, base_commit: str) -> list[str]:
    """Paths added, copied, modified, renamed or type-changed between the base and the working tree."""
    return _paths(root, base_commit, "ACMRT")


def deleted_files(root: Path, base_commit: str) -> list[str]:
    """Paths present at the base and deleted in the working tree (a rename counts as a deletion here)."""
    return _paths(root, base_commit, "D")


def show(root: Path, commit: str, rel: str) -> bytes | None:
    """The bytes of `rel` at `commit`, or None when it is not there."""
    out = run(root, "show", f"{commit}:{rel}", binary=True)
    return out.stdout if out.returncode == 0 else None


def text_at(root: Path, commit: str, rel: str, max_bytes: int, rules: BinaryRules | None = None) -> str:
    """The content of `rel` at `commit`, read as `files.read_text` reads a file; InputError when it cannot be."""
    data = show(root, commit, rel)
    if data is None:
        raise InputError(f"not readable at {commit[:12]}")
    return decode_text(data, max_bytes, rel, rules or BinaryRules())


def normalized_remote(url: str) -> str:
    """`host/owner/name` for any spelling of a remote URL (https, ssh, scp-like, with credentials or `.git`)."""
    url = url.strip()
    scp = re.match(r"^(?:[^@/]+@)?([^:/]+):(?!//)(.+)$", url)
    if scp and "://" not in url:
        host, path = scp.groups()
    else:
        match = re.match(r"^[a-z][a-z0-9+.\-]*://(?:[^@/]*@)?([^/:]+)(?::\d+)?/(.*)$", url, re.IGNORECASE)
        if match is None:
            return url.rstrip("/").removesuffix(".git")
        host, path = match.groups()
    return f"{host.lower()}/{path.strip('/').removesuffix('.git')}"


def origin_identity(root: Path) -> str:
    """The normalised URL of the `origin` remote, or "" when there is none."""
    try:
        out = run(root, "remote", "get-url", "origin")
    except GitError:
        return ""
    return normalized_remote(out.stdout) if out.returncode == 0 and out.stdout.strip() else ""


@dataclass(frozen=True)
class CommitAuthorship:
    """Who made one commit, as far as git can prove it."""

    commit: str
    signature: str  # %G?: G good, U good but unknown validity, N none, B bad, E cannot check, X/Y/R expired/revoked
    signer_fingerprint: str  # %GF, for a good signature
    author_email: str  # %ae: free text, never proof
    committer_email: str  # %ce: free text, never proof

    @property
    def verified(self) -> bool:
        return self.signature == "G"


def repository_identity(root: Path, configured: str) -> str:
    """The identity approvals are bound to: the policy's `repository`, else the origin remote's normalised URL."""
    return normalized_remote(configured) if configured.strip() else origin_identity(root)


def content_hash_at(root: Path, commit: str, rel: str, max_bytes: int) -> str:
    """The review hash (content without tag lines) of `rel` at `commit`; `absent` when it is not there."""
    from idguard.guards.tags import content_sha256, strip_tags

    if show(root, commit, rel) is None:
        return ABSENT
    try:
        return content_sha256(strip_tags(text_at(root, commit, rel, max_bytes)))
    except InputError:
        import hashlib

        return "bytes:" + hashlib.sha256(show(root, commit, rel) or b"").hexdigest()


def blobs_at(root: Path, commit: str, paths: list[str]) -> dict[str, bytes]:
    """The content at `commit` of each of `paths` that exists there, read with one `git cat-file --batch`."""
    wanted = [p for p in paths if "\n" not in p]
    if not wanted:
        return {}
    request = "".join(f"{commit}:{p}\n" for p in wanted).encode("utf-8", "surrogateescape")
    try:
        out = subprocess.run(["git", "cat-file", "--batch"], cwd=root, input=request, capture_output=True, timeout=300)
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise GitError(f"git cat-file failed ({type(exc).__name__})") from None
    if out.returncode != 0:
        raise GitError(f"git cat-file failed: {out.stderr.decode('utf-8', 'replace').strip()[:200]}")
    found: dict[str, bytes] = {}
    data, offset = out.stdout, 0
    for path in wanted:
        end = data.index(b"\n", offset)
        header = data[offset:end].split()
        offset = end + 1
        if len(header) == 3 and header[1] == b"blob":
            size = int(header[2])
            found[path] = data[offset : offset + size]
            offset += size + 1
        elif len(header) == 3:  # a tree or submodule at that path: not a file there
            offset += int(header[2]) + 1
    return found


def commits_by_path(root: Path, base_commit: str, allowed_signers: Path | None) -> dict[str, list[CommitAuthorship]]:
    """Every commit since the base, with its signature checked against `allowed_signers`, by the paths it
    changed: one `git log` for the whole change instead of one per file."""
    config = (f"gpg.ssh.allowedSignersFile={allowed_signers}",) if allowed_signers is not None else ()
    out = run(
        root,
        "log",
        "-z",
        "--name-only",
        "--no-renames",
        "--format=%x1e%H%x1f%G?%x1f%GF%x1f%ae%x1f%ce",
        f"{base_commit}..HEAD",
        config=config,
    )
    if out.returncode != 0:
        raise GitError(f"git log since {base_commit[:12]} failed: {out.stderr.strip()[:200]}")
    by_path: dict[str, list[CommitAuthorship]] = {}
    for record in out.stdout.split("\x1e"):
        header, _, names = record.partition("\0")
        fields = header.split("\x1f")
        if len(fields) != 5 or not fields[0]:
            continue
        fingerprint = fields[2].strip()
        if fingerprint and not fingerprint.startswith("SHA256:"):
            fingerprint = "SHA256:" + fingerprint
        commit = CommitAuthorship(
            fields[0].strip(), fields[1].strip(), fingerprint, fields[3].strip(), fields[4].strip()
        )
        for name in names.lstrip("\n").split("\0"):
            if name:
                by_path.setdefault(name, []).append(commit)
    return by_path
