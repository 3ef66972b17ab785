"""The success path only: what a first draft of tests usually covers."""

from datetime import UTC, datetime, timedelta

from invites.accept import Invite, Workspace, accept_invite

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def test_accepting_adds_the_member_with_the_invited_role():
    workspace = Workspace()
    invite = Invite(email="dana@example.com", role="viewer", expires_at=NOW + timedelta(days=1))
    assert accept_invite(workspace, invite, "Dana@example.com", now=NOW) == "viewer"
    assert workspace.members == {"Dana@example.com": "viewer"}
