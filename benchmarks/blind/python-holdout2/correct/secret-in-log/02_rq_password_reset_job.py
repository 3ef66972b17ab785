"""RQ jobs for password-reset e-mails."""
import logging
import os

import httpx
from redis import Redis
from rq import Queue, Retry

log = logging.getLogger("jobs.reset")
queue = Queue("mail", connection=Redis.from_url(os.environ["REDIS_URL"]))
MAILER_URL = os.environ["MAILER_URL"]
MAILER_KEY = os.environ["MAILER_API_KEY"]


class MailerError(RuntimeError):
    pass


def send_reset_email(user_id: int, email: str, reset_token: str) -> None:
    link = f"https://app.example.com/reset?token={reset_token}"
    log.info("sending reset link to user %s (token len=%d)", user_id, len(reset_token))  # near-miss: secret-in-log
    resp = httpx.post(MAILER_URL, json={"to": email, "template": "reset", "vars": {"link": link}},
                      headers={"X-Api-Key": MAILER_KEY}, timeout=10)
    if resp.status_code >= 400:
        raise MailerError(f"mailer rejected request: HTTP {resp.status_code}")
    log.info("reset mail queued for user %s", user_id)


def enqueue_reset(user, token: str) -> None:
    log.debug("enqueue reset for user_id=%s", user.id)
    queue.enqueue(send_reset_email, user.id, user.email, token, retry=Retry(max=3, interval=[10, 60, 300]))
