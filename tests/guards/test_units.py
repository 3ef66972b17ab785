"""Identity units and their failure paths, on the realistic fixtures of each identity family."""

from __future__ import annotations

from pathlib import Path

import pytest
from idguard.guards.units import changed_units, identity_units

ROOT = Path(__file__).resolve().parents[2]

# fixture -> {unit: [(line, kind), ...]} for the units the fixture's family is about
EXPECTED = {
    "examples/identity/fixed/invite_flow.py": {
        "invite": [(23, "failed-check"), (25, "failed-check")],
        "accept": [(42, "failed-check"), (44, "failed-check")],
    },
    "examples/identity/fixed/offboarding_job.py": {"run": [(30, "handler"), (33, "raise")]},
    "examples/identity/fixed/token_service.py": {"is_allowed": [(43, "handler")], "issue_token": []},
    "tests/fixtures/python/offboarding_tasks.py": {
        "offboard_employee": [(23, "handler"), (28, "handler"), (32, "handler")],
        "offboard_contractor": [(43, "handler"), (45, "raise")],
    },
    "tests/fixtures/python/invites_and_access_approvals.py": {
        "accept_invitation_v2": [(33, "failed-check"), (35, "failed-check")],
        "approve_access_request_v2": [(59, "raise")],
    },
    "tests/fixtures/python/authz_policy_checks.py": {
        "has_permission": [(27, "handler")],
        "require_permission.decorator.wrapper": [(85, "failed-check")],
        "verify_hmac": [(102, "raise")],
    },
}


@pytest.mark.parametrize("fixture", sorted(EXPECTED))
def test_units_and_failure_paths_of_each_family(fixture: str):
    code = (ROOT / fixture).read_text()
    units = {u.name: u for u in identity_units(code, fixture)}
    for name, paths in EXPECTED[fixture].items():
        assert name in units, (fixture, name, sorted(units))
        assert [(p.line, p.kind) for p in units[name].failure_paths] == paths, (fixture, name)


def test_everyday_functions_of_an_everyday_file_are_no_units():
    code = "def add(a, b):\n    if a is None:\n        raise ValueError('a')\n    return a + b\n"
    assert identity_units(code, "app/math.py") == []


def test_kinds_of_failure_path():
    code = """from fastapi import HTTPException


def grant_role(actor, user, role):
    if role not in actor.grantable_roles():
        raise HTTPException(status_code=403)
    try:
        directory.add(user, role)
    except DirectoryError:
        log.warning("directory down")
        return {"granted": False}, 503
    if user.is_locked:
        return None
    return {"granted": True}
"""
    [unit] = identity_units(code, "app/roles.py")
    assert [(p.line, p.kind) for p in unit.failure_paths] == [
        (6, "failed-check"),
        (10, "handler"),
        (13, "failed-check"),
    ]


def test_changed_units_are_the_new_and_the_edited_ones():
    old = (
        "def grant(user, role):\n    user.roles.add(role)\n\n\ndef revoke(user, role):\n    user.roles.discard(role)\n"
    )
    new = old.replace(
        "user.roles.add(role)", "if role == 'admin':\n        raise PermissionError\n    user.roles.add(role)"
    )
    new += "\n\ndef list_roles(user):\n    return sorted(user.roles)\n"
    assert [u.name for u in changed_units(new, old, "auth/roles.py")] == ["grant", "list_roles"]
    assert [u.name for u in changed_units(new, None, "auth/roles.py")] == ["grant", "revoke", "list_roles"]
