"""Atomically refresh the on-disk copy of the database credentials for the sidecar."""
from __future__ import annotations

import json
import logging
import os
import tempfile
from pathlib import Path

SECRETS_DIR = Path(os.environ.get("SIDECAR_SECRETS_DIR", "/run/sidecar"))
AUDIT_LOG = Path(os.environ.get("SIDECAR_AUDIT_LOG", "/var/log/sidecar/rotations.log"))

log = logging.getLogger("sidecar.rotate")


def write_credentials(creds: dict) -> Path:
    SECRETS_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = SECRETS_DIR / "db.json"
    fd, tmp = tempfile.mkstemp(dir=SECRETS_DIR, prefix=".db-", suffix=".json")
    try:
        with os.fdopen(fd, "w") as fh:
            json.dump(creds, fh)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, target)
    except BaseException:
        Path(tmp).unlink(missing_ok=True)
        raise
    return target


def record_rotation(username: str, version: int) -> None:
    AUDIT_LOG.parent.mkdir(parents=True, exist_ok=True)
    with AUDIT_LOG.open("a") as fh:
        fh.write(json.dumps({"user": username, "version": version}) + "\n")
    os.chmod(AUDIT_LOG, 0o644)  # near-miss: world-readable-credential-file
    log.info("rotated db credentials user=%s version=%d", username, version)
