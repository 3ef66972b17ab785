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


def run(args: argparse.Namespace) -> int:
    from ..files import collect
    from ..policy import load_policy
    from .render import render_json, render_skipped, render_text
    from ..workspace import Workspace

    workspace = Workspace.for_reading()
    policy = load_policy(workspace)
    files, missing = collect(args.paths)
    errors: list[dict[str, str]] = [{"path": p, "error": e} for p, e in missing]
    jobs = [(f, _display(f, workspace.root)) for f in files]

    results = []
    outcomes = _run_jobs(jobs, policy, args.jobs)
    skipped: list[dict[str, str]] = []
    for (path, display), (result, error, binary) in zip(jobs, outcomes):
        if error is not None:
            # Binary files are not code: listed as skipped (an explicitly named one too), never an error.
            (skipped if binary else errors).append({"path": display, "error": error})
            continue
        results.append(result)

    if args.format == "json":
        print(render_json(results, errors, skipped))
    else:
        if results:
            print(render_text(results, show_passing=args.all))
        if skipped:
            print(render_skipped(skipped, every=args.all))
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


def _run_jobs(jobs: list[tuple[Path, str]], policy, requested: int):
    """Read each file here, check it in worker processes with the policy's time limit."""
    from concurrent.futures import ThreadPoolExecutor, as_completed

    from ..files import BinaryFile, InputError, read_text
    from ..workers import CheckPool

    def one(pool: CheckPool, job: tuple[Path, str]):
        path, display = job
        try:
            text = read_text(path, policy.limits.max_file_bytes, display)
        except BinaryFile as exc:
            return None, str(exc), True
        except InputError as exc:
            return None, str(exc), False
        return pool.check(text, display, None, policy), None, False

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
