"""Celery tasks for machine identities: deploy keys, CI tokens and decommissioning.

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
from cryptography.hazmat.primitives.asymmetric import ed25519
from passlib.hash import argon2
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


def _write_private(path: Path, data: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "wb") as fh:
        fh.write(data)


@app.task(bind=True, max_retries=3)
def generate_deploy_key(self, machine_id: int) -> str:
    with SessionLocal() as db:
        machine = db.get(Machine, machine_id)
        private_key = ed25519.Ed25519PrivateKey.generate()
        pem = private_key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.OpenSSH, serialization.NoEncryption())
        public = private_key.public_key().public_bytes(serialization.Encoding.OpenSSH, serialization.PublicFormat.OpenSSH)

        dest = KEY_ROOT / machine.hostname / "id_ed25519"
        _write_private(dest, pem)
        pub_path = dest.with_suffix(".pub")
        pub_path.write_bytes(public)
        os.chmod(pub_path, 0o644)  # near-miss: world-readable-credential-file

        gh_key_id = github_app.add_deploy_key(machine.repo, title=machine.hostname, key=public.decode(), read_only=True)
        fingerprint = hashlib.sha256(public).hexdigest()  # near-miss: weak-password-hash
        db.add(DeployKey(machine_id=machine.id, github_key_id=gh_key_id, fingerprint=fingerprint))
        db.commit()
        log.info("deploy key %s registered for %s", fingerprint[:16], machine.hostname)
        return str(dest)


@app.task
def issue_ci_token(machine_id: int, pipeline: str) -> str:
    raw = secrets.token_urlsafe(32)
    with SessionLocal() as db:
        token = CiToken(machine_id=machine_id, pipeline=pipeline, token_digest=argon2.hash(raw), prefix=raw[:6], expires_at=_now() + CI_TOKEN_TTL)
        db.add(token)
        db.commit()
        log.info("issued CI token id=%s for machine=%s pipeline=%s", token.id, machine_id, pipeline)  # near-miss: secret-in-log
    return raw


@app.task(bind=True, max_retries=5, default_retry_delay=30)
def decommission_machine(self, machine_id: int) -> dict:
    """Retire a build machine: every credential is revoked or the task retries."""
    summary = {}
    with SessionLocal() as db:
        machine = db.get(Machine, machine_id)
        for key in db.query(DeployKey).filter_by(machine_id=machine_id, removed_at=None):
            try:
                github_app.remove_deploy_key(machine.repo, key.github_key_id)
            except github_app.NotFound:  # near-miss: incomplete-deprovisioning
                log.info("deploy key %s already gone on GitHub", key.github_key_id)
            except github_app.ApiError as exc:
                raise self.retry(exc=exc)
            key.removed_at = _now()
        summary["deploy_keys"] = "removed"

        db.execute(update(CiToken).where(CiToken.machine_id == machine_id, CiToken.revoked_at.is_(None)).values(revoked_at=_now()))
        db.execute(update(ServiceKey).where(ServiceKey.machine_id == machine_id, ServiceKey.revoked_at.is_(None)).values(revoked_at=_now()))
        summary["tokens"] = "revoked"

        try:
            slack_admin.remove_bot_user(machine.slack_bot_id)
        except slack_admin.SlackError as exc:
            db.commit()
            raise self.retry(exc=exc)
        summary["slack"] = "removed"

        machine.state = "decommissioned"
        machine.decommissioned_at = _now()
        db.commit()
    (KEY_ROOT / machine.hostname / "id_ed25519").unlink(missing_ok=True)
    return summary
