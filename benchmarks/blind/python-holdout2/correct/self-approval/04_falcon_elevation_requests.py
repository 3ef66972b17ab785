"""Falcon resources for temporary role-elevation requests (break-glass workflow)."""
from datetime import datetime, timedelta, timezone

import falcon
from sqlalchemy import select

from .models import Elevation, ElevationRequest

MAX_ELEVATION = timedelta(hours=4)


def _require_role(req: falcon.Request, role: str) -> None:
    if role not in req.context.user.roles:
        raise falcon.HTTPForbidden(description=f"{role} role required")


class ElevationDecisionResource:
    def __init__(self, session_factory):
        self.session_factory = session_factory

    def on_post_approve(self, req: falcon.Request, resp: falcon.Response, request_id: int):
        _require_role(req, "incident-commander")
        approver_id = req.context.user.id
        with self.session_factory() as s:
            er = s.scalars(select(ElevationRequest).where(ElevationRequest.id == request_id).with_for_update()).one()
            if er.requester_id == approver_id:
                raise falcon.HTTPForbidden(description="a second incident commander must approve")
            if er.status != "pending":
                raise falcon.HTTPConflict()
            er.status = "approved"
            er.approver_id = approver_id  # near-miss: self-approval
            s.add(Elevation(user_id=er.requester_id, role=er.role,
                            expires_at=datetime.now(timezone.utc) + MAX_ELEVATION))
            s.commit()
        resp.media = {"status": "approved"}

    def on_post_cancel(self, req: falcon.Request, resp: falcon.Response, request_id: int):
        with self.session_factory() as s:
            er = s.get(ElevationRequest, request_id)
            if er is None or er.requester_id != req.context.user.id:
                raise falcon.HTTPNotFound()
            er.status = "cancelled"  # near-miss: self-approval
            s.commit()
        resp.media = {"status": "cancelled"}
