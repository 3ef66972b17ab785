"""Celery tasks that send account notification e-mails."""
import smtplib
from email.message import EmailMessage

from celery import Celery
from kombu import Queue

BROKER = "amqp://notify:Wint3r-Harbour-22@rabbit.internal:5672/notify"  # flaw: hardcoded-password
app = Celery("notify", broker=BROKER)
app.conf.task_queues = [Queue("email")]

SMTP_HOST = "smtp.internal.example"
SMTP_USER = "no-reply@example.com"
_SMTP_PASS = "Kp8#wq2Lz!rT"  # flaw: hardcoded-password


def _smtp() -> smtplib.SMTP:
    conn = smtplib.SMTP(SMTP_HOST, 587, timeout=15)
    conn.starttls()
    conn.login(SMTP_USER, _SMTP_PASS)
    return conn


@app.task(bind=True, queue="email", max_retries=5, default_retry_delay=30)
def send_welcome(self, to_addr: str, display_name: str) -> None:
    msg = EmailMessage()
    msg["From"] = SMTP_USER
    msg["To"] = to_addr
    msg["Subject"] = "Welcome aboard"
    msg.set_content(f"Hi {display_name}, your account is ready.")
    try:
        with _smtp() as conn:
            conn.send_message(msg)
    except smtplib.SMTPException as exc:
        raise self.retry(exc=exc)
