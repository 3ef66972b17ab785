"""`idguard init --assistant ...` and `idguard doctor` for each assistant, end to end with the real CLI in a
real repository: the files each assistant reads, merged into what the user had, and hooks that deny."""

from __future__ import annotations

import json
import subprocess
import sys
import tomllib
from pathlib import Path

import pytest
from review_fixtures import keygen, public_key

IDGUARD = str(Path(sys.executable).with_name("idguard"))
HOOK = {client: f"{IDGUARD} hook {client} || exit 2" for client in ("claude-code", "cursor", "codex", "gemini")}
FILES = {
    "claude-code": [".mcp.json", ".claude/settings.json"],
    "vscode": [".claude/settings.json", ".vscode/mcp.json"],
    "cursor": [".cursor/mcp.json", ".cursor/hooks.json"],
    "codex": [".codex/config.toml", ".codex/hooks.json"],
    "gemini": [".gemini/settings.json"],
}
ALWAYS = [".idguard/policy.toml", ".idguard/allowed_signers", ".idguard/.gitignore", ".pre-commit-config.yaml"]


def env(tmp_path: Path) -> dict[str, str]:
    (tmp_path / "home").mkdir(exist_ok=True)
    # idguard is not on PATH: init must write its absolute path, and every hook must still run.
    return {
        "PATH": "/usr/bin:/bin",
        "HOME": str(tmp_path / "home"),
        "IDGUARD_HOOK_SERVER": "0",
        "GIT_CONFIG_NOSYSTEM": "1",
    }


def init(root: Path, tmp_path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [IDGUARD, "init", *args], cwd=root, env=env(tmp_path), capture_output=True, text=True, timeout=120
    )


def written(out: str) -> dict[str, str]:
    """path -> action, from init's output (absolute paths)."""
    rows = [
        line.split(None, 1)
        for line in out.splitlines()
        if line.split(None, 1)[0] in ("created", "updated", "unchanged", "kept")
    ]
    return {path: action for action, path in rows}


@pytest.mark.parametrize("assistant", ["cursor", "codex", "gemini", "vscode", "claude-code"])
def test_init_writes_only_the_chosen_assistants_files_with_absolute_paths(
    workspace: Path, tmp_path: Path, assistant: str
) -> None:
    out = init(workspace, tmp_path, "--assistant", assistant)
    assert out.returncode == 0, out.stderr
    expected = {str(workspace / rel) for rel in ALWAYS + FILES[assistant]}
    assert set(written(out.stdout)) == expected and set(written(out.stdout).values()) == {"created"}
    others = {rel for name, rels in FILES.items() if name != assistant for rel in rels} - set(FILES[assistant])
    assert not any((workspace / rel).exists() for rel in others)
    again = init(workspace, tmp_path, "--assistant", assistant)
    assert set(written(again.stdout).values()) == {"unchanged"}


def test_init_every_assistant_writes_each_format(workspace: Path, tmp_path: Path) -> None:
    out = init(workspace, tmp_path, "--assistant", "claude-code,vscode,cursor,codex,gemini")
    assert out.returncode == 0, out.stderr
    cursor = json.loads((workspace / ".cursor/hooks.json").read_text())
    assert cursor["version"] == 1
    assert sorted(cursor["hooks"]) == sorted(
        ["beforeShellExecution", "beforeMCPExecution", "beforeReadFile", "afterFileEdit", "beforeSubmitPrompt", "stop"]
    )
    assert all(entries == [{"command": HOOK["cursor"]}] for entries in cursor["hooks"].values())
    assert json.loads((workspace / ".cursor/mcp.json").read_text())["mcpServers"]["idguard"] == {
        "command": IDGUARD,
        "args": ["serve"],
    }
    codex = json.loads((workspace / ".codex/hooks.json").read_text())["hooks"]
    assert codex["PreToolUse"] == [
        {"matcher": "Bash|apply_patch", "hooks": [{"type": "command", "command": HOOK["codex"], "timeout": 30}]}
    ]
    assert codex["PostToolUse"][0]["matcher"] == "Bash" and sorted(codex) == [
        "PostToolUse",
        "PreToolUse",
        "Stop",
        "UserPromptSubmit",
    ]
    assert tomllib.loads((workspace / ".codex/config.toml").read_text())["mcp_servers"]["idguard"] == {
        "command": IDGUARD,
        "args": ["serve"],
    }
    gemini = json.loads((workspace / ".gemini/settings.json").read_text())
    assert gemini["mcpServers"]["idguard"] == {"command": IDGUARD, "args": ["serve"]}
    before = gemini["hooks"]["BeforeTool"][0]
    assert before["matcher"] == "write_file|replace|run_shell_command"
    assert before["hooks"] == [{"name": "idguard", "type": "command", "command": HOOK["gemini"], "timeout": 30000}]
    assert sorted(gemini["hooks"]) == ["AfterAgent", "AfterTool", "BeforeAgent", "BeforeTool"]
    assert init(workspace, tmp_path, "--assistant", "nope").returncode == 2


def test_init_merges_into_the_users_files_and_keeps_their_entries(workspace: Path, tmp_path: Path) -> None:
    (workspace / ".cursor").mkdir()
    (workspace / ".cursor/hooks.json").write_text(
        json.dumps(
            {
                "version": 1,
                "hooks": {
                    "afterFileEdit": [{"command": "./format.sh"}],
                    "afterAgentResponse": [{"command": "./log.sh"}],
                },
            }
        )
    )
    (workspace / ".codex").mkdir()
    (workspace / ".codex/config.toml").write_text(
        '# my settings\nmodel = "gpt-5-codex"\n\n[mcp_servers.docs]\ncommand = "docs-server"\n'
    )
    (workspace / ".codex/hooks.json").write_text(
        json.dumps(
            {"hooks": {"PreToolUse": [{"matcher": "Bash", "hooks": [{"type": "command", "command": "./guard.sh"}]}]}}
        )
    )
    (workspace / ".gemini").mkdir()
    (workspace / ".gemini/settings.json").write_text(
        json.dumps(
            {
                "theme": "GitHub",
                "mcpServers": {"tickets": {"command": "tickets"}},
                "hooks": {
                    "BeforeTool": [{"matcher": "read_file", "hooks": [{"type": "command", "command": "./audit.sh"}]}]
                },
            }
        )
    )
    out = init(workspace, tmp_path, "--assistant", "cursor,codex,gemini")
    assert out.returncode == 0, out.stderr
    assert written(out.stdout)[str(workspace / ".cursor/hooks.json")] == "updated"
    cursor = json.loads((workspace / ".cursor/hooks.json").read_text())["hooks"]
    assert cursor["afterFileEdit"] == [{"command": "./format.sh"}, {"command": HOOK["cursor"]}]
    assert cursor["afterAgentResponse"] == [{"command": "./log.sh"}]
    config = (workspace / ".codex/config.toml").read_text()
    assert config.startswith('# my settings\nmodel = "gpt-5-codex"')
    assert set(tomllib.loads(config)["mcp_servers"]) == {"docs", "idguard"}
    codex = json.loads((workspace / ".codex/hooks.json").read_text())["hooks"]["PreToolUse"]
    assert [h["command"] for g in codex for h in g["hooks"]] == ["./guard.sh", HOOK["codex"]]
    gemini = json.loads((workspace / ".gemini/settings.json").read_text())
    assert gemini["theme"] == "GitHub" and set(gemini["mcpServers"]) == {"tickets", "idguard"}
    assert [h["command"] for g in gemini["hooks"]["BeforeTool"] for h in g["hooks"]] == ["./audit.sh", HOOK["gemini"]]
    # An unmergeable file stops the run before anything is written.
    (workspace / ".gemini/settings.json").write_text("{ // comment\n}")
    (workspace / ".cursor/hooks.json").write_text(json.dumps({"version": 1, "hooks": {}}))  # init would add to it
    before = (workspace / ".cursor/hooks.json").read_text()
    out = init(workspace, tmp_path, "--assistant", "cursor,gemini", "--command", IDGUARD)
    assert out.returncode == 2 and ".gemini/settings.json" in out.stderr
    assert (workspace / ".cursor/hooks.json").read_text() == before


@pytest.mark.parametrize("assistant", ["cursor", "codex", "gemini"])
def test_doctor_checks_each_configured_assistants_hook_with_its_own_payload(
    workspace: Path, tmp_path: Path, assistant: str
) -> None:
    key = keygen(tmp_path / "keys", "ana")
    out = init(workspace, tmp_path, "--assistant", assistant, "--reviewer", f"ana@example.com {public_key(key)}")
    assert out.returncode == 0, out.stderr
    subprocess.run(["git", "add", "."], cwd=workspace, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "adopt idguard"], cwd=workspace, check=True)
    doctor = subprocess.run(
        [IDGUARD, "doctor", "--format", "json"],
        cwd=workspace,
        env=env(tmp_path),
        capture_output=True,
        text=True,
        timeout=300,
    )
    report = json.loads(doctor.stdout)
    assert doctor.returncode == 0 and report["ok"], doctor.stdout
    checks = {c["check"]: c for c in report["checks"]}
    assert [name for name in checks if name.startswith("hook")] == [f"hook {assistant}"]
    assert "denied an untagged identity write" in checks[f"hook {assistant}"]["detail"]
    assert any(name.startswith("mcp .") and assistant in name for name in checks)
    assert subprocess.run(["git", "status", "--porcelain"], cwd=workspace, capture_output=True, text=True).stdout == ""
    # The hook command no longer resolves: that assistant's line fails and doctor exits 1.
    for rel in FILES[assistant]:
        path = workspace / rel
        if rel.endswith(".json") and "hooks" in path.read_text():
            path.write_text(path.read_text().replace(f"{IDGUARD} hook", f"{tmp_path}/gone/idguard hook"))
    doctor = subprocess.run(
        [IDGUARD, "doctor"], cwd=workspace, env=env(tmp_path), capture_output=True, text=True, timeout=300
    )
    failed = [line for line in doctor.stdout.splitlines() if line.startswith("FAIL")]
    assert doctor.returncode == 1 and [line.split(":")[0] for line in failed] == [f"FAIL  hook {assistant}"]
