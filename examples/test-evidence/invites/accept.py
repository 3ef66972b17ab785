"""Accepting an invitation to a workspace: the invite must be unexpired, unused and meant for this user."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime


class InviteError(Exception):
    """The invitation cannot be accepted; the message says why."""


@dataclass
class Invite:
    email: str
    role: str
    expires_at: datetime
    used_at: datetime | None = None


@dataclass
class Workspace:
    members: dict[str, str] = field(default_factory=dict)


def accept_invite(workspace: Workspace, invite: Invite, user_email: str, now: datetime | None = None) -> str:
    """Add the invited user to the workspace with the invited role, once."""
    now = now or datetime.now(UTC)
    if invite.expires_at <= now:
        raise InviteError("the invitation has expired")
    if invite.used_at is not None:
        raise InviteError("the invitation was already used")
    if invite.email.casefold() != user_email.casefold():
        raise InviteError("the invitation was sent to another address")
    invite.used_at = now
    workspace.members[user_email] = invite.role
    return invite.role
