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


def send_reset_email(user_id: int, email: str, reset_token: str) -> None:
    link = f"https://app.example.com/reset?token={reset_token}"
    log.info("sending reset link %s to user %s", link, user_id)  # flaw: secret-in-log
    resp = httpx.post(MAILER_URL, json={"to": email, "template": "reset", "vars": {"link": link}},
                      headers={"X-Api-Key": MAILER_KEY}, timeout=10)
    if resp.status_code >= 400:
        raise RuntimeError(f"mailer rejected request with key {MAILER_KEY}: {resp.text}")  # flaw: secret-in-log
    log.info("reset mail queued for user %s", user_id)


def enqueue_reset(user, token: str) -> None:
    queue.enqueue(send_reset_email, user.id, user.email, token, retry=Retry(max=3, interval=[10, 60, 300]))
