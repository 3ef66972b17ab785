"""`idguard gate [--base REF] [--trust-ref REF] [--author WHO] [--format text|json|sarif] [--output FILE]`.

The CI gate. Exit 0 when every changed file that needs review is checked, tagged and approved; 1 when any is
not; 2 when the gate cannot run (no base revision, bad policy).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from pathlib import Path

from ..audit.open import open_audit_log


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "gate", help="CI gate: changed identity files must be clean, tagged and approved by allowed signers"
    )
    parser.add_argument(
        "--base",
        metavar="REF",
        help="compare with the merge base of REF and HEAD (default: the default branch: origin/HEAD, main or master)",
    )
    parser.add_argument(
        "--trust-ref",
        metavar="REF",
        help="read the allowed signers, policy and .gitattributes from "
        "REF (default: the tip of the base ref; in CI, the protected target branch)",
    )
    parser.add_argument(
        "--author",
        action="append",
        default=[],
        metavar="WHO",
        help="the change's author as the CI platform reports it (a login or e-mail; repeatable). "
        "On GitHub Actions the pull request's author is read from the event payload",
    )
    parser.add_argument(
        "--coverage",
        metavar="FILE",
        help="coverage data of the change's test run (coverage.py JSON "
        "or Cobertura XML): evidence that changed identity units and their failure paths ran",
    )
    parser.add_argument("--format", choices=("text", "json", "sarif"), default="text")
    parser.add_argument("--output", "-o", metavar="FILE", help="write the report to FILE (default: stdout)")
    parser.add_argument(
        "--trust-worktree-signers",
        action="store_true",
        help="verify approvals against the working tree's .idguard/allowed_signers instead of the "
        "base revision's (only for bootstrapping a repository; a change could approve itself)",
    )
    parser.add_argument(
        "--trust-worktree-policy",
        action="store_true",
        help="apply the working tree's policy instead of the base revision's (a change could relax it)",
    )
    parser.add_argument(
        "--bootstrap",
        action="store_true",
        help="adopt idguard through a pull request: while the target branch has no idguard set-up "
        "(no allowed_signers, no policy), use this change's own; once it has one, this changes nothing",
    )
    parser.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: one per core)")
    parser.set_defaults(func=run)


def render_text(result) -> str:
    lines = [
        f"idguard gate: base {result.base_ref} ({result.base_commit[:12]}), trust anchors from {result.trust_ref} "
        f"({result.trust_commit[:12]}): signers from {result.allowed_signers}, policy from {result.policy} "
        f"(profile {result.profile}), repository {result.repository or '(none)'}"
    ]
    if result.bootstrap:
        lines.append(f"bootstrap {result.bootstrap}")
    if result.floor:
        lines.append(
            f"org policy floor {result.floor['source']} (sha256 {result.floor['digest'][:12]}, named by "
            f"{result.floor['named_by']})"
        )
    for problem in result.policy_problems:
        lines.append(f"FAIL {problem.path}: {problem.kind}: {problem.message}")
    for gate_file in result.files:
        if not gate_file.needs_review and gate_file.outcome == "pass":
            continue
        state = f" review {gate_file.review_id}: {gate_file.review_state}" if gate_file.review_id else ""
        approvers = f" by {', '.join(gate_file.approvers)}" if gate_file.approvers else ""
        deleted = " (deleted)" if gate_file.deleted else ""
        lines.append(f"{'FAIL' if gate_file.outcome == 'fail' else 'ok  '} {gate_file.path}{deleted}{state}{approvers}")
        if gate_file.needs_review:
            lines.append(f"    needs review: {'; '.join(gate_file.review_reasons)}")
        for problem in gate_file.problems:
            lines.append(f"    {problem.line}: {problem.kind}: {problem.message}")
        for unit in gate_file.tests:
            ran = "" if unit.executed is None else (" ran" if unit.executed else " never ran")
            paths = unit.failure_paths
            counted = (
                f", {sum(1 for p in paths if p.ran)}/{len(paths)} failure paths ran"
                if unit.executed is not None
                else f", {len(paths)} failure paths"
            )
            lines.append(
                f"    unit {unit.unit} (line {unit.line}){ran}{counted}; tests: {', '.join(unit.tests) or 'none'}"
            )
        if gate_file.outcome == "fail" and gate_file.authors_from:
            lines.append(f"    authors from: {'; '.join(gate_file.authors_from)}")
    for skipped in result.skipped:
        lines.append(f"skip {skipped.path}: {skipped.reason}")
    identity = sum(1 for f in result.files if f.needs_review)
    failed = sum(1 for f in result.files if f.outcome == "fail") + (1 if result.policy_problems else 0)
    lines.append(
        f"{len(result.files)} changed files checked, {len(result.skipped)} skipped, {identity} need review, "
        f"{failed} failing: " + ("gate passed" if result.passed else "gate FAILED")
    )
    return "\n".join(lines) + "\n"


def run(args: argparse.Namespace) -> int:
    from ..audit.log import cli_actor
    from ..gate.run import AuditHead, run_gate
    from ..gate.sarif import render_sarif
    from ..gate.test_evidence import CoverageError, load_coverage
    from ..git import GitError
    from ..policy import load_effective_policy
    from ..workers import CheckPool
    from ..workspace import Workspace
    from .main import CliError

    workspace = Workspace.discover()
    policy = load_effective_policy(workspace) if args.trust_worktree_policy else None
    try:
        coverage = load_coverage(Path(args.coverage), workspace.root) if args.coverage else None
    except CoverageError as exc:
        raise CliError(str(exc)) from None
    jobs = args.jobs or os.cpu_count() or 1
    try:
        # Worker processes with the policy's time limit: hostile content cannot hang the gate (fails closed).
        with CheckPool(jobs) as pool:
            result = run_gate(
                workspace,
                policy,
                args.base,
                trust_ref=args.trust_ref,
                trust_worktree_signers=args.trust_worktree_signers,
                bootstrap=args.bootstrap,
                authors=args.author,
                coverage=coverage,
                check=lambda code, path, policy, key: pool.check(code, path, None, policy, key),
                jobs=pool.size,
            )
    except GitError as exc:
        raise CliError(str(exc)) from None
    audit, actor = open_audit_log(workspace), cli_actor(workspace)
    head = audit.head()
    result.audit_head = AuditHead(log=head.log, seq=head.seq, hash=head.hash)

    if args.format == "sarif":
        from .main import _version

        # Findings in the base content of a deleted file are no alerts: that code is gone.
        checked = [f.result for f in result.files if f.result is not None and not f.deleted]
        report = (
            json.dumps(
                render_sarif(
                    checked, result.problems, version=_version(), skipped=[(s.path, s.reason) for s in result.skipped]
                ),
                indent=2,
            )
            + "\n"
        )
    elif args.format == "json":
        report = result.model_dump_json(indent=2) + "\n"
    else:
        report = render_text(result)
    if args.output:
        Path(args.output).write_text(report, encoding="utf-8")
        print(f"gate {'passed' if result.passed else 'FAILED'}; report written to {args.output}", file=sys.stderr)
    else:
        sys.stdout.write(report)

    from ..audit.log import AuditEvent

    events = [
        AuditEvent(
            "gate_file",
            actor,
            {
                "outcome": gate_file.outcome,
                "review_state": gate_file.review_state,
                "approvers": gate_file.approvers,
                "problems": [p.kind for p in gate_file.problems],
                "review_reasons": gate_file.review_reasons,
                "tests": {
                    "units": len(gate_file.tests),
                    "coverage": coverage is not None,
                    "lacking": [u.unit for u in gate_file.tests if u.missing],
                },
            },
            gate_file.path,
            gate_file.review_id,
        )
        for gate_file in result.files
        if gate_file.needs_review or gate_file.outcome == "fail"
    ]
    events.append(
        AuditEvent(
            "gate",
            actor,
            {
                "base": result.base_commit,
                "trust": result.trust_commit,
                "passed": result.passed,
                "files": len(result.files),
                "skipped": [s.path for s in result.skipped],
                "audit_head_seen": result.audit_head.model_dump() if result.audit_head else None,
                "failing": [f.path for f in result.files if f.outcome == "fail"],
                "reviews": {f.review_id: f.review_state for f in result.files if f.review_id},
                "signers": result.allowed_signers,
                "policy": result.policy,
                "floor": result.floor,
                "policy_problems": [f"{p.kind}: {p.message}" for p in result.policy_problems],
                "bootstrap": result.bootstrap,
            },
        )
    )
    audit.append_many(events)  # one transaction: a gate run is recorded whole or not at all
    return 0 if result.passed else 1
