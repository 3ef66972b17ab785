"""`idguard policy explain`: each key's effective value and its source (file, profile, default), for the
working tree and for a committed ref, through the real CLI."""

from __future__ import annotations

import json
import subprocess
from pathlib import Path

from review_fixtures import IDGUARD, git

POLICY = 'profile = "regulated"\nblock_threshold = "high"\n\n[limits]\nmax_invite_ttl_seconds = 86400\n'


def _explain(root: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [IDGUARD, "policy", "explain", "--format", "json", *args], cwd=root, capture_output=True, text=True
    )


def _keys(out: subprocess.CompletedProcess) -> dict[str, tuple[object, str]]:
    assert out.returncode == 0, out.stderr
    return {row["key"]: (row["value"], row["source"]) for row in json.loads(out.stdout)["keys"]}


def test_each_value_names_the_file_the_profile_or_the_default(workspace: Path):
    (workspace / ".idguard").mkdir()
    (workspace / ".idguard/policy.toml").write_text(POLICY)
    keys = _keys(_explain(workspace))
    assert keys["block_threshold"] == ("high", ".idguard/policy.toml")  # the file overrides the profile's medium
    assert keys["limits.max_invite_ttl_seconds"] == (86400, ".idguard/policy.toml")
    assert keys["review.require_signed_commits"] == (True, "profile regulated")
    assert keys["review.category_approvals.rbac"] == (2, "profile regulated")
    assert keys["limits.max_session_ttl_seconds"][1] == "default"


def test_ref_explains_the_committed_policy_not_the_working_tree(workspace: Path):
    (workspace / ".idguard").mkdir()
    (workspace / ".idguard/policy.toml").write_text(POLICY)
    git(workspace, "add", ".")
    git(workspace, "commit", "-q", "-m", "policy")
    (workspace / ".idguard/policy.toml").write_text('profile = "standard"\nblock_threshold = "critical"\n')
    here = _keys(_explain(workspace))
    committed = _keys(_explain(workspace, "--ref", "main"))
    assert here["block_threshold"] == ("critical", ".idguard/policy.toml")
    assert committed["block_threshold"] == ("high", "main:.idguard/policy.toml")
    assert committed["review.require_signed_commits"] == (True, "profile regulated")


def test_an_invalid_policy_or_ref_is_one_line_and_exit_2(workspace: Path):
    (workspace / ".idguard").mkdir()
    (workspace / ".idguard/policy.toml").write_text("[limits]\nmax_invite_ttl_seconds = 'a week'\n")
    out = _explain(workspace)
    assert out.returncode == 2 and "limits.max_invite_ttl_seconds" in out.stderr
    assert len(out.stderr.strip().splitlines()) == 1
    (workspace / ".idguard/policy.toml").write_text(POLICY)
    git(workspace, "add", ".")
    git(workspace, "commit", "-q", "-m", "policy")
    out = _explain(workspace, "--ref", "no-such-branch")
    assert out.returncode == 2 and "no-such-branch" in out.stderr
