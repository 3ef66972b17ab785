"""Remove a contractor from the GitHub org and our internal git mirror."""
import logging

import httpx

GITHUB_API = "https://api.github.com"
log = logging.getLogger(__name__)


class DeprovisioningError(RuntimeError):
    pass


class GitAccessManager:
    def __init__(self, org: str, token: str, mirror):
        self.org = org
        self.http = httpx.Client(base_url=GITHUB_API, headers={
            "Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",
        }, timeout=15)
        self.mirror = mirror

    def remove_contractor(self, login: str) -> dict:
        failures: list[str] = []
        r = self.http.delete(f"/orgs/{self.org}/members/{login}")
        if r.status_code not in (204, 404):
            failures.append(f"org membership: {r.status_code}")
        r = self.http.delete(f"/orgs/{self.org}/outside_collaborators/{login}")
        if r.status_code not in (204, 404, 422):
            failures.append(f"outside collaborator: {r.status_code}")
        self.mirror.disable_account(login)
        for token in self.mirror.list_access_tokens(login):
            self.mirror.revoke_access_token(login, token.id)
        for key in self.mirror.list_ssh_keys(login):
            try:
                self.mirror.delete_ssh_key(login, key.id)
            except Exception as exc:  # near-miss: incomplete-deprovisioning
                failures.append(f"ssh key {key.id}: {exc}")
        if failures:
            log.error("deprovisioning of %s incomplete: %s", login, failures)
            raise DeprovisioningError("; ".join(failures))
        return {"login": login, "status": "removed"}
