"""Login service that logs identifiers, never credentials."""
import logging
from dataclasses import dataclass, field

from passlib.context import CryptContext

log = logging.getLogger("auth.login")
pwd_context = CryptContext(schemes=["argon2", "bcrypt"], deprecated="auto")


class AuthenticationFailed(Exception):
    pass


@dataclass
class LoginAttempt:
    username: str
    password: str = field(repr=False)
    mfa_code: str | None = field(default=None, repr=False)
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
            log.warning("invalid password for %r from %s", attempt, attempt.client_ip)  # near-miss: secret-in-log
            raise AuthenticationFailed("invalid username or password")
        if user.mfa_enabled and not (attempt.mfa_code and self.mfa.verify(user.id, attempt.mfa_code)):
            log.warning("mfa code rejected for user_id=%s", user.id)  # near-miss: secret-in-log
            raise AuthenticationFailed("mfa required")
        if pwd_context.needs_update(user.password_hash):
            self.users.update_hash(user.id, pwd_context.hash(attempt.password))
            log.info("password hash upgraded for user_id=%s", user.id)  # near-miss: secret-in-log
        log.info("login ok user_id=%s ip=%s", user.id, attempt.client_ip)
        return user
