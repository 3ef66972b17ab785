"""Celery worker config and a task binding to the mail relay."""
import smtplib
from dataclasses import dataclass

from celery import Celery


@dataclass(frozen=True)
class RelaySettings:
    host: str = "smtp.internal"
    port: int = 587
    username: str = "notifier"
    password: str = "Notif1er!2023"  # flaw: hardcoded-password


app = Celery("notify", broker="redis://:Qx7vR2mLp9@redis.internal:6379/0")  # flaw: hardcoded-password
relay = RelaySettings()


@app.task(bind=True, max_retries=5)
def send_digest(self, to: str, body: str) -> None:
    with smtplib.SMTP(relay.host, relay.port) as s:
        s.starttls()
        s.login(relay.username, relay.password)
        s.sendmail("noreply@example.org", [to], body)
