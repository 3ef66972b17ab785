"""The organisation's policy floor: settings a repository's policy can tighten but never loosen.

`[org] policy = "<path>"` or `"git:<repo>#<ref>:<file>"` in a repository's policy, or the environment variable
`IDGUARD_ORG_POLICY` (which wins, as IDGUARD_STORE_URL wins over `[store] url`), names a policy file whose
settings are minimums. The effective policy is the floor merged with the repository's policy, setting by
setting, by the direction `RULES` gives each one: a repository value tighter than (or as tight as) the floor's
is kept; a looser one is replaced by the floor's and reported as a `Loosening` (the CI gate fails on it as
`policy-loosens-floor`; `check` and the hook warn). A setting the floor does not set (in its file or through its
profile) is the repository's to choose. A setting with no rule here is an error, never merged silently: a new
policy key must say here which way is tighter (`tests/server/test_org_policy.py` checks every key has one).

Reading fails closed: a floor that cannot be read, fetched or parsed is a `FloorError` with one line saying
which and why; the policy loader turns it into a PolicyError, so every surface refuses to decide.

This module knows nothing of the policy model's validation (`server/policy.py` does that, and imports this
module); it merges plain dumps of two validated policies.
"""

from __future__ import annotations

import hashlib
import json
import os
import re
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from . import git

ENV = "IDGUARD_ORG_POLICY"

Direction = Literal["min", "max", "true", "order", "rank", "union", "subset", "scope", "fixed", "on", "repository"]


class FloorError(Exception):
    """The floor cannot be read, fetched or parsed, or its merge is undefined (message says which)."""


@dataclass(frozen=True)
class Rule:
    """Which way a setting tightens.

    min: a lower value is tighter. max: a higher one. true: true is tighter than false. order: later in `order`
    is tighter. rank: a higher `ranks` value is tighter, equal ranks keep the repository's. union: the floor's
    entries and the repository's both apply (a repository only adds). subset: an allowance, the repository may
    drop entries but not add any the floor lacks. scope: a list where empty means everything (empty is
    tightest), otherwise a union. fixed: the repository must keep the floor's value. on: false is loosest; a
    floor that turns it on fixes its value. repository: each repository's own, the floor may not set it.
    """

    direction: Direction
    why: str
    order: tuple[str, ...] = ()
    ranks: tuple[tuple[str, int], ...] = ()
    also_set_by: tuple[str, ...] = ()  # the floor sets this setting when it sets any of these


_SEVERITY_LOOSEST_FIRST = ("info", "low", "medium", "high", "critical")

# Every setting of the policy, by its dotted key (`*` is one segment: a guard id, a category, a group name).
RULES: dict[str, Rule] = {
    "profile": Rule(
        "rank",
        "profiles differ in their defaults (compared key by key); only legacy widens review scope",
        ranks=(("standard", 0), ("agentic", 0), ("regulated", 0), ("legacy", 1)),
    ),
    "repository": Rule("repository", "the repository's own identity, which approvals are bound to"),
    "org.policy": Rule("repository", "a floor does not name another floor"),
    "block_threshold": Rule("order", "a lower severity blocks more", order=tuple(reversed(_SEVERITY_LOOSEST_FIRST))),
    "identity_paths": Rule("union", "more identity paths put more files under review"),
    "guards.*.enabled": Rule("true", "an enabled guard finds more"),
    "guards.*.severity": Rule("order", "a higher severity blocks sooner", order=_SEVERITY_LOOSEST_FIRST),
    "limits.max_access_token_ttl_seconds": Rule("min", "a shorter lifetime is tighter"),
    "limits.max_refresh_token_ttl_seconds": Rule("min", "a shorter lifetime is tighter"),
    "limits.max_session_ttl_seconds": Rule("min", "a shorter lifetime is tighter"),
    "limits.max_invite_ttl_seconds": Rule("min", "a shorter lifetime is tighter"),
    "limits.max_api_key_ttl_seconds": Rule("min", "a shorter lifetime is tighter"),
    "limits.max_sts_session_seconds": Rule("min", "a shorter session is tighter"),
    "limits.privileged_roles": Rule("union", "more roles treated as privileged are flagged more"),
    "limits.max_file_bytes": Rule("min", "a smaller limit refuses (blocks) more input"),
    "limits.guard_timeout_seconds": Rule("min", "a shorter limit fails closed (IDG000) sooner"),
    "secrets.extra_patterns": Rule("union", "more patterns find more secrets"),
    "secrets.allow_fingerprints": Rule(
        "union", "each entry exempts one audited value of this repository (it cannot widen to others)"
    ),
    "secrets.allow_sha1": Rule(
        "union", "each entry exempts one audited value (.secrets.baseline), it cannot widen to others"
    ),
    "secrets.allow_regexes": Rule("subset", "an allowance: a repository may not exempt more than the floor"),
    "secrets.allow_paths": Rule("subset", "an allowance: a repository may not exempt more than the floor"),
    "review.required_approvals": Rule("max", "more approvals are tighter"),
    "review.category_approvals.*": Rule("max", "more approvals are tighter"),
    "review.approval_max_age_days": Rule("min", "approvals that expire sooner are tighter"),
    "review.require_signed_commits": Rule("true", "requiring signed commits is tighter"),
    "review.require_security_key": Rule("true", "requiring a security key is tighter"),
    "review.require_user_verification": Rule("true", "requiring user verification is tighter"),
    "tests.require": Rule("order", "more test evidence is tighter", order=("none", "executed", "failure-paths")),
    "tests.categories": Rule(
        "scope",
        "empty means every category; a list narrows where tests.require applies",
        also_set_by=("tests.require",),
    ),
    "tests.paths": Rule("union", "more per-path requirements (the strictest wins) are tighter"),
    "store.url": Rule("fixed", "the organisation's audit store: a repository may not send its audit elsewhere"),
    "owners.rules": Rule("union", "every rule a change falls under needs its owner's approval: more is tighter"),
    "owners.groups.*": Rule("fixed", "a floor's group: a repository may not change who is in it"),
    "owners.codeowners": Rule("on", "reading CODEOWNERS adds owners a change needs"),
}


def rule_for(key: str) -> Rule | None:
    rule = RULES.get(key)
    if rule is not None:
        return rule
    parts = key.split(".")
    for pattern, candidate in RULES.items():
        pattern_parts = pattern.split(".")
        if len(pattern_parts) == len(parts) and all(p in ("*", k) for p, k in zip(pattern_parts, parts, strict=True)):
            return candidate
    return None


def leaves(data: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted keys to leaf values of a policy dump; lists are leaves, empty tables have no leaves."""
    if isinstance(data, dict):
        out: dict[str, Any] = {}
        for key, value in data.items():
            out.update(leaves(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: data}


def written(key: str, keys: set[str]) -> bool:
    """Whether `key` (or a table above it, or a key below it) is among the dotted keys `keys`."""
    return any(key == w or key.startswith(w + ".") or w.startswith(key + ".") for w in keys)


def unflatten(flat: dict[str, Any]) -> dict[str, Any]:
    out: dict[str, Any] = {}
    for key, value in flat.items():
        node = out
        *parents, last = key.split(".")
        for part in parents:
            node = node.setdefault(part, {})
        node[last] = value
    return out


@dataclass(frozen=True)
class Loosening:
    """A repository value looser than the floor's; the floor's applies."""

    key: str
    floor: Any
    repository: Any
    floor_source: str

    def message(self) -> str:
        return (
            f"{self.key}: the repository's policy sets {_shown(self.repository)}, looser than the org floor's "
            f"{_shown(self.floor)} ({self.floor_source}); the floor's value applies"
        )


def _shown(value: Any) -> str:
    return json.dumps(value)


@dataclass
class Merged:
    data: dict[str, Any]
    origin: dict[str, str] = field(default_factory=dict)  # key -> floor | repository | both | default
    overridden: dict[str, Any] = field(default_factory=dict)  # key -> the repository value the floor replaced
    loosenings: list[Loosening] = field(default_factory=list)


def _union(floor: list[Any], repo: list[Any]) -> list[Any]:
    return [*floor, *(x for x in repo if x not in floor)]


def combine(rule: Rule, floor: Any, repo: Any) -> tuple[Any, bool]:
    """The effective value of a setting both set, and whether the repository's value was looser."""
    d = rule.direction
    if d == "min":
        return (repo, False) if repo <= floor else (floor, True)
    if d == "max":
        return (repo, False) if repo >= floor else (floor, True)
    if d == "true":
        return (floor, True) if floor and not repo else (repo, False)
    if d == "order":
        if floor is None or repo is None:  # None: the guard's own default, which no side chose
            return (repo if floor is None else floor), False
        return (repo, False) if rule.order.index(repo) >= rule.order.index(floor) else (floor, True)
    if d == "rank":
        ranks = dict(rule.ranks)
        return (repo, False) if ranks[repo] >= ranks[floor] else (floor, True)
    if d == "union":
        return _union(floor, repo), False
    if d == "subset":
        extra = [x for x in repo if x not in floor]
        return ([x for x in repo if x in floor], True) if extra else (repo, False)
    if d == "scope":
        if not floor:
            return ([], True) if repo else (repo, False)
        return (repo, False) if not repo else (_union(floor, repo), False)
    if d == "fixed":
        return (repo, False) if repo == floor else (floor, True)
    if d == "on":
        if not floor:
            return repo, False
        return (repo, False) if repo == floor else (floor, True)
    raise FloorError(f"no way to merge direction {d!r}")


def merge(
    floor: dict[str, Any], floor_keys: set[str], repo: dict[str, Any], repo_keys: set[str], floor_source: str
) -> Merged:
    """Merge two policy dumps (`model_dump(mode="json")`); `*_keys` are the dotted keys each one sets (its file
    and its profile's defaults). FloorError for a setting no rule covers, or one the floor may not set."""
    floor_flat, repo_flat = leaves(floor), leaves(repo)
    merged = Merged(data={})
    flat: dict[str, Any] = {}
    for key in sorted(set(floor_flat) | set(repo_flat)):
        rule = rule_for(key)
        if rule is None:
            raise FloorError(
                f"no rule says which way policy setting {key!r} tightens (server/org_policy.py RULES): refusing to "
                "merge the org floor"
            )
        f_set = written(key, floor_keys) or any(written(k, floor_keys) for k in rule.also_set_by)
        r_set = written(key, repo_keys)
        repo_value = repo_flat.get(key, floor_flat.get(key))
        if rule.direction == "repository":
            if f_set and floor_flat.get(key) not in ("", None):
                raise FloorError(f"the org floor sets {key!r}, which is each repository's own ({rule.why})")
            flat[key], merged.origin[key] = repo_value, "repository" if r_set else "default"
        elif not f_set:
            flat[key], merged.origin[key] = repo_value, "repository" if r_set else "default"
        elif not r_set or key not in repo_flat:
            flat[key], merged.origin[key] = floor_flat[key], "floor"
        else:
            value, looser = combine(rule, floor_flat[key], repo_flat[key])
            flat[key] = value
            if looser:
                merged.origin[key] = "floor"
                merged.overridden[key] = repo_flat[key]
                merged.loosenings.append(Loosening(key, floor_flat[key], repo_flat[key], floor_source))
            elif value == repo_flat[key]:
                merged.origin[key] = "repository"
            else:
                merged.origin[key] = "both"
    merged.data = unflatten(flat)
    return merged


@dataclass(frozen=True)
class Floor:
    """Which floor applied: as written, who named it, where it was read, and the SHA-256 of its bytes."""

    spec: str
    named_by: str
    source: str
    digest: str

    def summary(self) -> dict[str, str]:
        return {"spec": _redacted(self.spec), "named_by": self.named_by, "source": self.source, "digest": self.digest}


def floor_spec(repo_value: str, repo_label: str) -> tuple[str, str] | None:
    """The floor that applies and who names it: IDGUARD_ORG_POLICY, else `[org] policy`; None for no floor."""
    env = os.environ.get(ENV, "").strip()
    if env:
        return env, f"environment {ENV}"
    if repo_value.strip():
        return repo_value.strip(), f"[org] policy in {repo_label}"
    return None


def _redacted(text: str) -> str:
    """A URL's credentials are never shown or recorded."""
    return re.sub(r"(://)[^/@\s]+@", r"\1***@", text)


def _is_remote(repo: str) -> bool:
    return "://" in repo or bool(re.match(r"^[^/@:]+@[^/:]+:", repo))


def read_floor(spec: str, named_by: str, root: Path, origin: Path | None = None) -> tuple[bytes, Floor]:
    """The floor's bytes and where they came from. A relative path is relative to the repository; one inside
    it is read from `root` (the gate's snapshot of the trust commit), one outside from `origin` (the
    repository's folder on disk, when `root` is a snapshot). FloorError when it cannot be read."""
    home = origin or root
    if spec.startswith("git:"):
        data, source = _read_git_floor(spec, home)
    else:
        data, source = _read_file_floor(spec, root, home)
    return data, Floor(spec, named_by, source, hashlib.sha256(data).hexdigest())


def relative_in_repository(spec: str) -> str | None:
    """The repository-relative path of a plain-path floor inside the repository, else None."""
    if spec.startswith("git:") or Path(spec).is_absolute():
        return None
    parts = Path(spec).parts
    depth = 0
    for part in parts:
        depth += -1 if part == ".." else (0 if part == "." else 1)
        if depth < 0:
            return None
    return Path(spec).as_posix()


def _read_file_floor(spec: str, root: Path, home: Path) -> tuple[bytes, str]:
    inside = relative_in_repository(spec)
    path = root / inside if inside is not None else (home / Path(spec).expanduser())
    try:
        return path.read_bytes(), str(inside if inside is not None else path.resolve())
    except OSError as exc:
        raise FloorError(f"org policy floor {spec!r} cannot be read: {exc.strerror or exc}") from None


def _parse_git_spec(spec: str) -> tuple[str, str, str]:
    body = spec[len("git:") :]
    repo, hash_sign, rest = body.rpartition("#")
    ref, colon, file = rest.partition(":")
    if not hash_sign or not repo or not colon or not ref or not file:
        raise FloorError(f"org policy floor {_redacted(spec)!r}: expected git:<repository>#<ref>:<file>")
    return repo, ref, file


# Remote floors fetched by this process, for a minute: one command loads the policy several times (the gate,
# its checks, the audit), and a fetch each time would cost a round trip each.
_FETCHED: dict[tuple[str, str, str], tuple[float, bytes, str]] = {}
FETCH_CACHE_SECONDS = 60.0


def _read_git_floor(spec: str, home: Path) -> tuple[bytes, str]:
    repo, ref, file = _parse_git_spec(spec)
    shown = _redacted(repo)
    if _is_remote(repo):
        cached = _FETCHED.get((repo, ref, file))
        if cached is not None and time.monotonic() - cached[0] < FETCH_CACHE_SECONDS:
            return cached[1], cached[2]
        data, source = _fetch_floor(repo, ref, file, shown)
        _FETCHED[(repo, ref, file)] = (time.monotonic(), data, source)
        return data, source
    folder = home / Path(repo).expanduser()
    if not folder.exists():
        raise FloorError(f"org policy floor: repository {shown!r} not found (from {home})")
    return _show(folder, ref, file, shown, ref)


def _fetch_floor(repo: str, ref: str, file: str, shown: str) -> tuple[bytes, str]:
    with tempfile.TemporaryDirectory(prefix="idguard-org-floor-") as tmp:
        folder = Path(tmp)
        git.run(folder, "init", "-q", "--bare")
        fetched = git.run(folder, "fetch", "-q", "--depth", "1", "--no-tags", repo, ref)
        if fetched.returncode != 0:
            reason = _redacted(fetched.stderr.strip().splitlines()[-1] if fetched.stderr.strip() else "")
            raise FloorError(f"org policy floor: cannot fetch {ref!r} from {shown}: {reason[:200]}")
        return _show(folder, "FETCH_HEAD", file, shown, ref)


def _show(folder: Path, rev: str, file: str, shown: str, ref: str) -> tuple[bytes, str]:
    commit = git.commit_of(folder, rev)
    if commit is None:
        raise FloorError(f"org policy floor: {shown} has no revision {ref!r}")
    data = git.show(folder, commit, file)
    if data is None:
        raise FloorError(f"org policy floor: {shown} has no file {file!r} at {ref} ({commit[:12]})")
    return data, f"git:{shown}#{ref}({commit[:12]}):{file}"
