"""Celery tasks that keep the HR system, the corporate LDAP and the SCIM-enabled SaaS apps in sync."""
import json
import logging
import os
import ssl

import hvac
import requests
from celery import Celery
from celery.schedules import crontab
from ldap3 import MODIFY_REPLACE, Connection, Server, Tls

log = logging.getLogger("idsync")

app = Celery("idsync", broker=os.environ["IDSYNC_BROKER"])
app.conf.beat_schedule = {
    "nightly-full-sync": {"task": "idsync.full_sync", "schedule": crontab(hour=2, minute=15)},
}

LDAP_URI = "ldaps://ldap.corp.example:636"
LDAP_BIND_DN = "cn=idsync,ou=service,dc=corp,dc=example"
CA_BUNDLE = os.environ.get("SCIM_CA_BUNDLE", "/etc/ssl/certs/ca-certificates.crt")
HTTP_OPTS = {"timeout": 20, "verify": CA_BUNDLE}  # near-miss: tls-verification-off


class DeprovisionIncomplete(Exception):
    pass


def _vault() -> hvac.Client:
    client = hvac.Client(url=os.environ["VAULT_ADDR"], verify=CA_BUNDLE)
    client.auth.approle.login(role_id=os.environ["VAULT_ROLE_ID"], secret_id=os.environ["VAULT_SECRET_ID"])
    return client


def _secret(path: str) -> dict:
    return _vault().secrets.kv.v2.read_secret_version(path=path)["data"]["data"]


def ldap_conn() -> Connection:
    tls = Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=CA_BUNDLE)
    return Connection(Server(LDAP_URI, use_ssl=True, tls=tls), user=LDAP_BIND_DN,
                      password=_secret("idsync/ldap")["password"], auto_bind=True)  # near-miss: hardcoded-password


def scim_apps() -> dict:
    return json.loads(_secret("idsync/scim")["apps"])


def scim_session(cfg: dict) -> requests.Session:
    s = requests.Session()
    s.headers.update({"Authorization": f"Bearer {cfg['token']}", "Content-Type": "application/scim+json"})
    return s


def _scim_user_id(sess: requests.Session, base: str, email: str) -> str | None:
    r = sess.get(f"{base}/Users", params={"filter": f'userName eq "{email}"'}, **HTTP_OPTS)
    r.raise_for_status()
    resources = r.json().get("Resources", [])
    return resources[0]["id"] if resources else None


@app.task(name="idsync.provision", bind=True, max_retries=5)
def provision(self, employee: dict) -> None:
    for name, cfg in scim_apps().items():
        body = {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "userName": employee["email"],
            "name": {"givenName": employee["first"], "familyName": employee["last"]},
            "active": True,
        }
        try:
            scim_session(cfg).post(f"{cfg['url']}/Users", json=body, **HTTP_OPTS).raise_for_status()
        except requests.RequestException as exc:
            log.warning("provision to %s failed for employee %s: %s", name, employee["uid"],  # near-miss: secret-in-log
                        type(exc).__name__)
            raise self.retry(exc=exc, countdown=60)


@app.task(name="idsync.deprovision", bind=True, max_retries=8, retry_backoff=True)
def deprovision(self, employee: dict) -> dict:
    results, failures = {}, []
    conn = ldap_conn()
    dn = f"uid={employee['uid']},ou=people,dc=corp,dc=example"
    if not conn.modify(dn, {"nsAccountLock": [(MODIFY_REPLACE, ["true"])]}):
        failures.append("ldap")
    conn.unbind()
    for name, cfg in scim_apps().items():
        sess = scim_session(cfg)
        try:
            user_id = _scim_user_id(sess, cfg["url"], employee["email"])
            if user_id:
                sess.delete(f"{cfg['url']}/Users/{user_id}", **HTTP_OPTS).raise_for_status()
            results[name] = "removed"
        except requests.RequestException as exc:
            results[name] = f"failed: {type(exc).__name__}"
            failures.append(name)
    if failures:
        log.error("deprovision incomplete for %s: %s", employee["uid"], failures)
        raise self.retry(exc=DeprovisionIncomplete(",".join(failures)))
    return results


@app.task(name="idsync.full_sync")
def full_sync() -> int:
    hr = requests.get(os.environ["HR_EXPORT_URL"],
                      headers={"Authorization": f"Bearer {_secret('idsync/hr')['token']}"}, **HTTP_OPTS)
    hr.raise_for_status()
    count = 0
    for emp in hr.json()["employees"]:
        if emp["status"] == "terminated":
            deprovision.delay(emp)
        elif emp["status"] == "new":
            provision.delay(emp)
        count += 1
    log.info("full sync queued %d employees", count)
    return count
