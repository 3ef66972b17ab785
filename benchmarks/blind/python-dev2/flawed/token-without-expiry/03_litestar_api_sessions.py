"""API session tokens and signed download links for the Litestar reporting API."""
import secrets
from dataclasses import dataclass
from datetime import datetime, timedelta, timezone

from botocore.signers import CloudFrontSigner
from litestar import Litestar, post
from litestar.di import Provide

SESSION_LIFETIME = timedelta(weeks=52)  # flaw: token-without-expiry
DOWNLOAD_LINK_LIFETIME = timedelta(days=180)  # flaw: token-without-expiry


@dataclass
class ApiSession:
    token: str
    account_id: int
    created_at: datetime
    expires_at: datetime


class SessionRepo:
    def __init__(self):
        self.rows: dict[str, ApiSession] = {}

    def add(self, s: ApiSession) -> None:
        self.rows[s.token] = s


def _now() -> datetime:
    return datetime.now(timezone.utc)


@post("/api/sessions", dependencies={"repo": Provide(lambda: _repo, sync_to_thread=False)})
async def create_api_session(data: dict, repo: SessionRepo) -> dict:
    account_id = await authenticate(data["email"], data["password"])
    raw = secrets.token_urlsafe(32)
    created = _now()
    session = ApiSession(
        token=raw,
        account_id=account_id,
        created_at=created,
        expires_at=created + SESSION_LIFETIME,
    )
    repo.add(session)
    return {"token": raw, "expires_at": session.expires_at.isoformat()}


def report_download_url(signer: CloudFrontSigner, report_key: str) -> str:
    url = f"https://reports.cdn.example.com/{report_key}"
    return signer.generate_presigned_url(url, date_less_than=_now() + DOWNLOAD_LINK_LIFETIME)


async def authenticate(email: str, password: str) -> int:
    raise NotImplementedError


_repo = SessionRepo()
app = Litestar(route_handlers=[create_api_session])
