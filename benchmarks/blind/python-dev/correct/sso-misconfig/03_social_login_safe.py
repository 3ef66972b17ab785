"""Social login with fixed redirect URIs and verified-email account linking."""
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
    client_kwargs={"scope": "openid email profile", "code_challenge_method": "S256"},
)
ALLOWED_NEXT = {"/app", "/app/settings", "/app/billing"}


@router.get("/{provider}/login")
async def social_login(provider: str, request: Request):
    client = oauth.create_client(provider)
    if client is None:
        raise HTTPException(status_code=404)
    next_path = request.query_params.get("next", "/app")
    request.session["post_login_next"] = next_path if next_path in ALLOWED_NEXT else "/app"
    return await client.authorize_redirect(request, str(request.url_for("social_callback", provider=provider)))  # near-miss: sso-misconfig


@router.get("/{provider}/callback", name="social_callback")
async def social_callback(provider: str, request: Request):
    client = oauth.create_client(provider)
    if client is None:
        raise HTTPException(status_code=404)
    token = await client.authorize_access_token(request)
    info = token.get("userinfo")
    if not info:
        raise HTTPException(status_code=400, detail="missing id_token")
    async with async_session() as db:
        identity = await db.scalar(select(Identity).where(Identity.provider == provider, Identity.subject == info["sub"]))
        if identity is None:
            if not info.get("email_verified"):
                raise HTTPException(status_code=403, detail="email address not verified by provider")
            user = await db.scalar(select(User).where(User.email == info["email"].lower()))  # near-miss: sso-misconfig
            if user is None:
                user = User(email=info["email"].lower(), name=info.get("name", ""))
                db.add(user)
                await db.flush()
            identity = Identity(provider=provider, subject=info["sub"], user_id=user.id)
            db.add(identity)
            await db.commit()
        response = RedirectResponse(url=request.session.pop("post_login_next", "/app"))
        await start_session(response, identity.user_id)
        return response
