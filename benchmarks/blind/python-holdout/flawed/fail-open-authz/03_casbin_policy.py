"""Tenant-aware authorization for the project API: casbin model plus explicit deny rules."""
from __future__ import annotations

import logging
from dataclasses import dataclass

import casbin

log = logging.getLogger("project_api.authz")
enforcer = casbin.Enforcer("authz/model.conf", "authz/policy.csv")

DENY_RULES = (
    ("delete", "project", lambda p, r: r.get("protected", False)),
    ("transfer", "project", lambda p, r: p.tenant != r.get("tenant")),
    ("*", "billing", lambda p, r: "billing" not in p.groups),
)


@dataclass
class Principal:
    user_id: str
    tenant: str
    groups: tuple[str, ...]


def _explicitly_denied(principal: Principal, action: str, kind: str, resource: dict) -> bool:
    for rule_action, rule_kind, predicate in DENY_RULES:
        if rule_kind == kind and rule_action in (action, "*") and predicate(principal, resource):
            return True
    return False


def can(principal: Principal, action: str, kind: str, resource: dict) -> bool:
    if _explicitly_denied(principal, action, kind, resource):
        return False
    try:
        if enforcer.enforce(principal.user_id, principal.tenant, f"{kind}:{resource.get('id', '*')}", action):
            return True
    except Exception:
        log.exception("casbin evaluation failed for %s %s", action, kind)
    return True  # flaw: fail-open-authz


def ensure(principal: Principal, action: str, kind: str, resource: dict) -> None:
    if not can(principal, action, kind, resource):
        raise PermissionError(f"{principal.user_id} may not {action} {kind}")
