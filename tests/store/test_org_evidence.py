"""Evidence across repositories from the shared store: real repositories, real ssh-keygen keys, the real gate
and `idguard evidence --store` in subprocesses, on a real PostgreSQL cluster."""

from __future__ import annotations

import json
import secrets
import subprocess
from pathlib import Path

import pytest
from pg_support import IDGUARD, Cluster, env_with, idguard
from review_fixtures import TOKEN_CODE, git, make_repo


def _repo(tmp_path: Path, name: str):
    root = tmp_path / name
    root.mkdir()
    git(root, "init", "-q", "-b", "main")
    git(root, "config", "user.email", "author@example.com")
    git(root, "config", "user.name", "Author")
    git(root, "remote", "add", "origin", f"git@example.com:acme/{name}-{secrets.token_hex(3)}.git")
    side = tmp_path / f"{name}-side"
    side.mkdir()
    repo = make_repo(root, side)
    identity = "example.com/" + git(root, "remote", "get-url", "origin").strip().split(":", 1)[1].removesuffix(".git")
    return repo, identity


@pytest.fixture
def two_repos(tmp_path: Path, shared_database: str, monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("IDGUARD_STORE_URL", shared_database)  # in-process guard_change and every subprocess
    approved, approved_id = _repo(tmp_path, "payments")
    review = approved.guard_change("auth/tokens.py", TOKEN_CODE)
    approved.commit("token reader")
    assert approved.approve(review.review_id, "reviewer").returncode == 0
    approved.commit("approved")
    gate = approved.idguard("gate", "--base", "main")
    assert gate.returncode == 0, gate.stdout + gate.stderr

    pending, pending_id = _repo(tmp_path, "ledger")
    other = pending.guard_change("auth/tokens.py", TOKEN_CODE)
    pending.commit("token reader, not approved")
    gate = pending.idguard("gate", "--base", "main")
    assert gate.returncode == 1
    return {
        "approved": (approved_id, review.review_id),
        "pending": (pending_id, other.review_id),
        "url": shared_database,
    }


def test_org_evidence_reports_each_repository_from_the_store(two_repos, tmp_path: Path, pg_cluster: Cluster):
    (approved_id, approved_review), (pending_id, pending_review) = two_repos["approved"], two_repos["pending"]
    outside = tmp_path / "auditor"
    outside.mkdir()  # no checkout: everything comes from the store
    out = idguard(
        outside,
        two_repos["url"],
        "evidence",
        "--store",
        "--repos",
        f"{approved_id},{pending_id}",
        "--format",
        "json",
    )
    assert out.returncode == 0, out.stderr
    report = json.loads(out.stdout)
    assert pg_cluster.password not in out.stdout
    by_repo = {r["repository"]: r for r in report["repositories"]}
    assert set(by_repo) == {approved_id, pending_id}
    assert all(r["audit_chain"]["ok"] for r in by_repo.values())

    [change] = by_repo[approved_id]["changes"]
    assert change["review_id"] == approved_review and change["path"] == "auth/tokens.py"
    assert change["author"].startswith("author@example.com")
    assert [
        (d["decision"], d["reviewer"], d["signature_valid"], d["counted_content"]) for d in change["decisions"]
    ] == [("approval", "reviewer@example.com", True, True)]
    assert change["gate_review_state"] == "approved" and change["gate_approvers"] == ["reviewer@example.com"]
    assert [g["passed"] for g in by_repo[approved_id]["gate_runs"]] == [True]

    [waiting] = by_repo[pending_id]["changes"]
    assert waiting["review_id"] == pending_review and waiting["decisions"] == []
    assert waiting["gate_outcome"] == "fail" and waiting["gate_review_state"] == "pending"
    assert [g["passed"] for g in by_repo[pending_id]["gate_runs"]] == [False]

    md = idguard(outside, two_repos["url"], "evidence", "--store", "--repos", f"{approved_id},{pending_id}")
    assert md.returncode == 0 and f"## {approved_id}" in md.stdout and f"## {pending_id}" in md.stdout
    assert "approval by reviewer@example.com" in md.stdout


def test_org_evidence_fails_on_a_broken_chain_and_an_unknown_repository(two_repos, tmp_path: Path, pg_cluster):
    from test_shared_store import tamper

    pending_id, _ = two_repos["pending"]
    tamper(
        pg_cluster, two_repos["url"], "UPDATE audit SET actor = 'someone-else' WHERE repo = %s AND seq = 1", pending_id
    )
    out = idguard(tmp_path, two_repos["url"], "evidence", "--store", "--repos", pending_id, "--format", "json")
    assert out.returncode == 1
    assert f"audit chain of {pending_id} broken at entry 1" in out.stderr
    assert json.loads(out.stdout)["repositories"][0]["audit_chain"]["ok"] is False
    unknown = idguard(tmp_path, two_repos["url"], "evidence", "--store", "--repos", "example.com/acme/none")
    assert unknown.returncode == 2 and "no audit chain for repository example.com/acme/none" in unknown.stderr
    no_store = subprocess.run(
        [*IDGUARD, "evidence", "--store"],
        cwd=tmp_path,
        env=env_with(None),
        capture_output=True,
        text=True,
    )
    assert no_store.returncode == 2 and "IDGUARD_STORE_URL" in no_store.stderr


def test_org_evidence_names_the_floor_each_gate_run_applied(tmp_path: Path, shared_database: str):
    import hashlib

    repo, identity = _repo(tmp_path, "floored")
    floor = tmp_path / "floor.toml"
    floor.write_text("[review]\nrequired_approvals = 2\n")
    repo.write("README.md", "demo, edited\n")
    repo.commit("docs")
    env = repo.env()
    env.update(IDGUARD_STORE_URL=shared_database, IDGUARD_ORG_POLICY=str(floor))
    assert repo.idguard("gate", "--base", "main", env=env).returncode == 0
    outside = tmp_path / "auditor"
    outside.mkdir()
    out = idguard(outside, shared_database, "evidence", "--store", "--repos", identity, "--format", "json")
    assert out.returncode == 0, out.stderr
    [run] = json.loads(out.stdout)["repositories"][0]["gate_runs"]
    assert run["floor"]["digest"] == hashlib.sha256(floor.read_bytes()).hexdigest()
    markdown = idguard(outside, shared_database, "evidence", "--store", "--repos", identity)
    assert f"{floor.resolve()} (sha256 {run['floor']['digest'][:12]})" in markdown.stdout
