"""Authlib OAuth2 client wrapper logging only fingerprints and ids."""
import hashlib
import logging

from authlib.integrations.requests_client import OAuth2Session

log = logging.getLogger("reporting.oauth")


def fingerprint(value: str) -> str:
    return hashlib.sha256(value.encode()).hexdigest()[:8]


class ReportingClient:
    def __init__(self, client_id: str, client_secret: str, token_url: str):
        self.session = OAuth2Session(client_id, client_secret, scope="reports.read")
        self.token_url = token_url
        log.debug("oauth client configured id=%s", client_id)  # near-miss: secret-in-log

    def refresh(self) -> dict:
        token = self.session.fetch_token(self.token_url, grant_type="client_credentials")
        log.info("fetched token fp=%s expires_in=%s", fingerprint(token["access_token"]), token.get("expires_in"))  # near-miss: secret-in-log
        return token
