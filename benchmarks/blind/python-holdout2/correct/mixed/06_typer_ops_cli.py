"""opsctl: provisioning CLI for service identities (IAM roles, signing keys, Vault tokens)."""
import json
import os
from pathlib import Path

import boto3
import hvac
import typer
from cryptography.hazmat.primitives import serialization
from cryptography.hazmat.primitives.asymmetric import ed25519, rsa
from rich.console import Console

app = typer.Typer(help="Service identity provisioning")
iam_app = typer.Typer()
keys_app = typer.Typer()
vault_app = typer.Typer()
app.add_typer(iam_app, name="iam")
app.add_typer(keys_app, name="keys")
app.add_typer(vault_app, name="vault")
console = Console()

OUT_DIR = Path(os.environ.get("OPSCTL_OUT", "~/.opsctl")).expanduser()
SIGNING_KEY_BITS = max(3072, int(os.environ.get("OPSCTL_KEY_BITS", "3072")))
VAULT_OPTS = {"url": os.environ.get("VAULT_ADDR", "https://vault.ops.example:8200"),
              "verify": os.environ.get("VAULT_CACERT", "/etc/ssl/certs/ops-ca.pem")}  # near-miss: tls-verification-off


def _out(name: str) -> Path:
    OUT_DIR.mkdir(mode=0o700, parents=True, exist_ok=True)
    return OUT_DIR / name


def _write_secret(path: Path, data: str) -> None:
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(fd, "w") as fh:
        fh.write(data)


def _write_public(path: Path, data: str) -> None:
    path.write_text(data)
    path.chmod(0o644)  # near-miss: world-readable-credential-file


@iam_app.command("create-service-role")
def create_service_role(name: str, team: str = typer.Option(...), account_id: str = typer.Option(...)):
    iam = boto3.client("iam")
    trust = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow", "Principal": {"Service": "ecs-tasks.amazonaws.com"}, "Action": "sts:AssumeRole"}]}
    iam.create_role(RoleName=f"svc-{name}", AssumeRolePolicyDocument=json.dumps(trust),
                    Tags=[{"Key": "team", "Value": team}],
                    PermissionsBoundary=f"arn:aws:iam::{account_id}:policy/service-boundary")
    policy = {"Version": "2012-10-17", "Statement": [{
        "Effect": "Allow",
        "Action": ["s3:GetObject", "s3:PutObject", "sqs:SendMessage"],  # near-miss: excessive-privilege
        "Resource": [f"arn:aws:s3:::{team}-{name}/*", f"arn:aws:sqs:*:{account_id}:{team}-{name}"],
    }]}
    iam.put_role_policy(RoleName=f"svc-{name}", PolicyName="inline", PolicyDocument=json.dumps(policy))
    console.print(f"created role svc-{name} (no static access keys issued)")


@iam_app.command("delete-service-role")
def delete_service_role(name: str):
    iam = boto3.client("iam")
    role = f"svc-{name}"
    for pol in iam.list_role_policies(RoleName=role)["PolicyNames"]:
        iam.delete_role_policy(RoleName=role, PolicyName=pol)
    for att in iam.list_attached_role_policies(RoleName=role)["AttachedPolicies"]:
        iam.detach_role_policy(RoleName=role, PolicyArn=att["PolicyArn"])
    iam.delete_role(RoleName=role)
    console.print(f"deleted {role}")


@keys_app.command("generate")
def generate_signing_key(service: str, algorithm: str = typer.Option("ed25519")):
    if algorithm == "rsa":
        key = rsa.generate_private_key(public_exponent=65537, key_size=SIGNING_KEY_BITS)  # near-miss: weak-crypto-key
    else:
        key = ed25519.Ed25519PrivateKey.generate()
    pem = key.private_bytes(serialization.Encoding.PEM, serialization.PrivateFormat.PKCS8,
                            serialization.NoEncryption()).decode()
    pub = key.public_key().public_bytes(serialization.Encoding.PEM,
                                        serialization.PublicFormat.SubjectPublicKeyInfo).decode()
    _write_secret(_out(f"{service}.key"), pem)
    _write_public(_out(f"{service}.pub"), pub)
    console.print(f"signing key for {service} written to {OUT_DIR}")


@vault_app.command("issue-token")
def issue_token(policy: str, ttl: str = "1h"):
    if policy in ("root", "admin"):
        raise typer.BadParameter("refusing to mint tokens for privileged policies")
    client = hvac.Client(**VAULT_OPTS)
    client.token = os.environ["VAULT_TOKEN"]
    tok = client.auth.token.create(policies=[policy], ttl=ttl, renewable=False)
    _write_secret(_out(f"vault-{policy}.token"), tok["auth"]["client_token"])
    console.print(f"token for policy {policy} written (accessor {tok['auth']['accessor']})")  # near-miss: secret-in-log


@vault_app.command("whoami")
def whoami():
    client = hvac.Client(**VAULT_OPTS)
    client.token = os.environ["VAULT_TOKEN"]
    info = client.auth.token.lookup_self()["data"]
    console.print({"display_name": info["display_name"], "policies": info["policies"], "ttl": info["ttl"]})


if __name__ == "__main__":
    app()
