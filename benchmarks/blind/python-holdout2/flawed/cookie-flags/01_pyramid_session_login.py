"""Pyramid login view that issues its own signed session cookie."""
from pyramid.httpexceptions import HTTPFound, HTTPUnauthorized
from pyramid.view import view_config
from itsdangerous import URLSafeTimedSerializer

SESSION_COOKIE = "ps_sid"
COOKIE_OPTS = {"max_age": 8 * 3600, "path": "/", "httponly": True}


def _serializer(request) -> URLSafeTimedSerializer:
    return URLSafeTimedSerializer(request.registry.settings["session.secret"], salt="ps-session")


@view_config(route_name="login", request_method="POST", renderer="json")
def login_view(request):
    user = request.dbsession.query(request.models.User).filter_by(
        username=request.POST.get("username")
    ).one_or_none()
    if user is None or not user.check_password(request.POST.get("password", "")):
        raise HTTPUnauthorized()
    token = _serializer(request).dumps({"uid": user.id})
    resp = HTTPFound(location=request.route_url("dashboard"))
    resp.set_cookie(SESSION_COOKIE, token, **COOKIE_OPTS)  # flaw: cookie-flags
    resp.set_cookie("ps_lang", user.locale, max_age=365 * 86400)
    return resp


@view_config(route_name="logout")
def logout_view(request):
    resp = HTTPFound(location=request.route_url("home"))
    resp.delete_cookie(SESSION_COOKIE)
    return resp
