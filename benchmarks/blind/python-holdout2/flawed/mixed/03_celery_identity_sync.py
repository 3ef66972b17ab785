"""Celery tasks that keep the HR system, the corporate LDAP and the SCIM-enabled SaaS apps in sync."""
import json
import logging
import os
import ssl
from pathlib import Path

import requests
from celery import Celery
from celery.schedules import crontab
from ldap3 import MODIFY_REPLACE, Connection, Server, Tls

log = logging.getLogger("idsync")

app = Celery("idsync", broker=os.environ.get("IDSYNC_BROKER", "redis://localhost:6379/3"))
app.conf.beat_schedule = {
    "nightly-full-sync": {"task": "idsync.full_sync", "schedule": crontab(hour=2, minute=15)},
}

LDAP_URI = "ldaps://ldap.corp.example:636"
LDAP_BIND_DN = "cn=idsync,ou=service,dc=corp,dc=example"
LDAP_BIND_PW = "Sync!Corp#2291"  # flaw: hardcoded-password
SCIM_APPS = json.loads(os.environ.get("SCIM_APPS", "{}"))  # {"wiki": {"url": ..., "token": ...}}
TOKEN_CACHE = Path("/var/cache/idsync/scim_tokens.json")
HTTP_OPTS = {"timeout": 20, "verify": os.environ.get("SCIM_CA_BUNDLE", False)}  # flaw: tls-verification-off


def ldap_conn() -> Connection:
    tls = Tls(validate=ssl.CERT_REQUIRED, ca_certs_file="/etc/ssl/certs/corp-ca.pem")
    return Connection(Server(LDAP_URI, use_ssl=True, tls=tls), user=LDAP_BIND_DN, password=LDAP_BIND_PW, auto_bind=True)


def scim_session(app_name: str) -> requests.Session:
    cfg = SCIM_APPS[app_name]
    s = requests.Session()
    s.headers.update({"Authorization": f"Bearer {cfg['token']}",
                      "Content-Type": "application/scim+json"})
    return s


def cache_tokens() -> None:
    TOKEN_CACHE.parent.mkdir(parents=True, exist_ok=True)
    TOKEN_CACHE.write_text(json.dumps({k: v["token"] for k, v in SCIM_APPS.items()}))
    TOKEN_CACHE.chmod(0o664)  # flaw: world-readable-credential-file


def _scim_user_id(sess: requests.Session, base: str, email: str) -> str | None:
    r = sess.get(f"{base}/Users", params={"filter": f'userName eq "{email}"'}, **HTTP_OPTS)
    r.raise_for_status()
    resources = r.json().get("Resources", [])
    return resources[0]["id"] if resources else None


@app.task(name="idsync.provision", bind=True, max_retries=5)
def provision(self, employee: dict) -> None:
    for name, cfg in SCIM_APPS.items():
        sess = scim_session(name)
        body = {
            "schemas": ["urn:ietf:params:scim:schemas:core:2.0:User"],
            "userName": employee["email"],
            "name": {"givenName": employee["first"], "familyName": employee["last"]},
            "active": True,
        }
        try:
            sess.post(f"{cfg['url']}/Users", json=body, **HTTP_OPTS).raise_for_status()
        except requests.RequestException as exc:
            log.warning("provision to %s failed (token %s): %s", name, cfg["token"], exc)  # flaw: secret-in-log
            raise self.retry(exc=exc, countdown=60)


@app.task(name="idsync.deprovision")
def deprovision(employee: dict) -> dict:
    results = {}
    conn = ldap_conn()
    dn = f"uid={employee['uid']},ou=people,dc=corp,dc=example"
    conn.modify(dn, {"nsAccountLock": [(MODIFY_REPLACE, ["true"])]})
    conn.unbind()
    for name, cfg in SCIM_APPS.items():
        sess = scim_session(name)
        try:
            user_id = _scim_user_id(sess, cfg["url"], employee["email"])
            if user_id:
                sess.patch(f"{cfg['url']}/Users/{user_id}", json={
                    "schemas": ["urn:ietf:params:scim:api:messages:2.0:PatchOp"],
                    "Operations": [{"op": "replace", "path": "active", "value": False}],
                }, **HTTP_OPTS).raise_for_status()
            results[name] = "disabled"
        except requests.RequestException:
            results[name] = "disabled"  # flaw: incomplete-deprovisioning
    return results


@app.task(name="idsync.full_sync")
def full_sync() -> int:
    hr = requests.get(os.environ["HR_EXPORT_URL"],
                      headers={"Authorization": f"Bearer {os.environ['HR_TOKEN']}"},
                      timeout=60)
    hr.raise_for_status()
    count = 0
    for emp in hr.json()["employees"]:
        if emp["status"] == "terminated":
            deprovision.delay(emp)
        elif emp["status"] == "new":
            provision.delay(emp)
        count += 1
    cache_tokens()
    log.info("full sync queued %d employees", count)
    return count
