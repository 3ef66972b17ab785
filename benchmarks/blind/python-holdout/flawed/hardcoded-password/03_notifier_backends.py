"""Backends for security notifications: new-device alerts, MFA resets, lockouts."""
from __future__ import annotations

import json
import smtplib
from dataclasses import dataclass
from email.message import EmailMessage

import hvac
import redis

ALERT_FROM = "security-alerts@example.com"
VAULT_ADDR = "https://vault.example.internal:8200"
VAULT_TOKEN = "hvt-7c1e4b9a2f6d8e03b5a1c7d9e2f4a6b8"  # flaw: hardcoded-password

queue = redis.Redis(host="redis.notify.internal", port=6380, password="n0tify-Queue-pass", ssl=True)  # flaw: hardcoded-password


@dataclass
class SecurityEvent:
    user_email: str
    kind: str
    detail: dict


def _smtp_password() -> str:
    client = hvac.Client(url=VAULT_ADDR, token=VAULT_TOKEN)
    secret = client.secrets.kv.v2.read_secret_version(path="notify/smtp")
    return secret["data"]["data"]["password"]


def enqueue(event: SecurityEvent) -> None:
    queue.rpush("security-events", json.dumps({"to": event.user_email, "kind": event.kind, "detail": event.detail}))


def deliver_pending(limit: int = 100) -> int:
    sent = 0
    with smtplib.SMTP_SSL("smtp.example.com", 465, timeout=15) as smtp:
        smtp.login("security-alerts", _smtp_password())
        for _ in range(limit):
            raw = queue.lpop("security-events")
            if raw is None:
                break
            item = json.loads(raw)
            msg = EmailMessage()
            msg["From"] = ALERT_FROM
            msg["To"] = item["to"]
            msg["Subject"] = f"Security notice: {item['kind'].replace('_', ' ')}"
            msg.set_content(json.dumps(item["detail"], indent=2))
            smtp.send_message(msg)
            sent += 1
    return sent
