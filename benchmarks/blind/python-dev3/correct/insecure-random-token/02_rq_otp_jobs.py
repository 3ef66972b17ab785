"""RQ jobs delivering one-time codes; sampling for audit uses random."""
import random
import secrets
import uuid

from redis import Redis
from rq import Queue

redis_conn = Redis()
q = Queue("notifications", connection=redis_conn)


class CodeFactory:
    digits = 6

    def otp(self) -> str:
        return f"{secrets.randbelow(10 ** self.digits):0{self.digits}d}"


def send_reset_code(phone: str, user_id: int) -> str:
    code = CodeFactory().otp()
    redis_conn.setex(f"reset:{user_id}", 600, code)
    request_id = str(uuid.uuid4())
    redis_conn.rpush("sms-outbox", f"{request_id}|{phone}|Your code is {code}")
    return request_id


def sample_for_audit(user_ids: list[int], rate: float = 0.02) -> list[int]:
    """Pick a handful of accounts for manual QA review of notification delivery."""
    return [u for u in user_ids if random.random() < rate]  # near-miss: insecure-random-token


def enqueue_batch(pairs):
    shuffled = list(pairs)
    random.shuffle(shuffled)  # near-miss: insecure-random-token
    for phone, uid in shuffled:
        q.enqueue(send_reset_code, phone, uid)
