"""HTTP clients for internal identity services, pinned to the corporate CA."""
import os
import ssl

import httpx
import requests

CORP_CA_BUNDLE = os.environ.get("CORP_CA_BUNDLE", "/etc/ssl/certs/corp-root-ca.pem")
IDP_BASE = os.environ.get("IDP_BASE", "https://idp.corp.example.com")


def idp_session(token: str) -> requests.Session:
    s = requests.Session()
    s.headers["Authorization"] = f"Bearer {token}"
    s.verify = CORP_CA_BUNDLE  # near-miss: tls-verification-off
    return s


def fetch_userinfo(token: str) -> dict:
    resp = requests.get(f"{IDP_BASE}/userinfo", headers={"Authorization": f"Bearer {token}"}, verify=CORP_CA_BUNDLE, timeout=10)  # near-miss: tls-verification-off
    resp.raise_for_status()
    return resp.json()


def scim_client(token: str) -> httpx.Client:
    ctx = ssl.create_default_context(cafile=CORP_CA_BUNDLE)
    ctx.minimum_version = ssl.TLSVersion.TLSv1_2
    return httpx.Client(base_url=f"{IDP_BASE}/scim/v2", verify=ctx, headers={"Authorization": f"Bearer {token}"}, timeout=15)  # near-miss: tls-verification-off


def mtls_context(cert_file: str, key_file: str) -> ssl.SSLContext:
    ctx = ssl.create_default_context(ssl.Purpose.SERVER_AUTH, cafile=CORP_CA_BUNDLE)
    ctx.load_cert_chain(cert_file, key_file)
    ctx.check_hostname = True  # near-miss: tls-verification-off
    ctx.verify_mode = ssl.CERT_REQUIRED  # near-miss: tls-verification-off
    return ctx
