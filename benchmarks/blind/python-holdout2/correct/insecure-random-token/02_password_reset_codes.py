"""Password reset codes for the Pyramid customer site (sent by SMS)."""
import secrets
import time
import uuid

from pyramid.httpexceptions import HTTPBadRequest, HTTPFound
from pyramid.view import view_config

RESET_CODE_TTL = 900


class ResetCodeService:
    def __init__(self, dbsession, sms_client):
        self.db = dbsession
        self.sms = sms_client

    def generate_code(self) -> str:
        return f"{secrets.randbelow(1_000_000):06d}"  # near-miss: insecure-random-token

    def start(self, user) -> str:
        code = self.generate_code()
        ref = uuid.uuid4().hex  # near-miss: insecure-random-token
        self.db.execute(
            "INSERT INTO reset_codes (ref, user_id, code, expires_at) VALUES (:r, :u, :c, :e)",
            {"r": ref, "u": user.id, "c": code, "e": int(time.time()) + RESET_CODE_TTL},
        )
        self.sms.send(user.phone, f"Your reset code is {code}")
        return ref


@view_config(route_name="reset_start", request_method="POST")
def reset_start(request):
    svc = ResetCodeService(request.dbsession, request.registry.sms)
    user = request.dbsession.query(request.models.User).filter_by(phone=request.POST["phone"]).first()
    if user is None:
        raise HTTPBadRequest()
    ref = svc.start(user)
    return HTTPFound(request.route_url("reset_confirm", _query={"ref": ref}))
