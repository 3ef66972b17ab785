"""`idguard review request`: a human asks for review of a hand-written file; approval and gate accept it."""

from __future__ import annotations

import json
from pathlib import Path

from review_fixtures import TOKEN_CODE, git, make_repo


def test_hand_written_identity_file_gets_a_review_an_approval_and_a_green_gate(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    repo.write("auth/tokens.py", TOKEN_CODE)
    repo.commit("token reader, written by hand")
    gate = repo.idguard("gate", "--base", "main", "--format", "json")
    assert gate.returncode == 1  # untagged identity code
    out = repo.idguard(
        "review", "request", "auth/tokens.py", "--intent", "read tokens with pinned issuer", email="author@example.com"
    )
    assert out.returncode == 0, out.stderr
    review_id = out.stdout.split()[1]
    assert review_id.startswith("IGR-") and f"idguard review approve {review_id}" in out.stdout
    record = json.loads((workspace / f".idguard/reviews/{review_id}.json").read_text())
    assert record["author"]["email"] == "author@example.com" and record["intent"] == "read tokens with pinned issuer"
    assert review_id in (workspace / "auth/tokens.py").read_text().splitlines()[0]
    # The author's own approval is refused; another reviewer's counts.
    assert repo.approve(review_id, "author").returncode == 1
    approved = repo.approve(review_id, "reviewer")
    assert approved.returncode == 0, approved.stderr
    repo.commit("token reader, reviewed")
    gate = repo.idguard("gate", "--base", "main")
    assert gate.returncode == 0, gate.stdout + gate.stderr
    # A one-line fix after approval makes the review stale; a new request re-tags it for a new review.
    text = (workspace / "auth/tokens.py").read_text().replace('audience="api"', 'audience="api2"')
    repo.write("auth/tokens.py", text)
    again = repo.idguard("review", "request", "auth/tokens.py", "--intent", "audience fix", email="author@example.com")
    assert again.returncode == 0 and again.stdout.split()[1] != review_id
    git(workspace, "add", ".")


def test_request_for_plain_code_needs_no_review(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    repo.write("app/hello.py", "print('hello')\n")
    out = repo.idguard("review", "request", "app/hello.py", "--intent", "greeting")
    assert out.returncode == 0 and "no review needed" in out.stdout
    assert not (workspace / ".idguard/reviews").exists()


def test_prune_says_what_it_removes_and_removes_only_with_yes(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    repo.write("auth/tokens.py", TOKEN_CODE)
    first = repo.idguard("review", "request", "auth/tokens.py", "--intent", "one").stdout.split()[1]
    second = repo.idguard("review", "request", "auth/tokens.py", "--intent", "two").stdout.split()[1]
    dry = repo.idguard("review", "prune")
    assert dry.returncode == 0 and f"would remove {first} (auth/tokens.py): superseded by {second}" in dry.stdout
    assert (workspace / f".idguard/reviews/{first}.json").exists()
    done = repo.idguard("review", "prune", "--yes")
    assert f"removed {first}" in done.stdout and f"removed {second}" not in done.stdout
    assert not (workspace / f".idguard/reviews/{first}.json").exists()
    assert (workspace / f".idguard/reviews/{second}.json").exists()
    repo.write("auth/tokens.py", TOKEN_CODE.replace("api", "api2"))
    assert "stale" in repo.idguard("review", "prune", "--yes").stdout
    assert not (workspace / f".idguard/reviews/{second}.json").exists()
