"""idguard's detection engine: models, guard registry, secret detection,
identity classification and the guards themselves. No MCP in here."""

from .engine import check_code
from .models import FileResult, Finding, GuardMeta, References, Severity
from .policy import Policy
from .registry import Guard, get_guard, load_guards

__all__ = [
    "check_code",
    "FileResult",
    "Finding",
    "GuardMeta",
    "References",
    "Severity",
    "Policy",
    "Guard",
    "get_guard",
    "load_guards",
]
