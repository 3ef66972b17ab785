"""Authlib OAuth2 client wrapper used by the reporting worker."""
import logging

from authlib.integrations.requests_client import OAuth2Session

log = logging.getLogger("reporting.oauth")


class ReportingClient:
    def __init__(self, client_id: str, client_secret: str, token_url: str):
        self.session = OAuth2Session(client_id, client_secret, scope="reports.read")
        self.token_url = token_url
        log.debug("oauth client configured id=%s secret=%s", client_id, client_secret)  # flaw: secret-in-log

    def refresh(self) -> dict:
        token = self.session.fetch_token(self.token_url, grant_type="client_credentials")
        log.info("fetched token %s", token)  # flaw: secret-in-log
        return token

    def get(self, url: str):
        resp = self.session.get(url)
        if resp.status_code >= 400:
            raise RuntimeError(f"report API error {resp.status_code}; sent headers {dict(resp.request.headers)}")  # flaw: secret-in-log
        return resp.json()
