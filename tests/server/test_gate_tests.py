"""The gate proves identity changes were tested down their failure paths: real repositories, the project's tests
run under `coverage run --branch -m pytest`, the coverage JSON handed to `idguard gate --coverage`."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from review_fixtures import IDGUARD, make_repo

GRANTS = '''"""Role grants for the admin console."""


class GrantError(Exception):
    pass


def grant_role(actor, user, role):
    if role not in actor.grantable_roles():
        raise GrantError("actor cannot grant this role")
    if user.is_suspended:
        return False
    user.roles.add(role)
    return True
'''
SUCCESS_ONLY = """from auth.grants import grant_role


class Actor:
    def grantable_roles(self):
        return {"viewer"}


class User:
    is_suspended = False

    def __init__(self):
        self.roles = set()


def test_grant():
    assert grant_role(Actor(), User(), "viewer")
"""
FAILURES = """

def test_refuses_roles_the_actor_cannot_grant():
    import pytest
    from auth.grants import GrantError

    with pytest.raises(GrantError):
        grant_role(Actor(), User(), "admin")


def test_suspended_users_get_nothing():
    user = User()
    user.is_suspended = True
    assert grant_role(Actor(), user, "viewer") is False
"""


def _coverage(root: Path) -> Path:
    env = {"PYTHONPATH": str(root), "PATH": str(Path(sys.executable).parent) + ":/usr/bin:/bin"}
    subprocess.run(
        [sys.executable, "-m", "coverage", "run", "--branch", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=root,
        check=True,
        capture_output=True,
        env=env,
        timeout=300,
    )
    subprocess.run(
        [sys.executable, "-m", "coverage", "json", "-o", "coverage.json"],
        cwd=root,
        check=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    (root / ".coverage").unlink()
    return root / "coverage.json"


def _gate(repo, *args: str) -> dict:
    out = repo.idguard("gate", "--format", "json", *args)
    assert out.returncode in (0, 1), out.stderr
    report = json.loads(out.stdout)
    [grants] = [f for f in report["files"] if f["path"] == "auth/grants.py"]
    return grants


def test_failure_paths_no_test_ran_fail_the_gate_until_tests_exist(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path, policy='[tests]\nrequire = "failure-paths"\n')
    review = repo.guard_change("auth/grants.py", GRANTS)
    assert [(t.unit, t.failure_paths) for t in review.tests_needed] == [
        (
            "grant_role",
            [
                "line 11: failed-check: when `role not in actor.grantable_roles()`",
                "line 13: failed-check: when `user.is_suspended`",
            ],
        )
    ]
    assert any("failure paths" in item for item in review.checklist)
    repo.write("auth/__init__.py", "")
    repo.write("tests/test_grants.py", SUCCESS_ONLY)
    assert repo.approve(review.review_id, "reviewer").returncode == 0
    repo.commit("grants, approved, tested on the success path only")

    without = _gate(repo)
    assert [p["kind"] for p in without["problems"]] == ["tests-missing"]
    assert "no coverage data" in without["problems"][0]["message"]

    grants = _gate(repo, "--coverage", str(_coverage(workspace)))
    assert [p["kind"] for p in grants["problems"]] == ["tests-missing"], grants["tests"]
    [unit] = grants["tests"]
    assert unit["unit"] == "grant_role" and unit["executed"] is True and unit["tests"] == ["tests/test_grants.py"]
    # Lines of the file as written and run: the review tag is its first line.
    assert [(p["line"], p["ran"]) for p in unit["failure_paths"]] == [(11, False), (13, False)]
    assert "line 11" in grants["problems"][0]["message"] and "line 13" in grants["problems"][0]["message"]

    repo.write("tests/test_grants.py", SUCCESS_ONLY + FAILURES)
    repo.commit("tests for the failure paths")
    grants = _gate(repo, "--coverage", str(_coverage(workspace)))
    assert grants["outcome"] == "pass", grants["problems"]
    assert [p["ran"] for p in grants["tests"][0]["failure_paths"]] == [True, True]

    # The same data as Cobertura XML, as other languages' tools write it.
    env = {"PYTHONPATH": str(workspace), "PATH": "/usr/bin:/bin"}
    subprocess.run(
        [sys.executable, "-m", "coverage", "run", "-m", "pytest", "-q", "-p", "no:cacheprovider", "tests"],
        cwd=workspace,
        check=True,
        capture_output=True,
        env=env,
        timeout=300,
    )
    subprocess.run(
        [sys.executable, "-m", "coverage", "xml", "-o", "coverage.xml"],
        cwd=workspace,
        check=True,
        capture_output=True,
        env=env,
        timeout=120,
    )
    assert _gate(repo, "--coverage", str(workspace / "coverage.xml"))["outcome"] == "pass"


def test_idguard_tests_lists_units_paths_and_the_tests_that_name_them(workspace: Path, tmp_path: Path):
    repo = make_repo(workspace, tmp_path)
    repo.write("auth/__init__.py", "")
    repo.write("auth/grants.py", GRANTS)
    repo.write("tests/test_grants.py", SUCCESS_ONLY)
    repo.commit("grants")
    coverage = _coverage(workspace)
    out = subprocess.run(
        [IDGUARD, "tests", "auth/grants.py", "--coverage", str(coverage)],
        cwd=workspace,
        capture_output=True,
        text=True,
        env=repo.env(),
        timeout=120,
    )
    assert out.returncode == 0, out.stderr  # the standard profile only reports
    assert "auth/grants.py:8: grant_role [rbac] ran" in out.stdout
    assert "-- line 10: failed-check" in out.stdout and "-- line 12: failed-check" in out.stdout
    assert "tests naming it: tests/test_grants.py" in out.stdout
    assert "1 identity unit(s), 2 failure path(s), 0 of them ran in the tests" in out.stdout
    bad = subprocess.run(
        [IDGUARD, "tests", "auth/grants.py", "--coverage", str(workspace / "README.md")],
        cwd=workspace,
        capture_output=True,
        text=True,
        env=repo.env(),
        timeout=60,
    )
    assert bad.returncode == 2 and "not coverage.py JSON" in bad.stderr
