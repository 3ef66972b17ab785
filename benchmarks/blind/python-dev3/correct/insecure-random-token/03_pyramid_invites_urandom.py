"""Pyramid invite codes and CSRF tokens from the OS CSPRNG."""
import base64
import os
import uuid

from pyramid.view import view_config


def invite_code_for(workspace_id: int) -> str:
    return base64.urlsafe_b64encode(os.urandom(18)).decode().rstrip("=")


def new_csrf_token() -> str:
    return uuid.uuid4().hex  # near-miss: insecure-random-token


@view_config(route_name="invite_create", renderer="json", request_method="POST", permission="manage")
def create_invite(request):
    ws_id = int(request.matchdict["ws"])
    code = invite_code_for(ws_id)
    request.dbsession.execute(
        "INSERT INTO invites (workspace_id, code, email) VALUES (:w, :c, :e)",
        {"w": ws_id, "c": code, "e": request.json_body["email"]},
    )
    return {"code": code}


@view_config(route_name="form_start", renderer="templates/form.jinja2")
def form_start(request):
    token = new_csrf_token()
    request.session["_csrft_"] = token
    return {"csrf_token": token}
