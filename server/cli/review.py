"""`idguard review list|show|approve|reject`: the human side of review (never an MCP tool).

`approve` and `reject` sign the decision with the reviewer's SSH key
(`ssh-keygen -Y sign -n idguard`) and write it under
`.idguard/approvals/<review-id>/`; the author of a change cannot approve it.
Exit codes: 0 done, 1 refused (author, stale, signature does not verify),
2 usage or input error.
"""

from __future__ import annotations

import argparse
import json

from ..audit.open import open_audit_log


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("review", help="list, show, approve or reject identity-change reviews (humans only)")
    sub = parser.add_subparsers(dest="review_command", metavar="ACTION", required=True)

    listing = sub.add_parser("list", help="every review with its state")
    listing.add_argument("--state", choices=("pending", "approved", "rejected", "stale"), help="only this state")
    listing.add_argument("--format", choices=("text", "json"), default="text")
    listing.set_defaults(func=run_list)

    show = sub.add_parser("show", help="a review: code with findings marked, checklist, decisions")
    show.add_argument("review_id", metavar="ID")
    show.add_argument("--format", choices=("text", "json"), default="text")
    show.add_argument("--diff", metavar="REF", help="show the file as a diff against REF instead of in full")
    show.set_defaults(func=run_show)

    approve = sub.add_parser("approve", help="sign an approval of the exact content under review")
    approve.add_argument("review_ids", metavar="ID", nargs="+", help="one or more reviews, each approved on its own")
    approve.add_argument("--note", help="why you approve (committed with the approval)")
    approve.add_argument("--key", metavar="PATH", help="SSH private key (default: git config user.signingkey)")
    approve.add_argument(
        "--base",
        metavar="REF",
        help="the branch the change merges into (default: origin/HEAD, "
        "main or master); the approval covers the change from that branch's content",
    )
    approve.set_defaults(func=run_approve, decision="approve")

    request = sub.add_parser(
        "request", help="ask for review of a file you wrote by hand (same record and tag as the MCP tool guard_change)"
    )
    request.add_argument("paths", metavar="PATH", nargs="+", help="one review per file")
    request.add_argument("--intent", required=True, help="what the change is for, in a sentence")
    request.set_defaults(func=run_request)

    prune = sub.add_parser("prune", help="remove stale and superseded review records (dry run unless --yes)")
    prune.add_argument("--yes", action="store_true", help="remove them (default: only say what would go)")
    prune.set_defaults(func=run_prune)

    reject = sub.add_parser("reject", help="sign a rejection of the content under review")
    reject.add_argument("review_id", metavar="ID")
    reject.add_argument("--reason", required=True, help="what must change")
    reject.add_argument("--key", metavar="PATH", help="SSH private key (default: git config user.signingkey)")
    reject.add_argument(
        "--base", metavar="REF", help="the branch the change merges into (default: origin/HEAD, main or master)"
    )
    reject.set_defaults(func=run_decide, decision="reject")


def _context():
    from ..policy import load_policy
    from ..review.store import ReviewStore
    from ..workspace import Workspace

    workspace = Workspace.discover()
    return workspace, load_policy(workspace), ReviewStore(workspace)


def _load(store, review_id: str):
    from ..review.store import ReviewNotFound
    from .main import CliError

    try:
        return store.load(review_id)
    except ReviewNotFound as exc:
        raise CliError(str(exc)) from None


def run_list(args: argparse.Namespace) -> int:
    from ..review.authorship import evaluate_review

    workspace, policy, store = _context()
    rows = []
    for record in store.all():
        evaluation = evaluate_review(workspace, record, policy)
        if args.state and evaluation.state != args.state:
            continue
        rows.append((record, evaluation))
    if args.format == "json":
        print(
            json.dumps(
                [
                    {
                        "id": r.id,
                        "path": r.path,
                        "deletion": r.deletion,
                        "state": e.state,
                        "approvals": len(e.approvers),
                        "required_approvals": e.required_approvals,
                        "approvers": e.approvers,
                        "author": r.author.model_dump(),
                        "categories": r.categories,
                        "created": r.created,
                    }
                    for r, e in rows
                ],
                indent=2,
            )
        )
        return 0
    if not rows:
        print("no reviews")
        return 0
    table = [("id", "state", "approvals", "path", "categories", "author", "created")]
    for record, evaluation in rows:
        table.append(
            (
                record.id,
                evaluation.state,
                f"{len(evaluation.approvers)}/{evaluation.required_approvals}",
                record.path + (" (deletion)" if record.deletion else ""),
                ",".join(record.categories),
                record.author.email or "?",
                record.created,
            )
        )
    widths = [max(len(row[i]) for row in table) for i in range(len(table[0]))]
    for row in table:
        print("  ".join(cell.ljust(width) for cell, width in zip(row, widths, strict=False)).rstrip())
    return 0


def run_show(args: argparse.Namespace) -> int:
    from ..review.authorship import evaluate_review
    from ..review.render import render_review_text

    workspace, policy, store = _context()
    record = _load(store, args.review_id)
    evaluation = evaluate_review(workspace, record, policy)
    if args.format == "json":
        print(
            json.dumps(
                {"review": record.model_dump(mode="json"), "evaluation": evaluation.model_dump(mode="json")}, indent=2
            )
        )
        return 0
    diff = _git_diff(workspace.root, args.diff, record.path) if args.diff else None
    print(render_review_text(workspace, record, evaluation, diff=diff), end="")
    return 0


def _git_diff(root, ref: str, path: str) -> str:
    import subprocess

    from .main import CliError

    try:
        out = subprocess.run(
            ["git", "diff", "--no-color", ref, "--", path], cwd=root, capture_output=True, text=True, timeout=60
        )
    except (OSError, subprocess.TimeoutExpired) as exc:
        raise CliError(f"git diff failed ({type(exc).__name__})") from None
    if out.returncode != 0:
        raise CliError(f"git diff against {ref!r} failed: {out.stderr.strip()[:200]}")
    return out.stdout


def run_approve(args: argparse.Namespace) -> int:
    """Approve each review in turn (each is its own signed decision); exit 1 if any was refused."""
    worst = 0
    for review_id in args.review_ids:
        worst = max(worst, run_decide(argparse.Namespace(**{**vars(args), "review_id": review_id})))
    return worst


def run_decide(args: argparse.Namespace) -> int:
    import sys

    from ..audit.log import cli_actor
    from ..review.approvals import AuditCheckpoint, DecisionRefused, DecisionRequest, sign_decision, signing_key
    from ..review.authorship import evaluate_review, local_transition
    from ..review.presence import NotAHuman, require_human
    from ..review.signing import SigningError
    from .main import CliError

    workspace, policy, store = _context()
    record = _load(store, args.review_id)
    audit = open_audit_log(workspace)
    actor = cli_actor(workspace)
    try:
        require_human(args.decision)
    except NotAHuman as exc:
        audit.append(f"{args.decision}_refused", actor, {"reason": str(exc)}, path=record.path, review_id=record.id)
        print(f"idguard: refused: {exc}", file=sys.stderr)
        return 1
    transition, no_base = local_transition(workspace, record, policy, args.base)
    if no_base is not None or transition.base_sha256 is None:
        raise CliError(
            f"cannot tell which base the change is judged against ({no_base}); pass --base REF "
            "(the branch the change will merge into)"
        )
    head = audit.head()
    request = DecisionRequest(
        review_id=record.id,
        review_sha256=transition.review_sha256,
        path=record.path,
        content_sha256=record.content_sha256,
        current_sha256=store.current_sha(record),
        base_sha256=transition.base_sha256,
        repository=transition.repository,
        author_email=record.author.email,
        decision=args.decision,
        note=args.note if args.decision == "approve" else args.reason,
        git_email=workspace.git_user_email(),
        max_age_days=policy.review.approval_max_age_days,
        require_security_key=policy.review.require_security_key,
        checkpoint=AuditCheckpoint(log=head.log, seq=head.seq, hash=head.hash),
    )
    try:
        with signing_key(workspace, args.key) as key:
            decision, target, check = sign_decision(workspace, request, key, transition)
    except DecisionRefused as exc:
        audit.append(f"{args.decision}_refused", actor, {"reason": str(exc)}, path=record.path, review_id=record.id)
        print(f"idguard: refused: {exc}", file=sys.stderr)
        return 1
    except SigningError as exc:
        raise CliError(str(exc)) from None
    event = "approval" if args.decision == "approve" else "rejection"
    audit.append(
        event,
        f"reviewer:{decision.reviewer}",
        {
            "decision": decision.decision,
            "content_sha256": decision.content_sha256,
            "base_sha256": decision.base_sha256,
            "repository": decision.repository,
            "key": decision.key_fingerprint,
            "signature_valid": check.valid,
            "note": decision.note,
            "expires": decision.expires,
        },
        path=record.path,
        review_id=record.id,
    )
    rel = target.relative_to(workspace.root).as_posix()
    print(f"{event} of {record.id} ({record.path}) by {decision.reviewer} written to {rel} (+ .sig)")
    if not check.valid:
        print(f"idguard: warning: this decision does not count: {check.reason}", file=sys.stderr)
        return 1
    evaluation = evaluate_review(workspace, record, policy, base_ref=args.base)
    print(
        f"review {record.id} is now {evaluation.state} "
        f"({len(evaluation.approvers)} of {evaluation.required_approvals} approvals; valid until "
        f"{decision.expires[:10]}). Commit {rel} and its .sig."
    )
    return 0


def run_request(args: argparse.Namespace) -> int:
    """A human's guard_change: check each PATH as it is, record a review, write the review tag into the file."""
    import sys

    from idguard.guards.tags import strip_tags

    from ..files import InputError, read_text
    from ..mcp.service import guard_change
    from ..mcp.state import ServerState
    from ..review.authorship import platform_authors
    from ..review.store import Author
    from .main import CliError

    state = ServerState.open(workers=1)
    worst = 0
    requested: list[str] = []
    try:
        platform, _ = platform_authors()
        author = Author(
            client="idguard-cli" + (f" ({platform[0]})" if platform else ""), email=state.workspace.git_user_email()
        )
        targets = []
        for path in args.paths:
            rel = state.workspace.relative(path)
            try:
                targets.append((rel, read_text(state.workspace.root / rel, state.policy.limits.max_file_bytes, rel)))
            except InputError as exc:
                raise CliError(str(exc)) from None
        for rel, current in targets:
            result = guard_change(state, rel, strip_tags(current), args.intent, author, f"cli:{author.email or '?'}")
            if result.verdict == "block":
                for finding in result.findings:
                    if not finding.suppressed:
                        print(f"{rel}:{finding.line}: {finding.guard_id} {finding.message}")
                print(
                    f"idguard: blocked: fix the findings in {rel} and run `idguard review request` again",
                    file=sys.stderr,
                )
                worst = 1
                continue
            if result.verdict == "pass":
                print(f"{rel}: not identity code and nothing found: no review needed")
                continue
            if result.tagged_content is not None and result.tagged_content != current:
                (state.workspace.root / rel).write_text(result.tagged_content, encoding="utf-8")
            if result.review_id:
                requested.append(result.review_id)
            print(
                f"review {result.review_id} requested for {rel} (author {author.email or 'unknown'}); "
                f"commit {rel} and .idguard/reviews/{result.review_id}.json"
            )
    finally:
        state.close()
    if requested:
        print(f"a reviewer runs `idguard review approve {' '.join(requested)}`")
    return worst


def run_prune(args: argparse.Namespace) -> int:
    """Superseded: an older record for a path with a newer one. Stale: the file no longer has the reviewed content.
    Approved records that still match are kept; removing a record also removes its decisions."""
    import shutil

    from ..review.approvals import decision_dir

    workspace, policy, store = _context()
    records = sorted(store.all(), key=lambda r: (r.created, store.record_path(r.id).stat().st_mtime_ns))
    newest = {r.path: r.id for r in records}
    doomed = []
    for record in records:
        if newest[record.path] != record.id:
            doomed.append((record, f"superseded by {newest[record.path]}"))
        elif store.current_sha(record) != record.content_sha256:
            doomed.append((record, "stale: the file no longer has the reviewed content"))
    verb = "removed" if args.yes else "would remove"
    for record, why in doomed:
        print(f"{verb} {record.id} ({record.path}): {why}")
        if args.yes:
            store.record_path(record.id).unlink(missing_ok=True)
            shutil.rmtree(decision_dir(workspace, record.id), ignore_errors=True)
    if not doomed:
        print("nothing to prune")
    elif not args.yes:
        print(f"{len(doomed)} record{'s' if len(doomed) != 1 else ''} to remove; run with --yes to remove them")
    return 0
