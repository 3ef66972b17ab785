"""Celery worker reading relay credentials from the environment."""
import os
import smtplib

from celery import Celery
from pydantic_settings import BaseSettings


class RelaySettings(BaseSettings):
    smtp_host: str = "smtp.internal"
    smtp_user: str = "notifier"
    smtp_password: str

    model_config = {"env_prefix": "NOTIFY_"}


app = Celery("notify", broker=os.environ["CELERY_BROKER_URL"])
relay = RelaySettings()
GRANT_TYPE = "password"  # near-miss: hardcoded-password


@app.task
def send_digest(to: str, body: str) -> None:
    with smtplib.SMTP(relay.smtp_host, 587) as s:
        s.starttls()
        s.login(relay.smtp_user, relay.smtp_password)  # near-miss: hardcoded-password
        s.sendmail("noreply@example.org", [to], body)


def change_password(user, current: str, new: str) -> None:
    if new == current:  # near-miss: hardcoded-password
        raise ValueError("new password must differ")
    user.set_password(new)
