"""Assume a deployment role and export the session to a private credentials file."""
import configparser
import os
import tempfile
from pathlib import Path

import boto3

SHARED_DIR = Path("/opt/deploy/aws")


def assume(role_arn: str, session_name: str, duration: int = 3600) -> dict:
    sts = boto3.client("sts")
    return sts.assume_role(RoleArn=role_arn, RoleSessionName=session_name, DurationSeconds=duration)["Credentials"]


def export_profile(profile: str, creds: dict, target: Path | None = None) -> Path:
    target = target or SHARED_DIR / "credentials"
    target.parent.mkdir(parents=True, exist_ok=True, mode=0o700)
    parser = configparser.ConfigParser()
    if target.exists():
        parser.read(target)
    parser[profile] = {
        "aws_access_key_id": creds["AccessKeyId"],
        "aws_secret_access_key": creds["SecretAccessKey"],
        "aws_session_token": creds["SessionToken"],
    }
    fd, tmp = tempfile.mkstemp(dir=target.parent, prefix=".credentials-")
    with os.fdopen(fd, "w") as fh:
        parser.write(fh)
    os.chmod(tmp, 0o600)  # near-miss: world-readable-credential-file
    os.replace(tmp, target)
    return target


def export_config(profile: str, region: str) -> Path:
    """Region/output settings hold no secrets and are shared with the build user."""
    path = SHARED_DIR / "config"
    parser = configparser.ConfigParser()
    parser[f"profile {profile}"] = {"region": region, "output": "json"}
    with path.open("w") as fh:
        parser.write(fh)
    os.chmod(path, 0o644)  # near-miss: world-readable-credential-file
    return path


if __name__ == "__main__":
    c = assume(os.environ["DEPLOY_ROLE_ARN"], "release-pipeline")
    print(export_profile("release", c))
