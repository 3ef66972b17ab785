"""Helpers for the review, approval and gate tests: temporary git repositories with real SSH keys.

Keys are generated at test time with `ssh-keygen -t ed25519` (never committed)
and live outside the repository. The CLI runs in a subprocess with an
isolated HOME and git configuration, so nothing of the machine's leaks in.
"""

from __future__ import annotations

import os
import subprocess
import sys
from dataclasses import dataclass, field
from pathlib import Path

from idguard.server.reviews import Author
from idguard.server.service import guard_change
from idguard.server.state import ServerState

IDGUARD = str(Path(sys.executable).with_name("idguard"))

TOKEN_CODE = '''import os

import jwt


def read_token(token):
    return jwt.decode(token, os.environ["KEY"], algorithms=["RS256"], audience="api", issuer="https://idp")
'''

RBAC_CODE = '''def grant_role(actor, user, role):
    """Grant `role` to `user` when `actor` may grant it."""
    if role not in actor.grantable_roles():
        raise PermissionError("actor cannot grant this role")
    user.roles.add(role)
    user.permissions.update(role.permissions)
'''


def keygen(folder: Path, name: str) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    key = folder / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return key


def public_key(key: Path) -> str:
    return " ".join(Path(str(key) + ".pub").read_text().split()[:2])


def git(root: Path, *args: str) -> str:
    return subprocess.run(["git", *args], cwd=root, check=True, capture_output=True, text=True).stdout


@dataclass
class ReviewRepo:
    root: Path
    home: Path
    keys: dict[str, Path] = field(default_factory=dict)

    def env(self, email: str | None = None) -> dict[str, str]:
        env = dict(os.environ)
        env.pop("IDGUARD_WORKSPACE", None)
        env.update(HOME=str(self.home), GIT_CONFIG_NOSYSTEM="1", GIT_CONFIG_GLOBAL=str(self.home / "gitconfig"))
        if email is not None:
            # Who runs the command: git's identity for this process only.
            env.update(GIT_CONFIG_COUNT="1", GIT_CONFIG_KEY_0="user.email", GIT_CONFIG_VALUE_0=email)
        return env

    def idguard(self, *args: str, email: str | None = None, env: dict[str, str] | None = None) -> subprocess.CompletedProcess:
        return subprocess.run([IDGUARD, *args], cwd=self.root, capture_output=True, text=True,
                              env=env or self.env(email), timeout=120)

    def write(self, rel: str, text: str) -> Path:
        path = self.root / rel
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        return path

    def commit(self, message: str, *paths: str) -> None:
        git(self.root, "add", *(paths or (".",)))
        git(self.root, "commit", "-q", "-m", message)

    def guard_change(self, rel: str, content: str, intent: str = "test change"):
        """The core of the MCP tool `guard_change`; writes the tagged content like an assistant would."""
        state = ServerState.open(self.root, workers=1)
        try:
            result = guard_change(state, rel, content, intent,
                                  Author(client="pytest/1", email="author@example.com"), "mcp:pytest/1")
        finally:
            state.close()
        assert result.verdict == "review", result
        self.write(rel, result.tagged_content if result.tagged_content is not None else content)
        return result

    def approve(self, review_id: str, who: str, *extra: str, email: str | None = None) -> subprocess.CompletedProcess:
        return self.idguard("review", "approve", review_id, "--key", str(self.keys[who]), *extra,
                            email=email or f"{who}@example.com")


def make_repo(workspace: Path, tmp_path: Path, policy: str | None = None) -> ReviewRepo:
    """main: allowed signers (reviewer, reviewer2, author) and optional policy; then branch `feature`."""
    keys_dir = tmp_path / "keys"
    repo = ReviewRepo(root=workspace, home=tmp_path / "home")
    repo.home.mkdir()
    for who in ("reviewer", "reviewer2", "author", "outsider"):
        repo.keys[who] = keygen(keys_dir, who)
    signers = "".join(f"{who}@example.com {public_key(repo.keys[who])}\n" for who in ("reviewer", "reviewer2", "author"))
    repo.write(".idguard/allowed_signers", signers)
    repo.write("README.md", "demo\n")
    if policy is not None:
        repo.write(".idguard/policy.toml", policy)
    repo.write(".gitignore", ".idguard/state/\n")
    repo.commit("base")
    git(workspace, "checkout", "-q", "-b", "feature")
    return repo
