"""Tornado handlers setting a signed session cookie with full flags."""
import secrets

import tornado.web


class BaseHandler(tornado.web.RequestHandler):
    session_cookie = "tsid"

    def start_session(self, user_id: int) -> None:
        sid = secrets.token_urlsafe(32)
        self.application.sessions[sid] = user_id
        self.set_signed_cookie(self.session_cookie, sid, expires_days=1, secure=True, httponly=True, samesite="Lax")


class LoginHandler(BaseHandler):
    async def post(self):
        user = await self.application.users.verify(self.get_argument("email"), self.get_argument("password"))
        if not user:
            raise tornado.web.HTTPError(401)
        self.start_session(user.id)
        self.write({"ok": True})


class LocaleHandler(BaseHandler):
    def post(self):
        self.set_cookie("locale", self.get_argument("locale", "en"), expires_days=365)  # near-miss: cookie-flags
        self.write({"ok": True})
