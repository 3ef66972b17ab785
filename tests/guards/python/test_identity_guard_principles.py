"""Principles the Python identity guards must keep beyond their examples: limits come from the
policy, and no finding ever repeats the secret it found."""

from __future__ import annotations

import re
from pathlib import Path

import libcst as cst
from idguard.guards import Policy, check_code
from idguard.guards.policy import Limits

FIXTURES = Path(__file__).resolve().parents[2] / "fixtures" / "python"
_EXPECT = re.compile(r"#\s*expect:\s*(?P<ids>IDG\d{3}(?:\s*,\s*IDG\d{3})*)")
HARDCODED_IDS = {"IDG102", "IDG103", "IDG104", "IDG105", "IDG106", "IDG107"}

INVITES = '''"""Workspace invitations."""
from datetime import timedelta

INVITE_TTL = timedelta(days=2)
REFRESH_TOKEN_TTL = timedelta(days=20)
'''


def _lifetime_lines(policy: Policy) -> set[int]:
    result = check_code(INVITES, path="invites.py", policy=policy)
    return {f.line for f in result.findings if f.guard_id == "IDG116"}


def test_lifetime_limits_come_from_the_policy():
    assert _lifetime_lines(Policy()) == set()
    strict = Policy(limits=Limits(max_invite_ttl_seconds=24 * 3600, max_refresh_token_ttl_seconds=7 * 86400))
    assert _lifetime_lines(strict) == {4, 5}


def test_sts_limit_comes_from_the_policy():
    code = 'import boto3\nboto3.client("sts").assume_role(RoleArn=a, RoleSessionName="job", DurationSeconds=1800)\n'
    relaxed = check_code(code, path="iam/roles.py")
    strict = check_code(code, path="iam/roles.py", policy=Policy(limits=Limits(max_sts_session_seconds=900)))
    assert not any(f.guard_id == "IDG117" for f in relaxed.findings)
    assert any(f.guard_id == "IDG117" for f in strict.findings)


def _string_values_on(module: cst.Module, lines: set[int]) -> set[str]:
    wrapper = cst.MetadataWrapper(module)
    positions = wrapper.resolve(cst.metadata.PositionProvider)
    values = set()
    for node, position in positions.items():
        if isinstance(node, cst.SimpleString) and position.start.line in lines:
            value = node.evaluated_value
            # Credential values, not the upper-case names of settings and environment variables.
            if isinstance(value, str) and len(value) >= 6 and any(c.islower() for c in value):
                values.add(value)
    return values


def test_hard_coded_credential_findings_never_repeat_the_value():
    checked = 0
    values_seen: set[str] = set()
    for path in sorted(FIXTURES.glob("*.py")):
        text = path.read_text(encoding="utf-8")
        lines = {
            number
            for number, line in enumerate(text.splitlines(), start=1)
            if (match := _EXPECT.search(line)) and HARDCODED_IDS & {i.strip() for i in match["ids"].split(",")}
        }
        if not lines:
            continue
        secrets_in_file = _string_values_on(cst.parse_module(text), lines)
        values_seen |= secrets_in_file
        for finding in check_code(text, path=path.name).findings:
            shown = f"{finding.message} {finding.fix or ''}"
            leaked = [value for value in secrets_in_file if value in shown]
            assert not leaked, f"{path.name}:{finding.line} {finding.guard_id} repeats a literal value"
            checked += 1
    assert checked >= 10 and "portal-dev-secret" in values_seen  # the test does look at real values


def test_names_of_secret_fields_are_not_credentials():
    """A mapping of setting names (`{"tokens": "token", "api_keys": "api_key"}`) is not a hard-coded credential."""
    from idguard.guards import check_code

    code = (
        'FIELD_NAMES = {"tokens": "token", "api_keys": "api_key", "jwt": "refresh_token"}\n'
        'ALIASES = {"automount_service_account_token": "automountServiceAccountToken"}\n'
        'password = "hunter2hunter2"\n'
    )
    result = check_code(code, path="auth/names.py")
    lines = {f.line for f in result.findings if f.guard_id in ("IDG102", "IDG126")}
    assert lines == {3}
