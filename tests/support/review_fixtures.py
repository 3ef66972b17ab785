"""Helpers for the review, approval and gate tests: temporary git repositories with real SSH keys.

Keys are generated at test time with `ssh-keygen -t ed25519` (never committed)
and live outside the repository. The CLI runs in a subprocess with an
isolated HOME and git configuration, so nothing of the machine's leaks in.
"""

from __future__ import annotations

import os
import select
import subprocess
import sys
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from pathlib import Path

from idguard.server.mcp.service import guard_change
from idguard.server.mcp.state import ServerState
from idguard.server.review.store import Author

IDGUARD = str(Path(sys.executable).with_name("idguard"))
# What assistants set in the commands they run: never inherited by a test's "human" subprocess.
ASSISTANT_VARIABLES = (
    "CLAUDECODE",
    "CLAUDE_CODE_ENTRYPOINT",
    "VSCODE_AGENT",
    "CURSOR_AGENT",
    "GEMINI_CLI",
    "CODEX_SANDBOX",
    "AUGMENT_AGENT",
    "CLINE_ACTIVE",
    "OPENCODE_CLIENT",
    "TRAE_AI_SHELL_ID",
    "AGENT",
    "AI_AGENT",
)


def run_in_terminal(
    argv: list[str], cwd: Path, env: dict[str, str], timeout: float = 120
) -> subprocess.CompletedProcess:
    """Run a command as a person at a terminal does: stdin and stdout on a fresh pseudo-terminal that is the
    process's controlling terminal (stderr on a pipe, so tests read it apart)."""
    import fcntl
    import termios

    master, slave = os.openpty()

    def take_terminal() -> None:
        fcntl.ioctl(0, termios.TIOCSCTTY, 0)

    proc = subprocess.Popen(
        argv,
        cwd=cwd,
        env=env,
        stdin=slave,
        stdout=slave,
        stderr=subprocess.PIPE,
        start_new_session=True,
        preexec_fn=take_terminal,
    )
    os.close(slave)
    chunks = []
    deadline = datetime.now() + timedelta(seconds=timeout)
    while True:
        ready, _, _ = select.select([master], [], [], 0.5)
        if ready:
            try:
                chunk = os.read(master, 65536)
            except OSError:  # EIO: the last holder of the terminal has exited
                break
            if not chunk:
                break
            chunks.append(chunk)
        elif proc.poll() is not None or datetime.now() > deadline:
            break
    os.close(master)
    stderr = proc.stderr.read().decode() if proc.stderr else ""
    proc.wait(timeout=10)
    stdout = b"".join(chunks).decode(errors="replace").replace("\r\n", "\n")
    return subprocess.CompletedProcess(argv, proc.returncode, stdout, stderr)


TOKEN_CODE = """import os

import jwt


def read_token(token):
    return jwt.decode(token, os.environ["KEY"], algorithms=["RS256"], audience="api", issuer="https://idp")
"""

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
        env = {k: v for k, v in os.environ.items() if k not in ASSISTANT_VARIABLES}
        env.pop("IDGUARD_WORKSPACE", None)
        env.update(
            HOME=str(self.home),
            GIT_CONFIG_NOSYSTEM="1",
            GIT_CONFIG_GLOBAL=str(self.home / "gitconfig"),
            IDGUARD_HOOK_SOCKET_DIR=str(self.home / "run"),
        )
        if email is not None:
            # Who runs the command: git's identity for this process only.
            env.update(GIT_CONFIG_COUNT="1", GIT_CONFIG_KEY_0="user.email", GIT_CONFIG_VALUE_0=email)
        return env

    def idguard(
        self, *args: str, email: str | None = None, env: dict[str, str] | None = None, terminal: bool | None = None
    ) -> subprocess.CompletedProcess:
        """The real CLI in a subprocess; decisions (review approve|reject) run at a terminal, as a person runs them."""
        if terminal is None:
            terminal = args[:1] == ("review",) and args[1:2] in (("approve",), ("reject",))
        if terminal:
            return run_in_terminal([IDGUARD, *args], self.root, env or self.env(email))
        return subprocess.run(
            [IDGUARD, *args], cwd=self.root, capture_output=True, text=True, env=env or self.env(email), timeout=120
        )

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
            result = guard_change(
                state, rel, content, intent, Author(client="pytest/1", email="author@example.com"), "mcp:pytest/1"
            )
        finally:
            state.close()
        assert result.verdict == "review", result
        self.write(rel, result.tagged_content if result.tagged_content is not None else content)
        return result

    def approve(self, review_id: str, who: str, *extra: str, email: str | None = None) -> subprocess.CompletedProcess:
        return self.idguard(
            "review", "approve", review_id, "--key", str(self.keys[who]), *extra, email=email or f"{who}@example.com"
        )


def decision_for(
    repo: ReviewRepo,
    review_id: str,
    reviewer: str,
    key: Path,
    *,
    base: str = "main",
    decision: str = "approve",
    **overrides,
):
    """A decision record as `review approve` would build it for `reviewer` (for tests that forge or craft one)."""
    from idguard.server import git as idg_git
    from idguard.server.review.approvals import ApprovalRecord
    from idguard.server.review.signing import public_key_for
    from idguard.server.review.store import ReviewStore
    from idguard.server.workspace import Workspace

    record = ReviewStore(Workspace(repo.root)).load(review_id)
    resolved = idg_git.resolve_base(repo.root, base)
    signed = datetime.now(UTC).replace(microsecond=0)
    fields = dict(
        review_id=review_id,
        review_sha256=record.record_sha256(),
        repository=idg_git.repository_identity(repo.root, ""),
        path=record.path,
        base_sha256=idg_git.content_hash_at(repo.root, resolved.commit, record.path, 2_000_000),
        content_sha256=record.content_sha256,
        reviewer=reviewer,
        key_fingerprint=public_key_for(key).fingerprint,
        decision=decision,
        time=signed.isoformat(),
        expires=(signed + timedelta(days=30)).isoformat(),
    )
    fields.update(overrides)
    return ApprovalRecord(**fields)


def make_repo(workspace: Path, tmp_path: Path, policy: str | None = None, signed_commits: bool = False) -> ReviewRepo:
    """main: allowed signers (reviewer, reviewer2, author) and optional policy; then branch `feature`.

    `signed_commits`: every commit is SSH-signed with the author's key (as policies with
    `review.require_signed_commits` expect)."""
    keys_dir = tmp_path / "keys"
    repo = ReviewRepo(root=workspace, home=tmp_path / "home")
    repo.home.mkdir()
    for who in ("reviewer", "reviewer2", "author", "outsider"):
        repo.keys[who] = keygen(keys_dir, who)
    signers = "".join(
        f"{who}@example.com {public_key(repo.keys[who])}\n" for who in ("reviewer", "reviewer2", "author")
    )
    repo.write(".idguard/allowed_signers", signers)
    repo.write("README.md", "demo\n")
    if policy is not None:
        repo.write(".idguard/policy.toml", policy)
    repo.write(".gitignore", ".idguard/state/\n")
    if signed_commits:
        git(workspace, "config", "gpg.format", "ssh")
        git(workspace, "config", "user.signingkey", str(repo.keys["author"]))
        git(workspace, "config", "commit.gpgsign", "true")
    repo.commit("base")
    git(workspace, "checkout", "-q", "-b", "feature")
    return repo
