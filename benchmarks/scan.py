"""Scan speed: `idguard check` against `bandit -r` on the same real identity code.

The tree is the installed sources of identity libraries (django.contrib.auth,
authlib, oauthlib, pyjwt, rest_framework, social_core, passlib, itsdangerous),
copied into a temporary folder so both tools read the same files. Both run as subprocesses,
in the same run, a few times each; the median wall times and their ratio are
printed. `idguard check` uses one worker process per core (bandit uses one
process); its one-worker time is printed too, for a per-core comparison. Needs: pip install bandit django authlib oauthlib pyjwt
djangorestframework social-auth-core passlib itsdangerous (on demand, not a test dependency).

The same run counts false alarms: critical and high findings in non-test files
of these libraries (ordinary, reviewed identity code: each one should be a true
positive or explained in its guard's docs), by guard; `--list` prints them.

TypeScript/JavaScript: the npm packages jsonwebtoken, jose, passport,
express-session and next-auth, with their dependencies, are installed at run
time into a cache folder (`~/.cache/idguard-bench/npm`, or `$IDGUARD_BENCH_CACHE`; peer dependencies such as
next and react, compiled bundles of a million lines, are left out;
never committed; `npm install --ignore-scripts`), their .js/.mjs/.cjs/.ts/.tsx
sources (not type declarations, source maps or minified bundles) copied beside
the Python tree, and scanned in the same run: lines per second per language
(one worker process, so the two are comparable per core) and the critical/high
findings in their non-test files. Needs npm; `--no-npm` skips it.

Run: .venv/bin/python benchmarks/scan.py [--runs N] [--list] [--no-npm]
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

PACKAGES = (
    "django.contrib.auth",
    "authlib",
    "oauthlib",
    "jwt",
    "rest_framework",
    "social_core",
    "passlib",
    "itsdangerous",
)
BIN = Path(sys.executable).parent
NPM_PACKAGES = ("jsonwebtoken", "jose", "passport", "express-session", "next-auth")
SCRIPT_SUFFIXES = (".js", ".mjs", ".cjs", ".ts", ".tsx", ".jsx")
NPM_CACHE = Path(os.environ.get("IDGUARD_BENCH_CACHE", Path.home() / ".cache" / "idguard-bench")) / "npm"


def install_npm_packages(cache: Path = NPM_CACHE) -> Path | None:
    """Install the npm corpus once into `cache` (no install scripts run); its node_modules, or None without npm."""
    npm = shutil.which("npm")
    if npm is None:
        print("skipping the TypeScript/JavaScript tree: npm is not installed", file=sys.stderr)
        return None
    modules = cache / "node_modules"
    if not all((modules / name).is_dir() for name in NPM_PACKAGES):
        cache.mkdir(parents=True, exist_ok=True)
        if not (cache / "package.json").exists():
            (cache / "package.json").write_text('{"name": "idguard-scan-corpus", "private": true}\n')
        subprocess.run(
            [npm, "install", "--no-audit", "--no-fund", "--ignore-scripts", "--legacy-peer-deps", *NPM_PACKAGES],
            cwd=cache,
            check=True,
            capture_output=True,
        )
    return modules


def build_script_tree(dest: Path, modules: Path) -> tuple[int, int, list[str]]:
    """Copy every installed package's sources (scoped ones included) to `dest`; (files, lines, package names)."""
    files = lines = 0
    names = []
    packages = []
    for entry in sorted(modules.iterdir()):
        if entry.name.startswith("."):
            continue
        packages.extend(sorted(entry.iterdir()) if entry.name.startswith("@") else [entry])
    for package in packages:
        name = package.relative_to(modules).as_posix()
        names.append(name)
        for path in package.rglob("*"):
            rel = path.relative_to(package)
            if (
                not path.is_file()
                or path.suffix not in SCRIPT_SUFFIXES
                or path.name.endswith((".d.ts", ".d.mts", ".d.cts", ".min.js"))
                or "node_modules" in rel.parts
            ):
                continue
            target = dest / name.replace("/", "__") / rel
            target.parent.mkdir(parents=True, exist_ok=True)
            shutil.copyfile(path, target)
            files += 1
            lines += path.read_text(encoding="utf-8", errors="replace").count("\n")
    return files, lines, names


def build_tree(dest: Path) -> tuple[int, int]:
    files = lines = 0
    for name in PACKAGES:
        try:
            module = importlib.import_module(name)
        except ImportError:
            print(f"skipping {name}: not installed", file=sys.stderr)
            continue
        source = Path(module.__file__).parent
        target = dest / name.replace(".", "_")
        shutil.copytree(
            source, target, ignore=shutil.ignore_patterns("__pycache__", "*.pyc", "locale", "static", "templates")
        )
    for path in dest.rglob("*.py"):
        files += 1
        lines += path.read_text(encoding="utf-8", errors="replace").count("\n")
    return files, lines


def timed(cmd: list[str], cwd: Path) -> tuple[float, subprocess.CompletedProcess]:
    started = time.perf_counter()
    proc = subprocess.run(cmd, cwd=cwd, capture_output=True, text=True)
    return time.perf_counter() - started, proc


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--list", action="store_true", help="print every critical/high finding in non-test files")
    parser.add_argument(
        "--medium",
        action="store_true",
        help="also count medium findings in non-test files per guard, and list them with --list",
    )
    parser.add_argument("--no-npm", action="store_true", help="skip the TypeScript/JavaScript tree")
    args = parser.parse_args()
    bandit = shutil.which("bandit", path=str(BIN)) or shutil.which("bandit")
    if bandit is None:
        sys.exit("bandit is not installed: pip install bandit")
    with tempfile.TemporaryDirectory() as tmp:
        tree = Path(tmp) / "libs"  # a neutral name: folder names are identity signals
        tree.mkdir()
        files, lines = build_tree(tree)
        print(f"tree: {files} Python files, {lines} lines ({', '.join(PACKAGES)})")
        idguard_times, one_core_times, bandit_times = [], [], []
        report = None
        for _ in range(args.runs):
            seconds, proc = timed([str(BIN / "idguard"), "check", "--format", "json", "."], tree)
            idguard_times.append(seconds)
            report = json.loads(proc.stdout)
            seconds, _ = timed([str(BIN / "idguard"), "check", "-j", "1", "--format", "json", "."], tree)
            one_core_times.append(seconds)
            seconds, _ = timed([bandit, "-r", "-q", "-f", "json", "-o", str(Path(tmp) / "bandit.json"), "."], tree)
            bandit_times.append(seconds)
        assert report is not None
        summary = report["summary"]
        idg, ban = statistics.median(idguard_times), statistics.median(bandit_times)
        print(
            f"idguard check: median {idg:.2f} s over {args.runs} runs "
            f"({summary['files']} files, {summary['identity_related']} identity-related, {summary['findings']} findings)"
        )
        print(
            f"idguard check -j 1 (one worker process, for comparison per core): "
            f"median {statistics.median(one_core_times):.2f} s"
        )
        print(f"bandit -r:     median {ban:.2f} s over {args.runs} runs")
        print(f"ratio bandit/idguard: {ban / idg:.2f} (above 1 means idguard is faster)")
        alarms = false_alarms(report)
        by_guard = Counter(guard for _, _, guard, _ in alarms)
        print(
            f"critical/high findings in non-test files: {len(alarms)} "
            f"({', '.join(f'{g} {n}' for g, n in by_guard.most_common()) or 'none'})"
        )
        if args.list:
            for path, line, guard, message in alarms:
                print(f"  {path}:{line} {guard} {message}")
        python_lines_per_second = lines / statistics.median(one_core_times)
        print(f"Python lines per second, one worker: {python_lines_per_second:,.0f}")
        if not args.no_npm:
            scan_scripts(Path(tmp), args, python_lines_per_second)
        if args.medium:
            mediums = false_alarms(report, ("medium",))
            by_guard = Counter(guard for _, _, guard, _ in mediums)
            print(
                f"medium findings in non-test files: {len(mediums)} "
                f"({', '.join(f'{g} {n}' for g, n in by_guard.most_common()) or 'none'})"
            )
            if args.list:
                for path, line, guard, message in mediums:
                    print(f"  {path}:{line} {guard} {message}")


def scan_scripts(tmp: Path, args: argparse.Namespace, python_lines_per_second: float) -> None:
    """The npm corpus: lines per second (one worker, as for Python) and critical/high findings in non-test files."""
    modules = install_npm_packages()
    if modules is None:
        return
    tree = tmp / "jslibs"
    tree.mkdir()
    files, lines, names = build_script_tree(tree, modules)
    print(
        f"\ntree: {files} TypeScript/JavaScript files, {lines} lines ({len(names)} npm packages: {', '.join(NPM_PACKAGES)} and their dependencies)"
    )
    times, report = [], None
    for _ in range(args.runs):
        # --no-default-excludes: the packages ship their code in dist/ and lib/, which a folder scan leaves out.
        command = [str(BIN / "idguard"), "check", "-j", "1", "--no-default-excludes", "--format", "json", "."]
        seconds, proc = timed(command, tree)
        times.append(seconds)
        report = json.loads(proc.stdout)
    assert report is not None
    median = statistics.median(times)
    summary = report["summary"]
    print(
        f"idguard check -j 1: median {median:.2f} s over {args.runs} runs ({summary['files']} files, "
        f"{summary['identity_related']} identity-related, {summary['findings']} findings)"
    )
    per_second = lines / median
    print(
        f"TypeScript/JavaScript lines per second, one worker: {per_second:,.0f} "
        f"({per_second / python_lines_per_second:.2f}x Python's)"
    )
    alarms = false_alarms(report)
    by_guard = Counter(guard for _, _, guard, _ in alarms)
    print(
        f"critical/high findings in non-test files: {len(alarms)} "
        f"({', '.join(f'{g} {n}' for g, n in by_guard.most_common()) or 'none'})"
    )
    if args.list:
        for path, line, guard, message in alarms:
            print(f"  {path}:{line} {guard} {message}")


def is_test_file(path: str) -> bool:
    parts = path.split("/")
    return (
        any(p in ("tests", "test", "testing", "__tests__", "spec") for p in parts[:-1])
        or parts[-1].startswith(("test_", "tests"))
        or ".test." in parts[-1]
        or ".spec." in parts[-1]
    )


def false_alarms(report: dict, severities: tuple[str, ...] = ("critical", "high")) -> list[tuple[str, int, str, str]]:
    """(path, line, guard, message) of every active finding of `severities` in a non-test file."""
    return [
        (f["path"], x["line"], x["guard_id"], x["message"])
        for f in report["files"]
        if not is_test_file(f["path"])
        for x in f["findings"]
        if not x.get("suppressed") and x["severity"] in severities
    ]


if __name__ == "__main__":
    main()
