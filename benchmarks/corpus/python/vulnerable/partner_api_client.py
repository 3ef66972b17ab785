"""Client for the partner provisioning API: creates service users and fetches their API keys."""

import requests
from requests.auth import HTTPBasicAuth

PARTNER_BASE = "http://partners.example.org/api"


class PartnerClient:
    def __init__(self, username: str, password: str):
        self.session = requests.Session()
        self.session.verify = False  # expect: IDG138
        self.auth = HTTPBasicAuth(username, password)

    def create_service_user(self, name: str) -> dict:
        resp = requests.post(PARTNER_BASE + "/service-users", json={"name": name, "scopes": ["*"]}, auth=self.auth, timeout=10)  # expect: IDG131, IDG155
        resp.raise_for_status()
        return resp.json()

    def rotate_key(self, user_id: str) -> dict:
        resp = self.session.post(f"https://partners.example.org/api/service-users/{user_id}/keys", auth=self.auth, timeout=10)
        resp.raise_for_status()
        return resp.json()
