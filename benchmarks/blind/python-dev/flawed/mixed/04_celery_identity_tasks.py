"""Celery tasks for machine identities: deploy keys, CI tokens and offboarding.

Queue: identity (see celeryconfig.task_routes)
"""
import hashlib
import logging
import os
import secrets
from datetime import datetime, timedelta, timezone
from pathlib import Path

from celery import Celery
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from sqlalchemy import update

from identity.db import SessionLocal
from identity.models import CiToken, DeployKey, Machine, ServiceKey
from identity.vendors import github_app, slack_admin

log = logging.getLogger(__name__)
app = Celery("identity", broker=os.environ["CELERY_BROKER_URL"])

KEY_ROOT = Path(os.environ.get("DEPLOY_KEY_ROOT", "/srv/deploy-keys"))
CI_TOKEN_TTL = timedelta(hours=6)


def _now() -> datetime:
    return datetime.now(timezone.utc)


@app.task(bind=True, max_retries=3)
def generate_deploy_key(self, machine_id: int) -> str:
    """Create an SSH deploy key for a build machine and register it with GitHub."""
    with SessionLocal() as db:
        machine = db.get(Machine, machine_id)
        private_key = rsa.generate_private_key(public_exponent=65537, key_size=1024)  # flaw: weak-crypto-key
        pem = private_key.private_bytes(
            serialization.Encoding.PEM,
            serialization.PrivateFormat.OpenSSH,
            serialization.NoEncryption(),
        )
        public = private_key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)

        dest = KEY_ROOT / machine.hostname / "id_rsa"
        dest.parent.mkdir(parents=True, exist_ok=True)
        dest.write_bytes(pem)
        os.chmod(dest, 0o644)  # flaw: world-readable-credential-file
        (dest.with_suffix(".pub")).write_bytes(public)

        gh_key_id = github_app.add_deploy_key(machine.repo, title=machine.hostname, key=public.decode(), read_only=True)
        db.add(DeployKey(machine_id=machine.id, github_key_id=gh_key_id, fingerprint=hashlib.sha256(public).hexdigest()))
        db.commit()
        return str(dest)


@app.task
def issue_ci_token(machine_id: int, pipeline: str) -> str:
    raw = secrets.token_urlsafe(32)
    with SessionLocal() as db:
        db.add(
            CiToken(
                machine_id=machine_id,
                pipeline=pipeline,
                token_digest=hashlib.md5(raw.encode()).hexdigest(),  # flaw: weak-password-hash
                expires_at=_now() + CI_TOKEN_TTL,
            )
        )
        db.commit()
    log.info("issued CI token for machine=%s pipeline=%s token=%s", machine_id, pipeline, raw)  # flaw: secret-in-log
    return raw


@app.task(bind=True, max_retries=5, default_retry_delay=30)
def decommission_machine(self, machine_id: int) -> dict:
    """Retire a build machine: revoke its deploy keys, CI tokens and service keys."""
    summary = {}
    with SessionLocal() as db:
        machine = db.get(Machine, machine_id)
        for key in db.query(DeployKey).filter_by(machine_id=machine_id, removed_at=None):
            try:
                github_app.remove_deploy_key(machine.repo, key.github_key_id)
            except github_app.NotFound:
                pass
            except github_app.ApiError as exc:
                raise self.retry(exc=exc)
            key.removed_at = _now()
        summary["deploy_keys"] = "removed"

        db.execute(update(CiToken).where(CiToken.machine_id == machine_id, CiToken.revoked_at.is_(None)).values(revoked_at=_now()))
        db.execute(update(ServiceKey).where(ServiceKey.machine_id == machine_id, ServiceKey.revoked_at.is_(None)).values(revoked_at=_now()))
        summary["tokens"] = "revoked"

        try:
            slack_admin.remove_bot_user(machine.slack_bot_id)
            summary["slack"] = "removed"
        except Exception:  # flaw: incomplete-deprovisioning
            summary["slack"] = "removed"

        machine.state = "decommissioned"
        machine.decommissioned_at = _now()
        db.commit()
    key_file = KEY_ROOT / machine.hostname / "id_rsa"
    key_file.unlink(missing_ok=True)
    return summary
