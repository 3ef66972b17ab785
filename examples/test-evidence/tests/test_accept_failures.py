"""The failure paths: expired, reused and forwarded invitations are refused and grant nothing."""

from datetime import UTC, datetime, timedelta

import pytest
from invites.accept import Invite, InviteError, Workspace, accept_invite

NOW = datetime(2026, 1, 1, tzinfo=UTC)


def _invite(**changes):
    values = {"email": "dana@example.com", "role": "viewer", "expires_at": NOW + timedelta(days=1)} | changes
    return Invite(**values)


def test_an_expired_invitation_is_refused():
    workspace = Workspace()
    with pytest.raises(InviteError, match="expired"):
        accept_invite(workspace, _invite(expires_at=NOW), "dana@example.com", now=NOW)
    assert workspace.members == {}


def test_an_invitation_works_once():
    workspace = Workspace()
    with pytest.raises(InviteError, match="already used"):
        accept_invite(workspace, _invite(used_at=NOW - timedelta(hours=1)), "dana@example.com", now=NOW)
    assert workspace.members == {}


def test_a_forwarded_invitation_is_refused():
    workspace = Workspace()
    with pytest.raises(InviteError, match="another address"):
        accept_invite(workspace, _invite(), "eve@example.com", now=NOW)
    assert workspace.members == {}
