"""The whole review flow in a temporary git repository with real ssh-keygen keys, CLI in a subprocess."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from idguard.guards.policy import Policy
from idguard.server.mcp.app import build_server
from idguard.server.review.authorship import review_state
from idguard.server.review.store import ReviewStore
from idguard.server.workspace import Workspace
from mcp import Client
from review_fixtures import TOKEN_CODE, decision_for, git, make_repo

pytestmark = pytest.mark.anyio


def _state(root: Path, review_id: str) -> str:
    workspace = Workspace(root)
    return review_state(workspace, ReviewStore(workspace).load(review_id), Policy())


async def test_guard_change_gate_approve_stale(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    async with Client(build_server(workspace)) as client:
        change = (
            await client.call_tool(
                "guard_change", {"path": "auth/tokens.py", "content": TOKEN_CODE, "intent": "verify access tokens"}
            )
        ).structured_content
    assert change["verdict"] == "review"
    review_id = change["review_id"]
    repo.write("auth/tokens.py", change["tagged_content"])
    repo.commit("verify tokens")

    gate = repo.idguard("gate")
    assert gate.returncode == 1, gate.stdout + gate.stderr
    assert "review-not-approved" in gate.stdout and "0 of 1" in gate.stdout

    by_author = repo.approve(review_id, "author")
    assert by_author.returncode == 1
    assert "author cannot approve" in by_author.stderr
    assert not (workspace / ".idguard" / "approvals" / review_id).exists()

    by_reviewer = repo.approve(review_id, "reviewer", "--note", "checked audience and issuer")
    assert by_reviewer.returncode == 0, by_reviewer.stderr
    assert "now approved" in by_reviewer.stdout
    files = sorted(p.name for p in (workspace / ".idguard" / "approvals" / review_id).iterdir())
    assert len(files) == 2 and files[1] == files[0] + ".sig"
    decision = json.loads((workspace / ".idguard" / "approvals" / review_id / files[0]).read_text())
    assert decision["reviewer"] == "reviewer@example.com"
    assert decision["content_sha256"] == change["content_sha256"] and decision["decision"] == "approve"
    repo.commit("approve")

    gate = repo.idguard("gate", "--format", "json")
    assert gate.returncode == 0, gate.stdout + gate.stderr
    report = json.loads(gate.stdout)
    [checked] = [f for f in report["files"] if f["path"] == "auth/tokens.py"]
    assert checked["review_state"] == "approved" and checked["approvers"] == ["reviewer@example.com"]

    async with Client(build_server(workspace)) as client:
        status = (await client.call_tool("review_status", {"review_id": review_id})).structured_content
    assert status["status"] == "approved"

    tokens = workspace / "auth" / "tokens.py"
    tokens.write_text(tokens.read_text().replace('"api"', '"apj"'))
    gate = repo.idguard("gate")
    assert gate.returncode == 1
    assert "review-tag-mismatch" in gate.stdout
    assert _state(workspace, review_id) == "stale"
    refused = repo.approve(review_id, "reviewer2")
    assert refused.returncode == 1 and "stale" in refused.stderr


def test_edited_approval_fails_verification(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    repo.commit("change + approval")
    assert repo.idguard("gate").returncode == 0

    [decision_file] = (workspace / ".idguard" / "approvals" / review.review_id).glob("*.json")
    decision = json.loads(decision_file.read_text())
    decision["note"] = "edited after signing"
    decision_file.write_text(json.dumps(decision, indent=2))
    gate = repo.idguard("gate")
    assert gate.returncode == 1
    assert "signature not valid" in gate.stdout
    assert _state(workspace, review.review_id) == "pending"


def test_forged_signature_by_an_unlisted_key_fails(workspace: Path, tmp_path: Path):
    """An outsider writes an approval naming an allowed reviewer and signs it with their own key."""
    from idguard.server.review.approvals import write_decision
    from idguard.server.review.signing import public_key_for

    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    reviewer_key = public_key_for(repo.keys["reviewer"])
    forged = decision_for(repo, review.review_id, "reviewer@example.com", repo.keys["reviewer"])
    write_decision(Workspace(workspace), forged, repo.keys["outsider"], reviewer_key.file_stem)
    repo.commit("forged approval")
    gate = repo.idguard("gate")
    assert gate.returncode == 1
    assert "signature not valid for reviewer@example.com" in gate.stdout


def test_signer_missing_from_allowed_signers_does_not_count(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    outsider = repo.approve(review.review_id, "outsider")
    assert outsider.returncode == 1
    assert "does not count" in outsider.stderr
    repo.commit("outsider approval")
    gate = repo.idguard("gate")
    assert gate.returncode == 1 and "0 of 1" in gate.stdout


def test_signer_added_in_the_same_change_does_not_count(workspace: Path, tmp_path: Path):
    """Approvals verify against the base branch's allowed_signers: a change cannot enrol its own reviewer."""
    from review_fixtures import public_key

    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    signers = workspace / ".idguard" / "allowed_signers"
    signers.write_text(signers.read_text() + f"outsider@example.com {public_key(repo.keys['outsider'])}\n")
    assert repo.approve(review.review_id, "outsider").returncode == 0  # valid against the working tree's list
    repo.commit("enrol outsider and approve")
    gate = repo.idguard("gate", "--format", "json")
    assert gate.returncode == 1
    by_path = {f["path"]: f for f in json.loads(gate.stdout)["files"]}
    assert by_path["auth/tokens.py"]["review_state"] == "pending"
    # The signers file is itself an identity change (category policy) that needs its own approved review.
    assert [p["kind"] for p in by_path[".idguard/allowed_signers"]["problems"]] == ["review-record-missing"]
    trusting = repo.idguard("gate", "--trust-worktree-signers", "--format", "json")
    by_path = {f["path"]: f for f in json.loads(trusting.stdout)["files"]}
    assert by_path["auth/tokens.py"]["review_state"] == "approved"


def test_approval_for_another_hash_fails(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    first = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    assert repo.approve(first.review_id, "reviewer").returncode == 0
    # A second version gets a new review; the approval of the first is copied over to it.
    second = repo.guard_change("auth/tokens.py", TOKEN_CODE.replace("RS256", "ES256"))
    source = workspace / ".idguard" / "approvals" / first.review_id
    target = workspace / ".idguard" / "approvals" / second.review_id
    target.mkdir(parents=True)
    for file in source.iterdir():
        text = file.read_text()
        if file.suffix == ".json":
            text = text.replace(first.review_id, second.review_id)
        (target / file.name).write_text(text)
    repo.commit("copied approval")
    gate = repo.idguard("gate")
    assert gate.returncode == 1
    assert "another content hash" in gate.stdout


def test_rejection_fails_the_gate(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    reject = repo.idguard(
        "review",
        "reject",
        review.review_id,
        "--reason",
        "audience must be per service",
        "--key",
        str(repo.keys["reviewer2"]),
        email="reviewer2@example.com",
    )
    assert reject.returncode == 0, reject.stderr
    repo.commit("approved and rejected")
    gate = repo.idguard("gate")
    assert gate.returncode == 1 and "review-rejected" in gate.stdout and "reviewer2@example.com" in gate.stdout
    assert _state(workspace, review.review_id) == "rejected"


def test_untagged_and_blocked_identity_files_fail_plain_files_pass(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    repo.write("app/hello.py", "print('hello')\n")
    repo.commit("plain")
    assert repo.idguard("gate").returncode == 0
    repo.write("auth/tokens.py", TOKEN_CODE)
    repo.write("auth/unverified.py", 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n')
    repo.commit("untagged identity code")
    gate = repo.idguard("gate", "--format", "json")
    assert gate.returncode == 1
    problems = {f["path"]: [p["kind"] for p in f["problems"]] for f in json.loads(gate.stdout)["files"]}
    assert problems["auth/tokens.py"] == ["review-tag-missing"]
    assert problems["auth/unverified.py"] == ["blocking-findings", "review-tag-missing"]
    assert problems["app/hello.py"] == []


def test_gate_without_base_is_a_usage_error(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    gate = repo.idguard("gate", "--base", "no-such-branch")
    assert gate.returncode == 2 and "no-such-branch" in gate.stderr
    git(workspace, "branch", "-q", "-m", "feature", "topic")
    git(workspace, "branch", "-q", "-D", "main")
    gate = repo.idguard("gate")
    assert gate.returncode == 2 and "--base" in gate.stderr


def test_reviewer_who_committed_to_the_file_cannot_approve_it(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    git(workspace, "add", "auth/tokens.py", ".idguard/reviews")
    git(workspace, "-c", "user.email=reviewer@example.com", "commit", "-q", "-m", "reviewer writes the change")
    refused = repo.approve(review.review_id, "reviewer")  # the record's author differs; the commit says otherwise
    assert refused.returncode == 1 and "is an author of review" in refused.stderr
    # Signed by hand all the same, the gate refuses it: it establishes authors from the commits itself.
    from idguard.server.review.approvals import write_decision
    from idguard.server.review.signing import public_key_for

    forged = decision_for(repo, review.review_id, "reviewer@example.com", repo.keys["reviewer"])
    write_decision(Workspace(workspace), forged, repo.keys["reviewer"], public_key_for(repo.keys["reviewer"]).file_stem)
    repo.commit("approval")
    gate = repo.idguard("gate")
    assert gate.returncode == 1
    assert "the approver is an author of this change (reviewer@example.com)" in gate.stdout
    assert repo.approve(review.review_id, "reviewer2").returncode == 0
    repo.commit("independent approval")
    assert repo.idguard("gate").returncode == 0
