"""Gate time with test evidence: `idguard gate --coverage` against the same gate without it.

A temporary repository gets a branch that adds N identity modules (role grants with denies, expiry checks
and error handlers) and a test file per module; the tests run under `coverage run --branch -m pytest` once,
then the gate runs interleaved with and without `--coverage coverage.json`, a few times each, and the median
wall times and their ratio are printed (issue 19's target: within 1.5x).

Run: .venv/bin/python benchmarks/test_evidence.py [--files 100] [--runs 3]
"""

from __future__ import annotations

import argparse
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

BIN = Path(sys.executable).parent
MODULE = '''"""Role grants for tenant {n}."""
from datetime import datetime, timezone


class GrantError(Exception):
    pass


def grant_role_{n}(actor, user, role, invite=None):
    if role not in actor.grantable_roles():
        raise GrantError("actor cannot grant this role")
    if invite is not None and invite.expires_at < datetime.now(timezone.utc):
        return False
    try:
        user.directory.add(role)
    except ConnectionError:
        raise GrantError("directory unavailable")
    return True


def revoke_role_{n}(actor, user, role):
    if not actor.is_admin:
        raise PermissionError("only admins revoke roles")
    user.directory.remove(role)
'''
TEST = """from auth.grants_{n} import grant_role_{n}


class A:
    is_admin = True

    def grantable_roles(self):
        return {{"viewer"}}


class D:
    def add(self, role):
        pass


class U:
    directory = D()


def test_grant():
    assert grant_role_{n}(A(), U(), "viewer")
"""


def git(root: Path, *args: str) -> None:
    subprocess.run(["git", *args], cwd=root, check=True, capture_output=True)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--files", type=int, default=100)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="idguard-tests-bench-") as tmp:
        root = Path(tmp)
        git(root, "init", "-q", "-b", "main")
        git(root, "config", "user.email", "dev@example.com")
        git(root, "config", "user.name", "Dev")
        (root / "README.md").write_text("bench\n")
        (root / ".idguard").mkdir()
        (root / ".idguard" / "policy.toml").write_text('[tests]\nrequire = "failure-paths"\n')
        git(root, "add", ".")
        git(root, "commit", "-qm", "base")
        git(root, "checkout", "-qb", "feature")
        (root / "auth").mkdir()
        (root / "tests").mkdir()
        (root / "auth" / "__init__.py").write_text("")
        for n in range(args.files):
            (root / "auth" / f"grants_{n}.py").write_text(MODULE.format(n=n))
            (root / "tests" / f"test_grants_{n}.py").write_text(TEST.format(n=n))
        git(root, "add", ".")
        git(root, "commit", "-qm", "grants")
        env = {"PYTHONPATH": str(root), "PATH": f"{BIN}:/usr/bin:/bin"}
        subprocess.run(
            [
                sys.executable,
                "-m",
                "coverage",
                "run",
                "--branch",
                "-m",
                "pytest",
                "-q",
                "-p",
                "no:cacheprovider",
                "tests",
            ],
            cwd=root,
            check=True,
            capture_output=True,
            env=env,
        )
        subprocess.run(
            [sys.executable, "-m", "coverage", "json", "-q", "-o", str(root / "coverage.json")],
            cwd=root,
            check=True,
            capture_output=True,
            env=env,
        )
        gate = [str(BIN / "idguard"), "gate", "--base", "main", "--format", "json", "--output", str(root / "r.json")]
        times: dict[str, list[float]] = {"without coverage": [], "with --coverage": []}
        for _ in range(args.runs):
            for name, extra in (("without coverage", []), ("with --coverage", ["--coverage", "coverage.json"])):
                started = time.perf_counter()
                subprocess.run(gate + extra, cwd=root, capture_output=True)
                times[name].append(time.perf_counter() - started)
        medians = {name: statistics.median(values) for name, values in times.items()}
        print(f"{args.files} changed identity modules, median of {args.runs} runs each (interleaved)")
        for name, seconds in medians.items():
            print(f"  gate {name:<18} {seconds:6.2f} s")
        print(f"  ratio with/without: {medians['with --coverage'] / medians['without coverage']:.2f} (target <= 1.5)")


if __name__ == "__main__":
    main()
