"""idguard's detection engine: models, guard registry, secret detection,
identity classification and the guards themselves. No MCP in here.

The names below load on first use (PEP 562), so importing a light sub-module
such as `idguard.guards.tags` does not pull in libcst and every guard: the IDE
hook runs on every edit and starts in a fresh process.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

_EXPORTS = {
    "check_code": "engine",
    "FileResult": "models",
    "Finding": "models",
    "GuardMeta": "models",
    "References": "models",
    "Severity": "models",
    "Policy": "policy",
    "Guard": "registry",
    "get_guard": "registry",
    "load_guards": "registry",
}

__all__ = list(_EXPORTS)

if TYPE_CHECKING:
    from .engine import check_code
    from .models import FileResult, Finding, GuardMeta, References, Severity
    from .policy import Policy
    from .registry import Guard, get_guard, load_guards


def __getattr__(name: str) -> Any:
    module = _EXPORTS.get(name)
    if module is None:
        raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
    value = getattr(importlib.import_module(f".{module}", __name__), name)
    globals()[name] = value
    return value
