"""Access-token issuing and verification for the customer API (FastAPI + python-jose)."""

import logging
from datetime import datetime, timedelta, timezone

from fastapi import Depends, HTTPException, status
from fastapi.security import OAuth2PasswordBearer
from jose import JWTError, jwt

from .config import settings
from .users import get_user

log = logging.getLogger(__name__)
oauth2_scheme = OAuth2PasswordBearer(tokenUrl="token")
ALGORITHM = "RS256"
ACCESS_TOKEN_EXPIRE_MINUTES = 15  # ok: IDG116


def create_access_token(subject: str, scopes: list[str]) -> str:
    now = datetime.now(timezone.utc)
    claims = {
        "sub": subject,
        "scope": " ".join(scopes),
        "iat": now,
        "exp": now + timedelta(minutes=ACCESS_TOKEN_EXPIRE_MINUTES),  # ok: IDG116
        "token_type": "access",
    }
    token = jwt.encode(claims, settings.private_key.get_secret_value(), algorithm=ALGORITHM)  # ok: IDG115
    log.info("issued access token for %s with %d scopes", subject, len(scopes))  # ok: IDG119
    return token


async def get_current_user(token: str = Depends(oauth2_scheme)):
    unauthorized = HTTPException(
        status_code=status.HTTP_401_UNAUTHORIZED,
        detail="Could not validate credentials",
        headers={"WWW-Authenticate": "Bearer"},
    )
    try:
        payload = jwt.decode(  # ok: IDG110, IDG111
            token,
            settings.public_key,
            algorithms=[ALGORITHM],
            audience=settings.audience,
            issuer=settings.issuer,
        )
    except JWTError:
        log.info("rejected a token (length %d)", len(token))  # ok: IDG119
        raise unauthorized
    if payload.get("token_type") != "access":  # ok: IDG120
        raise unauthorized
    user = get_user(payload["sub"])
    if user is None:
        raise unauthorized
    return user
