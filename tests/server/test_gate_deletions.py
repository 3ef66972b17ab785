"""Deleting identity code is an access change: the gate requires an approved deletion review.

Temporary git repositories with real ssh-keygen keys; the MCP tool runs through the in-memory client, the
gate in-process (fast) and once through the CLI for its text and SARIF output.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from idguard.guards.policy import Policy
from idguard.server.gate.run import GateResult, run_gate
from idguard.server.mcp.app import build_server
from idguard.server.review.authorship import review_state
from idguard.server.review.store import ReviewStore
from idguard.server.workspace import Workspace
from mcp import Client
from review_fixtures import RBAC_CODE, git, make_repo

pytestmark = pytest.mark.anyio

PLAIN_CODE = "def greet(name):\n    return f'hello {name}'\n"
UNVERIFIED_DECODE = 'import jwt\nclaims = jwt.decode(token, options={"verify_signature": False})\n'


def _repo_with_files_on_main(workspace: Path, tmp_path: Path):
    """main holds an identity file and a plain file; the branch `feature` starts from there."""
    repo = make_repo(workspace, tmp_path)
    git(workspace, "checkout", "-q", "main")
    repo.write("auth/permissions.py", RBAC_CODE)
    repo.write("app/hello.py", PLAIN_CODE)
    repo.write("auth/legacy_decode.py", UNVERIFIED_DECODE)
    repo.commit("identity and plain code", "auth/permissions.py", "app/hello.py", "auth/legacy_decode.py")
    git(workspace, "checkout", "-q", "-B", "feature")
    return repo


def _gate(root: Path) -> GateResult:
    return run_gate(Workspace(root))


def _by_path(result: GateResult) -> dict:
    return {f.path: f for f in result.files}


async def _request_deletion(root: Path, rel: str) -> dict:
    async with Client(build_server(root, workers=1)) as client:
        result = await client.call_tool(
            "guard_change", {"path": rel, "content": "", "intent": "remove the legacy grant path", "delete": True}
        )
    return result.structured_content


async def test_deletion_needs_an_approved_deletion_review(workspace: Path, tmp_path: Path):
    repo = _repo_with_files_on_main(workspace, tmp_path)
    git(workspace, "rm", "-q", "auth/permissions.py")
    git(workspace, "commit", "-q", "-m", "drop the permission check")

    unreviewed = _gate(workspace)
    assert not unreviewed.passed
    deleted = _by_path(unreviewed)["auth/permissions.py"]
    assert deleted.deleted and deleted.needs_review
    assert [p.kind for p in deleted.problems] == ["deletion-review-missing"]
    assert "rbac" in deleted.problems[0].message

    # The assistant asks after the fact: the content comes from the commit before the deletion.
    change = await _request_deletion(workspace, "auth/permissions.py")
    assert change["verdict"] == "review" and change["deletion"] is True
    assert "rbac" in change["categories"] and change["tagged_content"] is None
    assert f"idguard review approve {change['review_id']}" in change["message"]
    review_id = change["review_id"]
    record = ReviewStore(Workspace(workspace)).load(review_id)
    assert record.deletion and record.content_sha256 == "deleted:" + record.deleted_sha256
    assert record.checklist[0].startswith("Removing this file removes no permission check")
    repo.commit("deletion review", ".idguard/reviews")

    pending = _by_path(_gate(workspace))["auth/permissions.py"]
    assert pending.review_id == review_id and pending.review_state == "pending"
    assert [p.kind for p in pending.problems] == ["deletion-not-approved"]
    assert "0 of 1" in pending.problems[0].message

    by_author = repo.approve(review_id, "author")
    assert by_author.returncode == 1 and "author cannot approve" in by_author.stderr

    by_reviewer = repo.approve(review_id, "reviewer", "--note", "grants now go through the policy engine")
    assert by_reviewer.returncode == 0, by_reviewer.stderr
    assert "now approved" in by_reviewer.stdout
    [decision_file] = (workspace / ".idguard" / "approvals" / review_id).glob("*.json")
    assert json.loads(decision_file.read_text())["content_sha256"] == record.content_sha256
    repo.commit("approve the deletion", ".idguard/approvals")

    approved = _gate(workspace)
    assert approved.passed, approved.problems
    assert _by_path(approved)["auth/permissions.py"].approvers == ["reviewer@example.com"]
    async with Client(build_server(workspace, workers=1)) as client:
        status = (await client.call_tool("review_status", {"review_id": review_id})).structured_content
    assert status["status"] == "approved"

    show = repo.idguard("review", "show", review_id)
    assert show.returncode == 0, show.stderr
    assert "DELETION" in show.stdout
    assert 'raise PermissionError("actor cannot grant this role")' in show.stdout  # the removed content, from git

    # The file comes back with other content: the deletion review no longer describes the change.
    repo.write("auth/permissions.py", RBAC_CODE.replace("grantable_roles", "all_roles"))
    assert review_state(Workspace(workspace), ReviewStore(Workspace(workspace)).load(review_id), Policy()) == "stale"
    refused = repo.approve(review_id, "reviewer2")
    assert refused.returncode == 1 and "stale" in refused.stderr


async def test_deleting_plain_code_passes_without_review(workspace: Path, tmp_path: Path):
    _repo_with_files_on_main(workspace, tmp_path)
    change = await _request_deletion(workspace, "app/hello.py")
    assert change["verdict"] == "pass" and change["review_id"] is None
    assert not (workspace / ".idguard" / "reviews").exists()
    git(workspace, "rm", "-q", "app/hello.py")
    git(workspace, "commit", "-q", "-m", "drop hello")
    result = _gate(workspace)
    assert result.passed, result.problems
    assert _by_path(result)["app/hello.py"].needs_review is False


async def test_deletion_review_before_deleting_and_cli_output(workspace: Path, tmp_path: Path):
    """The usual order: review first (file still present: not stale), then delete; text and SARIF carry the kind."""
    repo = _repo_with_files_on_main(workspace, tmp_path)
    change = await _request_deletion(workspace, "auth/permissions.py")
    assert change["verdict"] == "review"
    review_id = change["review_id"]
    store = ReviewStore(Workspace(workspace))
    assert review_state(Workspace(workspace), store.load(review_id), Policy()) == "pending"
    assert repo.approve(review_id, "reviewer").returncode == 0
    assert review_state(Workspace(workspace), store.load(review_id), Policy()) == "approved"

    # A rename is a deletion plus an addition: the old path is covered by the approved deletion review,
    # the new path needs its own review (its content has no tag yet).
    git(workspace, "mv", "auth/permissions.py", "auth/grants.py")
    repo.commit("rename with an approved deletion review")
    renamed = _by_path(_gate(workspace))
    assert renamed["auth/permissions.py"].outcome == "pass" and renamed["auth/permissions.py"].deleted
    assert [p.kind for p in renamed["auth/grants.py"].problems] == ["review-tag-missing"]

    git(workspace, "rm", "-q", "auth/grants.py")
    git(workspace, "checkout", "-q", "main", "--", "auth/permissions.py")
    permissions = workspace / "auth" / "permissions.py"
    permissions.write_text(RBAC_CODE + "\n\ndef revoke_role(user, role):\n    user.roles.discard(role)\n")
    repo.commit("change the file on the branch")
    git(workspace, "rm", "-q", "auth/permissions.py")
    repo.commit("then delete it")
    # The approval was for removing the base content; the review covers that exact content, so it still counts.
    assert _by_path(_gate(workspace))["auth/permissions.py"].outcome == "pass"

    text = repo.idguard("gate")
    assert text.returncode == 0, text.stdout + text.stderr
    assert f"ok   auth/permissions.py (deleted) review {review_id}: approved" in text.stdout

    git(workspace, "rm", "-rq", ".idguard/approvals", "auth/legacy_decode.py")
    repo.commit("drop the approval; delete code that has a blocking finding")
    # Removing vulnerable identity code is not blocked by its findings, but still needs a deletion review.
    legacy = _by_path(_gate(workspace))["auth/legacy_decode.py"]
    assert legacy.result is not None and legacy.result.verdict == "block"
    assert [p.kind for p in legacy.problems] == ["deletion-review-missing"]

    sarif = repo.idguard("gate", "--format", "sarif")
    assert sarif.returncode == 1
    results = json.loads(sarif.stdout)["runs"][0]["results"]
    located = {(r["ruleId"], r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]) for r in results}
    assert ("idguard-gate/deletion-not-approved", "auth/permissions.py") in located
    assert ("idguard-gate/deletion-review-missing", "auth/legacy_decode.py") in located
    # Findings in deleted code are no alerts: only the gate problems name the deleted files.
    assert {rule for rule, uri in located if uri == "auth/legacy_decode.py"} == {"idguard-gate/deletion-review-missing"}


async def test_deletion_request_input_errors(workspace: Path, tmp_path: Path):
    _repo_with_files_on_main(workspace, tmp_path)
    async with Client(build_server(workspace, workers=1)) as client:
        with_content = await client.call_tool(
            "guard_change", {"path": "auth/permissions.py", "content": "x = 1\n", "intent": "remove", "delete": True}
        )
        missing = await client.call_tool(
            "guard_change", {"path": "auth/never_existed.py", "content": "", "intent": "remove", "delete": True}
        )
    assert with_content.is_error and "empty content" in with_content.content[0].text
    assert missing.is_error and "nothing to delete" in missing.content[0].text
    assert (workspace / "auth" / "permissions.py").read_text() == RBAC_CODE
    assert not (workspace / ".idguard" / "reviews").exists()


async def test_approved_deletion_of_other_content_does_not_cover_the_base(workspace: Path, tmp_path: Path):
    """The approval binds the removed content: a file edited on the branch, reviewed and then deleted leaves the
    base content's removal unreviewed."""
    repo = _repo_with_files_on_main(workspace, tmp_path)
    repo.write("auth/permissions.py", RBAC_CODE.replace("PermissionError", "LookupError"))
    git(workspace, "commit", "-qam", "edit the check on the branch")
    change = await _request_deletion(workspace, "auth/permissions.py")
    assert repo.approve(change["review_id"], "reviewer").returncode == 0
    git(workspace, "rm", "-q", "auth/permissions.py")
    repo.commit("delete it with an approved review of the edited content")
    deleted = _by_path(_gate(workspace))["auth/permissions.py"]
    assert [p.kind for p in deleted.problems] == ["deletion-review-missing"]
    assert f"{change['review_id']} remove other content" in deleted.problems[0].message
