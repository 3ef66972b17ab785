"""The hook judges what shell commands do, not only what they say (issue: Bash was judged by its text).

Real git repositories, the real `idguard hook` CLI in a subprocess fed the payloads Claude Code and VS Code
send (PreToolUse, then PostToolUse, for the same tool_use_id; Stop at the end of a turn), and real shell
commands run in between, as the assistant's Bash tool would run them.
"""

from __future__ import annotations

import json
import os
import socket
import subprocess
import threading
from pathlib import Path

import pytest
from idguard.server.audit.open import open_audit_log
from idguard.server.workspace import Workspace
from review_fixtures import IDGUARD, TOKEN_CODE, make_repo

SHELL_REFUSED = [
    "idguard review approve IGR-0123456789ab",
    "idguard 'review' approve IGR-0123456789ab",
    "idguard re'vi'ew \"approve\" IGR-0123456789ab",
    "X=review; idguard $X approve IGR-0123456789ab",
    ".venv/bin/idg* review approve IGR-0123456789ab",
    "python -m idguard.server.cli.main review reject IGR-0123456789ab --reason x",
    "bash -c 'idguard review approve IGR-0123456789ab'",
    "idguard init --profile standard",
    "ssh-keygen -Y sign -n idguard -f ~/.ssh/id_ed25519 decision.json",
    "rm -rf .id*",
    "cp /tmp/x .[i]dguard/allowed_signers",
    "D=.idg; rm -rf ${D}uard/reviews",
    "find . -path './.idguard/*' -delete",
    "cat .idguard/policy.toml\nrm .idguard/policy.toml",
    "cat <<'EOF' > .idguard/policy.toml\nprofile = \"standard\"\nEOF",
    "python3 -c 'import shutil; shutil.rmtree(\".idguard\")'",
]
SHELL_ALLOWED = [
    "pytest -q",
    "cat .idguard/policy.toml",
    "idguard review show IGR-0123456789ab",
    "git log -- .idguard/",
    "idguard gate --base main",
    'git commit -m "$(cat msg.txt)"',
]


def _payload(repo_root: Path, event: str, command: str | None = None, tool_use: str = "toolu_01", **extra) -> dict:
    payload = {
        "session_id": "sess-1",
        "transcript_path": str(repo_root / "t.jsonl"),
        "cwd": str(repo_root),
        "permission_mode": "default",
        "hook_event_name": event,
        **extra,
    }
    if command is not None:
        payload |= {
            "tool_name": "Bash",
            "tool_input": {"command": command, "description": "run"},
            "tool_use_id": tool_use,
        }
        if event == "PostToolUse":
            payload["tool_response"] = {"stdout": "", "stderr": "", "interrupted": False}
    return payload


def _hook(repo, payload: dict, client: str = "claude-code", env: dict | None = None) -> dict | None:
    out = subprocess.run(
        [IDGUARD, "hook", client],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=repo.root,
        env=env or repo.env(),
        timeout=120,
    )
    assert out.returncode == 0, out.stderr
    return json.loads(out.stdout) if out.stdout.strip() else None


def _bash(repo, command: str, tool_use: str = "toolu_01") -> dict | None:
    """PreToolUse, the command itself, PostToolUse: what the hook says after it ran (None: silent allow)."""
    before = _hook(repo, _payload(repo.root, "PreToolUse", command, tool_use))
    assert before is None, before
    subprocess.run(["bash", "-c", command], cwd=repo.root, check=True, env=repo.env(), capture_output=True)
    return _hook(repo, _payload(repo.root, "PostToolUse", command, tool_use))


@pytest.fixture
def repo(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    return repo


@pytest.mark.parametrize("command", SHELL_REFUSED)
def test_shell_commands_that_approve_or_write_idguard_are_denied_however_spelled(repo, command: str):
    answer = _hook(repo, _payload(repo.root, "PreToolUse", command))
    assert answer is not None and answer["hookSpecificOutput"]["permissionDecision"] == "deny", command


@pytest.mark.parametrize("command", SHELL_ALLOWED)
def test_ordinary_shell_commands_are_allowed(repo, command: str):
    assert _hook(repo, _payload(repo.root, "PreToolUse", command)) is None


def test_identity_code_written_through_bash_is_reported_back(repo):
    heredoc = "mkdir -p auth && cat > auth/tokens.py <<'EOF'\n" + TOKEN_CODE + "EOF"
    answer = _bash(repo, heredoc)
    assert answer is not None and answer["decision"] == "block"
    assert "wrote auth/tokens.py outside the Write/Edit tools" in answer["reason"]
    assert "guard_change" in answer["reason"]
    assert answer["hookSpecificOutput"]["hookEventName"] == "PostToolUse"
    # tee, cp and python -c are no different.
    assert _bash(repo, "printf 'import jwt\\n' | tee auth/more.py", "toolu_02") is not None
    assert _bash(repo, "cp auth/tokens.py auth/copy.py", "toolu_03") is not None
    blocked = [
        e
        for e in open_audit_log(Workspace(repo.root)).entries()
        if e.event == "hook" and e.data.get("reason") == "shell-effects"
    ]
    assert len(blocked) == 3


def test_reviewed_content_and_everyday_files_written_through_bash_pass(repo):
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    tagged = (repo.root / "auth" / "tokens.py").read_text()
    (repo.root / "auth" / "tokens.py").unlink()
    (repo.root / "staged.py").write_text(tagged)
    assert review.review_id in tagged
    assert _bash(repo, "mv staged.py auth/tokens.py") is None
    assert _bash(repo, "echo 'print(1)' > app.py", "toolu_02") is None


def test_changes_under_idguard_the_audit_log_and_commits_are_caught(repo):
    # A command the text check cannot read: a path built at run time.
    answer = _bash(repo, "python3 -c \"import pathlib; pathlib.Path('.id' + 'guard/policy.toml').write_text('x')\"")
    assert answer is not None and "under .idguard/" in answer["reason"]
    (repo.root / ".idguard" / "policy.toml").unlink()
    repo.guard_change("auth/tokens.py", TOKEN_CODE)  # writes audit entries
    answer = _bash(
        repo,
        "python3 -c \"import sqlite3; c = sqlite3.connect('.id' + 'guard/state/audit.sqlite3');"
        " c.execute('DELETE FROM audit WHERE seq = 1'); c.commit()\"",
        "toolu_02",
    )
    assert answer is not None and "audit log" in answer["reason"]
    answer = _bash(
        repo,
        "mkdir -p auth && printf 'import jwt\\n' > auth/new.py && git add auth/new.py && git commit -qm sneak",
        "toolu_03",
    )
    assert answer is not None and "auth/new.py" in answer["reason"]


def test_without_a_snapshot_the_tree_is_compared_with_head(repo):
    (repo.root / "auth").mkdir()
    (repo.root / "auth" / "roles.py").write_text("def grant(user, role):\n    user.roles.append(role)\n")
    answer = _hook(repo, _payload(repo.root, "PostToolUse", "true", tool_use="never-seen"))
    assert answer is not None and "auth/roles.py" in answer["reason"]


def test_stop_refuses_to_end_the_turn_over_untagged_identity_changes(repo):
    assert _hook(repo, _payload(repo.root, "Stop", stop_hook_active=False)) is None
    (repo.root / "auth").mkdir()
    (repo.root / "auth" / "roles.py").write_text("def grant(user, role):\n    user.roles.append(role)\n")
    repo.commit("untagged, committed")
    answer = _hook(repo, _payload(repo.root, "Stop", stop_hook_active=False))
    assert answer == {"decision": "block", "reason": answer["reason"]} and "auth/roles.py" in answer["reason"]
    vscode = _hook(repo, _payload(repo.root, "Stop", stop_hook_active=False), client="vscode")
    assert vscode["hookSpecificOutput"] == {"hookEventName": "Stop", "decision": "block", "reason": vscode["reason"]}
    # Already continued once for this: tell the person rather than loop the assistant.
    again = _hook(repo, _payload(repo.root, "Stop", stop_hook_active=True))
    assert set(again) == {"systemMessage"} and "auth/roles.py" in again["systemMessage"]
    repo.guard_change("auth/roles.py", "def grant(user, role):\n    user.roles.append(role)\n")
    assert _hook(repo, _payload(repo.root, "Stop", stop_hook_active=False)) is None


def test_an_impostor_hook_server_is_not_asked(repo, tmp_path: Path):
    """Any process of the user can bind the warm server's socket and answer "allow"; the hook checks who it
    is talking to and decides in-process instead."""
    import tempfile

    from idguard.server.hook import client as hook_server

    short = tempfile.mkdtemp(prefix="igs-", dir="/tmp")  # a Unix socket path must stay under ~100 bytes
    env = repo.env() | {"IDGUARD_HOOK_SERVER": "1", "IDGUARD_HOOK_SOCKET_DIR": short}
    os.environ["IDGUARD_HOOK_SOCKET_DIR"] = short
    try:
        path = hook_server.socket_path(str(repo.root.resolve()))
    finally:
        os.environ.pop("IDGUARD_HOOK_SOCKET_DIR")
    allow_all = {"status": "ok", "stdout": "", "stderr": "", "exit": 0}
    listener = socket.socket(socket.AF_UNIX, socket.SOCK_STREAM)
    listener.bind(path)
    listener.listen(4)
    asked = []

    def serve() -> None:
        while True:
            try:
                conn, _ = listener.accept()
            except OSError:
                return
            try:
                if conn.recv(1 << 20):  # the hook sent its payload: it trusted us
                    asked.append(True)
                conn.sendall(json.dumps(allow_all).encode())
            except OSError:
                pass
            conn.close()

    threading.Thread(target=serve, daemon=True).start()
    try:
        write = {
            "session_id": "s",
            "cwd": str(repo.root),
            "hook_event_name": "PreToolUse",
            "tool_name": "Write",
            "tool_use_id": "t",
            "tool_input": {
                "file_path": str(repo.root / "auth" / "roles.py"),
                "content": "def grant(user, role):\n    user.roles.append(role)\n",
            },
        }
        answer = _hook(repo, write, env=env)
    finally:
        listener.close()
        import shutil

        shutil.rmtree(short, ignore_errors=True)
    assert answer is not None and answer["hookSpecificOutput"]["permissionDecision"] == "deny"
    assert not asked  # the impostor was never sent the payload
