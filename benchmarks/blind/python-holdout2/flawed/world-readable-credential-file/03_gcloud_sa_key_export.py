"""Export a Google Cloud service-account key for the nightly batch host."""
import json
import os

from google.cloud import secretmanager
from google.oauth2 import service_account

SECRETS_DIR = "/srv/batch/secrets"


def _fetch_key_json(project: str, secret_id: str) -> str:
    client = secretmanager.SecretManagerServiceClient()
    name = f"projects/{project}/secrets/{secret_id}/versions/latest"
    return client.access_secret_version(request={"name": name}).payload.data.decode()


def materialise_credentials(project: str, secret_id: str = "batch-sa-key") -> str:
    key_json = _fetch_key_json(project, secret_id)
    os.makedirs(SECRETS_DIR, exist_ok=True)
    target = os.path.join(SECRETS_DIR, "sa.json")
    old_mask = os.umask(0)  # flaw: world-readable-credential-file
    try:
        with open(target, "w") as fh:
            fh.write(key_json)
    finally:
        os.umask(old_mask)
    return target


def write_token_cache(token: str, path: str = "/srv/batch/secrets/token.cache") -> None:
    with open(path, "w") as fh:
        json.dump({"access_token": token}, fh)
    os.chmod(path, 0o755)  # flaw: world-readable-credential-file


def credentials(project: str):
    path = materialise_credentials(project)
    return service_account.Credentials.from_service_account_file(path)
