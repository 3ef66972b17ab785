"""Walkthrough in a temporary repository: `idguard init`, an assistant's write of identity code denied
by the hook, `guard_change` over MCP producing tagged content, the same write (now tagged) allowed."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from idguard.server.mcp.app import build_server
from mcp import Client

pytestmark = pytest.mark.anyio

IDGUARD = str(Path(sys.executable).with_name("idguard"))
INVITES = """\
from datetime import datetime, timedelta, timezone

INVITE_TTL = timedelta(days=2)


def accept_invite(invite, user):
    if invite.used_at is not None or invite.expires_at < datetime.now(timezone.utc):
        raise PermissionError("invite expired or already used")
    if invite.email.lower() != user.email.lower():
        raise PermissionError("invite was sent to another address")
    invite.used_at = datetime.now(timezone.utc)
    user.roles.append(invite.role)
    user.save()
    invite.save()
"""


def claude_code_hook(repo: Path, tool_input: dict) -> subprocess.CompletedProcess:
    """Run the hook command exactly as `idguard init` configured it for Claude Code."""
    settings = json.loads((repo / ".claude" / "settings.json").read_text())
    (group,) = [g for g in settings["hooks"]["PreToolUse"] if g.get("matcher") == "Write|Edit|MultiEdit|Bash"]
    command = group["hooks"][0]["command"]
    payload = {
        "session_id": "walkthrough",
        "transcript_path": str(repo / "t.jsonl"),
        "cwd": str(repo),
        "permission_mode": "default",
        "hook_event_name": "PreToolUse",
        "tool_name": "Write",
        "tool_input": tool_input,
        "tool_use_id": "toolu_walk",
    }
    env = {"PATH": f"{Path(IDGUARD).parent}:/usr/bin:/bin", "HOME": str(repo.parent), "IDGUARD_HOOK_SERVER": "0"}
    return subprocess.run(
        ["bash", "-c", command],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        cwd=repo,
        env=env,
        timeout=60,
    )


async def test_init_deny_guard_change_allow(workspace: Path) -> None:
    init = subprocess.run(
        [IDGUARD, "init", "--profile", "standard"], cwd=workspace, capture_output=True, text=True, timeout=60
    )
    assert init.returncode == 0, init.stderr

    target = workspace / "app" / "invites.py"
    denied = claude_code_hook(workspace, {"file_path": str(target), "content": INVITES})
    assert denied.returncode == 0
    decision = json.loads(denied.stdout)["hookSpecificOutput"]
    assert decision["permissionDecision"] == "deny"
    assert "guard_change" in decision["permissionDecisionReason"]

    async with Client(build_server(workspace, workers=1)) as client:
        result = await client.call_tool(
            "guard_change", {"path": "app/invites.py", "content": INVITES, "intent": "accept single-use invites"}
        )
    guarded = result.structured_content
    assert guarded["verdict"] == "review"
    tagged = guarded["tagged_content"]
    assert f"idguard-review: {guarded['review_id']}" in tagged
    assert (workspace / ".idguard" / "reviews" / f"{guarded['review_id']}.json").is_file()

    allowed = claude_code_hook(workspace, {"file_path": str(target), "content": tagged})
    assert (allowed.returncode, allowed.stdout, allowed.stderr) == (0, "", "")

    # Anything but the reviewed content is denied again.
    edited = claude_code_hook(workspace, {"file_path": str(target), "content": tagged.replace("days=2", "days=30")})
    assert json.loads(edited.stdout)["hookSpecificOutput"]["permissionDecision"] == "deny"
