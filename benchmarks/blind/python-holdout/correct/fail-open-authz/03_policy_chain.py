"""Ordered policy evaluation for the workflow engine: first decisive rule wins, default deny."""
from __future__ import annotations

import enum
import logging
from dataclasses import dataclass
from typing import Callable, Iterable

log = logging.getLogger("workflow.authz")


class Decision(enum.Enum):
    ALLOW = "allow"
    DENY = "deny"
    ABSTAIN = "abstain"


@dataclass(frozen=True)
class Request:
    actor_id: str
    actor_roles: frozenset[str]
    action: str
    workflow_owner: str


Rule = Callable[[Request], Decision]


def owner_rule(req: Request) -> Decision:
    return Decision.ALLOW if req.actor_id == req.workflow_owner else Decision.ABSTAIN


def admin_rule(req: Request) -> Decision:
    return Decision.ALLOW if "workflow-admin" in req.actor_roles else Decision.ABSTAIN


def suspended_rule(req: Request) -> Decision:
    return Decision.DENY if "suspended" in req.actor_roles else Decision.ABSTAIN


DEFAULT_RULES: tuple[Rule, ...] = (suspended_rule, owner_rule, admin_rule)


def evaluate(req: Request, rules: Iterable[Rule] = DEFAULT_RULES) -> bool:
    for rule in rules:
        try:
            decision = rule(req)
        except Exception:
            log.exception("rule %s failed; denying", getattr(rule, "__name__", rule))
            return False
        if decision is Decision.DENY:
            return False
        if decision is Decision.ALLOW:
            return True  # near-miss: fail-open-authz
    return False
