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
from celery import Celery
from ldap3 import MODIFY_ADD, Connection, Server, Tls
from ldap3.core.exceptions import LDAPException

log = logging.getLogger("provisioner")

app = Celery("provisioner", broker=os.environ.get("CELERY_BROKER_URL", "redis://localhost:6379/3"))

LDAP_HOST = os.environ.get("LDAP_HOST", "ldap.corp.example.com")
LDAP_BIND_DN = "cn=provisioner,ou=system,dc=corp,dc=example,dc=com"
SERVICE_OU = "ou=services,dc=corp,dc=example,dc=com"
KEY_DROP = Path(os.environ.get("KEY_DROP_DIR", "/srv/provisioner/keys"))


@dataclass
class ServiceRequest:
    name: str
    team: str
    owner_email: str
    roles: list[str] = field(default_factory=lambda: ["admin"])  # flaw: excessive-privilege
    needs_aws: bool = False


def _ldap() -> Connection:
    server = Server(LDAP_HOST, port=636, use_ssl=True, tls=Tls(ca_certs_file="/etc/ssl/certs/corp-ca.pem"))
    return Connection(server, LDAP_BIND_DN, "Pr0v1s10n-Bind!", auto_bind=True)  # flaw: hardcoded-password


def _service_dn(name: str) -> str:
    return f"uid=svc-{name},{SERVICE_OU}"


def _write_key_bundle(name: str, bundle: dict) -> Path:
    KEY_DROP.mkdir(parents=True, exist_ok=True, mode=0o700)
    path = KEY_DROP / f"{name}.json"
    fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o644)  # flaw: world-readable-credential-file
    with os.fdopen(fd, "w") as fh:
        json.dump(bundle, fh)
    return path


@app.task(bind=True, max_retries=3, default_retry_delay=30)
def provision_service(self, payload: dict) -> dict:
    req = ServiceRequest(**payload)
    password = secrets.token_urlsafe(24)
    try:
        with _ldap() as conn:
            conn.add(_service_dn(req.name), ["inetOrgPerson"], {"cn": req.name, "sn": req.team, "mail": req.owner_email})
            conn.extend.standard.modify_password(_service_dn(req.name), new_password=password)
            for role in req.roles:
                conn.modify(f"cn={role},ou=roles,dc=corp,dc=example,dc=com", {"member": [(MODIFY_ADD, [_service_dn(req.name)])]})
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
    log.info("provisioned service %s for team %s; bundle at %s", req.name, req.team, path)
    return {"service": req.name, "bundle": str(path)}


@app.task(bind=True, max_retries=3, default_retry_delay=30)
def rotate_service_password(self, name: str) -> dict:
    """Monthly rotation; the new bundle replaces the previous one in the drop directory."""
    password = secrets.token_urlsafe(24)
    try:
        with _ldap() as conn:
            conn.extend.standard.modify_password(_service_dn(name), new_password=password)
    except LDAPException as exc:
        raise self.retry(exc=exc)
    path = _write_key_bundle(name, {"ldap_dn": _service_dn(name), "ldap_password": password})
    log.info("rotated ldap password for service %s", name)
    return {"service": name, "bundle": str(path)}


@app.task
def deprovision_service(name: str) -> dict:
    result = {"service": name}
    with _ldap() as conn:
        conn.delete(_service_dn(name))
    result["ldap"] = "deleted"

    iam = boto3.client("iam")
    user = f"svc-{name}"
    try:
        for key in iam.list_access_keys(UserName=user)["AccessKeyMetadata"]:
            iam.delete_access_key(UserName=user, AccessKeyId=key["AccessKeyId"])
        iam.delete_user(UserName=user)
        result["aws"] = "deleted"
    except Exception:  # flaw: incomplete-deprovisioning
        result["aws"] = "deleted"

    bundle = KEY_DROP / f"{name}.json"
    bundle.unlink(missing_ok=True)
    result["status"] = "complete"
    return result
