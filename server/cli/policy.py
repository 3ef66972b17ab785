"""`idguard policy explain`: the effective policy, and where each value comes from.

A value comes from the policy file (`.idguard/policy.toml` or `[tool.idguard]`), from the profile it
chooses, from `.secrets.baseline` (audited false positives), from the org policy floor (`[org] policy` or
IDGUARD_ORG_POLICY; a repository value looser than the floor's is shown with the value it overrides), or is
idguard's default. `--ref REF` explains
the policy as committed at REF: what the gate applies when REF is its trust ref.
Exit codes: 0 shown, 2 the policy is invalid or REF does not exist.
"""

from __future__ import annotations

import argparse
import json
from typing import Any


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("policy", help="explain the effective policy and where each value comes from")
    sub = parser.add_subparsers(dest="policy_command", metavar="ACTION", required=True)
    explain = sub.add_parser("explain", help="every policy key with its value and its source")
    explain.add_argument("--ref", metavar="REF", help="the policy committed at REF (the gate's trust ref)")
    explain.add_argument("--format", choices=("text", "json"), default="text")
    explain.set_defaults(func=run_explain)


def _flatten(data: Any, prefix: str = "") -> dict[str, Any]:
    """Dotted keys to leaf values; lists and empty tables are leaves."""
    if isinstance(data, dict) and data:
        out: dict[str, Any] = {}
        for key, value in data.items():
            out.update(_flatten(value, f"{prefix}.{key}" if prefix else str(key)))
        return out
    return {prefix: data}


def _set_by(key: str, written: dict[str, Any]) -> bool:
    """Whether `key` (or a table above it) is written in `written`."""
    return any(key == w or key.startswith(w + ".") or w.startswith(key + ".") for w in written)


def explain(effective: dict[str, Any], file_data: dict[str, Any], file_label: str, profile: str) -> list[dict]:
    from ..policy import PROFILE_DEFAULTS

    written = _flatten(file_data) if file_data else {}
    profiled = _flatten(PROFILE_DEFAULTS.get(profile, {})) if PROFILE_DEFAULTS.get(profile) else {}
    rows = []
    for key, value in _flatten(effective).items():
        if _set_by(key, written):
            source = file_label
        elif _set_by(key, profiled):
            source = f"profile {profile}"
        else:
            source = "default"
        rows.append({"key": key, "value": value, "source": source})
    return rows


def _floor_label(key: str, effective: Any) -> str:
    from ..policy import PROFILE_DEFAULTS

    floor = effective.floor
    label = f"org floor {floor.source}"
    if _set_by(key, _flatten(effective.floor_data)):
        return label
    if _set_by(key, _flatten(PROFILE_DEFAULTS.get(effective.floor_profile, {}))):
        return f"{label} (profile {effective.floor_profile})"
    return label


def run_explain(args: argparse.Namespace) -> int:
    from .. import git
    from ..gate.run import trust_snapshot
    from ..policy import DETECT_SECRETS_BASELINE, PolicyError, load_effective_policy
    from ..workspace import Workspace
    from .main import CliError

    workspace = Workspace.for_reading()
    try:
        if args.ref:
            try:
                commit = git.resolve_base(workspace.root, args.ref).commit
            except git.GitError as exc:
                raise CliError(str(exc)) from None
            # The snapshot the gate reads its trust policy from: what `gate --trust-ref REF` applies.
            with trust_snapshot(workspace.root, commit) as snapshot:
                effective = load_effective_policy(snapshot, origin=workspace.root)
                source = effective.file
                where = source.relative_to(snapshot.root).as_posix() if source else None
            label = f"{args.ref}:{where}" if where else f"defaults (no policy at {args.ref})"
        else:
            effective = load_effective_policy(workspace)
            source = effective.file
            label = source.relative_to(workspace.root).as_posix() if source else "defaults (no policy file)"
    except PolicyError as exc:
        raise CliError(str(exc)) from None
    policy = effective.policy
    file_data = effective.file_data
    rows = explain(policy.model_dump(mode="json"), file_data, label, effective.repository.profile)
    if not args.ref and policy.secrets.allow_sha1 and (workspace.root / DETECT_SECRETS_BASELINE).is_file():
        for row in rows:
            if row["key"] == "secrets.allow_sha1":
                row["source"] = (
                    f"{row['source']} + {DETECT_SECRETS_BASELINE}"
                    if row["source"] != "default"
                    else (DETECT_SECRETS_BASELINE)
                )
    if effective.floor is not None:
        for row in rows:
            origin = _origin(row["key"], effective.origin)
            if origin == "floor":
                row["source"] = _floor_label(row["key"], effective)
            elif origin == "both":
                row["source"] = f"{_floor_label(row['key'], effective)} + {row['source']}"
            overridden = _origin(row["key"], effective.overridden)
            if overridden is not None:
                row["overrides"] = overridden
    floor = effective.floor.summary() if effective.floor is not None else None
    warnings = effective.warnings()
    if args.format == "json":
        print(
            json.dumps(
                {"profile": policy.profile, "source": label, "floor": floor, "loosens_floor": warnings, "keys": rows},
                indent=2,
            )
        )
        return 0
    print(f"# effective policy: profile {policy.profile}, from {label}")
    if floor is not None:
        print(f"# org policy floor: {floor['source']} (sha256 {floor['digest']}, named by {floor['named_by']})")
    for warning in warnings:
        print(f"# {warning}")
    width = max(len(r["key"]) for r in rows)
    for row in rows:
        overrides = f" (overrides the repository's {json.dumps(row['overrides'])})" if "overrides" in row else ""
        print(f"{row['key']:<{width}} = {json.dumps(row['value'])}  # {row['source']}{overrides}")
    return 0


def _origin(key: str, table: dict[str, Any]) -> Any:
    """The entry of `key` in a table of leaf keys, or of the leaves below it (a row that is a whole table)."""
    if key in table:
        return table[key]
    below = [v for k, v in table.items() if k.startswith(key + ".")]
    return below[0] if below else None
