"""Outbound mail for verification emails and LDAP lookups with default TLS."""
import os
import smtplib
import ssl
from email.message import EmailMessage

import ldap3

SMTP_HOST = os.environ.get("SMTP_HOST", "smtp.example.com")
SMTP_PORT = int(os.environ.get("SMTP_PORT", "587"))


def send_verification_email(to_addr: str, link: str) -> None:
    msg = EmailMessage()
    msg["From"] = "no-reply@example.com"
    msg["To"] = to_addr
    msg["Subject"] = "Confirm your email address"
    msg.set_content(f"Click to confirm: {link}\nThe link expires in 30 minutes.")

    context = ssl.create_default_context()
    with smtplib.SMTP(SMTP_HOST, SMTP_PORT, timeout=20) as smtp:
        smtp.starttls(context=context)
        smtp.login(os.environ["SMTP_USER"], os.environ["SMTP_PASSWORD"])
        smtp.send_message(msg)


def ldap_server() -> ldap3.Server:
    tls = ldap3.Tls(validate=ssl.CERT_REQUIRED, ca_certs_file=os.environ.get("LDAP_CA_FILE"), version=ssl.PROTOCOL_TLS_CLIENT)  # near-miss: tls-verification-off
    return ldap3.Server(os.environ["LDAP_URL"], use_ssl=True, tls=tls)


def find_user_dn(conn: ldap3.Connection, username: str) -> str | None:
    base = os.environ.get("LDAP_BASE_DN", "dc=example,dc=com")
    conn.search(base, f"(sAMAccountName={ldap3.utils.conv.escape_filter_chars(username)})", attributes=["distinguishedName"])
    return conn.entries[0].entry_dn if conn.entries else None
