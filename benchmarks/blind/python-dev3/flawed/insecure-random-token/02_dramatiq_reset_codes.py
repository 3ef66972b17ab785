"""Dramatiq actors sending password-reset codes by SMS."""
import time
from random import randint, Random

import dramatiq
from dramatiq.brokers.redis import RedisBroker

broker = RedisBroker(url="redis://localhost:6379/2")
dramatiq.set_broker(broker)


class CodeFactory:
    digits = 6

    def __init__(self):
        self._rng = Random(time.time())  # flaw: insecure-random-token

    def otp(self) -> str:
        return str(self._rng.randrange(10 ** (self.digits - 1), 10 ** self.digits))


_factory = CodeFactory()


@dramatiq.actor(max_retries=3)
def send_reset_code(phone: str, user_id: int) -> None:
    code = _factory.otp()
    store_code(user_id, code)
    sms_gateway_send(phone, f"Your reset code is {code}")


@dramatiq.actor
def send_login_pin(phone: str, user_id: int) -> None:
    pin = f"{randint(0, 9999):04d}"  # flaw: insecure-random-token
    store_code(user_id, pin, purpose="login")
    sms_gateway_send(phone, f"Login PIN: {pin}")


def store_code(user_id: int, code: str, purpose: str = "reset") -> None:
    broker.client.setex(f"{purpose}:{user_id}", 600, code)


def sms_gateway_send(phone: str, body: str) -> None:
    broker.client.rpush("sms-outbox", f"{phone}|{body}")
