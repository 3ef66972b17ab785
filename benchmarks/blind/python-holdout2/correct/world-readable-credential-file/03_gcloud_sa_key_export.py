"""Export a Google Cloud service-account key for the nightly batch host."""
import json
import logging
import os

from google.cloud import secretmanager
from google.oauth2 import service_account

SECRETS_DIR = "/srv/batch/secrets"
LOG_DIR = "/var/log/batch"
log = logging.getLogger(__name__)


def _fetch_key_json(project: str, secret_id: str) -> str:
    client = secretmanager.SecretManagerServiceClient()
    name = f"projects/{project}/secrets/{secret_id}/versions/latest"
    return client.access_secret_version(request={"name": name}).payload.data.decode()


def materialise_credentials(project: str, secret_id: str = "batch-sa-key") -> str:
    key_json = _fetch_key_json(project, secret_id)
    os.makedirs(SECRETS_DIR, mode=0o700, exist_ok=True)
    target = os.path.join(SECRETS_DIR, "sa.json")
    old_mask = os.umask(0o077)  # near-miss: world-readable-credential-file
    try:
        with open(target, "w") as fh:
            fh.write(key_json)
    finally:
        os.umask(old_mask)
    os.chmod(target, 0o400)
    return target


def write_run_summary(run_id: str, stats: dict) -> None:
    os.makedirs(LOG_DIR, exist_ok=True)
    path = os.path.join(LOG_DIR, f"{run_id}.json")
    with open(path, "w") as fh:
        json.dump(stats, fh)
    os.chmod(path, 0o644)  # near-miss: world-readable-credential-file


def credentials(project: str):
    return service_account.Credentials.from_service_account_file(materialise_credentials(project))
