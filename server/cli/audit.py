"""`idguard audit verify` and `idguard audit show [--path] [--review] [--actor] [--event] [--since]`.

`verify` recomputes the hash chain and exits 1 naming the first broken entry;
`show` lists entries (text or JSON lines), which hold counts, fingerprints,
ids and verdicts, never secret values.
"""

from __future__ import annotations

import argparse
import json
from datetime import UTC, datetime

from ..audit.open import open_audit_log


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="verify or show the hash-chained audit log")
    sub = parser.add_subparsers(dest="audit_command", metavar="ACTION", required=True)

    verify = sub.add_parser("verify", help="recompute the hash chain; exit 1 and name the first broken entry")
    verify.add_argument("--format", choices=("text", "json"), default="text")
    verify.set_defaults(func=run_verify)

    show = sub.add_parser("show", help="list audit entries, filtered")
    show.add_argument("--path", help="entries about this workspace-relative path")
    show.add_argument("--review", metavar="ID", help="entries about this review id")
    show.add_argument("--actor", help="entries by this actor (e.g. cli:alice@example.com, mcp:claude-code/1.0)")
    show.add_argument("--event", help="entries of this event (redact, check, guard_change, approval, gate, ...)")
    show.add_argument("--since", metavar="DATE", help="entries at or after DATE (ISO 8601, e.g. 2026-11-01)")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.set_defaults(func=run_show)


def parse_since(value: str | None) -> str | None:
    """An ISO date or time as the UTC timestamp text the log stores (comparable as text)."""
    if value is None:
        return None
    from .main import CliError

    try:
        moment = datetime.fromisoformat(value)
    except ValueError:
        raise CliError("--since: expected an ISO 8601 date or time, e.g. 2026-11-01 or 2026-11-01T09:00") from None
    if moment.tzinfo is None:
        moment = moment.replace(tzinfo=UTC)
    return moment.astimezone(UTC).isoformat(timespec="microseconds")


def _log():
    from ..workspace import Workspace

    return open_audit_log(Workspace.discover())


def approval_checkpoints(workspace) -> list:
    """The audit heads recorded in the repository's signed decisions (each covered by its reviewer's signature)."""
    from ..audit.log import Checkpoint
    from ..review.approvals import parse_approval

    points = []
    for file in sorted(workspace.approvals_dir.glob("*/*.json")) if workspace.approvals_dir.is_dir() else []:
        try:
            decision = parse_approval(file.read_text(encoding="utf-8"))
        except (OSError, UnicodeDecodeError, ValueError):
            continue
        if decision.audit_checkpoint is not None:
            point = decision.audit_checkpoint
            points.append(
                Checkpoint(
                    log=point.log, seq=point.seq, hash=point.hash, source=file.relative_to(workspace.root).as_posix()
                )
            )
    return points


def run_verify(args: argparse.Namespace) -> int:
    from ..audit.stores import SqliteStore
    from ..workspace import Workspace

    workspace = Workspace.discover()
    log = open_audit_log(workspace)
    result = log.verify(approval_checkpoints(workspace))
    name = "audit log" if isinstance(log.store, SqliteStore) else log.store.label
    if args.format == "json":
        print(result.model_dump_json(indent=2))
    elif result.ok:
        others = sum(result.other_logs.values())
        note = f"; {others} checkpoint(s) of {len(result.other_logs)} other log(s) not checkable here" if others else ""
        print(
            f"{name} intact: {result.entries} entries, head {result.head_hash or '-'}, "
            f"{result.checkpoints_verified} checkpoint(s) from signed approvals match{note}"
        )
    else:
        print(f"{name} BROKEN at entry {result.first_broken}: {result.reason} ({result.entries} entries)")
    return 0 if result.ok else 1


def run_show(args: argparse.Namespace) -> int:
    entries = _log().entries(
        path=args.path, review_id=args.review, actor=args.actor, event=args.event, since=parse_since(args.since)
    )
    if args.format == "json":
        for entry in entries:
            print(entry.model_dump_json())
        return 0
    for entry in entries:
        where = " ".join(x for x in (entry.path, entry.review_id) if x)
        print(f"{entry.seq:>6} {entry.ts} {entry.event:<14} {entry.actor} {where}".rstrip())
        if entry.data:
            print(f"       {json.dumps(entry.data, sort_keys=True)}")
    return 0
