"""Social login (Google/GitHub/Microsoft) for the FastAPI app using Authlib."""
from authlib.integrations.starlette_client import OAuth
from fastapi import APIRouter, HTTPException, Request
from fastapi.responses import RedirectResponse
from sqlalchemy import select

from app.config import settings
from app.db import async_session
from app.models import Identity, User
from app.sessions import start_session

router = APIRouter(prefix="/auth/social")
oauth = OAuth()
oauth.register(
    "google",
    client_id=settings.google_client_id,
    client_secret=settings.google_client_secret,
    server_metadata_url="https://accounts.google.com/.well-known/openid-configuration",
    client_kwargs={"scope": "openid email profile"},
)


@router.get("/{provider}/login")
async def social_login(provider: str, request: Request):
    client = oauth.create_client(provider)
    if client is None:
        raise HTTPException(status_code=404)
    callback_url = str(request.url_for("social_callback", provider=provider))
    return await client.authorize_redirect(request, request.query_params.get("redirect_uri", callback_url))  # flaw: sso-misconfig


@router.get("/{provider}/callback", name="social_callback")
async def social_callback(provider: str, request: Request):
    client = oauth.create_client(provider)
    if client is None:
        raise HTTPException(status_code=404)
    token = await client.authorize_access_token(request)
    info = token.get("userinfo") or await client.userinfo(token=token)
    async with async_session() as db:
        identity = await db.scalar(select(Identity).where(Identity.provider == provider, Identity.subject == info["sub"]))
        if identity is None:
            user = await db.scalar(select(User).where(User.email == info["email"].lower()))  # flaw: sso-misconfig
            if user is None:
                user = User(email=info["email"].lower(), name=info.get("name", ""))
                db.add(user)
                await db.flush()
            identity = Identity(provider=provider, subject=info["sub"], user_id=user.id)
            db.add(identity)
            await db.commit()
        response = RedirectResponse(url="/app")
        await start_session(response, identity.user_id)
        return response
