"""examples/test-evidence/README.md's commands, run as written: the success-only tests leave the invitation
flow's three failure paths unproven (exit 1); the failure-path tests prove them (exit 0); the gate agrees."""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from pathlib import Path

from review_fixtures import IDGUARD, git

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "test-evidence"


def _commands() -> list[str]:
    readme = (EXAMPLE / "README.md").read_text(encoding="utf-8")
    [block] = re.findall(r"```sh\n(.*?)```", readme, re.S)
    return [line.split("#")[0].strip() for line in block.splitlines() if line.strip()]


def _run(root: Path, command: str) -> subprocess.CompletedProcess:
    """One line of the README in a shell, with this venv's `python` and `idguard` first on PATH."""
    bin_dir = Path(IDGUARD).parent
    assert (bin_dir / "python").exists()
    env = {"PATH": f"{bin_dir}:/usr/bin:/bin", "PYTHONPATH": str(root), "HOME": str(root)}
    return subprocess.run(["bash", "-c", command], cwd=root, capture_output=True, text=True, env=env, timeout=300)


def test_the_examples_commands_show_missing_then_proven_failure_paths(tmp_path: Path):
    root = tmp_path / "repo"
    shutil.copytree(EXAMPLE, root)
    git(root.parent, "init", "-q", str(root))
    git(root, "add", "-A")
    git(root, "-c", "user.email=dev@example.com", "-c", "user.name=dev", "commit", "-qm", "invites")

    results = [(command, _run(root, command)) for command in _commands()]
    checks = [(c, r) for c, r in results if c.startswith("idguard tests")]
    assert len(checks) == 2
    for command, result in results:
        if not command.startswith("idguard tests"):
            assert result.returncode == 0, (command, result.stderr)
    (_, first), (_, second) = checks
    assert first.returncode == 1, first.stdout + first.stderr
    assert first.stdout.count("never ran") == 3
    assert "0 of them ran in the tests" in first.stdout
    assert second.returncode == 0, second.stdout + second.stderr
    assert "3 of them ran in the tests" in second.stdout
    assert "tests naming it: tests/test_accept_failures.py, tests/test_accept_happy.py" in second.stdout

    # The JSON view names each failure path and whether it ran.
    report = json.loads(_run(root, "idguard tests invites/accept.py --coverage coverage.json --format json").stdout)
    [unit] = report
    assert unit["unit"] == "accept_invite" and "invitation" in unit["categories"]
    assert [p["ran"] for p in unit["failure_paths"]] == [True, True, True]
