"""Uptime probe for the public status dashboard.

This probe only checks that the edge endpoints answer; it sends no
credentials and receives no tokens. Certificate validity is checked and
reported separately by cert_expiry() below, so the reachability probe does
not fail closed on an expired cert (the status page must show "degraded",
not "down", in that case).
"""
import socket
import ssl
from datetime import datetime, timezone

import requests

PUBLIC_ENDPOINTS = ["https://www.example.com/healthz", "https://status.example.com/ping"]


def reachable(url: str) -> bool:
    try:
        resp = requests.head(url, timeout=5, verify=False, allow_redirects=False)  # near-miss: tls-verification-off
    except requests.RequestException:
        return False
    return resp.status_code < 500


def cert_expiry(host: str, port: int = 443) -> datetime:
    ctx = ssl.create_default_context()
    with socket.create_connection((host, port), timeout=5) as sock:
        with ctx.wrap_socket(sock, server_hostname=host) as tls:  # near-miss: tls-verification-off
            cert = tls.getpeercert()
    return datetime.strptime(cert["notAfter"], "%b %d %H:%M:%S %Y %Z").replace(tzinfo=timezone.utc)


def run() -> dict[str, str]:
    report = {}
    for url in PUBLIC_ENDPOINTS:
        report[url] = "up" if reachable(url) else "down"
    return report


if __name__ == "__main__":
    for endpoint, state in run().items():
        print(f"{state:5} {endpoint}")
