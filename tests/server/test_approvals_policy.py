"""Approvals under the profiles, sidecar records for JSON, and fail-closed verification without ssh-keygen."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from idguard.guards.policy import Policy
from idguard.server.policy import policy_from_mapping
from idguard.server.review.approvals import required_approvals
from idguard.server.workspace import Workspace
from review_fixtures import RBAC_CODE, TOKEN_CODE, decision_for, git, make_repo

IAM_READ = (
    json.dumps(
        {
            "Version": "2012-10-17",
            "Statement": [{"Effect": "Allow", "Action": "s3:GetObject", "Resource": "arn:aws:s3:::reports/*"}],
        },
        indent=2,
    )
    + "\n"
)


def test_required_approvals_take_the_highest_category():
    regulated = policy_from_mapping({"profile": "regulated"})
    assert required_approvals(regulated, ["token"]) == 1
    assert required_approvals(regulated, ["token", "rbac"]) == 2
    assert required_approvals(Policy(), ["rbac"]) == 1
    custom = policy_from_mapping({"review": {"required_approvals": 2, "category_approvals": {"sso": 3}}})
    assert required_approvals(custom, ["sso"]) == 3 and required_approvals(custom, []) == 2


def test_regulated_profile_needs_two_approvals_for_rbac(workspace: Path, tmp_path: Path):
    # The profile also asks for failure-path test evidence (tests/server/test_gate_tests.py covers it);
    # this test is about approvals, so it waives that part of the profile.
    policy = 'profile = "regulated"\n\n[tests]\nrequire = "none"\n'
    repo = make_repo(workspace, tmp_path, policy=policy, signed_commits=True)
    review = repo.guard_change("auth/roles.py", RBAC_CODE, "let admins grant roles they hold")
    first = repo.approve(review.review_id, "reviewer")
    assert first.returncode == 0 and "1 of 2" in first.stdout and "now pending" in first.stdout
    repo.commit("one approval")
    gate = repo.idguard("gate")
    assert gate.returncode == 1 and "1 of 2 valid signed approvals" in gate.stdout
    # The same reviewer approving again replaces their decision; it does not count twice.
    assert "1 of 2" in repo.approve(review.review_id, "reviewer", "--note", "again").stdout
    second = repo.approve(review.review_id, "reviewer2")
    assert second.returncode == 0 and "now approved" in second.stdout
    repo.commit("second approval")
    gate = repo.idguard("gate")
    assert gate.returncode == 0, gate.stdout


def test_legacy_profile_requires_approval_for_previously_reviewed_files(workspace: Path, tmp_path: Path):
    plain = "def add(a, b):\n    return a + b\n"
    tagged = "# idguard-review: IGR-0123456789ab sha256=" + "0" * 64 + "\n" + plain
    for profile, expected in (("standard", 0), ("legacy", 1)):
        root = workspace.parent / profile
        root.mkdir()
        git(workspace.parent, "init", "-q", "-b", "main", str(root))
        git(root, "config", "user.email", "author@example.com")
        repo = make_repo(root, tmp_path / profile, policy=f'profile = "{profile}"\n')
        repo.write("lib/math.py", tagged)
        repo.commit("reviewed once, edited since")
        gate = repo.idguard("gate")
        assert gate.returncode == expected, (profile, gate.stdout)
    assert "review-tag-mismatch" in gate.stdout


def test_json_without_comments_is_bound_by_its_sidecar_record(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("iam/reports-read.json", IAM_READ, "read access to reports")
    assert review.sidecar_only and (workspace / "iam/reports-read.json").read_text() == IAM_READ
    repo.commit("iam policy")
    gate = repo.idguard("gate")
    assert gate.returncode == 1 and f"review {review.review_id}: 0 of 1" in gate.stdout
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    repo.commit("approved")
    assert repo.idguard("gate").returncode == 0
    (workspace / "iam/reports-read.json").write_text(IAM_READ.replace("reports", "payroll"))
    gate = repo.idguard("gate", "--format", "json")
    assert gate.returncode == 1
    [policy_file] = [f for f in json.loads(gate.stdout)["files"] if f["path"] == "iam/reports-read.json"]
    assert [p["kind"] for p in policy_file["problems"]] == ["review-record-missing"]


def test_without_ssh_keygen_nothing_is_approved(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    repo.commit("approved")
    assert repo.idguard("gate").returncode == 0

    only_git = tmp_path / "only-git"
    only_git.mkdir()
    (only_git / "git").symlink_to(shutil.which("git"))
    env = repo.env("reviewer2@example.com")
    env["PATH"] = str(only_git)
    gate = repo.idguard("gate", env=env)
    assert gate.returncode == 1 and "ssh-keygen not found" in gate.stdout
    approve = repo.idguard("review", "approve", review.review_id, "--key", str(repo.keys["reviewer2"]), env=env)
    assert approve.returncode == 2 and "ssh-keygen" in approve.stderr


def test_one_key_listed_for_two_principals_counts_once(workspace: Path, tmp_path: Path):
    """Two approvals signed by one key under two principals are one approval, not two."""
    from idguard.server.review.approvals import write_decision
    from idguard.server.review.signing import public_key_for
    from review_fixtures import public_key

    repo = make_repo(workspace, tmp_path, policy='profile = "regulated"\n', signed_commits=True)
    git(workspace, "checkout", "-q", "main")
    signers = workspace / ".idguard" / "allowed_signers"
    signers.write_text(signers.read_text() + f"alias@example.com {public_key(repo.keys['reviewer'])}\n")
    repo.commit("alias principal for the reviewer's key")
    git(workspace, "checkout", "-q", "-B", "feature")
    review = repo.guard_change("auth/roles.py", RBAC_CODE)
    key = public_key_for(repo.keys["reviewer"])
    for index, principal in enumerate(("reviewer@example.com", "alias@example.com")):
        decision = decision_for(repo, review.review_id, principal, repo.keys["reviewer"])
        write_decision(Workspace(workspace), decision, repo.keys["reviewer"], f"{key.file_stem}-{index}")
    repo.commit("two approvals, one key")
    gate = repo.idguard("gate", "--format", "json")
    [roles] = [f for f in json.loads(gate.stdout)["files"] if f["path"] == "auth/roles.py"]
    assert roles["approvers"] == ["alias@example.com", "reviewer@example.com"]
    assert roles["review_state"] == "pending" and gate.returncode == 1


def test_gate_applies_the_base_policy_not_the_changed_one(workspace: Path, tmp_path: Path):
    # The profile also asks for failure-path test evidence (tests/server/test_gate_tests.py covers it);
    # this test is about approvals, so it waives that part of the profile.
    policy = 'profile = "regulated"\n\n[tests]\nrequire = "none"\n'
    repo = make_repo(workspace, tmp_path, policy=policy, signed_commits=True)
    review = repo.guard_change("auth/roles.py", RBAC_CODE)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    repo.write(".idguard/policy.toml", 'profile = "standard"\n')  # the change tries to lower its own bar
    repo.commit("rbac change, one approval, relaxed policy")
    gate = repo.idguard("gate", "--format", "json")
    report = json.loads(gate.stdout)
    assert gate.returncode == 1 and report["profile"] == "regulated"
    assert report["policy"].endswith(":.idguard/policy.toml")
    [roles] = [f for f in report["files"] if f["path"] == "auth/roles.py"]
    assert roles["required_approvals"] == 2 and roles["review_state"] == "pending"
    trusting = json.loads(repo.idguard("gate", "--trust-worktree-policy", "--format", "json").stdout)
    [roles] = [f for f in trusting["files"] if f["path"] == "auth/roles.py"]
    assert trusting["profile"] == "standard" and roles["review_state"] == "approved"


def test_invalid_base_policy_is_a_usage_error_naming_the_base_file(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path, policy='profile = "strict"\n')
    gate = repo.idguard("gate")
    assert gate.returncode == 2
    assert ":.idguard/policy.toml: key 'profile'" in gate.stderr and "/tmp" not in gate.stderr
