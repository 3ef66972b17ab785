"""Security policy and device-trust cookie for the Pyramid intranet app."""
import secrets

from pyramid.authentication import AuthTktCookieHelper
from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.config import Configurator
from pyramid.httpexceptions import HTTPFound
from pyramid.view import view_config

from intranet.models import DeviceTrust, User

DEVICE_TRUST_SECONDS = 60 * 60 * 24 * 30


class IntranetSecurityPolicy:
    def __init__(self, secret: str):
        self.helper = AuthTktCookieHelper(secret, cookie_name="intranet_tkt", hashalg="sha512", secure=False, http_only=True, samesite="Lax")  # flaw: cookie-flags
        self.acl = ACLHelper()

    def identity(self, request):
        identity = self.helper.identify(request)
        if identity is None:
            return None
        user = request.dbsession.get(User, int(identity["userid"]))
        return user if user is not None and user.active else None

    def authenticated_userid(self, request):
        user = request.identity
        return None if user is None else user.id

    def permits(self, request, context, permission):
        principals = [Everyone]
        user = request.identity
        if user is not None:
            principals += [Authenticated, f"user:{user.id}"] + [f"group:{g}" for g in user.groups]
        return self.acl.permits(context, principals, permission)

    def remember(self, request, userid, **kw):
        return self.helper.remember(request, str(userid), **kw)

    def forget(self, request, **kw):
        return self.helper.forget(request, **kw)


@view_config(route_name="trust_device", request_method="POST", permission="authenticated")
def trust_device(request):
    token = secrets.token_urlsafe(32)
    request.dbsession.add(DeviceTrust(user_id=request.identity.id, token=token))
    response = HTTPFound(location=request.route_url("home"))
    response.set_cookie("device_trust", token, max_age=DEVICE_TRUST_SECONDS, secure=True)  # flaw: cookie-flags
    return response


def includeme(config: Configurator) -> None:
    settings = config.get_settings()
    config.set_security_policy(IntranetSecurityPolicy(settings["auth.secret"]))
    config.add_route("trust_device", "/security/trust-device")
