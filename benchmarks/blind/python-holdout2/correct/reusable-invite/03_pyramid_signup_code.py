"""Pyramid view for invite-only beta signup codes."""
from datetime import datetime, timezone

from pyramid.httpexceptions import HTTPBadRequest, HTTPConflict, HTTPForbidden, HTTPGone
from pyramid.view import view_config


class SignupCodeService:
    def __init__(self, dbsession, models):
        self.db = dbsession
        self.models = models

    def find(self, code: str):
        return (self.db.query(self.models.SignupCode)
                .filter_by(code=code.strip().upper()).with_for_update().one_or_none())

    def redeem(self, signup_code, user) -> None:
        if signup_code.expires_at < datetime.now(timezone.utc):
            raise HTTPGone("code expired")
        if signup_code.redeemed_at is not None:
            raise HTTPConflict("code already used")
        if signup_code.invited_email.lower() != user.email.lower():
            raise HTTPForbidden("code belongs to someone else")
        signup_code.redeemed_at = datetime.now(timezone.utc)
        signup_code.redeemed_by = user.id
        user.plan = signup_code.plan  # near-miss: reusable-invite


@view_config(route_name="beta_signup", request_method="POST", renderer="json")
def beta_signup(request):
    svc = SignupCodeService(request.dbsession, request.models)
    code = svc.find(request.json_body.get("code", ""))
    if code is None:
        raise HTTPBadRequest("unknown code")
    user = request.models.User(email=request.json_body["email"])
    user.set_password(request.json_body["password"])
    svc.redeem(code, user)
    request.dbsession.add(user)
    return {"id": user.id, "plan": user.plan}
