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
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
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
