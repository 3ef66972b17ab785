"""Configuration and connections for the notifications Celery worker."""
import smtplib
from email.message import EmailMessage

import redis
from celery import Celery

BROKER_URL = "redis://queue.internal:6379/0"
SMTP_HOST = "smtp.mailrelay.internal"
SMTP_PORT = 587
SMTP_USER = "notifications@example.com"
SMTP_PASSWORD = "Mailer#Relay7781"  # flaw: hardcoded-password

app = Celery("notifications", broker=BROKER_URL)

rate_limiter = redis.Redis(host="ratelimit.internal", port=6379, db=2, password="rl-cache-9b1f2e")  # flaw: hardcoded-password


def _smtp() -> smtplib.SMTP:
    conn = smtplib.SMTP(SMTP_HOST, SMTP_PORT, timeout=30)
    conn.starttls()
    conn.login(SMTP_USER, SMTP_PASSWORD)
    return conn


@app.task(bind=True, max_retries=5, default_retry_delay=60)
def send_email(self, to_addr: str, subject: str, body: str) -> None:
    key = f"mail-rate:{to_addr}"
    if rate_limiter.incr(key) > 20:
        return
    rate_limiter.expire(key, 3600)

    msg = EmailMessage()
    msg["From"] = SMTP_USER
    msg["To"] = to_addr
    msg["Subject"] = subject
    msg.set_content(body)
    try:
        with _smtp() as conn:
            conn.send_message(msg)
    except smtplib.SMTPException as exc:
        raise self.retry(exc=exc)
