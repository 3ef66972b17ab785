"""CODEOWNERS as named owners (`[owners] codeowners = true`): GitHub's matching, read from the trust ref.

Matching is tested on its own; approvals in real git repositories with real ssh-keygen keys and the real CLI
in a subprocess, including the change that names its own approver an owner (which must not count).
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from idguard.server.codeowners import owning_line, parse
from review_fixtures import TOKEN_CODE, ReviewRepo, git, make_repo, public_key

CODEOWNERS = """# security owns the identity code
*                 @someone-else
/auth/            @rev2            # the last matching line wins
auth/legacy/      @nobody-known
docs/*            docs@example.com
"""


@pytest.mark.parametrize(
    ("path", "line"),
    [
        ("auth/tokens.py", 3),
        ("auth/deep/er/x.py", 3),
        ("auth/legacy/old.py", 4),
        ("svc/auth/legacy/old.py", 2),  # a slash inside the pattern anchors it at the top too
        ("svc/auth/tokens.py", 2),  # /auth/ is anchored at the top
        ("docs/a.md", 5),
        ("docs/sub/a.md", 2),  # docs/* matches only files directly in docs/
        ("README.md", 2),
    ],
)
def test_the_last_matching_pattern_wins(path: str, line: int):
    found = owning_line(parse(CODEOWNERS), path)
    assert found is not None and found.line == line


def test_gitignore_globs():
    lines = parse("*.js @js\n/build/**/logs @logs\napps/ @apps\n/config/*.yml @ops\nsecrets/ \n")
    assert owning_line(lines, "web/app.js").owners == ["@js"]
    assert owning_line(lines, "build/a/b/logs/x.txt").owners == ["@logs"]
    assert owning_line(lines, "build/logs").owners == ["@logs"]
    assert owning_line(lines, "x/apps/y.py").owners == ["@apps"]
    assert owning_line(lines, "config/prod.yml").owners == ["@ops"]
    assert owning_line(lines, "config/prod/db.yml") is None
    assert owning_line(lines, "secrets/a.py").owners == []  # a pattern without owners: nobody's
    assert owning_line(lines, "web/app.ts") is None


def _codeowners_repo(workspace: Path, tmp_path: Path, codeowners: str) -> ReviewRepo:
    """main: allowed signers with GitHub logins, `[owners] codeowners = true` and .github/CODEOWNERS."""
    repo = make_repo(workspace, tmp_path)
    git(workspace, "checkout", "-q", "main")
    repo.write(
        ".idguard/allowed_signers",
        f"reviewer@example.com,github:rev1 {public_key(repo.keys['reviewer'])}\n"
        f"reviewer2@example.com,github:rev2 {public_key(repo.keys['reviewer2'])}\n"
        f"author@example.com {public_key(repo.keys['author'])}\n",
    )
    repo.write(".idguard/policy.toml", "[owners]\ncodeowners = true\n")
    repo.write(".github/CODEOWNERS", codeowners)
    repo.commit("CODEOWNERS")
    git(workspace, "checkout", "-q", "-B", "feature", "main")
    return repo


def test_an_approval_counts_only_from_the_codeowner_of_the_path(workspace: Path, tmp_path: Path):
    repo = _codeowners_repo(workspace, tmp_path, CODEOWNERS)
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    repo.commit("token reader")
    shown = repo.idguard("review", "show", review.review_id)
    assert "owners   one of reviewer2@example.com, github:rev2 (.github/CODEOWNERS:3 /auth/)" in shown.stdout
    assert repo.approve(review.review_id, "reviewer").returncode == 0  # an allowed signer, not the owner
    repo.commit("approved by a non-owner")
    gate = repo.idguard("gate", "--base", "main")
    assert gate.returncode == 1
    assert "reviewer@example.com: not an owner of this change" in gate.stdout

    assert repo.approve(review.review_id, "reviewer2").returncode == 0  # @rev2 is github:rev2
    repo.commit("approved by the owner")
    gate = repo.idguard("gate", "--base", "main")
    assert gate.returncode == 0, gate.stdout + gate.stderr


def test_an_owner_the_change_adds_to_codeowners_does_not_count(workspace: Path, tmp_path: Path):
    repo = _codeowners_repo(workspace, tmp_path, CODEOWNERS)
    # The change makes its approver an owner; the gate reads CODEOWNERS at main, not from the change.
    repo.write(".github/CODEOWNERS", CODEOWNERS + "/auth/ @rev1\n")
    review = repo.guard_change("auth/tokens.py", TOKEN_CODE)
    repo.commit("token reader, and a friendlier CODEOWNERS")
    # Locally (the working tree) reviewer is now an owner ...
    local = json.loads(repo.idguard("review", "show", review.review_id, "--format", "json").stdout)
    assert local["evaluation"]["owners"] == [["reviewer@example.com", "github:rev1"]]
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    repo.commit("approved")
    # ... but not where it counts.
    gate = repo.idguard("gate", "--base", "main")
    assert gate.returncode == 1
    assert "FAIL auth/tokens.py" in gate.stdout and "reviewer@example.com: not an owner of this change" in gate.stdout
    assert "one of reviewer2@example.com, github:rev2 (.github/CODEOWNERS:3 /auth/)" in gate.stdout


def test_an_owner_no_allowed_signer_answers_to_can_approve_nothing(workspace: Path, tmp_path: Path):
    repo = _codeowners_repo(workspace, tmp_path, CODEOWNERS)
    review = repo.guard_change("auth/legacy/tokens.py", TOKEN_CODE)
    repo.commit("legacy token reader")
    data = json.loads(repo.idguard("review", "show", review.review_id, "--format", "json").stdout)
    assert data["evaluation"]["owners"] == [[]]
    assert data["evaluation"]["unresolved_owners"] == ["@nobody-known"]
    assert repo.approve(review.review_id, "reviewer2").returncode == 0
    repo.commit("approved")
    assert repo.idguard("gate", "--base", "main").returncode == 1


def test_codeowners_turned_on_without_a_file_is_a_policy_error(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path, policy="[owners]\ncodeowners = true\n")
    out = repo.idguard("check", "README.md")
    assert out.returncode == 2
    assert "owners.codeowners is on but there is no CODEOWNERS" in out.stderr
