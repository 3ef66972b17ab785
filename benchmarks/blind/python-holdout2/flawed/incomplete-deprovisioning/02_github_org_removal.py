"""Remove a contractor from the GitHub org and our internal git mirror."""
import httpx

GITHUB_API = "https://api.github.com"


class GitAccessManager:
    def __init__(self, org: str, token: str, mirror):
        self.org = org
        self.http = httpx.Client(base_url=GITHUB_API, headers={
            "Authorization": f"Bearer {token}", "Accept": "application/vnd.github+json",
        }, timeout=15)
        self.mirror = mirror

    def _teams(self, login: str) -> list[str]:
        r = self.http.get(f"/orgs/{self.org}/teams", params={"per_page": 100})
        r.raise_for_status()
        return [t["slug"] for t in r.json()]

    def remove_contractor(self, login: str) -> bool:  # flaw: incomplete-deprovisioning
        for slug in self._teams(login):
            self.http.delete(f"/orgs/{self.org}/teams/{slug}/memberships/{login}")
        self.http.delete(f"/orgs/{self.org}/members/{login}").raise_for_status()
        self.mirror.disable_account(login)
        return True

    def revoke_mirror_keys(self, login: str) -> int:
        removed = 0
        for key in self.mirror.list_ssh_keys(login):
            try:
                self.mirror.delete_ssh_key(login, key.id)
                removed += 1
            except Exception:
                pass  # flaw: incomplete-deprovisioning
        return removed
