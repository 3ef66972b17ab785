"""`idguard hook ASSISTANT` for every assistant: its documented payloads fed to the real CLI in a real git
repository, answered in the JSON that assistant reads.

Payload shapes, from each assistant's documentation:
- Cursor, https://cursor.com/docs/agent/hooks: `hook_event_name`, `conversation_id`, `generation_id`,
  `workspace_roots`, and per event `command`/`cwd`, `tool_name`/`tool_input`, `file_path`/`content`,
  `file_path`/`edits`, `prompt`, `status`/`loop_count`; answers `permission` / `continue` / `followup_message`.
- Codex CLI, https://developers.openai.com/codex/hooks (and its generated schemas in codex-rs/hooks/schema):
  Claude Code's JSON with `model`, `permission_mode`, `turn_id`; `apply_patch` carries the patch in
  `tool_input.command`.
- Gemini CLI, https://geminicli.com/docs/hooks/reference: `BeforeTool` / `AfterTool` / `BeforeAgent` /
  `AfterAgent`, tools `write_file`, `replace`, `run_shell_command`; a deny is `{"decision": "deny", "reason"}`.
- VS Code, https://code.visualstudio.com/docs/copilot/customization/hooks: Claude Code's JSON with VS Code's
  tool names (`run_in_terminal`, earlier `runTerminalCommand`).
"""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from idguard.server.hook.shell import judge_shell

IDGUARD = str(Path(sys.executable).with_name("idguard"))
GRANT = "def grant_role(actor, user, role):\n    user.roles.add(role)\n    user.permissions.update(role.permissions)\n"
PLAIN = "def add(a, b):\n    return a + b\n"
APPROVE = "idguard review approve 3f2a9c"


def run(repo: Path, client: str, payload: dict | str) -> tuple[int, dict | None, str]:
    raw = payload if isinstance(payload, str) else json.dumps(payload)
    out = subprocess.run(
        [IDGUARD, "hook", client],
        input=raw,
        capture_output=True,
        text=True,
        cwd=repo,
        timeout=120,
        env={"PATH": "/usr/bin:/bin", "HOME": str(repo.parent), "IDGUARD_HOOK_SERVER": "0"},
    )
    return out.returncode, (json.loads(out.stdout) if out.stdout.strip() else None), out.stderr


# ---------------------------------------------------------------- each assistant's payloads


def cursor_base(repo: Path, event: str) -> dict:
    return {
        "hook_event_name": event,
        "conversation_id": "668320d2-2fd8-4888-b33c-2a466fec86e7",
        "generation_id": "490b90b7-a2ce-4c2c-bb76-cb77b125df2f",
        "model": "claude-4.5-sonnet",
        "cursor_version": "2.0.77",
        "workspace_roots": [str(repo)],
        "user_email": "dev@example.com",
    }


def cursor_write(repo: Path, name: str, content: str) -> dict:
    # Cursor reports a write after it happened: the file holds the new content.
    (repo / name).write_text(content)
    return {
        **cursor_base(repo, "afterFileEdit"),
        "file_path": str(repo / name),
        "edits": [{"old_string": "", "new_string": content}],
    }


def cursor_shell(repo: Path, command: str) -> dict:
    return {**cursor_base(repo, "beforeShellExecution"), "command": command, "cwd": str(repo)}


def codex_base(repo: Path, event: str) -> dict:
    return {
        "session_id": "019a4b2c-7d1e-7f30-9a8b-1c2d3e4f5a6b",
        "turn_id": "019a4b2c-turn-1",
        "transcript_path": None,
        "cwd": str(repo),
        "hook_event_name": event,
        "model": "gpt-5-codex",
        "permission_mode": "default",
    }


def codex_patch(repo: Path, patch: str) -> dict:
    return {
        **codex_base(repo, "PreToolUse"),
        "tool_name": "apply_patch",
        "tool_use_id": "call_apply_1",
        "tool_input": {"command": patch},
    }


def add_file_patch(name: str, content: str) -> str:
    return (
        "*** Begin Patch\n*** Add File: "
        + name
        + "\n"
        + "".join("+" + line + "\n" for line in content.splitlines())
        + "*** End Patch\n"
    )


def codex_write(repo: Path, name: str, content: str) -> dict:
    return codex_patch(repo, add_file_patch(name, content))


def codex_shell(repo: Path, command: str) -> dict:
    return {
        **codex_base(repo, "PreToolUse"),
        "tool_name": "Bash",
        "tool_use_id": "call_bash_1",
        "tool_input": {"command": command},
    }


def gemini_base(repo: Path, event: str) -> dict:
    return {
        "session_id": "b1c2d3e4-gemini",
        "transcript_path": str(repo.parent / "session.json"),
        "cwd": str(repo),
        "hook_event_name": event,
        "timestamp": "2026-12-02T20:00:00.000Z",
    }


def gemini_write(repo: Path, name: str, content: str) -> dict:
    return {
        **gemini_base(repo, "BeforeTool"),
        "tool_name": "write_file",
        "tool_input": {"file_path": str(repo / name), "content": content},
    }


def gemini_shell(repo: Path, command: str, event: str = "BeforeTool") -> dict:
    return {
        **gemini_base(repo, event),
        "tool_name": "run_shell_command",
        "tool_input": {"command": command, "description": "run it"},
    }


def vscode_base(repo: Path, tool: str, tool_input: dict) -> dict:
    return {
        "timestamp": "2026-12-02T20:00:00.000Z",
        "hook_event_name": "PreToolUse",
        "session_id": "vscode-1",
        "transcript_path": str(repo.parent / "t.json"),
        "cwd": str(repo),
        "tool_name": tool,
        "tool_input": tool_input,
        "tool_use_id": "call_vs_1",
    }


def vscode_write(repo: Path, name: str, content: str) -> dict:
    return vscode_base(repo, "create_file", {"filePath": str(repo / name), "content": content})


def vscode_shell(repo: Path, command: str) -> dict:
    return vscode_base(repo, "run_in_terminal", {"command": command, "explanation": "x", "isBackground": False})


def claude_write(repo: Path, name: str, content: str) -> dict:
    return {
        "session_id": "s",
        "transcript_path": "",
        "cwd": str(repo),
        "permission_mode": "default",
        "hook_event_name": "PreToolUse",
        "tool_name": "Write",
        "tool_use_id": "toolu_1",
        "tool_input": {"file_path": str(repo / name), "content": content},
    }


def claude_shell(repo: Path, command: str) -> dict:
    return {**claude_write(repo, "x", ""), "tool_name": "Bash", "tool_input": {"command": command}}


ASSISTANTS = {
    "claude-code": (claude_write, claude_shell),
    "vscode": (vscode_write, vscode_shell),
    "cursor": (cursor_write, cursor_shell),
    "codex": (codex_write, codex_shell),
    "gemini": (gemini_write, gemini_shell),
}


def deny_reason(client: str, answer: dict | None) -> str:
    """The reason of the assistant's documented deny; fails on anything else."""
    assert answer is not None, "expected a deny, got a silent allow"
    if client == "cursor":
        assert answer["permission"] == "deny" and answer["agent_message"] == answer["user_message"], answer
        return answer["agent_message"]
    if client == "gemini":
        assert answer["decision"] == "deny" and set(answer) == {"decision", "reason"}, answer
        return answer["reason"]
    specific = answer["hookSpecificOutput"]
    assert specific["hookEventName"] == "PreToolUse" and specific["permissionDecision"] == "deny", answer
    return specific["permissionDecisionReason"]


def allowed(client: str, answer: dict | None) -> bool:
    # Claude Code's format allows silently; Cursor and Gemini parse stdout as JSON, so an allow is {}.
    return answer == ({} if client in ("cursor", "gemini") else None)


@pytest.fixture
def repo(workspace: Path) -> Path:
    (workspace / "app.py").write_text(PLAIN)
    subprocess.run(["git", "add", "."], cwd=workspace, check=True)
    subprocess.run(["git", "commit", "-q", "-m", "start"], cwd=workspace, check=True)
    return workspace


# ---------------------------------------------------------------- the same four answers for every assistant


@pytest.mark.parametrize("client", sorted(ASSISTANTS))
def test_untagged_identity_write_is_denied_in_the_assistants_json(repo: Path, client: str) -> None:
    write, _ = ASSISTANTS[client]
    code, answer, _ = run(repo, client, write(repo, "roles.py", GRANT))
    assert code == 0
    reason = deny_reason(client, answer)
    assert "roles.py is identity-related" in reason and "guard_change" in reason
    # The decision is in the audit log under this assistant's name.
    audit = subprocess.run(
        [IDGUARD, "audit", "show", "--actor", f"hook:{client}", "--format", "json"],
        cwd=repo,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert audit.returncode == 0 and '"roles.py"' in audit.stdout and '"deny"' in audit.stdout, audit.stdout


@pytest.mark.parametrize("client", sorted(ASSISTANTS))
def test_ordinary_write_and_command_are_allowed(repo: Path, client: str) -> None:
    write, shell = ASSISTANTS[client]
    code, answer, _ = run(repo, client, write(repo, "maths.py", PLAIN))
    assert code == 0 and allowed(client, answer), answer
    for command in ("pytest -q tests", "ls -la .idguard 2>/dev/null && echo done"):
        code, answer, _ = run(repo, client, shell(repo, command))
        assert code == 0 and allowed(client, answer), (command, answer)


@pytest.mark.parametrize("client", sorted(ASSISTANTS))
def test_review_approve_through_the_shell_tool_is_denied(repo: Path, client: str) -> None:
    _, shell = ASSISTANTS[client]
    for command in (APPROVE, f"cd {repo} && {APPROVE}", "ls .idguard 2>.idguard/x"):
        code, answer, _ = run(repo, client, shell(repo, command))
        assert code == 0
        assert "human" in deny_reason(client, answer), command


@pytest.mark.parametrize("client", sorted(ASSISTANTS))
def test_malformed_payloads_are_denied(repo: Path, client: str) -> None:
    write, _ = ASSISTANTS[client]
    code, answer, _ = run(repo, client, "{not json")
    assert code == 0 and "denied to fail closed" in deny_reason(client, answer)
    broken = write(repo, "roles.py", GRANT)
    for key in ("tool_input", "file_path"):
        if key in broken:
            broken[key] = 42
    code, answer, _ = run(repo, client, broken)
    assert code == 0 and "denied to fail closed" in deny_reason(client, answer)


# ---------------------------------------------------------------- what differs per assistant


@pytest.mark.parametrize("tool", ["run_in_terminal", "runInTerminal", "runTerminalCommand", "copilot_runInTerminal"])
def test_every_vscode_terminal_tool_is_read_as_a_shell(repo: Path, tool: str) -> None:
    code, answer, _ = run(repo, "vscode", vscode_base(repo, tool, {"command": APPROVE}))
    assert code == 0 and "human" in deny_reason("vscode", answer)


def test_codex_apply_patch_is_applied_to_the_current_file_and_judged(repo: Path) -> None:
    (repo / "roles.py").write_text("def helper():\n    return 1\n")
    update = (
        "*** Begin Patch\n*** Update File: roles.py\n@@ def helper():\n-    return 1\n+    return 2\n"
        + "+\n+\n+"
        + GRANT.replace("\n", "\n+").rstrip("+")
        + "*** End Patch"
    )
    code, answer, _ = run(repo, "codex", codex_patch(repo, update))
    assert code == 0 and "roles.py is identity-related" in deny_reason("codex", answer)
    harmless = "*** Begin Patch\n*** Update File: app.py\n@@\n-    return a + b\n+    return b + a\n*** End Patch"
    assert run(repo, "codex", codex_patch(repo, harmless))[1] is None
    # Lines that are not in the file: Codex would fail the patch; idguard cannot judge it and denies.
    stale = "*** Begin Patch\n*** Update File: app.py\n@@\n-    return a - b\n+    return 0\n*** End Patch"
    reason = deny_reason("codex", run(repo, "codex", codex_patch(repo, stale))[1])
    assert "cannot be checked" in reason and "denied to fail closed" in reason
    assert "*** Begin Patch" not in reason  # the patch text (which may hold anything) is never echoed
    for bad in (
        "*** Update File: app.py\n-x\n+y\n",
        "*** Begin Patch\n*** Update File: missing.py\n-x\n+y\n*** End Patch",
    ):
        assert "denied to fail closed" in deny_reason("codex", run(repo, "codex", codex_patch(repo, bad))[1])


def test_codex_patch_deleting_identity_code_needs_a_deletion_review(repo: Path) -> None:
    (repo / "roles.py").write_text(GRANT)
    patch = "*** Begin Patch\n*** Delete File: roles.py\n*** End Patch"
    assert "deletion reviewed" in deny_reason("codex", run(repo, "codex", codex_patch(repo, patch))[1])
    moved = (
        "*** Begin Patch\n*** Update File: roles.py\n*** Move to: perms.py\n@@\n-    user.roles.add(role)\n"
        "+    user.roles.add(role)  # moved\n*** End Patch"
    )
    assert "deletion reviewed" in deny_reason("codex", run(repo, "codex", codex_patch(repo, moved))[1])


def test_codex_stop_and_prompt_use_claude_codes_answers(repo: Path, secrets_now: dict[str, str]) -> None:
    (repo / "roles.py").write_text(GRANT)
    stop = {**codex_base(repo, "Stop"), "stop_hook_active": False, "last_assistant_message": "done"}
    code, answer, _ = run(repo, "codex", stop)
    assert code == 0 and answer["decision"] == "block" and "roles.py" in answer["reason"]
    prompt = {**codex_base(repo, "UserPromptSubmit"), "prompt": f"use {secrets_now['github_token']}"}
    answer = run(repo, "codex", prompt)[1]
    assert answer["decision"] == "block" and secrets_now["github_token"] not in json.dumps(answer)


def test_gemini_replace_and_shell_effects_and_agent_events(repo: Path, secrets_now: dict[str, str]) -> None:
    (repo / "roles.py").write_text("ROLE = 'viewer'\n")
    replace = {
        **gemini_base(repo, "BeforeTool"),
        "tool_name": "replace",
        "tool_input": {
            "file_path": str(repo / "roles.py"),
            "old_string": "ROLE = 'viewer'\n",
            "new_string": "ROLE = 'viewer'\n\n\n" + GRANT,
        },
    }
    assert "identity-related" in deny_reason("gemini", run(repo, "gemini", replace)[1])
    miscount = {**replace, "tool_input": {**replace["tool_input"], "expected_replacements": 2}}
    assert "denied to fail closed" in deny_reason("gemini", run(repo, "gemini", miscount)[1])
    # A shell command that writes identity code: allowed before, reported after (AfterTool, same command).
    # Gemini sends no call id: the command keys the snapshot, so a file that was already there is not blamed.
    (repo / "legacy_perms.py").write_text(GRANT)
    command = "cat > perms.py <<'EOF'\n" + GRANT + "EOF"
    assert run(repo, "gemini", gemini_shell(repo, command))[1] == {}
    (repo / "perms.py").write_text(GRANT)
    answer = run(
        repo,
        "gemini",
        {**gemini_shell(repo, command, "AfterTool"), "tool_response": {"llmContent": "", "returnDisplay": ""}},
    )[1]
    reason = deny_reason("gemini", answer)
    assert "wrote perms.py outside the Write/Edit tools" in reason and "legacy_perms.py" not in reason
    (repo / "legacy_perms.py").unlink()
    prompt = {**gemini_base(repo, "BeforeAgent"), "prompt": f"deploy with {secrets_now['aws_access_key_id']}"}
    assert "credential" in deny_reason("gemini", run(repo, "gemini", prompt)[1])
    after = {**gemini_base(repo, "AfterAgent"), "prompt": "x", "prompt_response": "done", "stop_hook_active": False}
    assert "perms.py" in deny_reason("gemini", run(repo, "gemini", after)[1])


def test_cursor_reads_prompts_files_mcp_and_stop(repo: Path, secrets_now: dict[str, str]) -> None:
    token = secrets_now["github_token"]
    prompt = {**cursor_base(repo, "beforeSubmitPrompt"), "prompt": f"push with {token}", "attachments": []}
    answer = run(repo, "cursor", prompt)[1]
    assert answer["continue"] is False and "credential" in answer["user_message"] and token not in json.dumps(answer)
    assert run(repo, "cursor", {**prompt, "prompt": "add a test"})[1] == {"continue": True}
    read = {
        **cursor_base(repo, "beforeReadFile"),
        "file_path": str(repo / ".env"),
        "content": f"TOKEN={token}\n",
        "attachments": [],
    }
    answer = run(repo, "cursor", read)[1]
    assert "credential" in deny_reason("cursor", answer) and token not in json.dumps(answer)
    assert run(repo, "cursor", {**read, "content": PLAIN})[1] == {}
    mcp = {
        **cursor_base(repo, "beforeMCPExecution"),
        "tool_name": "write_file",
        "command": "npx server-filesystem",
        "tool_input": json.dumps({"path": str(repo / "roles.py"), "content": GRANT}),
    }
    assert "identity-related" in deny_reason("cursor", run(repo, "cursor", mcp)[1])
    garbled = {**mcp, "tool_input": '{"path": "roles.py", "content": '}
    assert "denied to fail closed" in deny_reason("cursor", run(repo, "cursor", garbled)[1])
    other = {**mcp, "tool_name": "search_issues", "tool_input": json.dumps({"query": "is:open"})}
    assert run(repo, "cursor", other)[1] == {}
    # A write already made leaves untagged identity code: stop sends the agent a follow-up, once.
    (repo / "roles.py").write_text(GRANT)
    stop = {**cursor_base(repo, "stop"), "status": "completed", "loop_count": 0}
    assert "roles.py" in run(repo, "cursor", stop)[1]["followup_message"]
    assert run(repo, "cursor", {**stop, "loop_count": 1})[1] == {}
    assert run(repo, "cursor", {**stop, "status": "aborted"})[1] == {}  # the user stopped it: no follow-up
    # Without `content` the file itself is scanned, binary or not.
    (repo / "blob.bin").write_bytes(b"\x00\x01" + f"key={token}".encode())
    read = {**cursor_base(repo, "beforeReadFile"), "file_path": str(repo / "blob.bin")}
    assert "credential" in deny_reason("cursor", run(repo, "cursor", read)[1])
    (repo / "logo.png").write_bytes(b"\x89PNG\r\n\x1a\n\x00\x00")
    assert run(repo, "cursor", {**read, "file_path": str(repo / "logo.png")})[1] == {}


# ---------------------------------------------------------------- shell redirections


def test_redirections_to_dev_null_read_and_real_writes_are_denied() -> None:
    for command in (
        "ls -la .idguard 2>/dev/null && echo done",
        "cat .idguard/policy.toml >/dev/null 2>&1",
        "ls .idguard &>/dev/null",
        "grep -r x .idguard 2>&1 | head",
    ):
        assert judge_shell(command) is None, command
    for command in (
        "ls -la .idguard > .idguard/x",
        "echo x | tee .idguard/x",
        "ls .idguard 2>.idguard/x",
        "ls .idguard >/dev/null; echo y >> .idguard/policy.toml",
        "cat a >& .idguard/b",
    ):
        assert judge_shell(command) is not None, command
