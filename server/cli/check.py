"""`idguard check PATH...`: check files and folders against the identity guards.

Exit codes: 0 nothing blocks, 1 a file's verdict is `block` (after `--select`/`--ignore`), 2 usage or
input error (a path that does not exist, a file that cannot be read or decoded, a file named on the
command line that is over `limits.max_file_bytes`). Binary files, and oversized files a folder scan
finds, are skipped and counted, never fatal. Folders are scanned in parallel worker
processes. In an initialised workspace (`.idguard/` exists) each run is audited: counts and content
fingerprints, never paths' content or values.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path

from ..audit.open import open_audit_log

EPILOG = """exit codes: 0 nothing blocks, 1 a file is blocked, 2 usage or input error.
Explicitly named files and folders are always checked; --show-excludes lists what a folder scan leaves out."""


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser(
        "check",
        help="check files and folders against the identity guards",
        epilog=EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("paths", nargs="*", metavar="PATH", help="files or folders (recursive)")
    parser.add_argument(
        "--format",
        choices=("text", "json", "sarif", "github", "detect-secrets-baseline"),
        default="text",
        help="text (default), json, SARIF 2.1.0, GitHub Actions annotations, or a detect-secrets baseline of the "
        "secrets found (`detect-secrets audit` opens it)",
    )
    parser.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: one per core)")
    parser.add_argument("--all", action="store_true", help="also list files that pass, suppressed findings, skips")
    parser.add_argument(
        "--select",
        metavar="IDS",
        default="",
        help="only these guard ids or prefixes, comma-separated (IDG1 = every IDG1xx)",
    )
    parser.add_argument("--ignore", metavar="IDS", default="", help="leave out these guard ids or prefixes")
    parser.add_argument(
        "--exclude",
        metavar="GLOB",
        action="append",
        default=[],
        help="leave out files or folders matching GLOB in folder scans (repeatable)",
    )
    parser.add_argument(
        "--no-default-excludes",
        action="store_true",
        help="scan every folder (node_modules, build output, git-ignored files); never .git",
    )
    parser.add_argument("--show-excludes", action="store_true", help="list the default excludes and exit")
    parser.add_argument("--quiet", "-q", action="store_true", help="print findings only, no summary")
    parser.add_argument("--statistics", action="store_true", help="print counts per guard instead of findings")
    parser.add_argument(
        "--color",
        choices=("auto", "always", "never"),
        default="auto",
        help="colour text output (auto: on a terminal, unless NO_COLOR is set)",
    )
    parser.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    from ..files import DEFAULT_EXCLUDES, collect
    from ..policy import load_effective_policy
    from ..workspace import Workspace
    from .main import CliError
    from .render import Report, render_github, render_json, render_statistics, render_text

    if args.show_excludes:
        print("\n".join(DEFAULT_EXCLUDES))
        return 0
    if not args.paths:
        raise CliError("check needs at least one PATH (a file or a folder; `.` for the current folder)")
    select, ignore = _ids(args.select, "--select"), _ids(args.ignore, "--ignore")
    workspace = Workspace.for_reading()
    effective = load_effective_policy(workspace)
    policy = effective.policy
    for warning in effective.warnings():  # the gate fails on these; here the floor's values apply
        print(f"idguard: warning: {warning}", file=sys.stderr)
    files, missing = collect(args.paths, exclude=args.exclude, default_excludes=not args.no_default_excludes)
    report = Report(results=[], errors=[{"path": p, "error": e} for p, e in missing])
    jobs = [(f, _display(f, workspace.root)) for f in files]
    named = {Path(p) for p in args.paths}
    for (path, display), outcome in zip(jobs, _run_jobs(jobs, policy, args.jobs), strict=False):
        result, error, skipped, lines = outcome
        # A file named on the command line that is too large is an error (it may be code the user asked
        # about); one a folder scan finds is skipped and counted, like a binary file.
        if skipped is not None and not (skipped.kind == "too large" and path in named):
            report.skipped.append(skipped)
        elif error is not None:
            report.errors.append({"path": display, "error": error})
        else:
            result = _filtered(result, select, ignore, policy)
            report.results.append(result)
            if result.findings:
                report.lines[display] = lines
    _audit(workspace, report)

    if args.format == "json":
        print(render_json(report))
    elif args.format == "sarif":
        import json

        from ..gate.sarif import render_sarif
        from .main import _version

        print(
            json.dumps(
                render_sarif(report.results, version=_version(), skipped=[(s.path, s.reason) for s in report.skipped]),
                indent=2,
            )
        )
    elif args.format == "detect-secrets-baseline":
        print(_detect_secrets_baseline(jobs, report, policy))
    elif args.format == "github":
        if text := render_github(report):
            print(text)
    elif args.statistics:
        if text := render_statistics(report.results):
            print(text)
    else:
        text = render_text(report, colour=_colour(args.color), show_passing=args.all, quiet=args.quiet)
        if text:
            print(text)
    for error in report.errors:
        print(f"idguard: error: {error['path']}: {error['error']}", file=sys.stderr)
    if any(r.verdict == "block" for r in report.results):
        return 1
    return 2 if report.errors else 0


def _detect_secrets_baseline(jobs: list[tuple[Path, str]], report, policy) -> str:
    """The secrets of the checked files as a detect-secrets baseline (the redaction view: every value
    `redact` would replace, once per line), typed so that `detect-secrets audit` can open it."""
    import json

    from idguard.guards.secrets import find_secrets
    from idguard.guards.secrets.detect_secrets_baseline import baseline_document
    from idguard.guards.secrets.detect_secrets_plugin import baseline_types

    from ..files import InputError, read_text

    checked = {r.path for r in report.results}
    files = []
    settings: dict = {}
    for path, display in jobs:
        if display not in checked:
            continue  # skipped or unreadable: reported already
        try:
            text = read_text(path, policy.limits.max_file_bytes, display)
        except InputError:
            continue
        matches = [m for m in find_secrets(text, policy=policy, path=display) if not m.repeated]
        types, settings = baseline_types(display, text, matches)
        files.append((display, [(kind, hashed, m.line) for (kind, hashed), m in zip(types, matches, strict=True)]))
    return json.dumps(baseline_document(files, settings), indent=2)


def _ids(raw: str, option: str) -> tuple[str, ...]:
    from idguard.guards.registry import load_guards

    from .main import CliError

    ids = tuple(i.strip().upper() for i in raw.split(",") if i.strip())
    known = load_guards() if ids else {}  # the guards load in the workers; here only to check the ids
    for prefix in ids:
        if not any(gid.startswith(prefix) for gid in known):
            raise CliError(f"{option} {prefix}: no guard id starts with it (`idguard guards` lists them)")
    return ids


def _filtered(result, select: tuple[str, ...], ignore: tuple[str, ...], policy):
    """The result with only the selected guards' findings, and its verdict decided again on them."""
    if not select and not ignore:
        return result
    from idguard.guards.engine import decide

    kept = [
        f
        for f in result.findings
        if (not select or f.guard_id.startswith(select)) and not (ignore and f.guard_id.startswith(ignore))
    ]
    if len(kept) == len(result.findings):
        return result
    return result.model_copy(update={"findings": kept, "verdict": decide(result.identity_related, kept, policy)})


def _colour(choice: str) -> bool:
    if choice != "auto":
        return choice == "always"
    return sys.stdout.isatty() and not os.environ.get("NO_COLOR") and os.environ.get("TERM") != "dumb"


def _audit(workspace, report) -> None:
    """Record the run in an initialised workspace: counts and content fingerprints only."""
    if not workspace.initialised:
        return
    from collections import Counter

    from ..audit.log import cli_actor

    verdicts = Counter(r.verdict for r in report.results)
    by_guard = Counter(f.guard_id for r in report.results for f in r.active_findings)
    open_audit_log(workspace).append(
        "check",
        cli_actor(workspace),
        {
            "files": len(report.results),
            "verdicts": dict(verdicts),
            "findings": dict(by_guard),
            "skipped": len(report.skipped),
            "errors": len(report.errors),
            "content_sha256": sorted(r.content_sha256 for r in report.results if r.content_sha256),
        },
    )


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _run_jobs(jobs: list[tuple[Path, str]], policy, requested: int):
    """Read each file here, check it in worker processes with the policy's time limit.

    Each outcome is (result, error, skipped, masked source lines of a file with findings)."""
    from concurrent.futures import ThreadPoolExecutor, as_completed

    from ..files import BinaryFile, InputError, TooLarge, read_text
    from ..workers import CheckPool
    from .render import Skipped

    def one(pool: CheckPool, job: tuple[Path, str]):
        path, display = job
        try:
            text = read_text(path, policy.limits.max_file_bytes, display)
        except BinaryFile as exc:
            return None, str(exc), Skipped(display, str(exc), "binary"), []
        except TooLarge as exc:
            return None, str(exc), Skipped(display, str(exc), "too large"), []
        except InputError as exc:
            return None, str(exc), None, []
        result = pool.check(text, display, None, policy)
        return result, None, None, _masked_lines(text, result, policy) if result.findings else []

    show_progress = sys.stderr.isatty() and len(jobs) > 20
    workers = requested or os.cpu_count() or 1
    # Largest files first, so no worker is left with a big file while the others sit idle at the end.
    order = sorted(range(len(jobs)), key=lambda i: -_size(jobs[i][0]))
    outcomes: list = [None] * len(jobs)
    with CheckPool(min(workers, max(1, len(jobs)))) as pool, ThreadPoolExecutor(max_workers=pool.size) as threads:
        futures = {threads.submit(one, pool, jobs[i]): i for i in order}
        for done, future in enumerate(as_completed(futures), start=1):
            outcomes[futures[future]] = future.result()
            if show_progress:
                _progress(done, len(jobs))
    return outcomes


def _masked_lines(text: str, result, policy) -> list[str]:
    """The lines the text output shows, with every secret and flagged credential literal masked."""
    import bisect

    from idguard.guards.secrets import find_secrets

    from .render import mask_line

    lines = text.splitlines()
    starts = [0]
    for line in text.splitlines(keepends=True):
        starts.append(starts[-1] + len(line))
    spans: dict[int, list[tuple[int, int]]] = {}
    for match in find_secrets(text, policy=policy, path=result.path):
        first = bisect.bisect_right(starts, match.start) - 1
        last = bisect.bisect_right(starts, max(match.start, match.end - 1)) - 1
        for number in range(first, min(last, len(lines) - 1) + 1):
            spans.setdefault(number, []).append((match.start - starts[number], match.end - starts[number]))
    wanted = {f.line - 1 for f in result.findings}
    by_line: dict[int, list] = {}
    for f in result.findings:
        by_line.setdefault(f.line - 1, []).append(f)
    return [
        mask_line(line, by_line.get(i, []), spans.get(i, [])) if i in wanted else "" for i, line in enumerate(lines)
    ]


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0  # read_text reports the error in order


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    end = "\n" if done == total else ""
    sys.stderr.write(f"\rchecking [{'#' * filled}{'.' * (width - filled)}] {done}/{total}{end}")
    sys.stderr.flush()
