"""The workspace idguard acts on: its root, its `.idguard/` folder and local state.

Committed (CI verifies them): `.idguard/policy.toml`, `.idguard/allowed_signers`,
`.idguard/reviews/`, `.idguard/approvals/`. Local and git-ignored:
`.idguard/state/` (the fingerprint key, the audit database).
"""

from __future__ import annotations

import os
import secrets
import subprocess
from dataclasses import dataclass
from pathlib import Path

STATE_GITIGNORE = "# idguard local state: never commit\nstate/\n"


class WorkspaceError(Exception):
    """A problem with the workspace the user can fix (message says how)."""


NOT_A_REPOSITORY = (
    "{folder} is not inside a git repository: run idguard in a repository "
    "(`git init`, then `idguard init`), or set IDGUARD_WORKSPACE"
)


def is_workspace(root: Path) -> bool:
    """A git work tree, a folder `idguard init` set up, or the folder IDGUARD_WORKSPACE names."""
    env = os.environ.get("IDGUARD_WORKSPACE")
    return (root / ".git").exists() or (root / ".idguard").is_dir() or bool(env and Path(env).resolve() == root)


def find_root(start: Path | None = None) -> Path:
    """`IDGUARD_WORKSPACE`, else the git top level above `start`, else `start`."""
    env = os.environ.get("IDGUARD_WORKSPACE")
    if env:
        return Path(env).resolve()
    start = (start or Path.cwd()).resolve()
    for candidate in (start, *start.parents):
        if (candidate / ".git").exists() or (candidate / ".idguard").is_dir():
            return candidate
    return start


@dataclass(frozen=True)
class Workspace:
    root: Path

    @classmethod
    def discover(cls, start: Path | None = None) -> Workspace:
        """The workspace around `start` (default: the current folder); WorkspaceError outside any repository,
        so no command adopts or creates a `.idguard/` in an arbitrary folder (a home folder, a download)."""
        root = find_root(start)
        if not is_workspace(root):
            raise WorkspaceError(NOT_A_REPOSITORY.format(folder=root))
        return cls(root)

    @classmethod
    def for_reading(cls, start: Path | None = None) -> Workspace:
        """The folder whose policy applies, repository or not: for commands that only read
        (`check`, `redact`), which must work on any code and never create `.idguard/`."""
        return cls(find_root(start))

    @property
    def dir(self) -> Path:
        return self.root / ".idguard"

    @property
    def initialised(self) -> bool:
        """Whether `.idguard/` exists: read-only commands keep state (audit, key) only then."""
        return self.dir.is_dir()

    @property
    def state_dir(self) -> Path:
        return self.dir / "state"

    @property
    def reviews_dir(self) -> Path:
        return self.dir / "reviews"

    @property
    def approvals_dir(self) -> Path:
        return self.dir / "approvals"

    @property
    def allowed_signers(self) -> Path:
        return self.dir / "allowed_signers"

    @property
    def audit_db(self) -> Path:
        return self.state_dir / "audit.sqlite3"

    def ensure_state_dir(self) -> Path:
        try:
            self.state_dir.mkdir(parents=True, exist_ok=True)
            ignore = self.dir / ".gitignore"
            if not ignore.exists():
                ignore.write_text(STATE_GITIGNORE, encoding="utf-8")
        except OSError as exc:
            raise WorkspaceError(f"cannot create {self.state_dir}: {exc.strerror}") from None
        return self.state_dir

    def fingerprint_key(self) -> bytes:
        """The per-installation HMAC key for secret fingerprints (created on first use, mode 0600)."""
        path = self.ensure_state_dir() / "fingerprint.key"
        try:
            return bytes.fromhex(path.read_text(encoding="ascii").strip())
        except FileNotFoundError:
            pass
        except (ValueError, OSError) as exc:
            raise WorkspaceError(
                f"{path} is unreadable or corrupt ({type(exc).__name__}); delete it to make a new key"
            ) from None
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "w", encoding="ascii") as handle:
            handle.write(key.hex())
        return key

    def relative(self, path: str | Path) -> str:
        """`path` relative to the root, refusing anything outside it (`..`, symlinks), the root itself and NUL."""
        if "\0" in str(path):
            raise WorkspaceError("path contains a NUL character")
        candidate = Path(path)
        if not candidate.is_absolute():
            candidate = self.root / candidate
        resolved = candidate.resolve()
        try:
            relative = resolved.relative_to(self.root.resolve()).as_posix()
        except ValueError:
            # Not quoted: the assistant chooses the path, and it may carry anything, a secret included.
            raise WorkspaceError(
                f"the path is outside the workspace {self.root} (`..` or a symlink leaving it)"
            ) from None
        if relative == ".":
            raise WorkspaceError("path names the workspace root, not a file")
        return relative

    def git_user_email(self) -> str | None:
        try:
            out = subprocess.run(
                ["git", "config", "user.email"], cwd=self.root, capture_output=True, text=True, timeout=5
            )
        except (OSError, subprocess.TimeoutExpired):
            return None
        email = out.stdout.strip()
        return email or None
