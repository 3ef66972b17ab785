"""`idguard doctor`: the real CLI in a temp repo set up by `idguard init`, live and broken."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

from review_fixtures import keygen, public_key

IDGUARD = str(Path(sys.executable).with_name("idguard"))


def test_doctor_proves_a_fresh_setup_live_and_names_a_broken_hook(workspace: Path, tmp_path: Path) -> None:
    env = {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "IDGUARD_HOOK_SERVER": "0",
        "GIT_CONFIG_NOSYSTEM": "1",
    }
    (tmp_path / "home").mkdir()
    key = keygen(tmp_path / "keys", "ana")
    subprocess.run(
        [IDGUARD, "init", "--reviewer", f"ana@example.com {public_key(key)}"],
        cwd=workspace,
        env=env,
        check=True,
        capture_output=True,
        timeout=60,
    )
    subprocess.run(["git", "add", "."], cwd=workspace, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "adopt idguard"], cwd=workspace, check=True)
    out = subprocess.run(
        [IDGUARD, "doctor", "--format", "json"], cwd=workspace, env=env, capture_output=True, text=True, timeout=300
    )
    report = json.loads(out.stdout)
    assert out.returncode == 0 and report["ok"], out.stdout
    names = [c["check"] for c in report["checks"]]
    assert names == [
        "policy",
        "signers",
        "trust-ref",
        "mcp .mcp.json",
        "mcp .vscode/mcp.json",
        "hook claude-code",
        "hook vscode",
    ]
    assert all("denied an untagged identity write" in c["detail"] for c in report["checks"][-2:])
    # A hook whose executable is gone: doctor fails that line and exits 1.
    settings = workspace / ".claude/settings.json"
    settings.write_text(settings.read_text().replace(IDGUARD, str(tmp_path / "gone/idguard")))
    out = subprocess.run([IDGUARD, "doctor"], cwd=workspace, env=env, capture_output=True, text=True, timeout=300)
    assert out.returncode == 1
    failed = [line for line in out.stdout.splitlines() if line.startswith("FAIL")]
    # Claude Code and VS Code both run the hooks in .claude/settings.json: both lines fail, nothing else.
    assert [line.split(":")[0] for line in failed] == ["FAIL  hook claude-code", "FAIL  hook vscode"]
