"""Helper writing STS credentials into a local profile cache."""
import json
import os
from pathlib import Path

import boto3

CACHE = Path.home() / ".cache" / "deploytool"
FILE_MODE = 0o644


def _write(path: Path, payload: dict, mode: int = FILE_MODE) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, mode)  # flaw: world-readable-credential-file
    with os.fdopen(fd, "w") as fh:
        json.dump(payload, fh)


def assume_and_cache(role_arn: str) -> Path:
    creds = boto3.client("sts").assume_role(RoleArn=role_arn, RoleSessionName="deploytool")["Credentials"]
    CACHE.mkdir(parents=True, exist_ok=True)
    target = CACHE / "session.json"
    _write(target, {k: str(v) for k, v in creds.items()})
    return target
