"""Named owners: with [owners] rules, only an owner of every rule a change falls under may approve it.

Real git repositories, real ssh-keygen keys, the real CLI in a subprocess.
"""

from __future__ import annotations

import json
from pathlib import Path

from review_fixtures import TOKEN_CODE, make_repo

OWNERS_POLICY = """
[owners.groups]
security = ["reviewer2@example.com"]

[[owners.rules]]
paths = ["auth/*"]
categories = ["token"]
owners = ["group:security"]
"""


def test_an_approval_counts_only_from_an_owner_of_the_change(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path, policy=OWNERS_POLICY)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    repo.commit("token reader")
    assert repo.approve(review.review_id, "reviewer").returncode == 0  # a valid signer, not an owner
    repo.commit("approved by a non-owner")
    gate = repo.idguard("gate", "--base", "main")
    assert gate.returncode == 1
    assert "reviewer@example.com: not an owner of this change" in gate.stdout
    assert "owners who may approve: one of reviewer2@example.com" in gate.stdout
    shown = repo.idguard("review", "show", review.review_id, "--format", "json")
    data = json.loads(shown.stdout)
    assert data["evaluation"]["owners"] == [["reviewer2@example.com"]]
    assert data["evaluation"]["state"] == "pending" and data["evaluation"]["not_owners"] == ["reviewer@example.com"]

    assert repo.approve(review.review_id, "reviewer2").returncode == 0
    repo.commit("approved by the owner")
    gate = repo.idguard("gate", "--base", "main")
    assert gate.returncode == 0, gate.stdout + gate.stderr


def test_a_change_no_rule_covers_is_approved_by_any_allowed_signer(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path, policy=OWNERS_POLICY)
    review = repo.guard_change("billing/tokens.py", TOKEN_CODE)  # outside auth/*
    repo.commit("token reader elsewhere")
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    repo.commit("approved")
    gate = repo.idguard("gate", "--base", "main")
    assert gate.returncode == 0, gate.stdout + gate.stderr


def test_the_branch_cannot_make_itself_an_owner(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path, policy=OWNERS_POLICY)
    # The change widens the owners to the non-owner who approves it: the gate reads the policy at main.
    repo.write(".idguard/policy.toml", OWNERS_POLICY.replace('["reviewer2@example.com"]', '["reviewer@example.com"]'))
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    repo.commit("token reader, and a friendlier policy")
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    repo.commit("approved")
    gate = repo.idguard("gate", "--base", "main")
    assert gate.returncode == 1
    assert "FAIL auth/tokens.py" in gate.stdout and "not an owner of this change" in gate.stdout


def test_an_owner_rule_naming_an_unknown_group_is_a_policy_error(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path, policy='[[owners.rules]]\nowners = ["group:nobody"]\n')
    out = repo.idguard("check", "README.md")
    assert out.returncode == 2
    assert "group:nobody" in out.stderr and "[owners.groups]" in out.stderr
