"""`idguard tests [PATH...] [--coverage FILE] [--base REF] [--format text|json]`: the tests identity code needs.

For each Python file named (or, with no path, each file changed since the base), lists its identity units:
the functions whose code is identity code, each with its failure paths (denies, raises, failed expiry or
revocation checks, exception handlers); with `--coverage`, whether each ran in the tests; and the test files
that name each unit, so a developer sees what to write. With `--base` only units the change adds or modifies
are listed. Exit 0; 1 when the policy's `[tests] require` is not met by the coverage given; 2 on bad input.
"""

from __future__ import annotations

import argparse
import json


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("tests", help="identity units, their failure paths and the tests that run them")
    parser.add_argument("paths", nargs="*", metavar="PATH", help="Python files (default: files changed since --base)")
    parser.add_argument("--coverage", metavar="FILE", help="coverage.py JSON (`coverage json`) or Cobertura XML")
    parser.add_argument("--base", metavar="REF", help="list only units changed since the merge base with REF")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from pathlib import Path

    from idguard.guards.units import changed_units, identity_units

    from .. import git
    from ..files import InputError, read_text
    from ..gate.test_evidence import CoverageError, evidence_for, load_coverage, test_files, tests_naming
    from ..policy import load_policy
    from ..workspace import Workspace
    from .main import CliError

    workspace = Workspace.discover()
    policy = load_policy(workspace)
    root = workspace.root
    base = None
    if args.base or not args.paths:
        try:
            base = git.resolve_base(root, args.base)
        except git.GitError as exc:
            raise CliError(str(exc)) from None
    if args.paths:
        rels = [workspace.relative(p) for p in args.paths]
    else:
        assert base is not None  # resolved above whenever no paths are given
        rels = git.changed_files(root, base.commit)
    rels = [r for r in rels if r.endswith(".py")]
    try:
        coverage = load_coverage(Path(args.coverage), root) if args.coverage else None
    except CoverageError as exc:
        raise CliError(str(exc)) from None
    tracked = git.run(root, "ls-files", "-z").stdout.split("\0") if (root / ".git").exists() else []
    texts = test_files(root, [t for t in tracked if t])
    report = []
    for rel in rels:
        try:
            text = read_text(root / rel, policy.limits.max_file_bytes, rel)
        except InputError as exc:
            raise CliError(f"{rel}: {exc}") from None
        if base is not None:
            old = git.blobs_at(root, base.commit, [rel]).get(rel)
            units = changed_units(text, old.decode("utf-8", "replace") if old is not None else None, rel, policy)
        else:
            units = identity_units(text, rel, policy)
        report += evidence_for(rel, units, coverage, policy, tests_naming(units, texts))
    if args.format == "json":
        print(json.dumps([e.model_dump(mode="json") for e in report], indent=2))
    else:
        print(render(report, coverage is not None))
    return 1 if any(e.missing for e in report) else 0


def render(report: list, with_coverage: bool) -> str:
    if not report:
        return "no identity units"
    lines = []
    for unit in report:
        ran = "" if unit.executed is None else (" ran" if unit.executed else " NEVER RAN")
        lines.append(f"{unit.path}:{unit.line}: {unit.unit} [{', '.join(unit.categories)}]{ran}")
        for path in unit.failure_paths:
            mark = "  " if path.ran is None else ("ok" if path.ran else "--")
            lines.append(f"    {mark} line {path.line}: {path.kind}: {path.description}")
        if not unit.failure_paths:
            lines.append("       no failure path (nothing denies, raises or handles an error)")
        lines.append(f"    tests naming it: {', '.join(unit.tests) or 'none'}")
        for problem in unit.missing:
            lines.append(f"    missing ({unit.required}): {problem}")
    paths = sum(len(u.failure_paths) for u in report)
    summary = f"{len(report)} identity unit(s), {paths} failure path(s)"
    if with_coverage:
        ran_count = sum(1 for u in report for p in u.failure_paths if p.ran)
        summary += f", {ran_count} of them ran in the tests"
    lines.append(summary)
    return "\n".join(lines)
