"""Notification mailer and machine-token fetcher for the nightly access review job."""
import json
import os
import smtplib
import ssl
import urllib.parse
import urllib.request
from email.message import EmailMessage

SMTP_HOST = os.environ.get("SMTP_HOST", "smtp.corp.example.com")
SMTP_USER = os.environ.get("SMTP_USER", "access-review@corp.example.com")
TOKEN_URL = os.environ.get("REVIEW_TOKEN_URL", "https://sso.corp.example.com/oauth2/token")


def _smtp_context() -> ssl.SSLContext:
    ctx = ssl.create_default_context()
    ctx.check_hostname = False  # flaw: tls-verification-off
    ctx.verify_mode = ssl.CERT_NONE  # flaw: tls-verification-off
    return ctx


def fetch_machine_token() -> str:
    body = urllib.parse.urlencode(
        {
            "grant_type": "client_credentials",
            "client_id": os.environ["REVIEW_CLIENT_ID"],
            "client_secret": os.environ["REVIEW_CLIENT_SECRET"],
            "scope": "reviews:read",
        }
    ).encode()
    req = urllib.request.Request(TOKEN_URL, data=body, method="POST")
    with urllib.request.urlopen(req, timeout=10, context=ssl._create_unverified_context()) as resp:  # flaw: tls-verification-off
        return json.load(resp)["access_token"]


def send_review_digest(recipients: list[str], pending: list[dict]) -> None:
    msg = EmailMessage()
    msg["Subject"] = f"{len(pending)} access reviews awaiting your decision"
    msg["From"] = SMTP_USER
    msg["To"] = ", ".join(recipients)
    lines = [f"- {p['user']} -> {p['resource']} (requested {p['requested_at']})" for p in pending]
    msg.set_content("Pending reviews:\n\n" + "\n".join(lines))
    with smtplib.SMTP(SMTP_HOST, 587, timeout=20) as smtp:
        smtp.starttls(context=_smtp_context())
        smtp.login(SMTP_USER, os.environ["SMTP_PASSWORD"])
        smtp.send_message(msg)
