"""The policy model: what platform teams configure as code (`.idguard/policy.toml`).

Only the model lives here, so the engine can read limits without knowing where
they came from; loading and validation errors with file names live in
`idguard.server.policy`.
"""

from __future__ import annotations

from fnmatch import fnmatch
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, PrivateAttr, model_validator

from .models import Severity

Profile = Literal["standard", "agentic", "regulated", "legacy"]

HOUR = 3600
DAY = 24 * HOUR


class Limits(BaseModel):
    model_config = ConfigDict(extra="forbid")

    max_access_token_ttl_seconds: int = Field(HOUR, gt=0)
    max_refresh_token_ttl_seconds: int = Field(30 * DAY, gt=0)
    max_session_ttl_seconds: int = Field(12 * HOUR, gt=0)
    max_invite_ttl_seconds: int = Field(7 * DAY, gt=0)
    max_api_key_ttl_seconds: int = Field(90 * DAY, gt=0)
    max_sts_session_seconds: int = Field(HOUR, gt=0)
    privileged_roles: list[str] = Field(
        default_factory=lambda: [
            "admin",
            "administrator",
            "owner",
            "superuser",
            "super_admin",
            "superadmin",
            "root",
            "org_admin",
            "global_admin",
            "editor",
        ]
    )
    max_file_bytes: int = Field(2_000_000, gt=0, description="larger inputs are refused (verdict block)")
    guard_timeout_seconds: float = Field(5.0, gt=0)


class GuardOverride(BaseModel):
    model_config = ConfigDict(extra="forbid")

    enabled: bool = True
    severity: Severity | None = None


class SecretPattern(BaseModel):
    model_config = ConfigDict(extra="forbid")

    name: str = Field(pattern=r"^[a-z0-9_]+$")
    regex: str


class SecretsPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    extra_patterns: list[SecretPattern] = Field(default_factory=list)
    allow_fingerprints: list[str] = Field(default_factory=list)
    allow_regexes: list[str] = Field(default_factory=list)
    allow_paths: list[str] = Field(default_factory=list)
    allow_sha1: list[str] = Field(
        default_factory=list,
        description="SHA-1 of values audited as not secret: the `is_secret: false` entries of `.secrets.baseline`",
    )


class ReviewPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    required_approvals: int = Field(1, ge=1)
    category_approvals: dict[str, int] = Field(default_factory=dict)
    approval_max_age_days: int = Field(
        30, ge=1, le=3650, description="a signed approval counts for this many days after it was made"
    )
    require_signed_commits: bool = Field(
        False, description="every commit that changes an identity file must be signed by an allowed signer"
    )
    require_security_key: bool = Field(
        False, description="approvals must be signed with a FIDO security key (sk-*) with user presence (a touch)"
    )
    require_user_verification: bool = Field(
        False, description="with require_security_key: the key must also have verified the user (PIN or biometric)"
    )


class OwnerRule(BaseModel):
    """Who may approve changes to some paths, or to some identity categories of them."""

    model_config = ConfigDict(extra="forbid")

    paths: list[str] = Field(default_factory=lambda: ["*"], description="globs of paths (fnmatch: `*` crosses `/`)")
    categories: list[str] = Field(
        default_factory=list, description="identity categories (`rbac`, `sso`...) the rule is for; empty: any"
    )
    owners: list[str] = Field(min_length=1, description="allowed-signers principals, or `group:NAME`")


class OwnersPolicy(BaseModel):
    """Named owners: an approval counts only from an owner of every rule the change falls under."""

    model_config = ConfigDict(extra="forbid")

    rules: list[OwnerRule] = Field(default_factory=list)
    groups: dict[str, list[str]] = Field(default_factory=dict, description="group name -> principals")
    codeowners: bool | str = Field(
        False,
        description="also read GitHub-style CODEOWNERS (true: .github/CODEOWNERS, CODEOWNERS or docs/CODEOWNERS; "
        "or a path) from the protected branch: a change needs an approval from an owner its last matching line names",
    )
    # The CODEOWNERS lines the loader read (server/codeowners.py), never written in a policy file:
    # (pattern, owners, line number) in file order, and where they came from.
    _codeowners_lines: list[tuple[str, list[str], int]] = PrivateAttr(default_factory=list)
    _codeowners_source: str = PrivateAttr("")

    @model_validator(mode="after")
    def _known_groups(self) -> OwnersPolicy:
        for index, rule in enumerate(self.rules):
            for owner in rule.owners:
                if owner.startswith("group:") and owner[len("group:") :] not in self.groups:
                    raise ValueError(f"rules[{index}] names {owner}, which [owners.groups] does not define")
        return self

    def rules_for(self, path: str, categories: list[str]) -> list[OwnerRule]:
        """The rules a change to `path` in `categories` falls under."""
        return [
            rule
            for rule in self.rules
            if any(fnmatch(path, glob) for glob in rule.paths)
            and (not rule.categories or set(rule.categories) & set(categories))
        ]

    def principals(self, rule: OwnerRule) -> list[str]:
        """A rule's owners with its groups expanded."""
        out: list[str] = []
        for owner in rule.owners:
            members = self.groups.get(owner[len("group:") :], []) if owner.startswith("group:") else [owner]
            out += [m for m in members if m not in out]
        return out


TestRequirement = Literal["none", "executed", "failure-paths"]


class TestsPathRule(BaseModel):
    model_config = ConfigDict(extra="forbid")

    glob: str
    require: TestRequirement


class TestsPolicy(BaseModel):
    """What identity changes must show of their tests (coverage data given to the gate with --coverage)."""

    model_config = ConfigDict(extra="forbid")

    require: TestRequirement = Field(
        "none",
        description="none (report only), executed (each changed identity unit ran in a test), "
        "failure-paths (and each of its failure paths ran)",
    )
    categories: list[str] = Field(
        default_factory=list, description="identity categories `require` applies to (empty: every category)"
    )
    paths: list[TestsPathRule] = Field(default_factory=list, description="per-path requirements (the strictest wins)")


class StorePolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    url: str = Field(
        "",
        description="the shared audit store (postgresql://user@host/db, no password: the file is committed); "
        "IDGUARD_STORE_URL wins over it; empty means the SQLite log under .idguard/state/",
    )


class OrgPolicy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    policy: str = Field(
        "",
        description="the organisation's policy floor: a path, or git:<repo>#<ref>:<file>; its settings are "
        "minimums this policy can only tighten (IDGUARD_ORG_POLICY wins over it; docs/org-policy.md)",
    )


class Policy(BaseModel):
    model_config = ConfigDict(extra="forbid")

    profile: Profile = "standard"
    repository: str = Field(
        "",
        description="this repository's identity (e.g. github.com/acme/api): approvals are bound to it; "
        "empty means the normalised URL of the origin remote",
    )
    block_threshold: Severity = Severity.high
    identity_paths: list[str] = Field(
        default_factory=list, description="globs of paths that are always identity-related"
    )
    guards: dict[str, GuardOverride] = Field(default_factory=dict)
    limits: Limits = Field(default_factory=Limits)
    secrets: SecretsPolicy = Field(default_factory=SecretsPolicy)
    review: ReviewPolicy = Field(default_factory=ReviewPolicy)
    tests: TestsPolicy = Field(default_factory=TestsPolicy)
    store: StorePolicy = Field(default_factory=StorePolicy)
    owners: OwnersPolicy = Field(default_factory=OwnersPolicy)
    org: OrgPolicy = Field(default_factory=OrgPolicy)

    def guard_enabled(self, guard_id: str) -> bool:
        override = self.guards.get(guard_id)
        return override is None or override.enabled

    def severity_for(self, guard_id: str, default: Severity) -> Severity:
        override = self.guards.get(guard_id)
        if override is not None and override.severity is not None:
            return override.severity
        return default


DEFAULT_POLICY = Policy()
