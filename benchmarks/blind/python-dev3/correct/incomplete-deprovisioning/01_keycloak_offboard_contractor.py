"""Contractor offboarding revoking every credential kind we track."""
import logging

from keycloak import KeycloakAdmin

log = logging.getLogger(__name__)


class OffboardingError(RuntimeError):
    pass


class ContractorOffboarding:
    def __init__(self, kc: KeycloakAdmin, keys_repo, ssh_repo):
        self.kc = kc
        self.keys_repo = keys_repo
        self.ssh_repo = ssh_repo

    def offboard_contractor(self, kc_user_id: str, local_id: int) -> dict:
        self.kc.update_user(kc_user_id, {"enabled": False})
        self.kc.user_logout(user_id=kc_user_id)
        for consent in self.kc.consents_user(kc_user_id):
            self.kc.revoke_consent(kc_user_id, consent["clientId"])
        for group in self.kc.get_user_groups(kc_user_id):
            self.kc.group_user_remove(kc_user_id, group["id"])
        self.keys_repo.revoke_all(owner_id=local_id)
        try:
            self.ssh_repo.delete_for(local_id)
        except Exception as exc:  # near-miss: incomplete-deprovisioning
            log.error("ssh key cleanup failed for %s", local_id)
            raise OffboardingError("ssh keys not removed") from exc
        return {"status": "offboarded", "user": kc_user_id}
