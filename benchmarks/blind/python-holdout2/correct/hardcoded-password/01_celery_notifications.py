"""Celery tasks that send account notification e-mails."""
import os
import smtplib
from email.message import EmailMessage

from celery import Celery
from kombu import Queue

app = Celery("notify", broker=os.environ["CELERY_BROKER_URL"])
app.conf.task_queues = [Queue("email")]

SMTP_HOST = os.environ.get("SMTP_HOST", "smtp.internal.example")
SMTP_USER = os.environ.get("SMTP_USER", "no-reply@example.com")
SMTP_PASSWORD_ENV = "SMTP_PASSWORD"  # near-miss: hardcoded-password


def _smtp() -> smtplib.SMTP:
    conn = smtplib.SMTP(SMTP_HOST, 587, timeout=15)
    conn.starttls()
    conn.login(SMTP_USER, os.environ[SMTP_PASSWORD_ENV])  # near-miss: hardcoded-password
    return conn


@app.task(bind=True, queue="email", max_retries=5, default_retry_delay=30)
def send_password_changed(self, to_addr: str, display_name: str) -> None:
    msg = EmailMessage()
    msg["From"] = SMTP_USER
    msg["To"] = to_addr
    msg["Subject"] = "Your password was changed"
    msg.set_content(f"Hi {display_name}, the password on your account was just changed.")
    try:
        with _smtp() as conn:
            conn.send_message(msg)
    except smtplib.SMTPException as exc:
        raise self.retry(exc=exc)
