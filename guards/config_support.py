"""Configuration guards (IAM policy JSON/YAML, Kubernetes RBAC, Terraform) plug in here.

`run_config_guards` runs every registered guard whose `languages` include the
file's configuration format and which defines `check_config`.
"""

from __future__ import annotations

from .models import Finding
from .policy import Policy
from .registry import Guard
from .text_support import TextContext

CONFIG_LANGUAGES = ("json", "yaml", "terraform")


def run_config_guards(
    code: str,
    language: str,
    path: str | None,
    policy: Policy,
    identity_related: bool,
    guards: dict[str, type[Guard]],
) -> list[Finding]:
    if language not in CONFIG_LANGUAGES:
        return []
    findings: list[Finding] = []
    ctx = TextContext(text=code, path=path, language=language, policy=policy)
    for guard_cls in guards.values():
        check = getattr(guard_cls, "check_config", None)
        if check is None or language not in guard_cls.languages or not policy.guard_enabled(guard_cls.id):
            continue
        findings.extend(check(guard_cls(), ctx))
    return findings
