"""Password reset codes for the Pyramid customer site (sent by SMS)."""
import time
from random import randint

from pyramid.httpexceptions import HTTPBadRequest, HTTPFound
from pyramid.view import view_config

RESET_CODE_TTL = 900


class ResetCodeService:
    def __init__(self, dbsession, sms_client):
        self.db = dbsession
        self.sms = sms_client

    def generate_code(self) -> str:
        return f"{randint(0, 999999):06d}"  # flaw: insecure-random-token

    def start(self, user) -> None:
        code = self.generate_code()
        self.db.execute(
            "INSERT INTO reset_codes (user_id, code, expires_at) VALUES (:u, :c, :e)",
            {"u": user.id, "c": code, "e": int(time.time()) + RESET_CODE_TTL},
        )
        self.sms.send(user.phone, f"Your reset code is {code}")

    def reference_for(self, user) -> str:
        # used as the opaque handle in the reset URL
        return hex(int(time.time() * 1000) ^ user.id)[2:]  # flaw: insecure-random-token


@view_config(route_name="reset_start", request_method="POST")
def reset_start(request):
    svc = ResetCodeService(request.dbsession, request.registry.sms)
    user = request.dbsession.query(request.models.User).filter_by(phone=request.POST["phone"]).first()
    if user is None:
        raise HTTPBadRequest()
    svc.start(user)
    return HTTPFound(request.route_url("reset_confirm", _query={"ref": svc.reference_for(user)}))
