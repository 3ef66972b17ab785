"""`idguard evidence [--since DATE] [--format md|html|json] [--output FILE]`: the auditors' report.

Exit 0 when the report was written and the audit chain verifies, 1 when the
chain is broken (the report still says where), 2 on usage errors.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from ..audit.open import open_audit_log


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "evidence",
        help="report every identity change with findings, reviewers, approvals, gate results and "
        "the control mapping (NIST CSF 2.0, OWASP NHI Top 10)",
    )
    parser.add_argument("--since", metavar="DATE", help="only changes and gate runs at or after DATE (ISO 8601)")
    parser.add_argument("--format", choices=("md", "html", "json"), default="md")
    parser.add_argument("--output", "-o", metavar="FILE", help="write to FILE (default: stdout)")
    parser.add_argument(
        "--store",
        nargs="?",
        const="",
        metavar="URL",
        help="report across repositories from the shared store (URL, default IDGUARD_STORE_URL); no checkout needed",
    )
    parser.add_argument("--repos", metavar="A,B", help="with --store: only these repositories (default: every one)")
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    if args.store is not None:
        return _run_org(args)
    if args.repos:
        from .main import CliError

        raise CliError("--repos reports from the shared store: add --store")
    from ..audit.evidence import build_evidence, render_html, render_markdown
    from ..audit.log import cli_actor
    from ..policy import load_policy
    from ..workspace import Workspace
    from .audit import parse_since

    workspace = Workspace.discover()
    report = build_evidence(workspace, load_policy(workspace), parse_since(args.since))
    if args.format == "json":
        text = report.model_dump_json(indent=2) + "\n"
    elif args.format == "html":
        text = render_html(report)
    else:
        text = render_markdown(report)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    open_audit_log(workspace).append(
        "evidence",
        cli_actor(workspace),
        {"since": args.since, "format": args.format, "changes": len(report.changes), "chain_ok": report.audit_chain.ok},
    )
    if not report.audit_chain.ok:
        print(
            f"idguard: audit chain broken at entry {report.audit_chain.first_broken}: {report.audit_chain.reason}",
            file=sys.stderr,
        )
        return 1
    return 0


def _run_org(args: argparse.Namespace) -> int:
    from ..audit.org_evidence import build_org_evidence, render_org_html, render_org_markdown
    from ..audit.postgres import STORE_URL_ENV, configured_url
    from .audit import parse_since
    from .main import CliError

    url = args.store or configured_url(None)
    if not url:
        raise CliError(f"--store needs a URL or {STORE_URL_ENV}")
    repos = [r.strip() for r in (args.repos or "").split(",") if r.strip()] or None
    report = build_org_evidence(url, repos, parse_since(args.since))
    if args.format == "json":
        text = report.model_dump_json(indent=2) + "\n"
    elif args.format == "html":
        text = render_org_html(report)
    else:
        text = render_org_markdown(report)
    if args.output:
        Path(args.output).write_text(text, encoding="utf-8")
    else:
        sys.stdout.write(text)
    broken = [r for r in report.repositories if not r.audit_chain.ok]
    for r in broken:
        print(
            f"idguard: audit chain of {r.repository} broken at entry {r.audit_chain.first_broken}: "
            f"{r.audit_chain.reason}",
            file=sys.stderr,
        )
    return 1 if broken else 0
