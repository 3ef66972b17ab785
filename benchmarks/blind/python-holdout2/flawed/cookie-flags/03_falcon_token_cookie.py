"""Falcon resource that exchanges an OAuth code and stores the access token in a cookie."""
import falcon
import httpx

TOKEN_URL = "https://auth.example.com/oauth/token"
ACCESS_COOKIE = "at"


class CallbackResource:
    def __init__(self, client_id: str, client_secret: str, redirect_uri: str):
        self.client_id = client_id
        self.client_secret = client_secret
        self.redirect_uri = redirect_uri

    async def _exchange(self, code: str) -> dict:
        async with httpx.AsyncClient(timeout=10) as client:
            r = await client.post(TOKEN_URL, data={
                "grant_type": "authorization_code",
                "code": code,
                "redirect_uri": self.redirect_uri,
                "client_id": self.client_id,
                "client_secret": self.client_secret,
            })
            r.raise_for_status()
            return r.json()

    async def on_get(self, req: falcon.asgi.Request, resp: falcon.asgi.Response):
        code = req.get_param("code", required=True)
        tokens = await self._exchange(code)
        resp.set_cookie(  # flaw: cookie-flags
            ACCESS_COOKIE,
            tokens["access_token"],
            max_age=tokens.get("expires_in", 3600),
            secure=False,
            http_only=False,
            path="/",
        )
        resp.set_cookie("rt", tokens["refresh_token"], secure=True, http_only=True, same_site="Strict")
        resp.status = falcon.HTTP_302
        resp.location = "/app"
