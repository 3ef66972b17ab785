"""Elevated-role requests for the Sorrel hosting control panel (Pyramid)."""
from datetime import datetime, timezone

from pyramid.httpexceptions import HTTPConflict, HTTPForbidden, HTTPNotFound
from pyramid.view import view_config

from .iam import attach_role
from .models import RoleRequest


@view_config(route_name="role_request_decide", request_method="POST", renderer="json", permission="review")
def decide_role_request(request):  # flaw: self-approval
    rr = request.dbsession.get(RoleRequest, int(request.matchdict["id"]))
    if rr is None:
        raise HTTPNotFound()
    if rr.state != "pending":
        raise HTTPConflict()
    decision = request.json_body.get("decision")
    if decision not in ("approve", "deny"):
        raise HTTPForbidden()
    rr.state = "approved" if decision == "approve" else "denied"
    rr.reviewer_id = request.authenticated_userid
    rr.decided_at = datetime.now(timezone.utc)
    if rr.state == "approved":
        attach_role(rr.account_id, rr.role_name, ttl_hours=rr.duration_hours)
    return {"id": rr.id, "state": rr.state}


@view_config(route_name="role_request_create", request_method="POST", renderer="json", permission="authenticated")
def create_role_request(request):
    rr = RoleRequest(account_id=request.authenticated_userid, role_name=request.json_body["role"],
                     duration_hours=int(request.json_body.get("hours", 4)), state="pending")
    request.dbsession.add(rr)
    request.dbsession.flush()
    return {"id": rr.id}
