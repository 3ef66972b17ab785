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
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from idguard.guards.models import Severity
from idguard.guards.policy import Policy
from idguard.guards.secrets.detect_secrets_baseline import BaselineError, audited_false_positives
from pydantic import ValidationError

from . import org_policy
from .audit.urls import url_password
from .org_policy import Floor, Loosening
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


@dataclass
class EffectivePolicy:
    """The policy every surface applies, and how it came about: the repository's policy merged with the org
    floor (when one is named), with each dotted key's origin and the repository values the floor overrode."""

    policy: Policy
    repository: Policy
    file_data: dict[str, Any]
    file: Path | None
    floor: Floor | None = None
    floor_data: dict[str, Any] = field(default_factory=dict)
    floor_profile: str = "standard"
    origin: dict[str, str] = field(default_factory=dict)
    overridden: dict[str, Any] = field(default_factory=dict)
    loosenings: list[Loosening] = field(default_factory=list)
    floor_raw: bytes = b""

    def warnings(self) -> list[str]:
        return [f"policy-loosens-floor: {loosening.message()}" for loosening in self.loosenings]


def load_policy(workspace: Workspace, *, origin: Path | None = None) -> Policy:
    """The effective policy of `workspace` (the one loader of the MCP server, the hook, the CLI and the gate)."""
    return load_effective_policy(workspace, origin=origin).policy


def load_effective_policy(
    workspace: Workspace, *, origin: Path | None = None, floor: tuple[bytes, Floor] | None = None
) -> EffectivePolicy:
    """The repository's policy merged with its org floor. `origin`: the repository's folder when `workspace` is
    a snapshot of a commit (the gate's trust snapshot), for floors outside the repository; `floor`: apply this
    floor (its bytes, as read before) instead of the one the policy names (the gate judging a change's policy)."""
    repository = repository_policy(workspace)
    data, source = policy_file_data(workspace)
    data = data if isinstance(data, dict) else {}
    label = source.relative_to(workspace.root).as_posix() if source else "defaults"
    spec = (floor[1].spec, floor[1].named_by) if floor else org_policy.floor_spec(repository.org.policy, label)
    if spec is None:
        return _with_codeowners(EffectivePolicy(repository, repository, data, source), workspace)
    try:
        raw, found = floor or org_policy.read_floor(spec[0], spec[1], workspace.root, origin)
        try:
            floor_data = tomllib.loads(raw.decode("utf-8"))
        except (UnicodeDecodeError, tomllib.TOMLDecodeError) as exc:
            raise org_policy.FloorError(f"org policy floor {found.source}: not valid TOML: {exc}") from None
        if floor_data.get("org"):
            raise org_policy.FloorError(f"org policy floor {found.source}: a floor may not name another ([org])")
        floor_policy = policy_from_mapping(floor_data, f"org policy floor {found.source}")
        merged = org_policy.merge(
            floor_policy.model_dump(mode="json"),
            _written_keys(floor_data, floor_policy.profile),
            repository.model_dump(mode="json"),
            _written_keys(data, repository.profile) | _baseline_keys(workspace, repository),
            found.source,
        )
        policy = Policy.model_validate(merged.data)
    except org_policy.FloorError as exc:
        raise PolicyError(str(exc)) from None
    except ValidationError as exc:
        raise PolicyError(
            f"org policy floor {spec[0]}: the merged policy is invalid ({exc.error_count()} problems)"
        ) from None
    effective = EffectivePolicy(
        policy,
        repository,
        data,
        source,
        found,
        floor_data,
        floor_policy.profile,
        merged.origin,
        merged.overridden,
        merged.loosenings,
        raw,
    )
    return _with_codeowners(effective, workspace)


def _written_keys(data: dict[str, Any], profile: str) -> set[str]:
    """The dotted keys a policy file sets: its own and its profile's defaults."""
    keys = set(org_policy.leaves(data)) | set(org_policy.leaves(PROFILE_DEFAULTS.get(profile, {})))
    keys |= {k for k, v in _tables(data) if not v}  # an empty table written (`category_approvals = {}`)
    return keys


def _tables(data: Any, prefix: str = "") -> list[tuple[str, Any]]:
    out: list[tuple[str, Any]] = []
    if isinstance(data, dict):
        for key, value in data.items():
            dotted = f"{prefix}.{key}" if prefix else str(key)
            if isinstance(value, dict):
                out += [(dotted, value), *_tables(value, dotted)]
    return out


def _baseline_keys(workspace: Workspace, policy: Policy) -> set[str]:
    return {"secrets.allow_sha1"} if policy.secrets.allow_sha1 else set()


def _with_codeowners(effective: EffectivePolicy, workspace: Workspace) -> EffectivePolicy:
    from .codeowners import CodeownersError, attach

    try:
        attach(effective.policy, workspace.root)
    except CodeownersError as exc:
        raise PolicyError(str(exc)) from None
    return effective


def repository_policy(workspace: Workspace) -> Policy:
    """The repository's own policy, without the org floor (for what only the repository sets: `repository`)."""
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
