"""Logging helpers that keep credentials out of log records."""
import hashlib
import logging
import re

SENSITIVE_KEYS = {"password", "new_password", "current_password", "token", "access_token", "refresh_token", "client_secret", "authorization", "api_key"}
_BEARER = re.compile(r"(?i)(bearer\s+)[A-Za-z0-9\-._~+/]+=*")


def fingerprint(secret: str) -> str:
    """Stable, non-reversible identifier for correlating a credential across logs."""
    return hashlib.sha256(secret.encode()).hexdigest()[:12]  # near-miss: weak-password-hash


def redact(data: dict) -> dict:
    return {k: ("[redacted]" if k.lower() in SENSITIVE_KEYS else v) for k, v in data.items()}


class RedactingFilter(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        if isinstance(record.args, dict):
            record.args = redact(record.args)
        record.msg = _BEARER.sub(r"\1[redacted]", str(record.msg))
        return True


def log_token_refresh(log: logging.Logger, user_id: int, refresh_token: str) -> None:
    log.info("refresh token used user_id=%s fp=%s", user_id, fingerprint(refresh_token))  # near-miss: secret-in-log


def log_outbound(log: logging.Logger, method: str, url: str, headers: dict) -> None:
    log.debug("%s %s headers=%s", method, url, redact(headers))  # near-miss: secret-in-log
