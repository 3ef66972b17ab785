"""Load the policy from `.idguard/policy.toml` or `[tool.idguard]` in `pyproject.toml`.

Profiles set defaults; the file's keys override them. Validation errors name
the file, the key and what was expected. A detect-secrets `.secrets.baseline`
at the top of the repository adds its audited false positives to
`secrets.allow_sha1`.
"""

from __future__ import annotations

import json
import re
import tomllib
from pathlib import Path
from typing import Any

from idguard.guards.models import Severity
from idguard.guards.policy import Policy
from idguard.guards.secrets.detect_secrets_baseline import BaselineError, audited_false_positives
from pydantic import ValidationError

from .audit.urls import url_password
from .workspace import Workspace


class PolicyError(Exception):
    """The policy file is invalid; the message names file and key."""


PROFILE_DEFAULTS: dict[str, dict[str, Any]] = {
    "standard": {},
    "agentic": {
        "limits": {
            "max_access_token_ttl_seconds": 900,
            "max_api_key_ttl_seconds": 30 * 86400,
            "max_sts_session_seconds": 900,
        },
        "review": {"approval_max_age_days": 7},
        "block_threshold": "medium",
    },
    "regulated": {
        "review": {
            "required_approvals": 1,
            "category_approvals": {"rbac": 2, "iam_policy": 2, "sso": 2, "policy": 2},
            "approval_max_age_days": 14,
            "require_signed_commits": True,
        },
        "tests": {
            "require": "failure-paths",
            "categories": ["rbac", "invitation", "token", "deprovisioning", "api_key", "service_account"],
        },
        "block_threshold": "medium",
    },
    "legacy": {},
}


def _merge(base: dict[str, Any], override: dict[str, Any]) -> dict[str, Any]:
    merged = dict(base)
    for key, value in override.items():
        if isinstance(value, dict) and isinstance(merged.get(key), dict):
            merged[key] = _merge(merged[key], value)
        else:
            merged[key] = value
    return merged


def policy_from_mapping(data: dict[str, Any], source: str = "<policy>") -> Policy:
    if not isinstance(data, dict):
        raise PolicyError(f"{source}: expected a table of policy keys, got {type(data).__name__}")
    profile = data.get("profile", "standard")
    if not isinstance(profile, str) or profile not in PROFILE_DEFAULTS:
        raise PolicyError(f"{source}: key 'profile': expected one of {', '.join(PROFILE_DEFAULTS)}, got {profile!r}")
    try:
        policy = Policy.model_validate(_merge(PROFILE_DEFAULTS[profile], data))
    except ValidationError as exc:
        problems = []
        for error in exc.errors():
            key = ".".join(str(p) for p in error["loc"]) or "(top level)"
            problems.append(f"{source}: key '{key}': {error['msg']}")
        raise PolicyError("; ".join(problems)) from None
    _check_regexes(policy, source)
    _check_guard_ids(policy, source)
    _check_store(policy, source)
    return policy


def _check_store(policy: Policy, source: str) -> None:
    """The policy is committed: a password in `[store] url` would be a secret in git."""
    url = policy.store.url.strip()
    if not url:
        return
    if not url.startswith(("postgresql://", "postgres://")):
        raise PolicyError(f"{source}: key 'store.url': expected a postgresql:// URL")
    if url_password(url):
        raise PolicyError(
            f"{source}: key 'store.url': holds a password, and the policy is committed: give the "
            "password with PGPASSFILE or PGPASSWORD, or the whole URL with IDGUARD_STORE_URL"
        )


def _check_guard_ids(policy: Policy, source: str) -> None:
    """A typo under `[guards.X]` would otherwise leave the intended guard at its default, silently."""
    if not policy.guards:
        return
    from idguard.guards.registry import load_guards

    known = set(load_guards())
    unknown = sorted(set(policy.guards) - known)
    if unknown:
        raise PolicyError(
            f"{source}: [guards.{unknown[0]}]: no guard with id {unknown[0]!r}"
            + (f" (also unknown: {', '.join(unknown[1:])})" if unknown[1:] else "")
            + "; `idguard guards list` shows the ids"
        )


def _check_regexes(policy: Policy, source: str) -> None:
    """An invalid regex would otherwise fail every redaction and check later, far from its key."""
    patterns = [(f"secrets.extra_patterns.{i}.regex", p.regex) for i, p in enumerate(policy.secrets.extra_patterns)]
    patterns += [(f"secrets.allow_regexes.{i}", r) for i, r in enumerate(policy.secrets.allow_regexes)]
    for key, regex in patterns:
        try:
            re.compile(regex)
        except (re.error, RecursionError, OverflowError) as exc:
            raise PolicyError(f"{source}: key '{key}': not a valid regular expression ({exc})") from None


def policy_source(workspace: Workspace) -> Path | None:
    candidate = workspace.dir / "policy.toml"
    if candidate.is_file():
        return candidate
    pyproject = workspace.root / "pyproject.toml"
    if pyproject.is_file():
        try:
            if "idguard" in tomllib.loads(pyproject.read_text(encoding="utf-8")).get("tool", {}):
                return pyproject
        except (tomllib.TOMLDecodeError, UnicodeDecodeError):
            return None
    return None


DETECT_SECRETS_BASELINE = ".secrets.baseline"


def load_policy(workspace: Workspace) -> Policy:
    policy = _load_policy_file(workspace)
    baseline = workspace.root / DETECT_SECRETS_BASELINE
    if not baseline.is_file():
        return policy
    try:
        content = baseline.read_text(encoding="utf-8")
        # Empty: being written by `idguard check --format detect-secrets-baseline . > .secrets.baseline`.
        audited = audited_false_positives(json.loads(content)) if content.strip() else []
    except (OSError, UnicodeDecodeError, json.JSONDecodeError, BaselineError) as exc:
        raise PolicyError(f"{baseline}: not a readable detect-secrets baseline: {exc}") from None
    if not audited:
        return policy
    secrets = policy.secrets.model_copy(update={"allow_sha1": sorted({*policy.secrets.allow_sha1, *audited})})
    return policy.model_copy(update={"secrets": secrets})


def policy_file_data(workspace: Workspace) -> tuple[Any, Path | None]:
    """The policy table as written (`.idguard/policy.toml`, or `[tool.idguard]` of pyproject.toml) and its file;
    `({}, None)` when there is none. PolicyError when the file cannot be read or parsed."""
    source = policy_source(workspace)
    if source is None:
        return {}, None
    try:
        data = tomllib.loads(source.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise PolicyError(f"{source}: not valid TOML: {exc}") from None
    except (OSError, UnicodeDecodeError) as exc:
        raise PolicyError(f"{source}: cannot read: {exc}") from None
    if source.name == "pyproject.toml":
        data = data.get("tool", {}).get("idguard")
    return data, source


def _load_policy_file(workspace: Workspace) -> Policy:
    data, source = policy_file_data(workspace)
    return Policy() if source is None else policy_from_mapping(data, str(source))


def block_threshold_names() -> list[str]:
    return [s.value for s in Severity]
