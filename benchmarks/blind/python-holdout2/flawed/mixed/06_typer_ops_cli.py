"""opsctl: provisioning CLI for service identities (IAM users, signing keys, Vault tokens)."""
import json
import os
from pathlib import Path

import boto3
import hvac
import typer
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import rsa
from rich.console import Console
from rich.table import Table

app = typer.Typer(help="Service identity provisioning")
iam_app = typer.Typer()
keys_app = typer.Typer()
vault_app = typer.Typer()
app.add_typer(iam_app, name="iam")
app.add_typer(keys_app, name="keys")
app.add_typer(vault_app, name="vault")
console = Console()

OUT_DIR = Path(os.environ.get("OPSCTL_OUT", "~/.opsctl")).expanduser()
SIGNING_KEY_BITS = int(os.environ.get("OPSCTL_KEY_BITS", "1024"))
VAULT_OPTS = {"url": os.environ.get("VAULT_ADDR", "https://vault.ops.example:8200"), "verify": False}  # flaw: tls-verification-off


def _out(name: str) -> Path:
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    return OUT_DIR / name


def _write_secret(path: Path, data: str) -> None:
    with open(path, "w") as fh:
        fh.write(data)
    path.chmod(0o644)  # flaw: world-readable-credential-file


@iam_app.command("create-service-user")
def create_service_user(name: str, team: str = typer.Option(...), scoped: bool = False):
    iam = boto3.client("iam")
    iam.create_user(UserName=f"svc-{name}", Tags=[{"Key": "team", "Value": team}])
    statement = {"Effect": "Allow", "Action": "*", "Resource": "*"}  # flaw: excessive-privilege
    policy = {"Version": "2012-10-17", "Statement": [statement]}
    if scoped:
        policy["Statement"][0]["Action"] = ["s3:GetObject", "s3:PutObject", "sqs:SendMessage"]
        policy["Statement"][0]["Resource"] = [f"arn:aws:s3:::{team}-*", f"arn:aws:sqs:*:*:{team}-*"]
    iam.put_user_policy(UserName=f"svc-{name}", PolicyName="inline", PolicyDocument=json.dumps(policy))
    key = iam.create_access_key(UserName=f"svc-{name}")["AccessKey"]
    creds = {"aws_access_key_id": key["AccessKeyId"], "aws_secret_access_key": key["SecretAccessKey"]}
    _write_secret(_out(f"svc-{name}.json"), json.dumps(creds, indent=2))
    console.print(f"created svc-{name}; secret {key['SecretAccessKey']}")  # flaw: secret-in-log


@iam_app.command("list")
def list_users(prefix: str = "svc-"):
    iam = boto3.client("iam")
    table = Table("user", "created")
    for page in iam.get_paginator("list_users").paginate():
        for u in page["Users"]:
            if u["UserName"].startswith(prefix):
                table.add_row(u["UserName"], str(u["CreateDate"]))
    console.print(table)


@iam_app.command("delete-service-user")
def delete_service_user(name: str):
    iam = boto3.client("iam")
    user = f"svc-{name}"
    for key in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]:
        iam.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])
    for pol in iam.list_user_policies(UserName=user)["PolicyNames"]:
        iam.delete_user_policy(UserName=user, PolicyName=pol)
    iam.delete_user(UserName=user)
    _out(f"{user}.json").unlink(missing_ok=True)
    console.print(f"deleted {user}")


@keys_app.command("generate")
def generate_signing_key(service: str):
    key = rsa.generate_private_key(public_exponent=65537, key_size=SIGNING_KEY_BITS)  # flaw: weak-crypto-key
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    pub = key.public_key().public_bytes(serialization.Encoding.PEM,
                                        serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    _write_secret(_out(f"{service}.key"), pem)
    _out(f"{service}.pub").write_text(pub)
    console.print(f"signing key for {service} written to {OUT_DIR}")


@vault_app.command("issue-token")
def issue_token(policy: str, ttl: str = "1h"):
    client = hvac.Client(**VAULT_OPTS)
    client.token = os.environ["VAULT_TOKEN"]
    tok = client.auth.token.create(policies=[policy], ttl=ttl, renewable=False)
    _write_secret(_out(f"vault-{policy}.token"), tok["auth"]["client_token"])
    console.print(f"token for policy {policy} written (accessor {tok['auth']['accessor']})")


@vault_app.command("whoami")
def whoami():
    client = hvac.Client(**VAULT_OPTS)
    client.token = os.environ["VAULT_TOKEN"]
    info = client.auth.token.lookup_self()["data"]
    console.print({"display_name": info["display_name"], "policies": info["policies"], "ttl": info["ttl"]})


if __name__ == "__main__":
    app()
