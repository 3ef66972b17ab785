"""`idguard check [--format text|json] PATH...`: check files and folders.

Exit 0 when nothing blocks, 1 when any file's verdict is `block`, 2 on usage
or input errors. Folders are scanned in parallel worker processes.
"""

from __future__ import annotations

import argparse
import os
import sys
from pathlib import Path


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("check", help="check files and folders against the identity guards")
    parser.add_argument("paths", nargs="+", metavar="PATH", help="files or folders (recursive)")
    parser.add_argument("--format", choices=("text", "json"), default="text")
    parser.add_argument("--jobs", "-j", type=int, default=0, help="worker processes (default: one per core)")
    parser.add_argument("--all", action="store_true", help="also list files that pass")
    parser.set_defaults(func=run)


def _check_one(job: tuple[str, str, str]):
    """Worker: read and check one file. Returns (FileResult | None, error | None)."""
    from idguard.guards import check_code

    from .files import InputError, read_text
    from .policy import policy_from_mapping

    path, display, policy_json = job
    import json

    policy = policy_from_mapping(json.loads(policy_json))
    try:
        text = read_text(Path(path), policy.limits.max_file_bytes)
    except InputError as exc:
        return None, str(exc)
    return check_code(text, path=display, policy=policy), None


def run(args: argparse.Namespace) -> int:
    from .files import collect
    from .policy import load_policy
    from .render import render_json, render_text
    from .workspace import Workspace

    workspace = Workspace.discover()
    policy = load_policy(workspace)
    files, missing = collect(args.paths)
    explicit = {Path(p) for p in args.paths if Path(p).is_file()}
    errors: list[dict[str, str]] = [{"path": p, "error": e} for p, e in missing]
    policy_json = policy.model_dump_json()
    jobs = [(str(f), _display(f, workspace.root), policy_json) for f in files]

    results = []
    outcomes = _run_jobs(jobs, args.jobs)
    for (path, display, _), (result, error) in zip(jobs, outcomes):
        if error is not None:
            # Binary and undecodable files found while walking a folder are not code: skip them.
            if Path(path) in explicit or not (error == "binary file" or error.startswith("not UTF-8")):
                errors.append({"path": display, "error": error})
            continue
        results.append(result)

    if args.format == "json":
        print(render_json(results, errors))
    else:
        if results:
            print(render_text(results, show_passing=args.all))
    for error in errors:
        print(f"idguard: error: {error['path']}: {error['error']}", file=sys.stderr)
    if any(r.verdict == "block" for r in results):
        return 1
    return 2 if errors else 0


def _display(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def _run_jobs(jobs: list[tuple[str, str, str]], requested: int):
    workers = requested or os.cpu_count() or 1
    show_progress = sys.stderr.isatty() and len(jobs) > 20
    if workers <= 1 or len(jobs) < 8:
        outcomes = []
        for index, job in enumerate(jobs, start=1):
            outcomes.append(_check_one(job))
            if show_progress:
                _progress(index, len(jobs))
        return outcomes
    from concurrent.futures import ProcessPoolExecutor

    outcomes = []
    with ProcessPoolExecutor(max_workers=min(workers, len(jobs))) as pool:
        for index, outcome in enumerate(pool.map(_check_one, jobs, chunksize=4), start=1):
            outcomes.append(outcome)
            if show_progress:
                _progress(index, len(jobs))
    return outcomes


def _progress(done: int, total: int) -> None:
    width = 30
    filled = width * done // total
    end = "\n" if done == total else ""
    sys.stderr.write(f"\rchecking [{'#' * filled}{'.' * (width - filled)}] {done}/{total}{end}")
    sys.stderr.flush()
