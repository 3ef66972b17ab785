"""Bottle app with a hardened session cookie; UI cookies stay plain."""
import secrets

from bottle import Bottle, request, response

app = Bottle()

COOKIE_OPTS = {"path": "/", "max_age": 3600 * 8, "secure": True, "httponly": True, "samesite": "strict"}


def session_cookie_kwargs(**extra) -> dict:
    opts = dict(COOKIE_OPTS)
    opts.update(extra)
    return opts


@app.post("/login")
def login():
    user = app.config["users"].verify(request.forms.get("email"), request.forms.get("password"))
    if not user:
        response.status = 401
        return {"error": "bad credentials"}
    sid = secrets.token_urlsafe(32)
    app.config["sessions"][sid] = user.id
    response.set_cookie("sid", sid, **session_cookie_kwargs())
    return {"ok": True}


@app.post("/prefs/theme")
def theme():
    response.set_cookie("theme", request.forms.get("theme", "light"), path="/")  # near-miss: cookie-flags
    return {"ok": True}
