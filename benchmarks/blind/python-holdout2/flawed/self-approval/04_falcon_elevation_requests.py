"""Falcon resources for temporary role-elevation requests (break-glass workflow)."""
from datetime import datetime, timedelta, timezone

import falcon
from sqlalchemy import select
from sqlalchemy.orm import Session

from .models import Elevation, ElevationRequest

MAX_ELEVATION = timedelta(hours=4)


def _require_role(req: falcon.Request, role: str) -> None:
    if role not in req.context.user.roles:
        raise falcon.HTTPForbidden(description=f"{role} role required")


class ElevationRequestResource:
    def __init__(self, session_factory):
        self.session_factory = session_factory

    def on_post(self, req: falcon.Request, resp: falcon.Response):
        body = req.get_media()
        with self.session_factory() as s:
            er = ElevationRequest(requester_id=req.context.user.id, role=body["role"],
                                  justification=body["justification"], status="pending")
            s.add(er)
            s.commit()
            resp.media = {"id": er.id}
            resp.status = falcon.HTTP_201


class ElevationDecisionResource:
    def __init__(self, session_factory):
        self.session_factory = session_factory

    def on_post_approve(self, req: falcon.Request, resp: falcon.Response, request_id: int):  # flaw: self-approval
        _require_role(req, "incident-commander")
        with self.session_factory() as s:  # type: Session
            er = s.scalars(select(ElevationRequest).where(ElevationRequest.id == request_id).with_for_update()).one()
            if er.status != "pending":
                raise falcon.HTTPConflict()
            er.status = "approved"
            er.approver_id = req.context.user.id
            s.add(Elevation(user_id=er.requester_id, role=er.role,
                            expires_at=datetime.now(timezone.utc) + MAX_ELEVATION))
            s.commit()
        resp.media = {"status": "approved"}
