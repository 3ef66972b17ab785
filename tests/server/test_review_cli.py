"""`idguard review list|show|approve` as a reviewer uses them (CLI in a subprocess)."""

from __future__ import annotations

import json
from pathlib import Path

from review_fixtures import TOKEN_CODE, git, make_repo

SUPPRESSED_DECODE = (
    "import jwt\n"
    'claims = jwt.decode(token, options={"verify_signature": False})  # idguard: ignore[IDG101] reads kid only\n'
)


def test_list_and_show(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE, "verify access tokens")
    listing = repo.idguard("review", "list")
    assert listing.returncode == 0
    [header, row] = listing.stdout.splitlines()
    assert header.split()[:3] == ["id", "state", "approvals"]
    assert row.split()[:4] == [review.review_id, "pending", "0/1", "auth/tokens.py"]

    shown = repo.idguard("review", "show", review.review_id)
    assert shown.returncode == 0
    out = shown.stdout
    assert "intent   verify access tokens" in out
    assert "[ ] Audience and issuer are set when minting and verified when decoding." in out
    assert "idguard-review:" not in out  # the code is shown as reviewed, without its tag line
    assert "7 |     return jwt.decode(" in out
    repo.commit("identity change")
    diff = repo.idguard("review", "show", review.review_id, "--diff", "main").stdout
    assert "+++ b/auth/tokens.py" in diff and "+# idguard-review: " + review.review_id in diff

    assert repo.approve(review.review_id, "reviewer", "--note", "ok").returncode == 0
    data = json.loads(repo.idguard("review", "show", review.review_id, "--format", "json").stdout)
    assert data["evaluation"]["state"] == "approved"
    assert data["evaluation"]["decisions"][0]["note"] == "ok"
    assert json.loads(repo.idguard("review", "list", "--state", "pending", "--format", "json").stdout) == []

    missing = repo.idguard("review", "show", "IGR-00000000")
    assert missing.returncode == 2 and "no review IGR-00000000" in missing.stderr
    bad = repo.idguard("review", "show", "not-an-id; rm -rf /")
    assert bad.returncode == 2 and "rm -rf" not in bad.stderr


def test_show_marks_findings_under_their_lines(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/kid.py", SUPPRESSED_DECODE)
    out = repo.idguard("review", "show", review.review_id).stdout
    assert "IDG101 critical JWT decoded without signature verification" in out and "(suppressed: reads kid only)" in out
    lines = out.splitlines()
    code_line = lines.index(
        '2 | claims = jwt.decode(token, options={"verify_signature": False})  # idguard: ignore[IDG101] reads kid only'
    )
    assert lines[code_line + 1].strip().startswith("^ IDG101")
    assert "decisions (0)" in out


def test_approve_uses_git_signing_key_and_refuses_without_key(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    no_key = repo.idguard("review", "approve", review.review_id, email="reviewer@example.com")
    assert no_key.returncode == 2 and "--key" in no_key.stderr
    git(workspace, "config", "user.signingkey", str(repo.keys["reviewer"]))
    approved = repo.idguard("review", "approve", review.review_id, email="reviewer@example.com")
    assert approved.returncode == 0, approved.stderr
    assert "by reviewer@example.com" in approved.stdout


def test_note_with_a_secret_is_refused(workspace: Path, tmp_path: Path, secrets_now):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    proc = repo.approve(review.review_id, "reviewer", "--note", f"rotated {secrets_now['github_token']}")
    assert proc.returncode == 1 and "secret" in proc.stderr
    assert secrets_now["github_token"] not in proc.stderr + proc.stdout
    assert not (workspace / ".idguard" / "approvals" / review.review_id).exists()


def test_review_without_known_author_cannot_be_approved(workspace: Path, tmp_path: Path):
    """Separation of duties that cannot be checked fails closed."""
    from idguard.server.mcp.service import guard_change
    from idguard.server.mcp.state import ServerState
    from idguard.server.review.store import Author

    repo = make_repo(workspace, tmp_path)
    state = ServerState.open(workspace, workers=1)
    try:
        result = guard_change(
            state,
            "auth/tokens.py",
            TOKEN_CODE,
            "anonymous change",
            Author(client="pytest/1", email=None),
            "mcp:pytest/1",
        )
    finally:
        state.close()
    repo.write("auth/tokens.py", result.tagged_content)
    proc = repo.approve(result.review_id, "reviewer")
    assert proc.returncode == 1 and "no author e-mail" in proc.stderr
    repo.commit("anonymous identity change")
    assert repo.idguard("gate").returncode == 1


def test_approve_with_a_key_held_by_ssh_agent(workspace: Path, tmp_path: Path):
    """git's `user.signingkey = key::ssh-ed25519 ...`: the private key lives only in ssh-agent."""
    import subprocess
    import time

    from review_fixtures import public_key

    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    socket = tmp_path / "agent.sock"
    agent = subprocess.Popen(["ssh-agent", "-D", "-a", str(socket)], stdout=subprocess.DEVNULL)
    try:
        env = repo.env("reviewer@example.com")
        env["SSH_AUTH_SOCK"] = str(socket)
        deadline = time.monotonic() + 10
        while not socket.exists() and time.monotonic() < deadline:  # the agent creates its socket when ready
            time.sleep(0.05)
        subprocess.run(["ssh-add", "-q", str(repo.keys["reviewer"])], env=env, check=True, capture_output=True)
        (repo.keys["reviewer"]).rename(tmp_path / "moved-away")  # only the agent can sign now
        git(workspace, "config", "user.signingkey", "key::" + public_key(repo.keys["reviewer"]))
        approved = repo.idguard("review", "approve", review.review_id, env=env)
    finally:
        agent.terminate()
        agent.wait(timeout=10)
    assert approved.returncode == 0, approved.stderr
    assert "by reviewer@example.com" in approved.stdout and "now approved" in approved.stdout
