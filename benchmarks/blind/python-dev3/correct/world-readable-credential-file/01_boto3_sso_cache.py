"""Helper writing STS credentials into a private cache; public log is 0644."""
import json
import os
from pathlib import Path

import boto3

CACHE = Path.home() / ".cache" / "deploytool"


def _write(path: Path, payload: dict, mode: int = 0o600) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)
    with os.fdopen(fd, "w") as fh:
        json.dump(payload, fh)


def assume_and_cache(role_arn: str) -> Path:
    creds = boto3.client("sts").assume_role(RoleArn=role_arn, RoleSessionName="deploytool")["Credentials"]
    CACHE.mkdir(mode=0o700, parents=True, exist_ok=True)
    target = CACHE / "session.json"
    _write(target, {k: str(v) for k, v in creds.items()})
    log = CACHE / "history.log"
    log.write_text(f"assumed {role_arn}\n")
    os.chmod(log, 0o644)  # near-miss: world-readable-credential-file
    return target
