"""The hook denies by itself when it runs past its time limit (the IDE would let the write through)."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

IDGUARD = str(Path(sys.executable).with_name("idguard"))


def test_hook_past_its_time_limit_denies(workspace: Path):
    payload = {
        "hook_event_name": "PreToolUse",
        "tool_name": "Write",
        "tool_input": {"file_path": str(workspace / "auth" / "tokens.py"), "content": "import jwt\n" * 2000},
        "cwd": str(workspace),
    }
    proc = subprocess.run(
        [IDGUARD, "hook", "claude-code"],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        env=os.environ | {"IDGUARD_HOOK_TIMEOUT": "0.01"},
        timeout=60,
    )
    assert proc.returncode == 0
    answer = json.loads(proc.stdout)["hookSpecificOutput"]
    assert answer["permissionDecision"] == "deny"
    assert "IDGUARD_HOOK_TIMEOUT" in answer["permissionDecisionReason"]


def test_prompt_hook_past_its_time_limit_blocks(workspace: Path):
    payload = {"hook_event_name": "UserPromptSubmit", "prompt": "hello", "cwd": str(workspace)}
    proc = subprocess.run(
        [IDGUARD, "hook", "claude-code", "--event", "user-prompt-submit"],
        input=json.dumps(payload),
        capture_output=True,
        text=True,
        env=os.environ | {"IDGUARD_HOOK_TIMEOUT": "0.001"},
        timeout=60,
    )
    answer = json.loads(proc.stdout)
    assert answer["decision"] == "block" and answer["continue"] is False
