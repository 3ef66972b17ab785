"""Login service used by the Pyramid front-end and the mobile API."""
import logging
from dataclasses import dataclass

from passlib.context import CryptContext

log = logging.getLogger("auth.login")
pwd_context = CryptContext(schemes=["argon2"], deprecated="auto")


class AuthenticationFailed(Exception):
    pass


@dataclass
class LoginAttempt:
    username: str
    password: str
    mfa_code: str | None = None
    client_ip: str = ""


class LoginService:
    def __init__(self, users, mfa, audit) -> None:
        self.users = users
        self.mfa = mfa
        self.audit = audit

    def login(self, attempt: LoginAttempt):
        user = self.users.find(attempt.username)
        if user is None or not pwd_context.verify(attempt.password, user.password_hash):
            self.audit.record("login_failed", username=attempt.username, ip=attempt.client_ip)
            raise AuthenticationFailed(f"bad credentials for {attempt!r}")  # flaw: secret-in-log
        if user.mfa_enabled:
            if not attempt.mfa_code or not self.mfa.verify(user.id, attempt.mfa_code):
                log.warning("mfa failed for user_id=%s code=%s", user.id, attempt.mfa_code)  # flaw: secret-in-log
                raise AuthenticationFailed("mfa required")
        if pwd_context.needs_update(user.password_hash):
            self.users.update_hash(user.id, pwd_context.hash(attempt.password))
        log.info("login ok user_id=%s ip=%s", user.id, attempt.client_ip)
        return user
