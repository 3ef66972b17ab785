"""Adopting idguard through a pull request: init on a branch, a bootstrap review, a green gate, then no way back.

The target branch has no idguard set-up, so no trust anchor exists that the gate could read; `--bootstrap`
uses the change's own allowed_signers and policy then, and only then. Real CLI, real git, real ssh-keygen.
"""

from __future__ import annotations

import re
import shlex
from pathlib import Path

from review_fixtures import ReviewRepo, git, keygen, public_key


def _repo_without_idguard(workspace: Path, tmp_path: Path) -> ReviewRepo:
    repo = ReviewRepo(root=workspace, home=tmp_path / "home")
    repo.home.mkdir()
    for who in ("rita", "dev", "mallory"):
        repo.keys[who] = keygen(tmp_path / "keys", who)
    repo.write("README.md", "demo\n")
    repo.commit("first commit, before idguard")
    git(workspace, "checkout", "-q", "-b", "adopt-idguard")
    return repo


def _approve_all(repo: ReviewRepo, ids: list[str], *extra: str):
    """rita approves every review in one command, at her terminal."""
    key = str(repo.keys["rita"])
    return repo.idguard("review", "approve", *ids, "--key", key, "--base", "main", *extra, email="rita@example.com")


def _adopt_on_branch(repo: ReviewRepo) -> list[str]:
    """init on the branch, then the review request init prints, run as printed; returns the review ids."""
    init = repo.idguard(
        "init", "--reviewer", f"rita@example.com {public_key(repo.keys['rita'])}", email="dev@example.com"
    )
    assert init.returncode == 0, init.stderr
    printed = re.search(r"`(idguard review request [^`]+)`", init.stdout)
    assert printed, init.stdout
    argv = shlex.split(printed.group(1))
    assert ".idguard/policy.toml" in argv and ".idguard/allowed_signers" in argv and ".mcp.json" in argv
    repo.commit("adopt idguard")
    request = repo.idguard(*argv[1:], email="dev@example.com")
    assert request.returncode == 0, request.stderr
    ids = re.findall(r"^review (IGR-[0-9a-f]+) requested for", request.stdout, flags=re.M)
    wrote = [line.split()[1] for line in init.stdout.splitlines() if line.startswith(("created", "updated"))]
    assert len(ids) == len(wrote) >= 6
    assert f"idguard review approve {' '.join(ids)}" in request.stdout
    repo.commit("request the adoption reviews")
    return ids


def test_adoption_pull_request_passes_the_gate_only_with_bootstrap_and_its_reviewers_approval(
    workspace: Path, tmp_path: Path
):
    repo = _repo_without_idguard(workspace, tmp_path)
    ids = _adopt_on_branch(repo)

    # Before approval: bootstrap or not, every file of the adoption fails.
    assert repo.idguard("gate", "--base", "main", "--bootstrap").returncode == 1

    # The author (dev) is not a signer; rita approves all the adoption reviews in one command, at her terminal.
    approved = _approve_all(repo, ids, "--note", "adopt idguard")
    assert approved.returncode == 0, approved.stdout + approved.stderr
    assert approved.stdout.count("is now approved") == len(ids)
    repo.commit("approve the adoption")

    # Without --bootstrap the gate reads the target branch, which trusts no signer: nothing can count.
    plain = repo.idguard("gate", "--base", "main")
    assert plain.returncode == 1
    assert "no approval can count" in plain.stdout

    gate = repo.idguard("gate", "--base", "main", "--bootstrap")
    assert gate.returncode == 0, gate.stdout + gate.stderr
    assert "bootstrap applied: main" in gate.stdout and "signers from working tree (--bootstrap)" in gate.stdout
    assert "gate passed" in gate.stdout


def test_bootstrap_does_not_admit_unreviewed_code_in_the_adoption_change(workspace: Path, tmp_path: Path):
    repo = _repo_without_idguard(workspace, tmp_path)
    ids = _adopt_on_branch(repo)
    assert _approve_all(repo, ids).returncode == 0
    repo.write("auth/roles.py", "def grant_role(actor, user, role):\n    user.roles.add(role)\n")
    repo.commit("adopt idguard, and a role grant no one reviewed")
    gate = repo.idguard("gate", "--base", "main", "--bootstrap")
    assert gate.returncode == 1
    assert "FAIL auth/roles.py" in gate.stdout
    assert "FAIL .idguard" not in gate.stdout  # the adoption itself is approved


def test_once_adopted_bootstrap_changes_nothing_and_a_change_cannot_enrol_its_own_reviewer(
    workspace: Path, tmp_path: Path
):
    repo = _repo_without_idguard(workspace, tmp_path)
    ids = _adopt_on_branch(repo)
    assert _approve_all(repo, ids).returncode == 0
    repo.commit("approve the adoption")
    git(workspace, "checkout", "-q", "main")
    git(workspace, "merge", "-q", "--ff-only", "adopt-idguard")

    # Mallory enrols herself on a branch and approves her friend's role grant with her own key.
    git(workspace, "checkout", "-q", "-b", "enrol")
    signers = workspace / ".idguard/allowed_signers"
    signers.write_text(signers.read_text() + f"mallory@example.com {public_key(repo.keys['mallory'])}\n")
    repo.write("auth/roles.py", "def grant_role(actor, user, role):\n    user.roles.add(role)\n")
    request = repo.idguard("review", "request", "auth/roles.py", "--intent", "grant roles", email="dev@example.com")
    assert request.returncode == 0, request.stderr
    repo.commit("grant roles")
    review_id = request.stdout.split()[1]
    assert repo.approve(review_id, "mallory", "--base", "main").returncode == 0  # her working tree trusts her
    repo.commit("approved")

    gate = repo.idguard("gate", "--base", "main", "--bootstrap")
    assert gate.returncode == 1
    assert "bootstrap not applied: main" in gate.stdout
    assert re.search(r"signers from [0-9a-f]{12}:\.idguard/allowed_signers", gate.stdout)
    assert "FAIL auth/roles.py" in gate.stdout and "FAIL .idguard/allowed_signers" in gate.stdout


def test_a_policy_in_pyproject_written_as_a_dotted_key_is_a_trust_anchor(workspace: Path, tmp_path: Path):
    """`[tool]` + `idguard.profile = ...` is the same table as `[tool.idguard]`: the target branch has a policy,
    so --bootstrap must not hand the change its own signers."""
    repo = ReviewRepo(root=workspace, home=tmp_path / "home")
    repo.home.mkdir()
    for who in ("rita", "dev"):
        repo.keys[who] = keygen(tmp_path / "keys", who)
    repo.write("pyproject.toml", '[project]\nname = "app"\n\n[tool]\nidguard.profile = "regulated"\n')
    repo.commit("a policy, no signers yet")
    git(workspace, "checkout", "-q", "-b", "adopt-idguard")
    ids = _adopt_on_branch(repo)
    assert _approve_all(repo, ids).returncode == 0
    repo.commit("approve the adoption")
    gate = repo.idguard("gate", "--base", "main", "--bootstrap")
    assert gate.returncode == 1
    assert "bootstrap not applied: main" in gate.stdout
