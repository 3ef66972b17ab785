"""Pyramid security policy using an auth ticket cookie with hardened flags."""
import os

from pyramid.authentication import AuthTktCookieHelper
from pyramid.authorization import ACLHelper, Authenticated, Everyone
from pyramid.config import Configurator
from pyramid.response import Response
from pyramid.view import view_config


class SecurityPolicy:
    def __init__(self, secret: str):
        self.helper = AuthTktCookieHelper(
            secret,
            cookie_name="auth_tkt",
            secure=True,
            http_only=True,
            samesite="Lax",
            hashalg="sha512",  # near-miss: weak-password-hash
            max_age=8 * 3600,
        )
        self.acl = ACLHelper()

    def identity(self, request):
        return self.helper.identify(request)

    def authenticated_userid(self, request):
        identity = self.identity(request)
        return identity["userid"] if identity else None

    def permits(self, request, context, permission):
        principals = [Everyone]
        if self.authenticated_userid(request) is not None:
            principals.append(Authenticated)
        return self.acl.permits(context, principals, permission)

    def remember(self, request, userid, **kw):
        return self.helper.remember(request, userid, **kw)

    def forget(self, request, **kw):
        return self.helper.forget(request, **kw)


@view_config(route_name="set_density", request_method="POST")
def set_density(request):
    response = Response(status=204)
    response.set_cookie("table_density", request.POST.get("density", "comfortable"), max_age=31536000)  # near-miss: cookie-flags
    return response


def main() -> Configurator:
    config = Configurator()
    config.set_security_policy(SecurityPolicy(os.environ["AUTH_TKT_SECRET"]))
    config.add_route("set_density", "/prefs/density")
    config.scan()
    return config
