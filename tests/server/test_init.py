"""`idguard init`: writes and merges client configuration; idempotent; refuses what it cannot merge."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from idguard.server.cli.main import main
from idguard.server.review.signing import parse_public_key, principals_for

IDGUARD = str(Path(sys.executable).with_name("idguard"))
WRITTEN = (
    ".idguard/policy.toml",
    ".idguard/allowed_signers",
    ".idguard/.gitignore",
    ".mcp.json",
    ".claude/settings.json",
    ".vscode/mcp.json",
    ".pre-commit-config.yaml",
)


def snapshot(root: Path) -> dict[str, bytes]:
    """Every file outside .git, byte for byte."""
    return {
        p.relative_to(root).as_posix(): p.read_bytes()
        for p in sorted(root.rglob("*"))
        if p.is_file() and p.relative_to(root).parts[0] != ".git"
    }


def ssh_key(tmp_path: Path, name: str) -> str:
    if shutil.which("ssh-keygen") is None:
        pytest.fail("ssh-keygen is not installed: .ci/run installs openssh-client")
    key = tmp_path / name
    subprocess.run(["ssh-keygen", "-q", "-t", "ed25519", "-N", "", "-C", name, "-f", str(key)], check=True)
    return " ".join(key.with_suffix(".pub").read_text().split()[:2])


def init(root: Path, *args: str) -> int:
    return main(["init", "--workspace", str(root), "--command", IDGUARD, *args])


def test_fresh_repository_gets_every_file_and_a_second_run_changes_nothing(
    workspace: Path, tmp_path: Path, capsys
) -> None:
    key = ssh_key(tmp_path, "ana")
    assert init(workspace, "--profile", "agentic", "--reviewer", f"ana@example.com {key}") == 0
    first = capsys.readouterr().out
    assert all(f"created  {workspace / rel}" in first for rel in WRITTEN)
    before = snapshot(workspace)
    assert set(WRITTEN) <= set(before)

    assert init(workspace, "--profile", "agentic", "--reviewer", f"ana@example.com {key}") == 0
    assert snapshot(workspace) == before
    assert capsys.readouterr().out.count("unchanged") == len(WRITTEN)

    assert 'profile = "agentic"' in (workspace / ".idguard/policy.toml").read_text()
    assert principals_for(workspace / ".idguard/allowed_signers", parse_public_key(key)) == ["ana@example.com"]
    assert (workspace / ".idguard/.gitignore").read_text().splitlines()[-1] == "state/"
    settings = json.loads((workspace / ".claude/settings.json").read_text())
    (pre,) = settings["hooks"]["PreToolUse"]
    assert (
        pre["matcher"] == "Write|Edit|MultiEdit|Bash"
        and pre["hooks"][0]["command"] == f"{IDGUARD} hook claude-code || exit 2"
    )
    assert settings["hooks"]["UserPromptSubmit"][0]["hooks"][0]["type"] == "command"
    assert json.loads((workspace / ".mcp.json").read_text())["mcpServers"]["idguard"]["args"] == ["serve"]
    assert json.loads((workspace / ".vscode/mcp.json").read_text())["servers"]["idguard"]["type"] == "stdio"
    hooks = yaml.safe_load((workspace / ".pre-commit-config.yaml").read_text())["repos"][0]["hooks"]
    assert hooks[0]["id"] == "idguard" and hooks[0]["entry"] == f"{IDGUARD} check"


def test_existing_entries_are_kept(workspace: Path) -> None:
    (workspace / ".claude").mkdir()
    (workspace / ".vscode").mkdir()
    (workspace / ".mcp.json").write_text(json.dumps({"mcpServers": {"github": {"command": "gh-mcp"}}}))
    (workspace / ".claude/settings.json").write_text(
        json.dumps(
            {
                "permissions": {"allow": ["Bash(npm test)"]},
                "hooks": {
                    "PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./lint.sh"}]}],
                    "PostToolUse": [{"matcher": "Write", "hooks": [{"type": "command", "command": "black ."}]}],
                },
            }
        )
    )
    (workspace / ".vscode/mcp.json").write_text(
        json.dumps(
            {"inputs": [{"id": "tok", "type": "promptString"}], "servers": {"db": {"type": "http", "url": "http://x"}}}
        )
    )
    pre_commit = (
        "# team hooks\nrepos:\n-   repo: https://github.com/psf/black\n    rev: 24.1.0\n    hooks:\n    -   id: black\n"
    )
    (workspace / ".pre-commit-config.yaml").write_text(pre_commit)
    (workspace / ".idguard").mkdir()
    (workspace / ".idguard/.gitignore").write_text("*.tmp\n")

    assert init(workspace) == 0
    mcp = json.loads((workspace / ".mcp.json").read_text())
    assert set(mcp["mcpServers"]) == {"github", "idguard"}
    settings = json.loads((workspace / ".claude/settings.json").read_text())
    assert settings["permissions"] == {"allow": ["Bash(npm test)"]}
    assert [g["matcher"] for g in settings["hooks"]["PreToolUse"]] == ["Bash", "Write|Edit|MultiEdit|Bash"]
    assert settings["hooks"]["PostToolUse"][0]["hooks"][0]["command"] == "black ."
    vscode = json.loads((workspace / ".vscode/mcp.json").read_text())
    assert vscode["inputs"][0]["id"] == "tok" and set(vscode["servers"]) == {"db", "idguard"}
    merged = (workspace / ".pre-commit-config.yaml").read_text()
    assert merged.startswith(pre_commit)  # comments and layout kept; idguard appended
    repos = yaml.safe_load(merged)["repos"]
    assert [r["repo"] for r in repos] == ["https://github.com/psf/black", "local"]
    assert (workspace / ".idguard/.gitignore").read_text() == "*.tmp\nstate/\n"

    before = snapshot(workspace)
    assert init(workspace) == 0
    assert snapshot(workspace) == before


def test_invalid_json_is_refused_and_nothing_is_written(workspace: Path, capsys) -> None:
    (workspace / ".vscode").mkdir()
    broken = '{\n  // my servers\n  "servers": {}\n}\n'
    (workspace / ".vscode/mcp.json").write_text(broken)
    assert init(workspace) == 2
    err = capsys.readouterr().err
    assert ".vscode/mcp.json: not valid JSON" in err and err[-1] == "\n" and err.count("\n") == 1
    assert (workspace / ".vscode/mcp.json").read_text() == broken
    assert not (workspace / ".mcp.json").exists() and not (workspace / ".idguard").exists()


def test_unexpected_shapes_and_bad_input_are_refused(workspace: Path, tmp_path: Path, capsys) -> None:
    (workspace / ".mcp.json").write_text('{"mcpServers": []}')
    assert init(workspace) == 2
    assert "`mcpServers` is not a JSON object" in capsys.readouterr().err
    (workspace / ".mcp.json").unlink()
    assert init(workspace, "--reviewer", "ana@example.com ssh-ed25519 not-a-key") == 2
    assert "--reviewer for ana@example.com" in capsys.readouterr().err
    assert init(workspace, "--profile", "regulated") == 0
    assert init(workspace, "--profile", "legacy") == 2
    assert "already uses profile 'regulated'" in capsys.readouterr().err
    (workspace / ".pre-commit-config.yaml").write_text(
        "repos:\n  - repo: local\n    hooks: []\nci:\n  autofix_prs: false\n"
    )
    assert init(workspace) == 2
    assert "not the last block" in capsys.readouterr().err


def test_a_new_reviewer_is_appended_once(workspace: Path, tmp_path: Path) -> None:
    ana, bo = ssh_key(tmp_path, "ana"), ssh_key(tmp_path, "bo")
    assert init(workspace, "--reviewer", f"ana@example.com {ana}") == 0
    assert init(workspace, "--reviewer", f"bo@example.com {bo}", "--reviewer", f"ana@example.com {ana}") == 0
    lines = [
        line for line in (workspace / ".idguard/allowed_signers").read_text().splitlines() if not line.startswith("#")
    ]
    assert [line.split()[0] for line in lines] == ["ana@example.com", "bo@example.com"]


def test_generated_hook_command_runs_and_fails_closed(workspace: Path, tmp_path: Path) -> None:
    assert subprocess.run([IDGUARD, "init"], cwd=workspace, capture_output=True, timeout=60).returncode == 0
    settings = json.loads((workspace / ".claude/settings.json").read_text())
    command = settings["hooks"]["PreToolUse"][0]["hooks"][0]["command"]
    payload = json.dumps(
        {
            "hook_event_name": "PreToolUse",
            "cwd": str(workspace),
            "tool_name": "Write",
            "tool_input": {
                "file_path": str(workspace / "roles.py"),
                "content": "def grant_role(user, role):\n    user.roles.append(role)\n",
            },
        }
    )
    bin_dir = str(Path(sys.executable).parent)
    env = {"PATH": bin_dir + ":/usr/bin:/bin", "HOME": str(tmp_path), "IDGUARD_HOOK_SERVER": "0"}
    out = subprocess.run(
        ["bash", "-c", command], input=payload, capture_output=True, text=True, cwd=workspace, env=env, timeout=60
    )
    assert out.returncode == 0
    assert json.loads(out.stdout)["hookSpecificOutput"]["permissionDecision"] == "deny"
    # idguard gone (a venv deleted): the shell's failure becomes exit 2, which the IDE treats as a block.
    missing = command.replace(IDGUARD, str(tmp_path / "gone" / "idguard"))
    out = subprocess.run(
        ["bash", "-c", missing],
        input=payload,
        capture_output=True,
        text=True,
        cwd=workspace,
        env={"PATH": "/usr/bin:/bin", "HOME": str(tmp_path)},
        timeout=60,
    )
    assert out.returncode == 2
