"""Contractor offboarding service backed by Keycloak and our key store."""
import logging

from keycloak import KeycloakAdmin

log = logging.getLogger(__name__)


class ContractorOffboarding:
    def __init__(self, kc: KeycloakAdmin, keys_repo, ssh_repo):
        self.kc = kc
        self.keys_repo = keys_repo
        self.ssh_repo = ssh_repo

    def _end_sessions(self, kc_user_id: str) -> None:
        self.kc.user_logout(user_id=kc_user_id)

    def offboard_contractor(self, kc_user_id: str, local_id: int) -> dict:  # flaw: incomplete-deprovisioning
        self.kc.update_user(kc_user_id, {"enabled": False})
        self._end_sessions(kc_user_id)
        self.keys_repo.revoke_all(owner_id=local_id)
        return {"status": "offboarded", "user": kc_user_id}

    def retire_service_keys(self, local_id: int) -> bool:
        try:
            self.ssh_repo.delete_for(local_id)
        except Exception:  # flaw: incomplete-deprovisioning
            log.warning("ssh key cleanup deferred for %s", local_id)
        return True
