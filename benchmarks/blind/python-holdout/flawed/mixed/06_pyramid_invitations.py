"""Workspace invitations for the Pyramid knowledge-base app: create, email, accept, revoke."""
from __future__ import annotations

import logging
import random
import smtplib
import string
from datetime import datetime, timedelta, timezone
from email.message import EmailMessage

from pyramid.httpexceptions import HTTPBadRequest, HTTPConflict, HTTPForbidden, HTTPNotFound
from pyramid.view import view_config
from sqlalchemy import select

from kb.models import Invitation, Membership, Workspace

log = logging.getLogger("kb.invites")

INVITE_TTL = timedelta(days=5)
CODE_ALPHABET = string.ascii_letters + string.digits
ROLES = ("reader", "editor", "maintainer", "owner")
SMTP_HOST = "smtp.mailrelay.example.com"
SMTP_USER = "kb-invites"
SMTP_PASSWORD = "Kb!nv1te-relay-2024"  # flaw: hardcoded-password


def _invite_code(length: int = 22) -> str:
    return "".join(random.choice(CODE_ALPHABET) for _ in range(length))  # flaw: insecure-random-token


def _send_invite(to: str, workspace: Workspace, code: str, inviter: str, accept_url: str) -> None:
    msg = EmailMessage()
    msg["From"] = "Knowledge Base <no-reply@kb.example.com>"
    msg["To"] = to
    msg["Subject"] = f"{inviter} invited you to {workspace.name}"
    msg.set_content(f"Join {workspace.name} on the knowledge base:\n\n{accept_url}?code={code}\n\nThis link expires in 5 days.")
    with smtplib.SMTP(SMTP_HOST, 587, timeout=15) as smtp:
        smtp.starttls()
        smtp.login(SMTP_USER, SMTP_PASSWORD)
        smtp.send_message(msg)


def _membership(request, workspace_id: int):
    if request.identity is None:
        return None
    return request.dbsession.scalar(
        select(Membership).where(Membership.workspace_id == workspace_id, Membership.user_id == request.identity.id)
    )


@view_config(route_name="workspace_invites", request_method="POST", renderer="json", permission="authenticated")
def create_invitation(request):
    workspace_id = int(request.matchdict["workspace_id"])
    inviter = _membership(request, workspace_id)
    if inviter is None or inviter.role not in ("maintainer", "owner"):
        raise HTTPForbidden()
    body = request.json_body
    email = str(body.get("email", "")).strip().lower()
    if "@" not in email:
        raise HTTPBadRequest("valid email required")
    role = body.get("role", "reader")  # flaw: role-from-input
    if role not in ROLES:
        raise HTTPBadRequest("unknown role")
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
def accept_invitation(request):  # flaw: reusable-invite
    code = request.params.get("code") or request.json_body.get("code", "")
    invite = request.dbsession.scalar(select(Invitation).where(Invitation.code == code, Invitation.revoked_at.is_(None)))
    if invite is None:
        raise HTTPNotFound()
    existing = _membership(request, invite.workspace_id)
    if existing is not None:
        raise HTTPConflict("already a member")
    request.dbsession.add(Membership(workspace_id=invite.workspace_id, user_id=request.identity.id, role=invite.role))
    invite.last_used_at = datetime.now(timezone.utc)
    log.info("invitation %s accepted by user %s", invite.id, request.identity.id)
    return {"workspace_id": invite.workspace_id, "role": invite.role}


@view_config(route_name="workspace_invite", request_method="DELETE", renderer="json", permission="authenticated")
def revoke_invitation(request):
    workspace_id = int(request.matchdict["workspace_id"])
    actor = _membership(request, workspace_id)
    if actor is None or actor.role not in ("maintainer", "owner"):
        raise HTTPForbidden()
    invite = request.dbsession.get(Invitation, int(request.matchdict["invite_id"]))
    if invite is None or invite.workspace_id != workspace_id:
        raise HTTPNotFound()
    invite.revoked_at = datetime.now(timezone.utc)
    return {"id": invite.id, "revoked": True}


@view_config(route_name="workspace_invites", request_method="GET", renderer="json", permission="authenticated")
def list_invitations(request):
    workspace_id = int(request.matchdict["workspace_id"])
    actor = _membership(request, workspace_id)
    if actor is None or actor.role not in ("maintainer", "owner"):
        raise HTTPForbidden()
    rows = request.dbsession.scalars(
        select(Invitation).where(Invitation.workspace_id == workspace_id, Invitation.revoked_at.is_(None))
    ).all()
    return [
        {"id": i.id, "email": i.email, "role": i.role, "expires_at": i.expires_at.isoformat(), "pending": i.last_used_at is None}
        for i in rows
    ]


def includeme(config) -> None:
    config.add_route("workspace_invites", "/workspaces/{workspace_id}/invitations")
    config.add_route("workspace_invite", "/workspaces/{workspace_id}/invitations/{invite_id}")
    config.add_route("accept_invite", "/invitations/accept")
    config.add_route("my_workspaces", "/me/workspaces")
    config.scan(__name__)
