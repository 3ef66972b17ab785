"""What an assistant's shell command did to the working tree: the hook's backstop for Bash.

A shell command cannot be judged by its text: globs, quotes, variables, `python -c`, heredocs, `cp` and `tee`
all write files that no pattern over the command line sees. So around every shell tool call the hook compares
effects:

- before the command (PreToolUse), a *snapshot*: the hash of every file git reports as changed or untracked,
  of every file under `.idguard/` (outside the local state), the audit log's head and the warm hook server's
  socket;
- after it (PostToolUse), the same again. Every file whose content changed is judged as if the assistant had
  written it with the Write tool (blocking findings, or identity code without a matching review tag, block);
  any change under `.idguard/`, a rewritten audit log or a replaced hook server blocks too. Claude Code and
  VS Code show the reason to the assistant (`decision: "block"`) and the audit log records it;
- when the assistant ends its turn (Stop), every file that differs from the base branch is checked the same way
  (cheaply: classification and review tags), so nothing untagged is left behind unmentioned, whatever made it.

The snapshot lives in the per-user runtime directory (0700), keyed by the tool call. A process running as the
same user can still tamper with it; a missing snapshot compares against git's HEAD instead. This is a
backstop that tells the assistant and the audit log, not a boundary: the CI gate is.
"""

from __future__ import annotations

import hashlib
import json
import os
import sqlite3
import subprocess
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

SNAPSHOT_DIR = "snapshots"
SNAPSHOT_MAX_AGE_SECONDS = 24 * 3600
STATE_PREFIX = ".idguard/state/"
MAX_FILES_JUDGED = 200


@dataclass
class Snapshot:
    files: dict[str, str | None] = field(default_factory=dict)  # path -> sha256 (None: absent)
    idguard: dict[str, str] = field(default_factory=dict)
    audit_head: tuple[int, str] | None = None
    server: list[Any] | None = None  # (socket inode, lock holder) of the warm hook server, when one runs
    head: str | None = None  # the commit HEAD pointed at

    def to_json(self) -> str:
        return json.dumps(
            {
                "files": self.files,
                "idguard": self.idguard,
                "audit_head": self.audit_head,
                "server": self.server,
                "head": self.head,
            }
        )

    @classmethod
    def from_json(cls, text: str) -> Snapshot:
        data = json.loads(text)
        head = data.get("audit_head")
        return cls(
            dict(data.get("files") or {}),
            dict(data.get("idguard") or {}),
            tuple(head) if head else None,
            data.get("server"),
            data.get("head"),
        )


def _hash_file(path: Path) -> str | None:
    try:
        with path.open("rb") as handle:
            return hashlib.file_digest(handle, "sha256").hexdigest()
    except (FileNotFoundError, IsADirectoryError, NotADirectoryError):
        return None
    except OSError:
        return "unreadable"


def _git_lines(root: Path, *args: str) -> list[str] | None:
    try:
        out = subprocess.run(["git", *args], cwd=root, capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    return [p for p in out.stdout.decode("utf-8", "surrogateescape").split("\0") if p]


def dirty_paths(root: Path) -> list[str]:
    """Files git reports as changed, staged or untracked (not ignored), relative to `root`."""
    entries = _git_lines(root, "status", "--porcelain=v1", "-z", "--untracked-files=all", "--no-renames") or []
    return sorted({entry[3:] for entry in entries if len(entry) > 3})


def idguard_files(root: Path) -> dict[str, str]:
    """Hash of every file under `.idguard/` except the local state the hook itself writes."""
    folder = root / ".idguard"
    found: dict[str, str] = {}
    if not folder.is_dir():
        return found
    for directory, subfolders, files in os.walk(folder):
        rel_dir = Path(directory).relative_to(root).as_posix()
        subfolders[:] = [d for d in subfolders if not f"{rel_dir}/{d}/".startswith(STATE_PREFIX)]
        for name in files:
            rel = f"{rel_dir}/{name}"
            found[rel] = _hash_file(root / rel) or "absent"
    return found


def take_snapshot(root: Path, audit_head: tuple[int, str] | None, server: list[Any] | None) -> Snapshot:
    return Snapshot(
        {rel: _hash_file(root / rel) for rel in dirty_paths(root)},
        idguard_files(root),
        audit_head,
        server,
        head_commit(root),
    )


def snapshot_path(runtime_dir: str, root: Path, session: str, tool_use: str) -> str:
    key = hashlib.sha256(f"{root}\0{session}\0{tool_use}".encode("utf-8", "surrogateescape")).hexdigest()[:32]
    return os.path.join(runtime_dir, SNAPSHOT_DIR, key + ".json")


def save_snapshot(path: str, snapshot: Snapshot) -> None:
    folder = os.path.dirname(path)
    os.makedirs(folder, mode=0o700, exist_ok=True)
    _prune(folder)
    tmp = f"{path}.{os.getpid()}.tmp"
    with open(os.open(tmp, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600), "w", encoding="utf-8") as handle:
        handle.write(snapshot.to_json())
    os.replace(tmp, path)


def pop_snapshot(path: str) -> Snapshot | None:
    """The snapshot taken before the command, removed once read; None when there is none (or it is damaged)."""
    try:
        with open(path, encoding="utf-8") as handle:
            text = handle.read()
        os.unlink(path)
        return Snapshot.from_json(text)
    except (OSError, ValueError, TypeError):
        return None


def _prune(folder: str) -> None:
    cutoff = time.time() - SNAPSHOT_MAX_AGE_SECONDS
    try:
        for entry in os.scandir(folder):
            if entry.stat().st_mtime < cutoff:
                os.unlink(entry.path)
    except OSError:
        return


@dataclass
class Effects:
    """What changed between the snapshot and now."""

    files: list[str]  # workspace files whose content changed (created, edited, deleted or committed)
    idguard: list[str]  # files under .idguard/ (not the local state) that changed
    snapshot_missing: bool


def head_commit(root: Path) -> str | None:
    lines = _git_lines(root, "rev-parse", "--verify", "-q", "HEAD")
    return lines[0].strip() if lines else None


def effects_since(root: Path, before: Snapshot | None) -> Effects:
    """Changes since `before`; without a snapshot, every file that differs from HEAD counts as changed.

    A file is judged by what it holds now: one that git lists now with another hash than before (or that it
    did not list before) changed; one committed by the command shows in the diff between the two HEADs.
    """
    now_dirty = {rel: _hash_file(root / rel) for rel in dirty_paths(root)}
    now_idguard = idguard_files(root)
    if before is None:
        return Effects(
            sorted(r for r in now_dirty if not r.startswith(".idguard/")),
            sorted(r for r in now_dirty if r.startswith(".idguard/") and not r.startswith(STATE_PREFIX)),
            True,
        )
    changed = {
        rel
        for rel, digest in now_dirty.items()
        if not rel.startswith(".idguard/") and (rel not in before.files or before.files[rel] != digest)
    }
    old_head, new_head = before.head, head_commit(root)
    if old_head and new_head and old_head != new_head:
        committed = _git_lines(root, "diff", "--name-only", "-z", "--no-renames", old_head, new_head, "--") or []
        changed |= {rel for rel in committed if not rel.startswith(".idguard/")}
        now_idguard = {
            **now_idguard,
            **{
                rel: f"committed:{new_head}"
                for rel in committed
                if rel.startswith(".idguard/") and not rel.startswith(STATE_PREFIX)
            },
        }
    idguard_changed = sorted(
        rel for rel in set(now_idguard) | set(before.idguard) if now_idguard.get(rel) != before.idguard.get(rel)
    )
    return Effects(sorted(changed), idguard_changed, False)


def committed_text(root: Path, rel: str, revision: str = "HEAD") -> str | None:
    """`rel` as committed at `revision` (None when it is not there or not text)."""
    try:
        out = subprocess.run(["git", "show", f"{revision}:{rel}"], cwd=root, capture_output=True, timeout=30)
    except (OSError, subprocess.TimeoutExpired):
        return None
    if out.returncode != 0:
        return None
    try:
        return out.stdout.decode("utf-8")
    except UnicodeDecodeError:
        return None


def changed_since_base(root: Path) -> tuple[list[str], str]:
    """Files that differ between the base branch (the merge base with the default branch) and the working tree,
    plus untracked files, and the revision they are compared with (HEAD when there is no base branch)."""
    from ..git import GitError, resolve_base

    changed = set(dirty_paths(root))
    try:
        base = resolve_base(root, None)
    except GitError:
        return sorted(changed), "HEAD"
    if base.commit != head_commit(root):
        changed |= set(_git_lines(root, "diff", "--name-only", "-z", "--no-renames", base.commit, "--") or [])
    return sorted(changed), base.commit


def _audit_db(root: Path) -> Path:
    return root / ".idguard" / "state" / "audit.sqlite3"


def audit_state(root: Path, upto: int | None = None) -> tuple[int, str] | None:
    """(last seq, digest of every stored row up to it) of the audit log, read directly with sqlite3 (no audit or
    pydantic import); None without a log. Any edit, deletion or re-chaining of an entry up to `upto` changes the
    digest, whatever key was used."""
    db = _audit_db(root)
    if not db.exists():
        return None
    try:
        conn = sqlite3.connect(f"file:{db}?mode=ro", uri=True, timeout=5)
        try:
            if upto is None:
                row = conn.execute("SELECT MAX(seq) FROM audit").fetchone()
                upto = int(row[0] or 0)
            digest = hashlib.sha256()
            for row in conn.execute(
                "SELECT seq, ts, event, actor, path, review_id, data, prev_hash, hash FROM audit "
                "WHERE seq <= ? ORDER BY seq",
                (upto,),
            ):
                digest.update(json.dumps(row, separators=(",", ":")).encode("utf-8", "surrogatepass"))
        finally:
            conn.close()
    except sqlite3.Error:
        return None
    return upto, digest.hexdigest()
