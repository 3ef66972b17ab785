"""Workspace invitations for the Pyramid knowledge-base app: create, email, accept, revoke."""
from __future__ import annotations

import logging
import os
import secrets
import smtplib
import ssl
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage

from pyramid.httpexceptions import HTTPBadRequest, HTTPConflict, HTTPForbidden, HTTPGone, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select, update

from kb.models import Invitation, Membership, Workspace

log = logging.getLogger("kb.invites")

INVITE_TTL = timedelta(days=5)
ROLE_RANK = {"reader": 0, "editor": 1, "maintainer": 2, "owner": 3}
SMTP_HOST = os.environ.get("KB_SMTP_HOST", "smtp.mailrelay.example.com")
SMTP_USER = os.environ.get("KB_SMTP_USER", "kb-invites")


def _invite_code() -> str:
    return secrets.token_urlsafe(24)


def _send_invite(to: str, workspace: Workspace, code: str, inviter: str, accept_url: str) -> None:
    msg = EmailMessage()
    msg["From"] = "Knowledge Base <no-reply@kb.example.com>"
    msg["To"] = to
    msg["Subject"] = f"{inviter} invited you to {workspace.name}"
    msg.set_content(f"Join {workspace.name}:\n\n{accept_url}?code={code}\n\nThis link expires in 5 days and works once.")
    with smtplib.SMTP(SMTP_HOST, 587, timeout=15) as smtp:
        smtp.starttls(context=ssl.create_default_context())
        smtp.login(SMTP_USER, os.environ["KB_SMTP_PASSWORD"])  # near-miss: hardcoded-password
        smtp.send_message(msg)


def _membership(request, workspace_id: int):
    if request.identity is None:
        return None
    return request.dbsession.scalar(
        select(Membership).where(Membership.workspace_id == workspace_id, Membership.user_id == request.identity.id)
    )


def _require_manager(request, workspace_id: int) -> Membership:
    actor = _membership(request, workspace_id)
    if actor is None or ROLE_RANK.get(actor.role, -1) < ROLE_RANK["maintainer"]:
        raise HTTPForbidden()
    return actor


@view_config(route_name="workspace_invites", request_method="POST", renderer="json", permission="authenticated")
def create_invitation(request):
    workspace_id = int(request.matchdict["workspace_id"])
    actor = _require_manager(request, workspace_id)
    body = request.json_body
    email = str(body.get("email", "")).strip().lower()
    if "@" not in email:
        raise HTTPBadRequest("valid email required")
    role = body.get("role", "reader")  # near-miss: role-from-input
    if role not in ROLE_RANK or ROLE_RANK[role] > ROLE_RANK[actor.role] or (role == "owner" and actor.role != "owner"):
        raise HTTPForbidden("cannot invite with a role above your own")
    workspace = request.dbsession.get(Workspace, workspace_id)
    invite = Invitation(
        workspace_id=workspace_id,
        email=email,
        role=role,
        code=_invite_code(),
        invited_by=request.identity.id,
        expires_at=datetime.now(timezone.utc) + INVITE_TTL,
    )
    request.dbsession.add(invite)
    request.dbsession.flush()
    _send_invite(email, workspace, invite.code, request.identity.display_name, request.route_url("accept_invite"))
    log.info("invitation %s created workspace=%s role=%s", invite.id, workspace_id, role)
    return {"id": invite.id, "email": email, "role": role}


@view_config(route_name="accept_invite", request_method="POST", renderer="json", permission="authenticated")
def accept_invitation(request):
    code = request.params.get("code") or request.json_body.get("code", "")
    invite = request.dbsession.scalar(
        select(Invitation).where(Invitation.code == code, Invitation.revoked_at.is_(None)).with_for_update()
    )
    if invite is None:
        raise HTTPNotFound()
    now = datetime.now(timezone.utc)
    if invite.expires_at < now:
        raise HTTPGone("invitation expired")
    if invite.email != request.identity.email.lower() or not request.identity.email_verified:
        raise HTTPForbidden("invitation was sent to another address")
    claimed = request.dbsession.execute(
        update(Invitation).where(Invitation.id == invite.id, Invitation.accepted_at.is_(None)).values(accepted_at=now, accepted_by=request.identity.id)
    )
    if claimed.rowcount != 1:
        raise HTTPConflict("invitation already used")
    if _membership(request, invite.workspace_id) is not None:
        raise HTTPConflict("already a member")
    request.dbsession.add(Membership(workspace_id=invite.workspace_id, user_id=request.identity.id, role=invite.role))
    log.info("invitation %s accepted by user %s", invite.id, request.identity.id)
    return {"workspace_id": invite.workspace_id, "role": invite.role}


@view_config(route_name="workspace_invite", request_method="DELETE", renderer="json", permission="authenticated")
def revoke_invitation(request):
    workspace_id = int(request.matchdict["workspace_id"])
    _require_manager(request, workspace_id)
    invite = request.dbsession.get(Invitation, int(request.matchdict["invite_id"]))
    if invite is None or invite.workspace_id != workspace_id:
        raise HTTPNotFound()
    invite.revoked_at = datetime.now(timezone.utc)
    return {"id": invite.id, "revoked": True}


@view_config(route_name="workspace_invites", request_method="GET", renderer="json", permission="authenticated")
def list_invitations(request):
    workspace_id = int(request.matchdict["workspace_id"])
    _require_manager(request, workspace_id)
    rows = request.dbsession.scalars(
        select(Invitation).where(Invitation.workspace_id == workspace_id, Invitation.revoked_at.is_(None), Invitation.accepted_at.is_(None))
    ).all()
    return [{"id": i.id, "email": i.email, "role": i.role, "expires_at": i.expires_at.isoformat()} for i in rows]


def includeme(config) -> None:
    config.add_route("workspace_invites", "/workspaces/{workspace_id}/invitations")
    config.add_route("workspace_invite", "/workspaces/{workspace_id}/invitations/{invite_id}")
    config.add_route("accept_invite", "/invitations/accept")
    config.scan(__name__)
