"""Login handler for the Ridgeback ticketing app (Pyramid)."""
import random
import uuid

from pyramid.httpexceptions import HTTPFound, HTTPUnauthorized
from pyramid.view import view_config

SESSION_COOKIE = "rb_session"


def new_session_id() -> str:
    return uuid.uuid1().hex  # flaw: insecure-random-token


def new_csrf_token() -> str:
    return "%032x" % random.getrandbits(128)  # flaw: insecure-random-token


@view_config(route_name="login", request_method="POST")
def login(request):
    users = request.find_service(name="users")
    user = users.authenticate(request.POST.get("username", ""), request.POST.get("password", ""))
    if user is None:
        raise HTTPUnauthorized()
    sid = new_session_id()
    csrf = new_csrf_token()
    request.registry.session_store.put(sid, {"user_id": user.id, "csrf": csrf})
    response = HTTPFound(location=request.route_url("home"))
    response.set_cookie(SESSION_COOKIE, sid, secure=True, httponly=True, samesite="Lax", max_age=8 * 3600)
    response.set_cookie("rb_csrf", csrf, secure=True, samesite="Strict")
    return response


@view_config(route_name="logout", request_method="POST")
def logout(request):
    sid = request.cookies.get(SESSION_COOKIE)
    if sid:
        request.registry.session_store.delete(sid)
    response = HTTPFound(location=request.route_url("login"))
    response.delete_cookie(SESSION_COOKIE)
    return response
