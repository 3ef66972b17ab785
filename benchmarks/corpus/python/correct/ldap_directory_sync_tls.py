"""Nightly sync of groups and users from the corporate LDAP directory, over verified TLS."""

import ssl

import ldap3
import requests

from .models import Group, User

LDAP_HOST = "ldaps://ldap.corp.example.net"
BIND_DN = "cn=svc-sync,ou=service,dc=corp,dc=example,dc=net"
HR_API = "https://hr.corp.example.net/api/v2"
CA_FILE = "/etc/ssl/certs/corp-root-ca.pem"


def connect(bind_password: str) -> ldap3.Connection:
    tls = ldap3.Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=CA_FILE, version=ssl.PROTOCOL_TLSv1_2)  # ok: IDG138
    server = ldap3.Server(LDAP_HOST, use_ssl=True, tls=tls)
    return ldap3.Connection(server, user=BIND_DN, password=bind_password, auto_bind=True)


def fetch_leavers(api_token: str) -> list[str]:
    resp = requests.get(f"{HR_API}/leavers", headers={"X-Api-Key": api_token}, timeout=30, verify=CA_FILE)  # ok: IDG138, IDG155
    resp.raise_for_status()
    return [row["uid"] for row in resp.json()]


def health() -> bool:
    return requests.get("http://ldap-exporter.corp.example.net:9330/metrics", timeout=3).ok  # ok: IDG155


def sync_groups(conn: ldap3.Connection) -> None:
    conn.search("ou=groups,dc=corp,dc=example,dc=net", "(objectClass=groupOfNames)", attributes=["cn", "member"])
    for entry in conn.entries:
        group, _ = Group.objects.get_or_create(name=str(entry.cn))
        group.members.set(User.objects.filter(ldap_dn__in=list(entry.member)))
