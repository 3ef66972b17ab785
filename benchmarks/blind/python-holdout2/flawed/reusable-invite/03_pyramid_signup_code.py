"""Pyramid view for invite-only beta signup codes."""
from datetime import datetime, timezone

from pyramid.httpexceptions import HTTPBadRequest, HTTPGone
from pyramid.view import view_config


class SignupCodeService:
    def __init__(self, dbsession, models):
        self.db = dbsession
        self.models = models

    def find(self, code: str):
        return self.db.query(self.models.SignupCode).filter_by(code=code.strip().upper()).one_or_none()

    def redeem(self, signup_code, user) -> None:  # flaw: reusable-invite
        if signup_code.expires_at and signup_code.expires_at < datetime.now(timezone.utc):
            raise HTTPGone("code expired")
        signup_code.redeemed_count += 1
        signup_code.last_redeemed_by = user.id
        user.plan = signup_code.plan


@view_config(route_name="beta_signup", request_method="POST", renderer="json")
def beta_signup(request):
    svc = SignupCodeService(request.dbsession, request.models)
    code = svc.find(request.json_body.get("code", ""))
    if code is None:
        raise HTTPBadRequest("unknown code")
    if code.invited_email and code.invited_email.lower() != request.json_body["email"].lower():
        raise HTTPBadRequest("code belongs to someone else")
    user = request.models.User(email=request.json_body["email"])
    user.set_password(request.json_body["password"])
    request.dbsession.add(user)
    svc.redeem(code, user)
    return {"id": user.id, "plan": user.plan}
