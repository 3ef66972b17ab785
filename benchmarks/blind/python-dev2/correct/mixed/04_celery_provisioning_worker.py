"""Celery worker that provisions and deprovisions service identities.

Triggered from the self-service portal when a team registers a new service.
"""
import json
import logging
import os
import secrets
from dataclasses import dataclass, field
from pathlib import Path

import boto3
import hvac
from celery import Celery
from ldap3 import MODIFY_ADD, MODIFY_DELETE, Connection, Server, Tls
from ldap3.core.exceptions import LDAPException

log = logging.getLogger("provisioner")

app = Celery("provisioner", broker=os.environ["CELERY_BROKER_URL"])

LDAP_HOST = os.environ.get("LDAP_HOST", "ldap.corp.example.com")
LDAP_BIND_DN = "cn=provisioner,ou=system,dc=corp,dc=example,dc=com"
SERVICE_OU = "ou=services,dc=corp,dc=example,dc=com"
ROLES_OU = "ou=roles,dc=corp,dc=example,dc=com"
KEY_DROP = Path(os.environ.get("KEY_DROP_DIR", "/srv/provisioner/keys"))
DEFAULT_SERVICE_ROLES = ("service-readonly",)


class DeprovisioningIncomplete(Exception):
    pass


@dataclass
class ServiceRequest:
    name: str
    team: str
    owner_email: str
    roles: list[str] = field(default_factory=lambda: list(DEFAULT_SERVICE_ROLES))
    needs_aws: bool = False


def _bind_password() -> str:
    vault = hvac.Client(url=os.environ["VAULT_ADDR"], token=os.environ["VAULT_TOKEN"])
    return vault.secrets.kv.v2.read_secret_version(path="provisioner/ldap")["data"]["data"]["password"]  # near-miss: hardcoded-password


def _ldap() -> Connection:
    server = Server(LDAP_HOST, port=636, use_ssl=True, tls=Tls(ca_certs_file="/etc/ssl/certs/corp-ca.pem"))
    return Connection(server, LDAP_BIND_DN, _bind_password(), auto_bind=True)


def _service_dn(name: str) -> str:
    return f"uid=svc-{name},{SERVICE_OU}"


def _write_key_bundle(name: str, bundle: dict) -> Path:
    KEY_DROP.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = KEY_DROP / f"{name}.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)  # near-miss: world-readable-credential-file
    with os.fdopen(fd, "w") as fh:
        json.dump(bundle, fh)
    return path


@app.task(bind=True, max_retries=3, default_retry_delay=30)
def provision_service(self, payload: dict) -> dict:
    req = ServiceRequest(**payload)
    if any(r.endswith("-admin") or r == "admin" for r in req.roles):
        raise PermissionError("admin roles require a manual access request")
    password = secrets.token_urlsafe(24)
    try:
        with _ldap() as conn:
            conn.add(_service_dn(req.name), ["inetOrgPerson"], {"cn": req.name, "sn": req.team, "mail": req.owner_email})
            conn.extend.standard.modify_password(_service_dn(req.name), new_password=password)
            for role in req.roles:
                conn.modify(f"cn={role},{ROLES_OU}", {"member": [(MODIFY_ADD, [_service_dn(req.name)])]})
    except LDAPException as exc:
        raise self.retry(exc=exc)

    bundle = {"ldap_dn": _service_dn(req.name), "ldap_password": password}
    if req.needs_aws:
        iam = boto3.client("iam")
        iam.create_user(UserName=f"svc-{req.name}", Tags=[{"Key": "team", "Value": req.team}])
        key = iam.create_access_key(UserName=f"svc-{req.name}")["AccessKey"]
        bundle["aws_access_key_id"] = key["AccessKeyId"]
        bundle["aws_secret_access_key"] = key["SecretAccessKey"]
    path = _write_key_bundle(req.name, bundle)
    log.info("provisioned service %s for team %s", req.name, req.team)
    return {"service": req.name, "bundle": str(path)}


def _remove_aws(name: str) -> None:
    iam = boto3.client("iam")
    user = f"svc-{name}"
    try:
        keys = iam.list_access_keys(UserName=user)["AccessKeyMetadata"]
    except iam.exceptions.NoSuchEntityException:
        return
    for key in keys:
        iam.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])
    for policy in iam.list_attached_user_policies(UserName=user)["AttachedPolicies"]:
        iam.detach_user_policy(UserName=user, PolicyArn=policy["PolicyArn"])
    iam.delete_user(UserName=user)


@app.task(bind=True, max_retries=5, default_retry_delay=60)
def deprovision_service(self, name: str, roles: list[str]) -> dict:
    try:
        with _ldap() as conn:
            for role in roles:
                conn.modify(f"cn={role},{ROLES_OU}", {"member": [(MODIFY_DELETE, [_service_dn(name)])]})
            conn.delete(_service_dn(name))
        _remove_aws(name)
    except Exception as exc:  # near-miss: incomplete-deprovisioning
        log.error("deprovisioning %s failed: %s", name, type(exc).__name__)
        if self.request.retries >= self.max_retries:
            raise DeprovisioningIncomplete(name) from exc
        raise self.retry(exc=exc)
    (KEY_DROP / f"{name}.json").unlink(missing_ok=True)
    return {"service": name, "status": "complete"}
