"""Assume a deployment role and export the session to a shared credentials file."""
import configparser
import os
from pathlib import Path

import boto3

SHARED_DIR = Path("/opt/deploy/aws")


def assume(role_arn: str, session_name: str, duration: int = 3600) -> dict:
    sts = boto3.client("sts")
    resp = sts.assume_role(RoleArn=role_arn, RoleSessionName=session_name, DurationSeconds=duration)
    return resp["Credentials"]


def export_profile(profile: str, creds: dict, target: Path | None = None) -> Path:
    target = target or SHARED_DIR / "credentials"
    target.parent.mkdir(parents=True, exist_ok=True)
    parser = configparser.ConfigParser()
    if target.exists():
        parser.read(target)
    parser[profile] = {
        "aws_access_key_id": creds["AccessKeyId"],
        "aws_secret_access_key": creds["SecretAccessKey"],
        "aws_session_token": creds["SessionToken"],
    }
    target.touch(mode=0o666, exist_ok=True)  # flaw: world-readable-credential-file
    with target.open("w") as fh:
        parser.write(fh)
    return target


def export_config(profile: str, region: str) -> Path:
    path = SHARED_DIR / "config"
    parser = configparser.ConfigParser()
    parser[f"profile {profile}"] = {"region": region, "output": "json"}
    with path.open("w") as fh:
        parser.write(fh)
    os.chmod(path, 0o644)
    return path


if __name__ == "__main__":
    c = assume(os.environ["DEPLOY_ROLE_ARN"], "release-pipeline")
    print(export_profile("release", c))
